/// The settings that give a transaction file's rows their business meaning: a platform
/// preset, line items, order status, refunds, currencies and the customer-id rules.
/// Every field is optional: a preset fills what is nil, and anything set by a flag or the
/// config file wins over the preset. Part of ``RunOptions`` (recorded in metrics.json).
package struct OrderOptions: Sendable, Codable, Equatable {
  /// Platform presets, e.g. `["shopify"]` or `["online-retail", "ga4-events"]` (see ``PlatformPreset``).
  package var presets: [String] = []
  /// Line quantity column (with ``priceColumn``: value = quantity × price).
  package var quantityColumn: String?
  /// Unit price column.
  package var priceColumn: String?
  /// Order status column.
  package var statusColumn: String?
  /// Statuses that count (case-insensitive); the others are excluded and counted.
  package var includeStatus: [String]?
  /// Statuses that do not count.
  package var excludeStatus: [String]?
  /// Order ids starting with this prefix are cancellations (Online Retail: `C`).
  package var cancellationPrefix: String?
  /// Amount refunded on an order (netted against it).
  package var refundColumn: String?
  /// Currency column.
  package var currencyColumn: String?
  /// Keep only orders in this currency.
  package var currency: String?
  /// Rates file converting every currency into one (`currency,rate_to_XXX`).
  package var fx: String?
  /// Compare e-mail-like ids case-sensitively (default: case-insensitive).
  package var idCaseSensitive: Bool?
  /// Keep numeric ids as written (default: `13085.0` = `13085`).
  package var idAsWritten: Bool?
  /// Keep placeholder-looking and dominant ids (default: excluded with a warning).
  package var keepPlaceholderIDs: Bool?
  /// Ids kept although they look like placeholders.
  package var keepIDs: [String] = []

  package init() {}
}
