import Testing
@testable import CLVReport

@Suite struct CLVReportSmokeTests {
  @Test func moduleLinks() { #expect("\(CLVReport.self)" == "CLVReport") }
}
