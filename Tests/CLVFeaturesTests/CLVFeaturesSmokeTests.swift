import Testing
@testable import CLVFeatures

@Suite struct CLVFeaturesSmokeTests {
  @Test func moduleLinks() { #expect("\(CLVFeatures.self)" == "CLVFeatures") }
}
