import CLVData
import CLVEvaluation
import CLVFeatures
import Foundation

/// A setting's value that does not parse: says what is expected. The argument parser
/// prints it after the option's name (`The value '0' is invalid for '--margin <margin>':
/// expected …`), for a flag and a config key alike.
package struct SettingValueError: Error, CustomStringConvertible {
  /// What the option accepts.
  package var expected: String
  package var description: String { "expected \(expected)" }
}

/// A tolerated share of bad rows: `1%` or `0.01`, kept with the text it was written as.
package struct BadRowShare: Sendable, Equatable, CustomStringConvertible {
  /// The share in [0, 1].
  package var fraction: Double
  /// As written (recorded in `metrics.json`).
  package var text: String
  package var description: String { text }
}

/// Hidden layer widths of the neural models, written `64,32`.
package struct LayerWidths: Sendable, Equatable, CustomStringConvertible {
  package var widths: [Int]
  package var description: String { widths.map(String.init).joined(separator: ",") }
}

/// The parsing and validation of option values, shared by the declarations in
/// ``RunSettings`` and ``InputSettings`` (each throws ``SettingValueError`` or the value
/// type's own typed error).
enum SettingParsers {
  static func nonEmpty(_ text: String) throws -> String {
    guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw SettingValueError(expected: "a non-empty value")
    }
    return text
  }

  /// A number `ok` accepts (a non-number, NaN included, never is).
  static func number<T: LosslessStringConvertible>(
    where ok: @escaping @Sendable (T) -> Bool, expected: String
  ) -> @Sendable (String) throws -> T {
    { text in
      guard let v = T(text.trimmingCharacters(in: .whitespaces)), ok(v) else {
        throw SettingValueError(expected: expected)
      }
      return v
    }
  }

  static func int(in range: ClosedRange<Int>, expected: String) -> @Sendable (String) throws -> Int {
    number(where: { range.contains($0) }, expected: expected)
  }

  /// `1%` or `0.01` → 0.01 (0 to 100%).
  static func share(_ text: String) throws -> BadRowShare {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.hasSuffix("%"), let p = Double(t.dropLast()), p >= 0, p <= 100 {
      return BadRowShare(fraction: p / 100, text: text)
    }
    if let f = Double(t), f >= 0, f <= 1 { return BadRowShare(fraction: f, text: text) }
    throw SettingValueError(expected: "a share such as 1% or 0.01 (0 to 100%)")
  }

  static func layers(_ text: String) throws -> LayerWidths {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    let widths = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    // At most 8 layers of at most 4,096: the network (and so a training epoch) stays bounded.
    guard !widths.isEmpty, widths.count == parts.count, widths.count <= 8, widths.allSatisfy({ $0 >= 1 && $0 <= 4096 })
    else {
      throw SettingValueError(expected: "1 to 8 layer widths from 1 to 4096 separated by commas, e.g. 64,32")
    }
    return LayerWidths(widths: widths)
  }

  static func horizon(_ text: String) throws -> Horizon { try Horizon(parsing: text) }

  static func split(_ text: String) throws -> String {
    _ = try SplitAssigner(parsing: text, seed: 0)
    return text
  }

  /// `2024-04-04=61234,2024-01-04=60001`: a count per origin date → [day: count].
  static func originCounts(_ text: String) throws -> [Int32: Int] {
    var counts = [Int32: Int]()
    for item in text.split(separator: ",") {
      let pair = item.split(separator: "=", omittingEmptySubsequences: false)
      guard pair.count == 2, let d = CivilDate(iso: pair[0].trimmingCharacters(in: .whitespaces)),
        let n = Int(pair[1].trimmingCharacters(in: .whitespaces)), n >= 0, counts[Int32(d.day)] == nil
      else { throw SettingValueError(expected: "origin counts written yyyy-MM-dd=N, comma-separated, each date once") }
      counts[Int32(d.day)] = n
    }
    guard !counts.isEmpty else { throw SettingValueError(expected: "at least one yyyy-MM-dd=N") }
    return counts
  }

  /// `--training-rows-available`: kept as written once ``originCounts(_:)`` reads it.
  static func originCountsText(_ text: String) throws -> String {
    _ = try originCounts(text)
    return text
  }

  static func date(_ text: String) throws -> CivilDate {
    guard let d = CivilDate(iso: text.trimmingCharacters(in: .whitespaces)) else {
      throw SettingValueError(expected: "a date yyyy-MM-dd")
    }
    return d
  }

  static func dateFormat(_ text: String) throws -> String {
    do {
      _ = try DayParser(format: text)
    } catch {
      throw SettingValueError(expected: "a strftime-style format such as %d/%m/%Y (\(error))")
    }
    return text
  }

  static func gate(_ text: String) throws -> GateSpec {
    do {
      return try GateSpec.parse(text)
    } catch {
      throw SettingValueError(
        expected: "a gate written as metric operator number, e.g. \"norm_gini>=0.6\" "
          + "(prefix warn: for a warning only): \(error)")
    }
  }

  static func delimiter(_ text: String) throws -> Delimiter {
    guard let d = Delimiter(setting: text) else { throw SettingValueError(expected: Delimiter.settingValues) }
    return d
  }

  static func decimal(_ text: String) throws -> DecimalMark {
    guard let d = DecimalMark(setting: text) else { throw SettingValueError(expected: DecimalMark.settingValues) }
    return d
  }

  static func encoding(_ text: String) throws -> TextEncoding {
    guard let e = TextEncoding(setting: text) else { throw SettingValueError(expected: TextEncoding.settingValues) }
    return e
  }

  /// Preset names (comma-separated allowed), each one of ``PlatformPreset``.
  static func preset(_ text: String) throws -> String {
    for name in text.split(separator: ",") {
      let n = name.trimmingCharacters(in: .whitespaces)
      guard PlatformPreset(rawValue: n.lowercased()) != nil else {
        throw SettingValueError(expected: "a preset: " + PlatformPreset.names.joined(separator: ", "))
      }
    }
    return text
  }
}
