/// How to read one input file: what the loaders are given, one value per file.
///
/// The run's settings resolve it per file — the per-file config sections (`[transactions]`,
/// `[customers]`, `[events]`: `customer_column`, `date_column`, `date_format`, `delimiter`,
/// `decimal`, `encoding`, `max_bad_rows`) and flags (`--customers-date-format`, …) over the
/// global ones. `nil` everywhere means "not given": the loader uses its default name or
/// detects the setting from the file, and says in the ``IngestSummary`` what it found.
package struct FileReadSettings: Sendable, Equatable, Codable {
  /// Customer id column. nil: `customer_id`, else a recognised id column (ids guessed from
  /// the header; see ``ColumnRoles``). A named column must exist.
  package var customerColumn: String?
  /// The file's date column — the order date of transactions, the signup date of
  /// profiles, the timestamp of events. nil: the loader's default name, else a recognised one.
  package var dateColumn: String?
  /// Date format: a strftime pattern (`%d.%m.%Y`), or `epoch_s`, `epoch_ms`, `epoch_us`,
  /// `epoch_ns` (an integer count since 1970-01-01 UTC). nil: detected (ISO-8601,
  /// `yyyyMMdd`, epoch integers by their magnitude).
  package var dateFormat: String?
  /// Field delimiter; nil: detected from the header and the first rows.
  package var delimiter: Delimiter?
  /// Decimal mark of number columns; nil: detected per column from its values.
  package var decimal: DecimalMark?
  /// Text encoding; nil: detected (byte-order mark, else UTF-8 if valid, else Windows-1252).
  package var encoding: TextEncoding?
  /// Largest share of data rows that may be quarantined before loading fails with
  /// ``IngestError/tooManyBadRows(path:badRows:dataRows:maxFraction:firstBad:)``. Default
  /// 0.01 (1%): a few broken rows are normal in exports; many mean a wrong column or date
  /// format, which should be fixed rather than silently lost. Rows without a customer id
  /// are not bad rows and never count here.
  package var maxBadRowFraction: Double
  /// How many quarantined rows are kept verbatim in the summary.
  package var quarantineSampleLimit: Int
  /// Whether to compute the SHA-256 of the file (for provenance in the report).
  package var hashFile: Bool
  /// The dates and amounts a row may hold (see ``PlausibleValues``); the run sets the
  /// latest date from today's.
  package var plausible = PlausibleValues()

  /// Settings with everything detected and the default tolerances.
  package init(
    customerColumn: String? = nil, dateColumn: String? = nil, dateFormat: String? = nil,
    delimiter: Delimiter? = nil, decimal: DecimalMark? = nil, encoding: TextEncoding? = nil,
    maxBadRowFraction: Double = 0.01, quarantineSampleLimit: Int = 20, hashFile: Bool = true
  ) {
    precondition(maxBadRowFraction >= 0 && maxBadRowFraction <= 1, "maxBadRowFraction is a share in [0, 1]")
    precondition(quarantineSampleLimit >= 0, "quarantineSampleLimit must be non-negative")
    self.customerColumn = customerColumn
    self.dateColumn = dateColumn
    self.dateFormat = dateFormat
    self.delimiter = delimiter
    self.decimal = decimal
    self.encoding = encoding
    self.maxBadRowFraction = maxBadRowFraction
    self.quarantineSampleLimit = quarantineSampleLimit
    self.hashFile = hashFile
  }
}

extension FileReadSettings {
  /// How a user sets `key` (`decimal`, `date-format`, `customer-column`, `date-column`, …)
  /// for a file of `kind`, for messages: the flag for every file, and the one for this file
  /// alone where there is one. (The flags of `InputSettings` in CLVPipeline.)
  package static func option(_ key: String, kind: String) -> SettingHint {
    let section = kind == "profiles" ? "customers" : kind
    switch key {
    case "date-column":
      return SettingHint(
        flag: ["profiles": "--signup-column", "events": "--timestamp-column"][kind] ?? "--date-column")
    case "amount-column", "order-column", "event-type-column":
      return SettingHint(flag: "--\(key)")
    default:
      return SettingHint(flag: "--\(key)", fileFlag: "--\(section)-\(key)")
    }
  }
}

/// The flags that set one reading setting: for every file, and for one file alone.
package struct SettingHint: Sendable, Equatable, CustomStringConvertible {
  /// The flag for every file, e.g. `--decimal`.
  package var flag: String
  /// The flag for this file alone, e.g. `--transactions-decimal`, if there is one.
  package var fileFlag: String?

  /// A hint naming `flag` and, optionally, the per-file `fileFlag`.
  package init(flag: String, fileFlag: String? = nil) {
    self.flag = flag
    self.fileFlag = fileFlag
  }

  /// `--decimal` (for messages that append a value).
  package var description: String { flag }
  /// ` (for this file alone: --transactions-decimal)`, or nothing.
  package var alone: String { fileFlag.map { " (for this file alone: \($0))" } ?? "" }
}

/// A field delimiter of a delimited text file.
package enum Delimiter: String, Sendable, Equatable, Codable, CaseIterable {
  case comma = ","
  case semicolon = ";"
  case tab = "\t"
  case pipe = "|"

  /// The byte.
  package var byte: UInt8 {
    switch self {
    case .comma: 44
    case .semicolon: 59
    case .tab: 9
    case .pipe: 124
    }
  }

  /// How it is named in messages and the summary: `','`, `';'`, `tab`, `'|'`.
  package var shown: String { self == .tab ? "tab" : "'\(rawValue)'" }

  /// Reads a setting value: the character itself (`,` `;` `|`, a real tab or `\t`) or its
  /// name (`comma`, `semicolon`, `tab`, `pipe`), any case; nil for anything else.
  package init?(setting text: String) {
    switch text.lowercased() {
    case ",", "comma": self = .comma
    case ";", "semicolon": self = .semicolon
    case "\t", "\\t", "tab": self = .tab
    case "|", "pipe": self = .pipe
    default: return nil
    }
  }

  /// The accepted setting values, for messages.
  package static let settingValues = "',' (comma), ';' (semicolon), tab, '|' (pipe)"
}

/// The decimal mark of numbers: `12.50` or `12,50`. The other character (and spaces,
/// no-break spaces, apostrophes) may then group thousands.
package enum DecimalMark: String, Sendable, Equatable, Codable, CaseIterable {
  case point = "."
  case comma = ","

  /// The byte.
  package var byte: UInt8 { self == .point ? 46 : 44 }

  /// Reads a setting value: `.`/`point`/`dot` or `,`/`comma`; nil for anything else.
  package init?(setting text: String) {
    switch text.lowercased() {
    case ".", "point", "dot": self = .point
    case ",", "comma": self = .comma
    default: return nil
    }
  }

  /// The accepted setting values, for messages.
  package static let settingValues = "point (12.50) or comma (12,50)"

  /// How it is named in the summary: `decimal point` / `decimal comma`.
  package var shown: String { self == .point ? "decimal point" : "decimal comma" }
}

/// A text encoding a file can be read in; everything is converted to UTF-8 on reading.
package enum TextEncoding: String, Sendable, Equatable, Codable, CaseIterable {
  case utf8 = "utf-8"
  case utf16LE = "utf-16le"
  case utf16BE = "utf-16be"
  /// ISO-8859-1: each byte is the code point of the same value.
  case latin1 = "iso-8859-1"
  /// Windows-1252, Latin-1 with printable characters (€, ‚, „, …, Š, Œ, ž, Ÿ) in 0x80–0x9F.
  case windows1252 = "windows-1252"

  /// Reads a setting value (any case, `-`/`_` optional): `utf-8`, `utf8`, `utf-16le`,
  /// `utf-16be`, `utf-16` (little-endian unless a byte-order mark says otherwise),
  /// `latin-1`/`latin1`/`iso-8859-1`, `windows-1252`/`cp1252`; nil for anything else.
  package init?(setting text: String) {
    let t = String(text.lowercased().filter { $0 != "-" && $0 != "_" })
    switch t {
    case "utf8": self = .utf8
    case "utf16", "utf16le", "unicode": self = .utf16LE
    case "utf16be": self = .utf16BE
    case "latin1", "iso88591", "l1": self = .latin1
    case "windows1252", "cp1252", "win1252": self = .windows1252
    default: return nil
    }
  }

  /// The accepted setting values, for messages.
  package static let settingValues = "utf-8, utf-16le, utf-16be, latin-1 (iso-8859-1), windows-1252"
}
