import Testing
@testable import CLVData

@Suite struct CLVDataSmokeTests {
  @Test func moduleLinks() { #expect("\(CLVData.self)" == "CLVData") }
}
