import Testing
@testable import CLVModels

@Suite struct CLVModelsSmokeTests {
  @Test func moduleLinks() { #expect("\(CLVModels.self)" == "CLVModels") }
}
