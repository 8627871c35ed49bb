import CLVData

/// Which files `clv inspect` looks at, each with the reading settings `clv report` would give
/// it: the files named by kind (`--transactions` …, or the bundled sample when there are
/// neither those nor plain arguments), then the plain arguments, their kind guessed.
package enum InspectionPlan {
  package static func inputs(files: [String], settings: InputSettings) -> [Inspection.Input] {
    let named = settings.transactions != nil || settings.customers != nil || settings.events != nil
    var out: [Inspection.Input] = []
    if named || files.isEmpty {
      let r = settings.resolved()
      // Without --transactions, resolved() stands in the sample's log: show it only when asked
      // for nothing else.
      if settings.transactions != nil || (files.isEmpty && !named) {
        out.append(input(r.transactions, kind: .transactions, r))
      }
      if let c = r.customers, settings.customers != nil || !named { out.append(input(c, kind: .profiles, r)) }
      if let e = r.events, settings.events != nil || !named { out.append(input(e, kind: .events, r)) }
    }
    // Plain arguments: settings of every kind (a stand-in path makes each kind resolve), the
    // kind chosen from the columns when the file is read.
    var probe = settings
    probe.transactions = "-"
    probe.customers = "-"
    probe.events = "-"
    let all = probe.resolved()
    for path in files {
      out.append(
        Inspection.Input(
          path: path, kind: nil, settings: all.transactions.read, columns: all.columns,
          eventTypeColumn: all.eventTypeColumn,
          settingsByKind: [
            .transactions: all.transactions.read, .profiles: all.customers!.read, .events: all.events!.read,
          ]))
    }
    return out
  }

  static func input(_ f: InputFileSettings, kind: TableKind, _ r: ResolvedInputs) -> Inspection.Input {
    Inspection.Input(path: f.path, kind: kind, settings: f.read, columns: r.columns, eventTypeColumn: r.eventTypeColumn)
  }
}
