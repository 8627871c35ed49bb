import ArgumentParser
import CLVData
import CLVEvaluation
import Foundation

/// One option of ``RunSettings`` as its declaration defines it: the flag, the config key
/// and the current value, all derived from the property (see the recipe at the top of
/// `RunSettings.swift`). Found by reflection, so the list of known names can never drift
/// from the declarations.
struct DeclaredOption: Sendable {
  /// The property name, e.g. `customersDateFormat`.
  var property: String
  /// The long flag without dashes, e.g. `customers-date-format`.
  var flag: String
  /// The config section (a file kind), or nil for a top-level key.
  var section: InputFile?
  /// The config key inside its section (or top level), e.g. `date_format`.
  var key: String
  /// A `--x/--no-x` flag (a TOML boolean).
  var isInvertibleFlag: Bool
  /// An option given once per value (`--gate a --gate b`; a TOML array).
  var isRepeatable: Bool
  /// The value as recorded in `metrics.json` (nil: not set).
  var json: JSONValue?
  /// The value as text (nil: not set).
  var text: String?

  /// The config key with its section, e.g. `customers.date_format`.
  var configPath: String { section.map { "\($0.rawValue).\(key)" } ?? key }
}

/// The input files a run reads; also the config sections of their per-file settings.
package enum InputFile: String, Sendable, CaseIterable {
  case transactions, customers, events
}

extension DeclaredOption {
  /// Every option of `settings`, in declaration order.
  static func all(in settings: RunSettings) -> [DeclaredOption] {
    var out = [DeclaredOption]()
    collect(settings, into: &out)
    return out
  }

  /// The options of the defaults (names and default values).
  static let declared: [DeclaredOption] = all(in: RunSettings.defaults)

  private static func collect(_ value: Any, into out: inout [DeclaredOption]) {
    for child in Mirror(reflecting: value).children {
      guard let label = child.label?.drop(while: { $0 == "_" }), !label.isEmpty else { continue }
      if let group = child.value as? any ReflectedGroup {
        collect(group.reflectedGroup, into: &out)
      } else if let argument = child.value as? any ReflectedArgument {
        let property = String(label)
        var section: InputFile?
        var key = snakeCase(property, separator: "_")
        for kind in InputFile.allCases where property.hasPrefix(kind.rawValue) {
          let rest = property.dropFirst(kind.rawValue.count)
          if let first = rest.first, first.isUppercase {
            section = kind
            key = snakeCase(String(rest.prefix(1).lowercased() + rest.dropFirst()), separator: "_")
          }
        }
        let v = argument.reflectedValue
        out.append(
          DeclaredOption(
            property: property, flag: snakeCase(property, separator: "-"), section: section, key: key,
            isInvertibleFlag: argument.isInvertibleFlag,
            isRepeatable: Mirror(reflecting: v).displayStyle == .collection, json: settingJSON(v),
            text: settingText(v)))
      }
    }
  }

  /// `mlpHidden` → `mlp-hidden` (the argument parser's own convention for long names).
  static func snakeCase(_ name: String, separator: Character) -> String {
    var out = ""
    for c in name {
      if c.isUppercase {
        if !out.isEmpty { out.append(separator) }
        out += c.lowercased()
      } else {
        out.append(c)
      }
    }
    return out
  }

  /// The text of a setting's value; nil for an option not set.
  static func settingText(_ v: Any) -> String? {
    let mirror = Mirror(reflecting: v)
    guard mirror.displayStyle == .optional else { return String(describing: v) }
    return mirror.children.first.flatMap { settingText($0.value) }
  }

  /// The JSON form of a setting's value; nil for an option not set.
  static func settingJSON(_ v: Any) -> JSONValue? {
    let mirror = Mirror(reflecting: v)
    if mirror.displayStyle == .optional {
      guard let wrapped = mirror.children.first else { return nil }
      return settingJSON(wrapped.value)
    }
    switch v {
    case let s as String: return .string(s)
    case let b as Bool: return .bool(b)
    case let i as Int: return .number(Double(i))
    case let u as UInt64: return .number(Double(u))
    case let d as Double: return .finite(d)
    case let g as GateSpec: return .string(g.expression)
    case let d as CivilDate: return .string(d.iso)
    case let l as LayerWidths: return .array(l.widths.map { .number(Double($0)) })
    case let d as Delimiter: return .string(d == .tab ? "tab" : d.rawValue)
    case let d as DecimalMark: return .string(d.rawValue)
    case let e as TextEncoding: return .string(e.rawValue)
    default:
      if mirror.displayStyle == .collection { return .array(mirror.children.compactMap { settingJSON($0.value) }) }
      return .string(String(describing: v))
    }
  }
}

extension RunSettings {
  /// Every setting at its default.
  static var defaults: RunSettings {
    do {
      return try RunSettings.parse([])
    } catch {
      preconditionFailure("the defaults of RunSettings must parse: \(error)")
    }
  }

  /// Options whose value is never written to an output (only that one was given).
  static let secretKeys: Set<String> = ["redact_salt"]

  /// The settings as recorded in `metrics.json` (run → options): config keys, per-file
  /// settings in their file's object with the path read; unset options left out; secrets
  /// (``secretKeys``) masked.
  var recorded: JSONValue {
    var root = [String: JSONValue]()
    var sections = [InputFile: [String: JSONValue]]()
    for o in DeclaredOption.all(in: self) {
      guard let v = o.json else { continue }
      if let section = o.section {
        sections[section, default: [:]][o.key] = v
      } else if InputFile(rawValue: o.property) != nil {
        continue  // the resolved path is recorded below
      } else {
        root[o.key] = Self.secretKeys.contains(o.key) ? .string("(given; not recorded)") : v
      }
    }
    for file in inputs.resolved().files { sections[file.kind, default: [:]]["path"] = .string(file.path) }
    for (file, values) in sections { root[file.rawValue] = .object(values) }
    return .object(root)
  }
}

/// An `@Option` or `@Flag` seen through reflection.
protocol ReflectedArgument {
  var reflectedValue: Any { get }
  var isInvertibleFlag: Bool { get }
}

/// An `@OptionGroup` seen through reflection.
protocol ReflectedGroup {
  var reflectedGroup: Any { get }
}

extension Option: ReflectedArgument {
  var reflectedValue: Any { wrappedValue }
  var isInvertibleFlag: Bool { false }
}

extension Flag: ReflectedArgument {
  var reflectedValue: Any { wrappedValue }
  var isInvertibleFlag: Bool { wrappedValue is Bool }
}

extension OptionGroup: ReflectedGroup {
  var reflectedGroup: Any { wrappedValue }
}
