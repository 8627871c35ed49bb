import Testing
@testable import CLVEvaluation

@Suite struct CLVEvaluationSmokeTests {
  @Test func moduleLinks() { #expect("\(CLVEvaluation.self)" == "CLVEvaluation") }
}
