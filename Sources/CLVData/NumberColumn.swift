/// One number column as a load reads it: its decimal mark — set, or detected from its own
/// values — and what the values showed (thousands separators, currency signs), for the
/// summary.
///
/// Detection: each value is read with ``NumberText/evidence(_:)``. The first value that
/// tells the mark (`12,50`, `1,234.56`, `1.234.567`) decides it for the column, and is
/// named in the summary. Values that read the same either way (`12`, `$5`) are read at
/// once; values that read two ways (`1,234`) wait (``deferValue(_:row:)``) until the mark is
/// known and are filled in by ``resolve(path:option:_:)``, which fails with
/// ``IngestError/ambiguousDecimal(path:column:examples:option:)`` if no value ever told.
/// Once decided, a value in the other notation is not a number in this column (its row is
/// quarantined, and the detail says why).
///
/// The hot path for a decided column is ``DecimalParser``: plain `-12.50` costs what it
/// did before this type existed; only values with separators or signs take ``NumberText``.
struct NumberColumn: TypedColumn {
  /// The header name, for messages.
  let name: String
  /// The role, e.g. `amount`, for the summary.
  let role: String
  /// The decimal mark, once set or detected.
  private(set) var mark: DecimalMark? {
    didSet { markByte = mark?.byte ?? 0 }
  }
  /// ``mark`` as a byte (0 until known), for the per-value fast path.
  private var markByte: UInt8 = 0
  private let isSet: Bool
  /// The value (and its line) that decided the mark.
  private(set) var decidedBy: (line: Int, text: String)?
  private var deferredRows: [Int] = []
  private var deferredLines: [Int] = []
  private var deferredText: [String] = []
  private var groupings: [UInt8] = []
  private var currencies: [String] = []

  /// A column named `name` with role `role`, its mark set to `mark` or (nil) detected.
  init(name: String, role: String, mark: DecimalMark?) {
    self.name = name
    self.role = role
    self.mark = mark
    markByte = mark?.byte ?? 0
    isSet = mark != nil
  }

  /// What reading one value gave.
  typealias Read = ColumnRead<Value>
  typealias Value = Double

  /// Why the last ``ColumnRead/invalid`` value is not a number here.
  var invalidDetail = ""

  /// Reads the (trimmed) `field` of the record on `line`.
  @inline(__always)
  mutating func read(_ field: UnsafeBufferPointer<UInt8>, line: Int) -> Read {
    if markByte != 0 {
      if let v = DecimalParser.parse(field, mark: markByte) { return .value(v) }
      return readSlow(field, mark: mark!)
    }
    return readUndecided(field, line: line)
  }

  private mutating func readSlow(_ field: UnsafeBufferPointer<UInt8>, mark: DecimalMark) -> Read {
    if let r = NumberText.read(field, mark: mark) {
      note(r)
      return .value(r.value)
    }
    return invalid(detail(field, mark: mark))
  }

  private mutating func readUndecided(_ field: UnsafeBufferPointer<UInt8>, line: Int) -> Read {
    switch NumberText.evidence(field) {
    case .none:
      if let v = DecimalParser.parse(field, mark: 46) { return .value(v) }
      if let r = NumberText.read(field, mark: .point) {
        note(r)
        return .value(r.value)
      }
      return invalid(detail(field, mark: nil))
    case .ambiguous:
      return NumberText.read(field, mark: .point) != nil ? .deferred : invalid(detail(field, mark: nil))
    case .mark(let m):
      guard let r = NumberText.read(field, mark: m) else { return invalid(detail(field, mark: nil)) }
      mark = m
      decidedBy = (line, String(decoding: field, as: UTF8.self))
      note(r)
      return .value(r.value)
    }
  }

  /// Keeps a ``ColumnRead/deferred`` value of the row at index `row` of the output, read on `line`.
  mutating func deferValue(_ field: UnsafeBufferPointer<UInt8>, row: Int, line: Int) {
    deferredRows.append(row)
    deferredLines.append(line)
    deferredText.append(String(decoding: field, as: UTF8.self))
  }

  /// Hands each deferred value to `set` (output row, value) now that the mark is known; call
  /// before rows are removed from the output.
  /// - Throws: ``IngestError/ambiguousDecimal(path:column:examples:option:)`` when no
  ///   value told the mark.
  mutating func resolve(path: String, option: SettingHint, _ set: (Int, Double) -> Void) throws {
    guard !deferredRows.isEmpty else { return }
    guard let mark else {
      throw IngestError.ambiguousDecimal(
        path: path, column: name, examples: Array(Set(deferredText)).sorted().prefix(3).map { $0 }, option: option)
    }
    for (k, row) in deferredRows.enumerated() {
      var text = deferredText[k]
      if let r = text.withUTF8({ NumberText.read($0, mark: mark) }) {
        note(r)
        set(row, r.value)
      }
    }
    deferredRows = []
    deferredLines = []
    deferredText = []
  }

  /// Whether this column reads every value, and words every detail and summary phrase, as
  /// `other` does: the same mark, the value that decided it, separators and currencies
  /// seen; deferred values aside (see ``DateColumn/readsAlike(_:)``).
  func readsAlike(_ other: NumberColumn) -> Bool {
    mark == other.mark && isSet == other.isSet && decidedBy?.line == other.decidedBy?.line
      && decidedBy?.text == other.decidedBy?.text && groupings == other.groupings && currencies == other.currencies
  }

  /// This column without its deferred values: the state a chunk read apart starts from.
  var withoutDeferred: NumberColumn {
    var c = self
    c.deferredRows = []
    c.deferredLines = []
    c.deferredText = []
    return c
  }

  /// `later` (this column read on over the next chunk's rows) with this column's deferred
  /// values before its own, whose rows move up by `rowOffset` (this chunk's row count).
  func followed(by later: NumberColumn, rowOffset: Int) -> NumberColumn {
    var c = later
    c.deferredRows = deferredRows + later.deferredRows.map { $0 + rowOffset }
    c.deferredLines = deferredLines + later.deferredLines
    c.deferredText = deferredText + later.deferredText
    return c
  }

  private mutating func note(_ r: NumberText.Reading) {
    if let g = r.grouping, !groupings.contains(g) { groupings.append(g) }
    if let c = r.currency, !currencies.contains(c), currencies.count < 8 { currencies.append(c) }
  }

  /// The quarantine detail for a value that is not a number here; says so when it is one
  /// in the other notation.
  private func detail(_ field: UnsafeBufferPointer<UInt8>, mark: DecimalMark?) -> String {
    let text = String(decoding: field, as: UTF8.self)
    if field.isEmpty { return "\(role) is empty" }
    let shown = "'" + (text.count > 40 ? String(text.prefix(39)) + "…" : text) + "'"
    if let mark {
      let other: DecimalMark = mark == .point ? .comma : .point
      if NumberText.read(field, mark: other) != nil {
        let why = isSet ? "set" : decidedBy.map { "detected from line \($0.line): '\($0.text)'" } ?? "detected"
        return "cannot read \(shown) as a number with a \(mark.shown) (the column's, \(why)); "
          + "it reads with a \(other.shown)"
      }
    }
    return "cannot read \(shown) as a number"
  }

  /// The currency signs seen, when there was more than one (amounts in several currencies
  /// are summed as written).
  var severalCurrencies: [String]? { currencies.count > 1 ? currencies : nil }

  /// One phrase for the summary, e.g. `decimal comma (detected from line 2: '12,50'); thousands
  /// separator '.'; currency '€'`.
  var shown: String {
    var s: String
    if let mark {
      s = mark.shown + (isSet ? " (set)" : decidedBy.map { " (detected from line \($0.line): '\($0.text)')" } ?? "")
    } else {
      s = "whole numbers (no decimal mark seen)"
    }
    if !groupings.isEmpty {
      let names = groupings.map { $0 == 32 ? "space" : "'\(Character(UnicodeScalar($0)))'" }
      s += "; thousands separator " + names.joined(separator: ", ")
    }
    if currencies.count == 1 {
      s += "; currency '\(currencies[0])'"
    } else if currencies.count > 1 {
      s +=
        "; several currencies (" + currencies.map { "'\($0)'" }.joined(separator: ", ")
        + ") are added as they are, without conversion"
    }
    return s
  }
}
