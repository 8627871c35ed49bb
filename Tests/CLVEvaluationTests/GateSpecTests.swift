import Testing

@testable import CLVEvaluation

@Suite struct GateSpecTests {
  @Test func parsesValidExpressions() throws {
    let g = try GateSpec.parse("norm_gini>=0.6")
    #expect(g == GateSpec(metric: .normGini, comparison: .atLeast, threshold: 0.6, severity: .fail))
    #expect(g.expression == "norm_gini>=0.6")
    let w = try GateSpec.parse("  warn: decile_mape <= 0.25 ")
    #expect(w == GateSpec(metric: .decileMAPE, comparison: .atMost, threshold: 0.25, severity: .warn))
    #expect(w.expression == "warn:decile_mape<=0.25")
    #expect(try GateSpec.parse("total_ratio>0.8").comparison == .greaterThan)
    #expect(try GateSpec.parse("fail:rmse<120").comparison == .lessThan)
    #expect(try GateSpec.parse("R2>=-0.5").threshold == -0.5)
  }

  @Test func rejectsBadExpressionsWithUsefulMessages() {
    func error(_ s: String) -> GateParseError? {
      do { _ = try GateSpec.parse(s); return nil } catch { return error }
    }
    #expect(error("") == .empty)
    #expect(error("norm_gini=0.6") == .missingOperator(expression: "norm_gini=0.6"))
    #expect(error("norm_gini>=abc") == .badThreshold(expression: "norm_gini>=abc", threshold: "abc"))
    #expect(error("norm_gini>=nan") == .badThreshold(expression: "norm_gini>=nan", threshold: "nan"))
    #expect(error("info:norm_gini>=0.6") == .unknownSeverity(expression: "info:norm_gini>=0.6", severity: "info"))
    let unknown = error("gini>=0.6")
    #expect(unknown == .unknownMetric(expression: "gini>=0.6", metric: "gini"))
    let message = unknown?.description ?? ""
    #expect(message.contains("'gini>=0.6'") && message.contains("norm_gini") && message.contains("decile_mape"))
  }
}
