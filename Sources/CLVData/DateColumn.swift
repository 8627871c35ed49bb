/// One date column as a load reads it: a named format (``DayParser``), or — when none is
/// named — the form recognised from its own values, stated in the summary.
///
/// Recognised without a format, per value: ISO-8601 dates and date-times and `yyyyMMdd`
/// (``DayParser/automatic``); integers of 9–20 digits as epoch timestamps, their unit
/// (``EpochUnit``) fixed for the column by the first one's digit count; numeric dates with
/// `/` `.` `-` (``NumericDate``), day or month first as the column's values prove. A value
/// that reads either way (`05/01/2023`) waits (``deferValue(_:row:line:)``) until a value
/// such as `13/01/2023` tells the order; if none does, ``resolve(path:option:_:)`` fails
/// with ``IngestError/ambiguousDates(path:column:examples:formats:option:)``.
///
/// One column, one form: the first date read fixes the column's family (ISO-8601 and
/// `yyyyMMdd`; epoch; numeric with separators), its epoch unit and its day-month order as
/// they become known. A value in another form is not a date in this column (`31/12/2025`
/// among ISO dates is a bad row, with the reason): mixed forms in one column mean a broken
/// export more often than not, and a guess there would put rows on the wrong day silently.
struct DateColumn: TypedColumn {
  /// The header name, for messages.
  let name: String
  /// `date`, `signup`, `timestamp`.
  let role: String
  private let parser: DayParser
  private let isExplicit: Bool
  private let format: String?
  /// The column's family of forms, from its first date.
  private enum Family { case iso, epoch, numeric }
  private var family: Family?
  private var familyFirst: (line: Int, text: String)?
  private(set) var epoch: EpochUnit?
  private var epochFirst: (line: Int, text: String)?
  private(set) var order: NumericDate.Order?
  private var orderProof: (line: Int, text: String)?
  /// Forms seen, for the summary: ISO, compact, epoch, numeric.
  private var sawISO = false
  private var sawCompact = false
  private var sawNumeric = false
  private var numericSeparator: UInt8 = 47
  private var numericFourDigitYear = true
  private var numericYearFirst = false
  private var deferredRows: [Int] = []
  private var deferredText: [String] = []

  /// A column named `name` for `role`, read with `format` (nil, empty or `auto`: recognised).
  /// - Throws: ``IngestError/badDateFormat(_:)``.
  init(name: String, role: String, format: String?) throws {
    self.name = name
    self.role = role
    do { parser = try DayParser(format: format) } catch { throw IngestError.badDateFormat(error) }
    isExplicit = parser.isExplicit
    self.format = isExplicit ? format : nil
  }

  /// What reading one value gave: ``ColumnRead/value(_:)`` is days since 1970-01-01.
  typealias Read = ColumnRead<Value>
  typealias Value = Int

  /// Why the last ``ColumnRead/invalid`` value is not a date here.
  var invalidDetail = ""

  /// Reads the (trimmed) `field` of the record on `line`.
  @inline(__always)
  mutating func read(_ field: UnsafeBufferPointer<UInt8>, line: Int) -> Read {
    if isExplicit {
      if let d = parser.parseDay(field) { return .value(d) }
      return invalid(detail(field, why: "the format \(format ?? "")"))
    }
    if let d = DayParser.parseAutomatic(field) {
      if family != .iso {
        if family != nil { return invalid(otherFamily(field)) }
        join(.iso, field, line)
      }
      if field.count == 8 { sawCompact = true } else { sawISO = true }
      return .value(d)
    }
    return readOther(field, line: line)
  }

  /// Records the column's family from its first date.
  private mutating func join(_ f: Family, _ field: UnsafeBufferPointer<UInt8>, _ line: Int) {
    family = f
    familyFirst = (line, String(decoding: field, as: UTF8.self))
  }

  /// The detail for a date in another form than the column's.
  private func otherFamily(_ field: UnsafeBufferPointer<UInt8>) -> String {
    let first = familyFirst.map { ", from line \($0.line): '\($0.text)'" } ?? ""
    let name: String
    switch family {
    case .iso?: name = "ISO-8601"
    case .epoch?: name = epoch?.shown ?? "epoch integers"
    case .numeric?, nil: name = numericPattern
    }
    return detail(field, why: "the column's dates are \(name)\(first)")
  }

  private mutating func readOther(_ field: UnsafeBufferPointer<UInt8>, line: Int) -> Read {
    if let (_, digits) = EpochUnit.integer(field), digits >= 9 {
      guard let unit = EpochUnit(digits: digits) else { return invalid(detail(field, why: nil)) }
      if family != .epoch {
        if family != nil { return invalid(otherFamily(field)) }
        join(.epoch, field, line)
      }
      if let epoch, epoch != unit {
        let first = epochFirst.map { ", from line \($0.line): '\($0.text)'" } ?? ""
        return invalid(detail(field, why: "\(digits) digits; the column holds \(epoch.shown)\(first)"))
      }
      if epoch == nil {
        epoch = unit
        epochFirst = (line, String(decoding: field, as: UTF8.self))
      }
      return unit.day(field).map(Read.value) ?? invalid(detail(field, why: nil))
    }
    let reading = NumericDate.read(field, order: order)
    if reading != .none, family != .numeric {
      if family != nil { return invalid(otherFamily(field)) }
      join(.numeric, field, line)
    }
    switch reading {
    case .none:
      return invalid(detail(field, why: nil))
    case .day(let d, let proves):
      noteNumeric(field)
      if let proves {
        if let order, order != proves {
          let proof = orderProof.map { " (from line \($0.line): '\($0.text)')" } ?? ""
          return invalid(detail(field, why: "the column's dates have the \(order.rawValue)\(proof)"))
        }
        if order == nil {
          order = proves
          orderProof = (line, String(decoding: field, as: UTF8.self))
        }
      }
      return .value(d)
    case .eitherOrder:
      noteNumeric(field)
      return .deferred
    }
  }

  private mutating func noteNumeric(_ field: UnsafeBufferPointer<UInt8>) {
    guard !sawNumeric else { return }
    sawNumeric = true
    // The separator and year width of the first such value, for the suggested formats.
    if let s = field.first(where: { $0 == 47 || $0 == 46 || $0 == 45 }) { numericSeparator = s }
    var digitsAtEnd = 0
    let datePart = field.prefix { $0 != 32 && $0 != 84 }
    for b in datePart.reversed() {
      guard b >= 48 && b <= 57 else { break }
      digitsAtEnd += 1
    }
    numericFourDigitYear = digitsAtEnd != 2
    numericYearFirst = field.prefix { $0 >= 48 && $0 <= 57 }.count == 4
  }

  /// Keeps a ``ColumnRead/deferred`` value of the row at index `row` of the output.
  mutating func deferValue(_ field: UnsafeBufferPointer<UInt8>, row: Int, line: Int) {
    deferredRows.append(row)
    deferredText.append(String(decoding: field, as: UTF8.self))
  }

  /// Hands each deferred day to `set` (output row, day) now that the order is known; call
  /// before rows are removed from the output.
  /// - Throws: ``IngestError/ambiguousDates(path:column:examples:formats:option:)`` when no
  ///   value told the order.
  mutating func resolve(path: String, option: SettingHint, _ set: (Int, Int32) -> Void) throws {
    guard !deferredRows.isEmpty else { return }
    guard let order else {
      let formats = [NumericDate.Order.dayFirst, .monthFirst].map {
        $0.format(separator: numericSeparator, fourDigitYear: numericFourDigitYear)
      }
      throw IngestError.ambiguousDates(
        path: path, column: name, examples: Array(Set(deferredText)).sorted().prefix(3).map { $0 }, formats: formats,
        option: option)
    }
    for (k, row) in deferredRows.enumerated() {
      var text = deferredText[k]
      let reading = text.withUTF8 { NumericDate.read($0, order: order) }
      if case .day(let d, _) = reading { set(row, Int32(truncatingIfNeeded: d)) }
    }
    deferredRows = []
    deferredText = []
  }

  /// Whether this column reads every value, and words every detail and summary phrase, as
  /// `other` does: the same family, epoch unit, day-month order, the values that fixed
  /// them and the forms seen; deferred values aside. A chunk of a file read from a state
  /// alike to the one one pass would have reached there reads exactly as that pass.
  func readsAlike(_ other: DateColumn) -> Bool {
    family == other.family && familyFirst?.line == other.familyFirst?.line
      && familyFirst?.text == other.familyFirst?.text && epoch == other.epoch
      && epochFirst?.line == other.epochFirst?.line && epochFirst?.text == other.epochFirst?.text
      && order == other.order && orderProof?.line == other.orderProof?.line
      && orderProof?.text == other.orderProof?.text && sawISO == other.sawISO && sawCompact == other.sawCompact
      && sawNumeric == other.sawNumeric && numericSeparator == other.numericSeparator
      && numericFourDigitYear == other.numericFourDigitYear && numericYearFirst == other.numericYearFirst
  }

  /// This column without its deferred values: the state a chunk read apart starts from.
  var withoutDeferred: DateColumn {
    var c = self
    c.deferredRows = []
    c.deferredText = []
    return c
  }

  /// `later` (this column read on over the next chunk's rows) with this column's deferred
  /// values before its own, whose rows move up by `rowOffset` (this chunk's row count).
  func followed(by later: DateColumn, rowOffset: Int) -> DateColumn {
    var c = later
    c.deferredRows = deferredRows + later.deferredRows.map { $0 + rowOffset }
    c.deferredText = deferredText + later.deferredText
    return c
  }

  private func detail(_ field: UnsafeBufferPointer<UInt8>, why: String?) -> String {
    if field.isEmpty { return "\(role == "signup" ? "signup date" : "date") is empty" }
    let text = String(decoding: field, as: UTF8.self)
    let shown = "'" + (text.count > 40 ? String(text.prefix(39)) + "…" : text) + "'"
    let what = role == "signup" ? "signup date" : "date"
    return "cannot read \(shown) as a \(what)" + (why.map { " (\($0))" } ?? "")
  }

  /// The column's numeric layout as far as known: `numeric d.m.y`, `numeric m/d/y`, `numeric y/m/d`.
  private var numericPattern: String {
    let s = String(UnicodeScalar(numericSeparator))
    if numericYearFirst { return "numeric y\(s)m\(s)d" }
    return order == .monthFirst ? "numeric m\(s)d\(s)y" : "numeric d\(s)m\(s)y"
  }

  /// One phrase for the summary, e.g. `ISO-8601 (detected)`, `epoch microseconds (detected
  /// from 16-digit values, line 2)`, `day/month/year, day first (detected from line 9:
  /// '13/01/2023')`, `%d.%m.%Y (set)`.
  var shown: String {
    if let format { return "\(format) (set)" }
    var forms: [String] = []
    if sawISO { forms.append("ISO-8601") }
    if sawCompact { forms.append("yyyyMMdd") }
    if let epoch {
      forms.append(
        "\(epoch.shown)" + (epochFirst.map { " (from \($0.text.count)-digit values, line \($0.line))" } ?? ""))
    }
    if sawNumeric {
      var text = numericPattern
      if !numericYearFirst, let order {
        text += ", \(order.rawValue)" + (orderProof.map { " (from line \($0.line): '\($0.text)')" } ?? "")
      } else if !numericYearFirst, numericSeparator == 46 {
        text += ", day first (dotted dates)"
      }
      forms.append(text)
    }
    return forms.isEmpty ? "no dates read" : forms.joined(separator: " and ") + " (detected)"
  }
}
