import CLVData

/// The CSV form of ``FeatureRows``, written by `clv features` and read by
/// `clv report --features` and `clv score --features`. Schema version 1:
///
/// | column | content |
/// |---|---|
/// | `clv-features/1` | the row's kind: `backtest` (features and label at a training origin), `forward` (features at the as-of date) or `span` (one per input: the first day of its transaction log in `origin`) |
/// | `customer_id` | the customer (empty in a `span` row) |
/// | `as_of` | the forecast date, `yyyy-MM-dd` (exclusive) |
/// | `horizon` | the horizon of the labels, e.g. `365d` |
/// | `origin` | the origin: features use data strictly before it (the as-of date in a `forward` row) |
/// | `label` | net spend in `origin ..< min(as_of, origin + horizon)`, floored at 0 (empty in a `forward` row) |
/// | `num:NAME` | a numeric feature used as is |
/// | `log:NAME` | a numeric feature the models take as `sign(x)·log(1+|x|)` |
/// | `cat:NAME` | a categorical feature (a profile attribute) |
///
/// Numbers are in Swift's shortest round-trip form (reading them back gives the same
/// double, so a report from feature rows equals one from the logs byte for byte); an empty
/// cell is a missing value (`inf`/`-inf` are written as such). Rows are sorted: `span`,
/// then origins from the most recent, customers in ascending id order, `forward` last; a
/// reader accepts any order, several inputs, and a header repeated inside one input (the
/// concatenated output of several `clv features` runs). Every row stands alone, so any
/// set of rows whose customers are disjoint can be joined. Feature names are those of
/// ``FeatureBuilder``.
package enum FeatureRowsCSV {
  /// The schema's version, the first header cell.
  package static let version = "clv-features/1"
  /// The fixed columns after the kind.
  static let fixed = ["customer_id", "as_of", "horizon", "origin", "label"]

  /// The header row of `table`'s columns.
  static func header(_ table: FeatureTable) -> [String] {
    [version] + fixed
      + table.numeric.map { ($0.transform == .signedLog1p ? "log:" : "num:") + $0.name }
      + table.categorical.map { "cat:" + $0.name }
  }

  /// The CSV text of `rows` (``Writer`` with one chunk).
  package static func text(_ rows: FeatureRows) -> String {
    var bytes = [UInt8]()
    let take: ([UInt8]) -> Void = { bytes += $0 }
    var w = Writer(columnsOf: rows.forward, asOf: rows.asOf, horizon: rows.horizon, firstDay: rows.firstDay)
    for o in rows.origins { w.append(o, chunkBytes: .max, to: take) }
    w.appendForward(rows.forward, chunkBytes: .max, to: take)
    w.finish(to: take)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Writes feature rows in the order of ``text(_:)`` a table at a time, handing the bytes
  /// out in chunks of about `chunkBytes` (a chunk ends at a row's end), so `clv features` holds
  /// one origin's table and one chunk instead of every table and the whole text. The header
  /// is that of the forward table; every origin's table has the same columns (one builder).
  package struct Writer {
    private var w = CSVWriter(guardsFormulas: false)
    private let header: [String]
    private let asOfDay: Int32
    private let asOf: CSVCell
    private let horizon: CSVCell

    /// Starts with the header of `table`'s columns and, when `firstDay` is known, the `span` row.
    package init(columnsOf table: FeatureTable, asOf: Int32, horizon: Horizon, firstDay: Int32?) {
      header = FeatureRowsCSV.header(table)
      asOfDay = asOf
      self.asOf = .raw(CivilDate(day: Int(asOf)).iso)
      self.horizon = .raw(horizon.description)
      w.appendRow(header.map(CSVCell.raw))
      if let firstDay {
        w.appendRow(
          [.raw("span"), .raw(""), self.asOf, self.horizon, .raw(CivilDate(day: Int(firstDay)).iso), .raw("")]
            + Array(repeating: .raw(""), count: header.count - 1 - FeatureRowsCSV.fixed.count))
      }
    }

    /// Appends the `backtest` rows of one origin.
    package mutating func append(
      _ o: OriginRows, chunkBytes: Int, to emit: ([UInt8]) throws -> Void
    ) rethrows {
      try append("backtest", o.origin, o.table, o.labels, chunkBytes, emit)
    }

    /// Appends the `forward` rows (features at the as-of date, no label).
    package mutating func appendForward(
      _ table: FeatureTable, chunkBytes: Int, to emit: ([UInt8]) throws -> Void
    ) rethrows {
      try append("forward", asOfDay, table, nil, chunkBytes, emit)
    }

    /// Hands out what is left.
    package mutating func finish(to emit: ([UInt8]) throws -> Void) rethrows {
      if !w.bytes.isEmpty { try emit(w.bytes) }
      w = CSVWriter(guardsFormulas: false)
    }

    private mutating func append(
      _ kind: String, _ origin: Int32, _ table: FeatureTable, _ labels: [Double]?, _ chunkBytes: Int,
      _ emit: ([UInt8]) throws -> Void
    ) rethrows {
      precondition(FeatureRowsCSV.header(table) == header, "one builder makes the same columns at every origin")
      let o = CSVCell.raw(CivilDate(day: Int(origin)).iso)
      for r in 0..<table.rowCount {
        var cells: [CSVCell] = [
          .raw(kind), .text(table.rowIDs[r]), asOf, horizon, o, labels.map { number($0[r]) } ?? .raw(""),
        ]
        for c in table.numeric { cells.append(number(c.values[r])) }
        for c in table.categorical { cells.append(.text(c.values[r] ?? "")) }
        w.appendRow(cells)
        if w.bytes.count >= chunkBytes { try finish(to: emit) }
      }
    }
  }

  static func number(_ x: Double) -> CSVCell {
    x.isInfinite ? .raw(x > 0 ? "inf" : "-inf") : .number(x)
  }

  /// Reads the feature rows in `bytes` (one input, named `file` in errors), which may hold
  /// several header sections; each section is one part of ``FeatureRows/merging(_:file:)``.
  package static func parts(bytes: UnsafeBufferPointer<UInt8>, file: String) throws -> [FeatureRows] {
    var reader = CSVReader(bytes: bytes, fileName: file)
    var record = CSVRecord()
    var parts = [FeatureRows]()
    var section: Section?
    do {
      while try reader.next(into: &record) {
        if record.count > 0 && record.string(0) == version {
          if let s = section, let p = try s.rows() { parts.append(p) }
          section = try Section(header: record.strings, line: record.line, file: file)
          continue
        }
        guard section != nil else {
          throw FeatureRowsError(
            file: file, line: record.line,
            "expected the header of 'clv features' output (first cell \(version)), found '\(record.excerpt())'; "
              + "pass the output of 'clv features'")
        }
        try section!.add(record)
      }
    } catch let e as CSVParseError {
      throw FeatureRowsError(file: file, line: 0, "\(e)")
    }
    if let s = section, let p = try s.rows() { parts.append(p) }
    return parts
  }

  /// One header section being read.
  struct Section {
    let file: String
    let headerLine: Int
    var numericNames = [String]()
    var transforms = [NumericTransform]()
    var categoricalNames = [String]()
    var asOf: Int32?
    var horizon: Horizon?
    var firstDay: Int32?
    /// Per (kind, origin): ids, labels, numeric columns, categorical columns.
    var groups = [Int32: Group]()
    var forward = Group()

    struct Group {
      var ids = [String]()
      var labels = [Double]()
      var numeric = [[Double]]()
      var categorical = [[String?]]()

      /// Adds one row's cells (`label` nil in a `forward` row).
      mutating func append(id: String, label: Double?, numbers: [Double], texts: [String?]) {
        ids.append(id)
        if let label { labels.append(label) }
        for (j, x) in numbers.enumerated() { numeric[j].append(x) }
        for (j, t) in texts.enumerated() { categorical[j].append(t) }
      }
    }

    init(header: [String], line: Int, file: String) throws {
      self.file = file
      self.headerLine = line
      guard Array(header.dropFirst().prefix(FeatureRowsCSV.fixed.count)) == FeatureRowsCSV.fixed else {
        throw FeatureRowsError(
          file: file, line: line,
          "the header must start with \(([FeatureRowsCSV.version] + FeatureRowsCSV.fixed).joined(separator: ","))")
      }
      for name in header.dropFirst(1 + FeatureRowsCSV.fixed.count) {
        if name.hasPrefix("num:") || name.hasPrefix("log:") {
          numericNames.append(String(name.dropFirst(4)))
          transforms.append(name.hasPrefix("log:") ? .signedLog1p : .identity)
        } else if name.hasPrefix("cat:") {
          categoricalNames.append(String(name.dropFirst(4)))
        } else {
          throw FeatureRowsError(file: file, line: line, "column '\(name)' is not num:NAME, log:NAME or cat:NAME")
        }
      }
      forward.numeric = Array(repeating: [], count: numericNames.count)
      forward.categorical = Array(repeating: [], count: categoricalNames.count)
    }

    mutating func add(_ r: CSVRecord) throws {
      let width = 1 + FeatureRowsCSV.fixed.count + numericNames.count + categoricalNames.count
      func fail(_ message: String) -> FeatureRowsError { FeatureRowsError(file: file, line: r.line, message) }
      guard r.count == width else { throw fail("\(r.count) fields, the header has \(width)") }
      func day(_ i: Int, _ what: String) throws -> Int32 {
        guard let d = CivilDate(iso: r.string(i)) else {
          throw fail("\(what) '\(r.string(i))' is not a date yyyy-MM-dd")
        }
        return Int32(d.day)
      }
      let a = try day(2, "as_of")
      guard let h = try? Horizon(parsing: r.string(3)) else { throw fail("horizon '\(r.string(3))' is not like 365d") }
      if let asOf, asOf != a || horizon != h {
        throw fail("as_of \(r.string(2)) and horizon \(h) differ from the earlier rows' (features of one run only)")
      }
      asOf = a
      horizon = h
      let origin = try day(4, "origin")
      let kind = r.string(0)
      switch kind {
      case "span":
        firstDay = min(firstDay ?? origin, origin)
        return
      case "forward":
        guard origin == a else { throw fail("a forward row's origin must be its as_of") }
      case "backtest":
        guard origin < a else { throw fail("a backtest row's origin must be before its as_of") }
      default:
        throw fail("unknown row kind '\(kind)': expected backtest, forward or span")
      }
      var label: Double?
      if kind == "backtest" {
        guard let l = Double(r.string(5)), l.isFinite, l >= 0 else {
          throw fail("label '\(r.string(5))' is not a non-negative number")
        }
        label = l
      }
      let base = 1 + FeatureRowsCSV.fixed.count
      var numbers = [Double]()
      numbers.reserveCapacity(numericNames.count)
      for j in numericNames.indices {
        let text = r.string(base + j)
        if text.isEmpty {
          numbers.append(.nan)
        } else if let x = Double(text) {
          numbers.append(x)
        } else {
          throw fail("\(numericNames[j]) '\(text)' is not a number")
        }
      }
      let texts = categoricalNames.indices.map { j -> String? in
        let text = r.string(base + numericNames.count + j)
        return text.isEmpty ? nil : text
      }
      // Appended in place: a copy of the group per row would make reading quadratic.
      if kind == "forward" {
        forward.append(id: r.string(1), label: label, numbers: numbers, texts: texts)
      } else {
        if groups[origin] == nil { groups[origin] = emptyGroup() }
        groups[origin]!.append(id: r.string(1), label: label, numbers: numbers, texts: texts)
      }
    }

    func emptyGroup() -> Group {
      Group(
        ids: [], labels: [], numeric: Array(repeating: [], count: numericNames.count),
        categorical: Array(repeating: [], count: categoricalNames.count))
    }

    func table(_ g: Group, day: Int32) -> FeatureTable {
      FeatureTable(
        rowIDs: g.ids,
        numeric: numericNames.indices.map {
          NumericColumn(name: numericNames[$0], values: g.numeric[$0], transform: transforms[$0])
        },
        categorical: categoricalNames.indices.map {
          CategoricalColumn(name: categoricalNames[$0], values: g.categorical[$0])
        },
        asOfDay: day)
    }

    /// The section's rows, nil when it has none.
    func rows() throws -> FeatureRows? {
      guard let asOf, let horizon else { return nil }
      let origins = groups.keys.sorted(by: >).map { o in
        OriginRows(origin: o, table: table(groups[o]!, day: o), labels: groups[o]!.labels)
      }
      return try FeatureRows.merging(
        [
          FeatureRows(
            asOf: asOf, horizon: horizon, firstDay: firstDay, origins: origins, forward: table(forward, day: asOf))
        ],
        file: file)
    }
  }
}
