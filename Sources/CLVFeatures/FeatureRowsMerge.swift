extension FeatureRows {
  /// The union of feature rows of disjoint sets of customers (the parts of a partitioned
  /// run), equal to the rows of all customers computed at once: each origin's rows sorted
  /// by id, the earliest first day.
  ///
  /// Columns: every part must have the same columns, except that a part whose customers
  /// never saw an event type lacks that type's `events_<type>_<w>d` counts; those are
  /// added as 0 (what the feature builder gives a customer without such events), the
  /// types in ascending order of their column names. A profile attribute that is numeric
  /// in one part and text in another is taken as text where the numeric part has no
  /// value at all (a part without profiles); otherwise it is an error.
  /// - Throws: ``FeatureRowsError`` when the parts differ in as-of date or horizon, a
  ///   customer appears in two parts at one origin, or the columns cannot be reconciled.
  package static func merging(_ parts: [FeatureRows], file: String) throws -> FeatureRows {
    guard let first = parts.first else {
      throw FeatureRowsError(file: file, line: 0, "no feature rows: pass the output of 'clv features'")
    }
    for p in parts where p.asOf != first.asOf || p.horizon != first.horizon {
      throw FeatureRowsError(
        file: file, line: 0,
        "parts differ in as-of date or horizon (\(p.horizon) vs \(first.horizon)): join features of one run only")
    }
    let layout = try ColumnLayout(parts.map(\.forward), file: file)
    var origins = [OriginRows]()
    for o in Set(parts.flatMap { $0.origins.map(\.origin) }).sorted(by: >) {
      let pieces = parts.compactMap { $0.rows(at: o) }
      let table = try layout.stack(pieces.map(\.table), file: file)
      let labels = pieces.flatMap { $0.labels ?? Array(repeating: 0, count: $0.table.rowCount) }
      let order = try sortedOrder(table.rowIDs, file: file, at: o)
      origins.append(OriginRows(origin: o, table: table.selectingRows(order), labels: order.map { labels[$0] }))
    }
    let forward = try layout.stack(parts.map(\.forward), file: file)
    let order = try sortedOrder(forward.rowIDs, file: file, at: first.asOf)
    return FeatureRows(
      asOf: first.asOf, horizon: first.horizon, firstDay: parts.compactMap(\.firstDay).min(), origins: origins,
      forward: forward.selectingRows(order))
  }

  /// Indices that sort `ids` ascending; throws on a repeated id.
  static func sortedOrder(_ ids: [String], file: String, at day: Int32) throws -> [Int] {
    let order = ids.indices.sorted { ids[$0] < ids[$1] }
    for k in order.indices.dropFirst() where ids[order[k]] == ids[order[k - 1]] {
      throw FeatureRowsError(
        file: file, line: 0,
        "customer '\(ids[order[k]])' has two rows at origin \(day): the parts must hold disjoint customers "
          + "(partition the logs by customer id)")
    }
    return order
  }
}

/// The reconciled columns of several parts' feature tables.
struct ColumnLayout {
  var numeric: [(name: String, transform: NumericTransform)]
  var categorical: [String]

  /// The event type of an `events_<type>_<w>d` column, nil for any other column.
  static func eventType(_ name: String) -> String? {
    guard name.hasPrefix("events_") else { return nil }
    for w in FeatureBuilder.eventWindows {
      let suffix = "_\(w)d"
      if name.hasSuffix(suffix) && name.count > "events_".count + suffix.count {
        return String(name.dropFirst("events_".count).dropLast(suffix.count))
      }
    }
    return nil
  }

  init(_ tables: [FeatureTable], file: String) throws {
    let first = tables[0]
    let same = tables.allSatisfy {
      $0.numeric.map(\.name) == first.numeric.map(\.name) && $0.categorical.map(\.name) == first.categorical.map(\.name)
    }
    if same {
      numeric = first.numeric.map { ($0.name, $0.transform) }
      categorical = first.categorical.map(\.name)
      return
    }
    // Profile attributes typed differently across parts: text wins over an all-missing number.
    var text = Set(tables.flatMap { $0.categorical.map(\.name) })
    for t in tables {
      for c in t.numeric where text.contains(c.name) && !c.values.allSatisfy(\.isNaN) {
        throw FeatureRowsError(
          file: file, line: 0,
          "profile attribute '\(c.name)' is numeric in one part and text in another: give every part the same profile file format"
        )
      }
    }
    let others = tables.map { $0.numeric.filter { Self.eventType($0.name) == nil && !text.contains($0.name) } }
    for o in others where o.map(\.name) != others[0].map(\.name) {
      throw FeatureRowsError(
        file: file, line: 0,
        "the parts have different feature columns (\(o.map(\.name).joined(separator: ",")) vs "
          + "\(others[0].map(\.name).joined(separator: ","))): run 'clv features' with the same files and settings on every part"
      )
    }
    let types = Set(tables.flatMap { $0.numeric.compactMap { Self.eventType($0.name) } }).sorted()
    var numeric = [(name: String, transform: NumericTransform)]()
    for c in others[0] {
      if c.name == "events_90d" {
        for t in types { for w in FeatureBuilder.eventWindows { numeric.append(("events_\(t)_\(w)d", .signedLog1p)) } }
      }
      numeric.append((c.name, c.transform))
    }
    self.numeric = numeric
    var cats = [String]()
    for t in tables {
      for c in t.categorical.map(\.name) + t.numeric.map(\.name) where text.contains(c) && !cats.contains(c) {
        cats.append(c)
      }
    }
    text = []
    categorical = cats
  }

  /// The tables in this layout, one under the other.
  func stack(_ tables: [FeatureTable], file: String) throws -> FeatureTable {
    FeatureTable(
      stacking: tables.map { t in
        let n = t.rowCount
        return FeatureTable(
          rowIDs: t.rowIDs,
          numeric: numeric.map { c in
            NumericColumn(
              name: c.name, values: t.numeric(c.name)?.values ?? Array(repeating: 0, count: n), transform: c.transform)
          },
          categorical: categorical.map { name in
            CategoricalColumn(
              name: name, values: t.categorical.first { $0.name == name }?.values ?? Array(repeating: nil, count: n))
          },
          asOfDay: t.asOfDay)
      })
  }
}
