import CLVData
import Foundation

/// The transaction and event settings in effect once presets, the config file and the
/// flags are combined, with the source of each for the report.
struct ResolvedOrderSettings: Sendable {
  /// How to read the transaction file: its read settings with the customer and date
  /// columns and the date format a preset set.
  var read: FileReadSettings
  var columns: TransactionColumns
  var rules: OrderRules
  /// Event file columns a preset set (nil: the run's own).
  var eventTimeColumn: String?
  var eventTypeColumn: String?
  var eventCustomerColumn: String?
  /// The transaction file's settings in words, with their source.
  var settings: [EffectiveSetting]
  /// What the user should know about these settings (e.g. a preset that fits the file).
  var warnings: [String] = []
}

/// Combines a preset with the run's settings: whatever the user set (a flag or the config
/// file) wins; the preset fills the rest; built-in defaults fill what neither sets.
///
/// "Set by the user" means: an ``OrderOptions`` field that is not nil, a file setting
/// that is not nil (customer and date column, date format), or the amount and order
/// columns when they differ from their built-in defaults (a flag that repeats the default
/// value is indistinguishable from no flag and gives way to the preset).
enum OrderSettingsResolver {
  /// Resolves the settings for a transaction file with `header`; without a transaction
  /// preset, a preset whose export the header matches is suggested with the settings it
  /// would change (a Shopify export read without it counts unpaid orders and misses refunds).
  static func resolve(_ o: ResolvedInputs, header: [String]) throws -> ResolvedOrderSettings {
    var r = try resolveWithoutSuggestion(o, transactionHeader: { header })
    if r.settings.first(where: { $0.name == "preset" }) == nil,
      let w = try suggestion(o, header: header, ours: r.settings)
    {
      r.warnings.append(w)
    }
    if let w = unitPriceWarning(r, header: header) { r.warnings.append(w) }
    return r
  }

  /// The preset that fits `header`, if any, and how its settings differ from `ours`.
  static func suggestion(_ o: ResolvedInputs, header: [String], ours: [EffectiveSetting]) throws -> String? {
    let present = Set(header)
    for p in PlatformPreset.allCases where p.file == .transactions {
      guard let v = p.variants.first(where: { $0.required.allSatisfy(present.contains) }) else { continue }
      var withPreset = o
      withPreset.columns = TransactionColumns()
      withPreset.transactions.read.customerColumn = nil
      withPreset.transactions.read.dateColumn = nil
      withPreset.transactions.read.dateFormat = nil
      withPreset.orders = OrderOptions()
      withPreset.orders.presets = [p.rawValue]
      let theirs = try resolveWithoutSuggestion(withPreset, transactionHeader: { header }).settings
      let mine = Dictionary(ours.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
      let differences = theirs.filter { $0.name != "preset" && $0.name != "customer ids" && mine[$0.name] != $0.value }
      guard !differences.isEmpty else { return nil }
      return "this file looks like a \(v.name); --preset \(p.rawValue) would read it as the shop counts, with "
        + differences.map { "\($0.name) \($0.value) (here: \(mine[$0.name] ?? "not set"))" }.joined(separator: "; ")
        + ". Add --preset \(p.rawValue) (any option still overrides it), or set these yourself"
    }
    return nil
  }

  /// A warning when the amount looks like a unit price next to a quantity column.
  static func unitPriceWarning(_ r: ResolvedOrderSettings, header: [String]) -> String? {
    guard r.rules.quantityColumn == nil else { return nil }
    guard let name = r.columns.amount else { return nil }
    let amount = name.lowercased().replacingOccurrences(of: " ", with: "")
    guard amount.contains("price") || amount.contains("unitcost") else { return nil }
    let quantities = ["quantity", "qty", "lineitemquantity", "menge", "anzahl"]
    guard let q = header.first(where: { quantities.contains($0.lowercased().replacingOccurrences(of: " ", with: "")) })
    else { return nil }
    return "the amount column '\(name)' looks like a unit price and the file has a '\(q)' column: "
      + "a line's value is then quantity × price, and summing prices undercounts every line with more than one unit. "
      + "Use --quantity-column '\(q)' --price-column '\(name)'"
  }

  static func resolveWithoutSuggestion(
    _ o: ResolvedInputs, transactionHeader: () throws -> [String]
  ) throws -> ResolvedOrderSettings {
    let presets = try o.orders.presets.map(PlatformPreset.named)
    let transactionPresets = presets.filter { $0.file == .transactions }
    if transactionPresets.count > 1 {
      throw OrderRulesError.conflictingSettings(
        "--preset names \(transactionPresets.count) transaction exports ("
          + transactionPresets.map(\.rawValue).joined(separator: ", ") + "); a run reads one transaction file: pick one"
      )
    }
    let defaults = TransactionColumns()
    let t = o.transactions.read
    let oo = o.orders
    let userAmount = o.columns.amount != nil
    let userLineItems = oo.quantityColumn != nil || oo.priceColumn != nil
    var variant: PresetVariant?
    if let preset = transactionPresets.first {
      let header = try transactionHeader()
      // Only the columns the preset will actually supply must be present.
      let present = Set(header.map { $0.trimmingCharacters(in: .whitespaces) })
      func needed(_ v: PresetVariant) -> [String] {
        var needed = [String]()
        if t.customerColumn == nil { needed.append(v.customer) }
        if t.dateColumn == nil { needed.append(v.date) }
        if !userAmount && !userLineItems { needed += [v.amount, v.quantity, v.price].compactMap { $0 } }
        if o.columns.order == nil, let c = v.order { needed.append(c) }
        if oo.statusColumn == nil, let c = v.status { needed.append(c) }
        if oo.refundColumn == nil, let c = v.refund { needed.append(c) }
        if oo.currencyColumn == nil, let c = v.currency { needed.append(c) }
        return needed
      }
      guard let fits = preset.variants.first(where: { needed($0).allSatisfy(present.contains) }) else {
        throw OrderRulesError.presetDoesNotFit(
          path: o.transactions.path, preset: preset.rawValue,
          missing: needed(preset.variants[0]).filter { !present.contains($0) }, header: header)
      }
      variant = fits
    }
    var settings = [EffectiveSetting]()
    func pick<T>(_ name: String, user: T?, preset: T?, fallback: T, show: (T) -> String) -> T {
      if let user {
        settings.append(EffectiveSetting(name: name, value: show(user), source: "option"))
        return user
      }
      if let preset {
        settings.append(EffectiveSetting(name: name, value: show(preset), source: "preset"))
        return preset
      }
      settings.append(EffectiveSetting(name: name, value: show(fallback), source: "default"))
      return fallback
    }
    if let v = variant, let p = transactionPresets.first {
      settings.append(EffectiveSetting(name: "preset", value: "\(p.rawValue): \(v.name)", source: "option"))
    }
    let quoted: (String) -> String = { "'\($0)'" }

    // Unset columns are the default name when the file has it, else found by the loader
    // (the reading notes say which).
    let header = (try? transactionHeader()) ?? []
    func shown(_ column: String?, _ defaultName: String) -> String {
      if let column { return quoted(column) }
      return header.contains(defaultName) ? quoted(defaultName) : "recognised from the header (see the notes)"
    }
    var read = t
    var columns = TransactionColumns()
    read.customerColumn = pick(
      "customer column", user: t.customerColumn.map { Optional($0) }, preset: variant.map { Optional($0.customer) },
      fallback: nil, show: { shown($0, "customer_id") })
    read.dateColumn = pick(
      "date column", user: t.dateColumn.map { Optional($0) }, preset: variant.map { Optional($0.date) },
      fallback: nil, show: { shown($0, TransactionColumns.defaultDate) })
    read.dateFormat = pick(
      "date format", user: t.dateFormat.map { Optional($0) }, preset: variant.map { $0.dateFormat }, fallback: nil,
      show: { $0 ?? "ISO-8601 or yyyyMMdd" })
    columns.order = pick(
      "order column", user: o.columns.order.map { Optional($0) }, preset: variant?.order.map { Optional($0) },
      fallback: defaults.order, show: { shown($0, TransactionColumns.defaultOrder) })

    var rules = OrderRules()
    // The value: the user's line items or amount, else the preset's, else the default amount.
    if userLineItems {
      rules.quantityColumn = oo.quantityColumn
      rules.priceColumn = oo.priceColumn
      settings.append(
        EffectiveSetting(
          name: "line value", value: "quantity × price ('\(oo.quantityColumn ?? "?")' × '\(oo.priceColumn ?? "?")')",
          source: "option"))
    } else if !userAmount, let v = variant, let q = v.quantity, let p = v.price {
      rules.quantityColumn = q
      rules.priceColumn = p
      settings.append(
        EffectiveSetting(name: "line value", value: "quantity × price ('\(q)' × '\(p)')", source: "preset"))
    } else {
      let fromPreset = !userAmount ? variant?.amount : nil
      columns.amount = fromPreset ?? o.columns.amount
      settings.append(
        EffectiveSetting(
          name: "line value", value: "amount '\(columns.amount ?? TransactionColumns.defaultAmount)'",
          source: userAmount ? "option" : (fromPreset != nil ? "preset" : "default")))
    }

    rules.statusColumn = pick(
      "status column", user: oo.statusColumn.map { Optional($0) }, preset: variant.map { $0.status },
      fallback: nil, show: { $0.map(quoted) ?? "none" })
    if oo.includeStatus != nil || oo.excludeStatus != nil {
      rules.status = StatusFilter(include: oo.includeStatus, exclude: oo.excludeStatus ?? [])
      settings.append(EffectiveSetting(name: "statuses counted", value: rules.status.description, source: "option"))
    } else if let include = variant?.includeStatus, rules.statusColumn != nil {
      rules.status = StatusFilter(include: include)
      settings.append(EffectiveSetting(name: "statuses counted", value: rules.status.description, source: "preset"))
    } else if rules.statusColumn != nil {
      settings.append(EffectiveSetting(name: "statuses counted", value: "all", source: "default"))
    }
    if rules.statusColumn == nil, !rules.status.isOpen {
      throw OrderRulesError.conflictingSettings(
        "--include-status and --exclude-status need --status-column (the column that holds each order's status)")
    }
    rules.cancellationPrefix = pick(
      "cancellations", user: oo.cancellationPrefix.map { Optional($0) },
      preset: variant.map { $0.cancellationPrefix }, fallback: nil,
      show: {
        $0.map { "order ids starting with '\($0)' (netted, not purchases)" } ?? "none (a negative amount is a refund)"
      })
    rules.refundColumn = pick(
      "refund column", user: oo.refundColumn.map { Optional($0) }, preset: variant.map { $0.refund },
      fallback: nil, show: { $0.map { "'\($0)' (netted against its order)" } ?? "none" })
    rules.currencyColumn = pick(
      "currency column", user: oo.currencyColumn.map { Optional($0) }, preset: variant.map { $0.currency },
      fallback: nil, show: { $0.map(quoted) ?? "none" })
    if rules.currencyColumn == nil { rules.currencyLabel = variant?.currencyLabel }
    if let keep = oo.currency { rules.currency.keep = keep }
    if let path = oo.fx { rules.currency.rates = try FXRates.load(path: path) }
    if rules.currency.keep != nil && rules.currency.rates != nil {
      throw OrderRulesError.conflictingSettings(
        "--currency and --fx exclude each other: keep one currency or convert all")
    }
    if (rules.currency.keep != nil || rules.currency.rates != nil) && rules.currencyColumn == nil {
      throw OrderRulesError.conflictingSettings(
        "--currency and --fx need --currency-column (the column that holds each order's currency)")
    }
    if rules.currencyColumn != nil {
      settings.append(
        EffectiveSetting(
          name: "currencies", value: rules.currency.description,
          source: oo.currency != nil || oo.fx != nil ? "option" : "default"))
    }
    rules.ids = CustomerIDRules(
      canonicalNumbers: !(oo.idAsWritten ?? false), caseInsensitiveEmails: !(oo.idCaseSensitive ?? false),
      excludePlaceholders: !(oo.keepPlaceholderIDs ?? false), keep: oo.keepIDs)
    let idsFromUser =
      oo.idAsWritten != nil || oo.idCaseSensitive != nil || oo.keepPlaceholderIDs != nil || !oo.keepIDs.isEmpty
    settings.append(
      EffectiveSetting(name: "customer ids", value: rules.ids.description, source: idsFromUser ? "option" : "default"))

    var resolved = ResolvedOrderSettings(read: read, columns: columns, rules: rules, settings: settings)
    if let ga4 = presets.first(where: { $0.file == .events })?.variants.first {
      let events = o.events?.read
      resolved.eventTimeColumn = events?.dateColumn ?? ga4.date
      resolved.eventTypeColumn = o.eventTypeColumn ?? ga4.eventType
      resolved.eventCustomerColumn = events?.customerColumn ?? ga4.customer
    }
    return resolved
  }
}
