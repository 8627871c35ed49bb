import ArgumentParser
import Foundation
import Testing

@testable import CLVPipeline

@Suite struct ConfigFileTests {
  static func write(_ text: String) -> String {
    let path = PipelineFixture.temporaryDirectory("config") + "/clv.toml"
    try? text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// The settings of a config file and command-line arguments, as `clv report` gets them.
  static func settings(_ toml: String, _ flags: [String] = []) throws -> RunSettings {
    let path = write(toml)
    let args = try ConfigFile.expanding(["report", "--config", path] + flags)
    return try RunSettings.parse(Array(args.dropFirst()).filter { !$0.hasPrefix("--config") && $0 != path })
  }

  /// The reason of a config error, or nil when `body` does not throw one for `path`.
  static func configError(_ path: String, _ body: () throws -> Void) -> String? {
    do {
      try body()
    } catch PipelineError.configUnreadable(let p, let reason) where p == path {
      return reason
    } catch {
      return nil
    }
    return nil
  }

  @Test func theFirstConfigFormatIsStillRead() throws {
    // The README's example before per-file sections, with the [columns] section.
    let o = try Self.settings(
      """
      transactions = "data/orders.csv"
      horizon = "26w"
      seed = 7
      gates = ["norm_gini>=0.6", "warn:decile_mape<=0.3"]
      mlp_hidden = [16, 8]
      as_of = 2026-10-01
      [columns]
      customer = "client"
      date = "day"
      date_format = "%d/%m/%Y"
      """)
    #expect(o.inputs.transactions == "data/orders.csv")
    #expect(o.horizon.description == "26w" && o.seed == 7 && o.mlpHidden.widths == [16, 8])
    #expect(o.gate.map(\.expression) == ["norm_gini>=0.6", "warn:decile_mape<=0.3"])
    #expect(o.inputs.asOf?.iso == "2026-10-01")
    #expect(o.inputs.customerColumn == "client" && o.inputs.dateColumn == "day" && o.inputs.dateFormat == "%d/%m/%Y")
    #expect(o.inputs.amountColumn == nil)  // untouched keys keep their defaults (nil: amount or a recognised name)
  }

  @Test func theREADMEsExampleConfigIsValid() throws {
    let readme = PipelineFixture.read(PipelineFixture.packageRoot + "/README.md")
    let start = try #require(readme.range(of: "```toml\n"))
    let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
    let o = try Self.settings(String(readme[start.upperBound..<end.lowerBound]))
    let r = o.inputs.resolved()
    #expect(r.transactions.path == "data/orders.csv" && r.transactions.read.dateFormat == "%d/%m/%Y")
    #expect(r.customers?.read.customerColumn == "id" && r.transactions.read.customerColumn == "client")
  }

  @Test func flagsWinOverTheFile() throws {
    let o = try Self.settings(
      """
      horizon = "26w"
      gates = ["norm_gini>=0.6"]
      rolling_origins = false
      models = ["baseline", "bgnbd"]
      """, ["--horizon", "13w", "--gate", "decile_mape<=0.3", "--rolling-origins"])
    #expect(o.horizon.description == "13w")
    #expect(o.gate.map(\.expression) == ["decile_mape<=0.3"])  // not both lists
    #expect(o.rollingOrigins)
    #expect(o.models == ["baseline", "bgnbd"])
    #expect(try Self.settings("rolling_origins = false").rollingOrigins == false)
  }

  @Test func perFileSectionsAndTheGlobalDefaults() throws {
    let o = try Self.settings(
      """
      customer_column = "client"
      date_format = "%Y-%m-%d"
      max_bad_rows = "2%"
      [transactions]
      path = "orders.csv"
      [customers]
      path = "crm.csv"
      customer_column = "id"
      date_format = "%d/%m/%Y"
      date_column = "created"
      delimiter = ";"
      decimal = ","
      encoding = "latin-1"
      max_bad_rows = 0.05
      """, ["--events", "ga4.csv", "--events-customer-column", "user_pseudo_id", "--events-date-format", "%Y%m%d"])
    let r = o.inputs.resolved()
    let t = r.transactions.read
    #expect(r.transactions.path == "orders.csv" && t.customerColumn == "client")
    #expect(t.dateFormat == "%Y-%m-%d" && t.maxBadRowFraction == 0.02 && t.dateColumn == nil)
    let c = try #require(r.customers)
    #expect(c.path == "crm.csv" && c.read.customerColumn == "id" && c.read.dateFormat == "%d/%m/%Y")
    #expect(c.read.dateColumn == "created" && c.read.maxBadRowFraction == 0.05)
    #expect(c.read.delimiter == .semicolon && c.read.decimal == .comma && c.read.encoding == .latin1)
    let e = try #require(r.events)
    #expect(e.path == "ga4.csv" && e.read.customerColumn == "user_pseudo_id" && e.read.dateFormat == "%Y%m%d")
    #expect(e.read.delimiter == nil && e.read.maxBadRowFraction == 0.02)
    // The effective settings in metrics.json, under the config keys.
    guard case .object(let recorded) = o.recorded, case .object(let customers)? = recorded["customers"] else {
      Issue.record("no customers section in \(o.recorded)")
      return
    }
    #expect(customers["path"] == .string("crm.csv") && customers["date_format"] == .string("%d/%m/%Y"))
    #expect(recorded["customer_column"] == .string("client") && recorded["horizon"] == .string("365d"))
  }

  @Test func aNamedTransactionLogNeverBringsTheSamplesOtherFiles() throws {
    for toml in ["transactions = \"orders.csv\"", "[transactions]\npath = \"orders.csv\""] {
      let r = try Self.settings(toml).inputs.resolved()
      #expect(r.transactions.path == "orders.csv" && r.customers == nil && r.events == nil)
    }
    let r = try RunSettings.parse(["--transactions", "orders.csv"]).inputs.resolved()
    #expect(r.customers == nil && r.events == nil)
    let sample = try RunSettings.parse([]).inputs.resolved()
    #expect(
      sample.files.map(\.path) == [
        InputSettings.sampleTransactions, InputSettings.sampleCustomers, InputSettings.sampleEvents,
      ])
  }

  @Test(arguments: [
    ("horizn = \"26w\"", "unknown key 'horizn'; did you mean 'horizon'?"),
    (
      "[customers]\ncustmer_column = \"id\"",
      "unknown key 'customers.custmer_column'; did you mean 'customers.customer_column'?"
    ),
    ("[columns]\ncustomr = \"id\"", "unknown key 'columns.customr'; did you mean 'columns.customer'?"),
    ("[shop]\nname = \"x\"", "unknown key 'shop'"),
    ("margin = 0", "margin: "),
    ("margin = \"lots\"", "margin: "),
    ("out = \"\"", "out: "),
    ("rolling_origins = \"yes\"", "rolling_origins: expected true or false"),
    ("horizon = \"26", "line 1"),  // not TOML at all
  ])
  func aBadFileNamesItselfTheKeyAndTheFix(_ toml: String, _ expected: String) throws {
    let path = Self.write(toml)
    let reason = Self.configError(path) { _ = try ConfigFile.arguments(path: path) }
    #expect(reason?.contains(expected) == true, "\(reason ?? "no config error")")
    #expect(throws: PipelineError.self) { try ConfigFile.arguments(path: "/nonexistent/clv.toml") }
  }

  @Test func everyConfigKeyStandsForAnOptionTheParserKnows() throws {
    #expect(DeclaredOption.declared.count >= 45)
    for o in DeclaredOption.declared {
      do {
        _ = try RunSettings.parse(["--" + o.flag])
      } catch {
        let message = RunSettings.message(for: error)
        #expect(!message.contains("Unknown option"), "--\(o.flag) (from \(o.property)): \(message)")
      }
    }
    #expect(ConfigFile.keys["customers.date_format"]?.flag == "customers-date-format")
    #expect(ConfigFile.keys["events.path"]?.flag == "events")
    #expect(ConfigFile.keys["mlp_epochs"]?.flag == "mlp-epochs")
  }
}

@Suite struct RunSettingsValidationTests {
  @Test(arguments: [
    ["--mlp-epochs", "0"], ["--margin", "0"], ["--discount-rate=-0.1"], ["--mlp-hidden", "8,,4"],
    ["--mlp-epochs", "10001"], ["--mlp-hidden", "4097"], ["--mlp-hidden", "8,8,8,8,8,8,8,8,8"],
    ["--segments", "0"], ["--importance-repeats", "0"], ["--out", ""], ["--horizon", "5q"],
    ["--split", "0.5/0.5"], ["--gate", "gini>>1"], ["--max-bad-rows", "150%"],
    ["--as-of", "2026-02-30"], ["--date-format", "%Q"], ["--customers-delimiter", ";;"], ["--decimal", "x"],
    ["--events-encoding", "ebcdic"],
  ])
  func badValuesAreUsageErrorsNamingTheFlag(_ args: [String]) {
    let flag = args[0].split(separator: "=")[0]
    #expect {
      _ = try RunSettings.parse(args)
    } throws: { error in
      RunSettings.exitCode(for: error) == .validationFailure && RunSettings.message(for: error).contains(flag)
    }
  }

  @Test func theHelpStatesEveryDefault() {
    let lines = RunSettings.helpMessage(columns: 10_000).split(separator: "\n")
    for o in DeclaredOption.declared where !o.isInvertibleFlag {
      guard let text = o.text, !text.isEmpty, o.json != .array([]) else { continue }
      // The help follows the flag, on its line or (for a long flag) the next one.
      let i = lines.firstIndex { $0.hasPrefix("  --\(o.flag) ") } ?? lines.endIndex
      let line = lines[i..<min(i + 2, lines.endIndex)].joined(separator: " ")
      #expect(line.contains("(default: \(text))"), "--\(o.flag): no '(default: \(text))' in '\(line)'")
    }
  }

  @Test func theLastValueOfAFlagWins() throws {
    let o = try RunSettings.parse([
      "--horizon", "26w", "--horizon", "13w", "--transactions", "a.csv", "--transactions", "b.csv",
    ])
    #expect(o.horizon.description == "13w" && o.inputs.transactions == "b.csv")
  }
}
