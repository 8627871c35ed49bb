import Foundation
import Testing
@testable import CLVPipeline

@Suite struct ConfigFileTests {
  static func write(_ text: String) -> String {
    let path = PipelineFixture.temporaryDirectory("config") + "/clv.toml"
    try? text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func settingsFromTheFileOverrideTheDefaults() throws {
    let path = Self.write("""
      transactions = "data/orders.csv"
      horizon = "26w"
      seed = 7
      gates = ["norm_gini>=0.6", "warn:decile_mape<=0.3"]
      mlp_hidden = [16, 8]
      [columns]
      customer = "client"
      date = "day"
      date_format = "%d/%m/%Y"
      """)
    let o = try ConfigFile.load(path: path).applied(to: RunOptions())
    #expect(o.transactions == "data/orders.csv")
    #expect(o.horizon == "26w" && o.seed == 7 && o.mlpHidden == [16, 8])
    #expect(o.gates == ["norm_gini>=0.6", "warn:decile_mape<=0.3"])
    #expect(o.customerColumn == "client" && o.dateColumn == "day" && o.dateFormat == "%d/%m/%Y")
    #expect(o.amountColumn == "amount")  // untouched keys keep their defaults
  }

  @Test func aBadFileNamesItselfAndTheProblem() {
    let path = Self.write("horizon = 26\n")  // a number where text is expected
    #expect {
      try ConfigFile.load(path: path)
    } throws: { error in
      guard case .configUnreadable(let p, _) = error as? PipelineError else { return false }
      return p == path
    }
    #expect(throws: PipelineError.self) { try ConfigFile.load(path: "/nonexistent/clv.toml") }
  }
}

@Suite struct RunOptionsValidationTests {
  @Test(arguments: ["mlp-epochs", "margin", "discount-rate", "mlp-hidden", "segments", "importance-repeats"])
  func badNumbersAreUsageErrorsNotCrashes(_ option: String) {
    var o = RunOptions()
    switch option {
    case "mlp-epochs": o.mlpEpochs = 0
    case "margin": o.margin = 0
    case "discount-rate": o.discountRate = -0.1
    case "mlp-hidden": o.mlpHidden = []
    case "segments": o.segments = 0
    default: o.importanceRepeats = 0
    }
    #expect {
      try o.validate()
    } throws: { error in
      guard case .invalidOption(let name, _, _) = error as? PipelineError else { return false }
      return name == option
    }
  }

  @Test func defaultsAreValid() throws {
    try RunOptions().validate()
  }
}
