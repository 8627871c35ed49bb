import ArgumentParser
import Foundation
import TOMLKit

/// The `--config clv.toml` file: the options of ``RunSettings`` under their config keys
/// (snake case), per-file settings in a section per file, every key optional. The file is
/// translated into the same options the command line takes (`horizon = "26w"` becomes
/// `--horizon=26w`), so one parser checks both; flags given on the command line win over
/// the file, and a per-file setting wins over the global one wherever it comes from.
///
/// ```toml
/// horizon = "26w"
/// customer_column = "client"
/// gates = ["norm_gini>=0.6", "decile_mape<=0.25"]
/// [transactions]
/// path = "data/orders.csv"
/// date_format = "%d/%m/%Y"
/// [customers]
/// path = "data/crm.csv"
/// customer_column = "id"
/// ```
///
/// A file's path is the top-level key (`transactions = "data/orders.csv"`) or, when the file
/// has a section, its `path` key (TOML does not allow both). A key the options do not know
/// is an error naming the file, the key and the nearest known key.
package enum ConfigFile {
  /// Config keys of older files and of names that differ from the flag, with the flag
  /// they stand for. The `[columns]` section is the first config format's.
  static let aliases: [String: String] = [
    "gates": "gate",
    "columns.customer": "customer-column", "columns.date": "date-column", "columns.amount": "amount-column",
    "columns.order": "order-column", "columns.date_format": "date-format", "columns.signup": "signup-column",
    "columns.event_time": "timestamp-column", "columns.event_type": "event-type-column",
    "transactions.date_column": "date-column", "customers.date_column": "signup-column",
    "events.date_column": "timestamp-column",
    "transactions.amount_column": "amount-column", "transactions.order_column": "order-column",
    "customers.signup_column": "signup-column", "events.timestamp_column": "timestamp-column",
    "events.event_type_column": "event-type-column",
  ]

  /// Sections that are not a file's.
  static let otherSections: Set<String> = ["columns"]

  /// Every key a config file may hold (with its section, `customers.date_format`) and the
  /// option it sets.
  static let keys: [String: DeclaredOption] = {
    var byFlag = [String: DeclaredOption]()
    for o in DeclaredOption.declared { byFlag[o.flag] = o }
    var keys = [String: DeclaredOption]()
    for o in DeclaredOption.declared { keys[o.configPath] = o }
    for file in InputFile.allCases { keys["\(file.rawValue).path"] = byFlag[file.rawValue] }
    for (key, flag) in aliases {
      guard let o = byFlag[flag] else { preconditionFailure("config alias \(key) names no option --\(flag)") }
      keys[key] = o
    }
    return keys
  }()

  /// The command-line arguments that stand for the settings of the TOML file at `path`,
  /// one or more per key.
  /// - Throws: ``PipelineError/configUnreadable(path:reason:)`` for a file that cannot be
  ///   read or parsed, an unknown key (with a did-you-mean) or a value the option rejects.
  package static func arguments(path: String) throws -> [String] {
    let text: String
    guard FileManager.default.fileExists(atPath: path) else { throw PipelineError.configNotFound(path: path) }
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw PipelineError.configUnreadable(path: path, reason: "cannot read the file (\(error.localizedDescription))")
    }
    return try arguments(toml: text, path: path).flatMap(\.arguments)
  }

  /// The arguments of each key of a config text, in key order.
  static func arguments(
    toml text: String, path: String
  ) throws
    -> [(key: String, option: DeclaredOption, arguments: [String])]
  {
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch {
      throw PipelineError.configUnreadable(path: path, reason: "\(error)")
    }
    var entries = [(key: String, value: any TOMLValueConvertible)]()
    for key in table.keys.sorted() {
      guard let value = table[key] else { continue }
      if let section = value.table, InputFile(rawValue: key) != nil || otherSections.contains(key) {
        for inner in section.keys.sorted() {
          if let v = section[inner] { entries.append(("\(key).\(inner)", v)) }
        }
      } else {
        entries.append((key, value))
      }
    }
    var out = [(key: String, option: DeclaredOption, arguments: [String])]()
    for (key, value) in entries {
      guard let option = keys[key] else {
        let hint =
          suggestion(for: key).map { "; did you mean '\($0)'?" } ?? "; see 'clv report --help' for the settings"
        throw PipelineError.configUnreadable(path: path, reason: "unknown key '\(key)'\(hint)")
      }
      let args = try arguments(option: option, value: value, key: key, path: path)
      do {
        _ = try RunSettings.parse(args)
      } catch {
        throw PipelineError.configUnreadable(path: path, reason: "\(key): \(RunSettings.message(for: error))")
      }
      out.append((key, option, args))
    }
    return out
  }

  /// The `--flag=value` arguments of one key.
  static func arguments(
    option: DeclaredOption, value: any TOMLValueConvertible, key: String, path: String
  ) throws -> [String] {
    let flag = "--" + option.flag
    if option.isInvertibleFlag {
      guard let b = value.bool else {
        throw PipelineError.configUnreadable(path: path, reason: "\(key): expected true or false")
      }
      return [b ? flag : "--no-" + option.flag]
    }
    if let array = value.array {
      let texts = try array.map { try scalar($0, key: key, path: path) }
      if option.isRepeatable { return texts.map { flag + "=" + $0 } }
      return [flag + "=" + texts.joined(separator: ",")]
    }
    return [flag + "=" + (try scalar(value, key: key, path: path))]
  }

  /// A TOML string, number, boolean or date as option text.
  static func scalar(_ value: any TOMLValueConvertible, key: String, path: String) throws -> String {
    if let s = value.string { return s }
    if let i = value.int { return String(i) }
    if let d = value.double { return "\(d)" }
    if let b = value.bool { return b ? "true" : "false" }
    if let d = value.date { return String(format: "%04d-%02d-%02d", d.year, d.month, d.day) }
    throw PipelineError.configUnreadable(path: path, reason: "\(key): expected a string, a number or a date")
  }

  /// The known key nearest to `key` (edit distance at most a third of its length, ≥ 2);
  /// a key in the wrong section (`[customers] horizon`) is matched by its last part, one
  /// edit further.
  static func suggestion(for key: String) -> String? {
    let bare = key.split(separator: ".").last.map(String.init) ?? key
    var best: (String, Int)?
    for known in keys.keys {
      let d = min(editDistance(key, known), editDistance(bare, known) + 1)
      if d <= max(2, key.count / 3), best.map({ d < $0.1 || (d == $0.1 && known < $0.0) }) ?? true { best = (known, d) }
    }
    return best?.0
  }

  /// Levenshtein distance.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + [Int](repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }

  /// `commandLine` (the arguments after the executable's name) with the settings of the file
  /// named by `--config` put before the user's own, leaving out every option the user
  /// gives (flags win). Arguments without `--config`, or of another subcommand than one of
  /// `subcommands`, come back unchanged.
  package static func expanding(
    _ commandLine: [String], subcommands: Set<String> = ["report", "features"]
  ) throws -> [String] {
    guard let command = commandLine.first, subcommands.contains(command) else { return commandLine }
    let own = Array(commandLine.dropFirst().prefix { $0 != "--" })
    var path: String?
    for (i, a) in own.enumerated() {
      if a == "--config", i + 1 < own.count { path = own[i + 1] }
      if a.hasPrefix("--config=") { path = String(a.dropFirst("--config=".count)) }
    }
    guard let path else { return commandLine }
    var given = Set<String>()
    let flags = Set(DeclaredOption.declared.map(\.flag))
    for a in own where a.hasPrefix("--") {
      var name = String(a.dropFirst(2).prefix { $0 != "=" })
      if name.hasPrefix("no-"), !flags.contains(name), flags.contains(String(name.dropFirst(3))) {
        name = String(name.dropFirst(3))
      }
      given.insert(name)
    }
    let fromFile = try arguments(path: path).filter { a in
      let name = String(a.dropFirst(2).prefix { $0 != "=" })
      let flag = name.hasPrefix("no-") && !flags.contains(name) ? String(name.dropFirst(3)) : name
      return !given.contains(flag)
    }
    return [command] + fromFile + commandLine.dropFirst()
  }
}
