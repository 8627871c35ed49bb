/// The settings that give a transaction file's rows their business meaning: a platform
/// preset, line items, order status, refunds, currencies and the customer-id rules.
/// Every field is optional: a preset fills what is nil, and anything set by a flag or the
/// config file wins over the preset. Part of ``RunOptions`` (recorded in metrics.json).
public struct OrderOptions: Sendable, Codable, Equatable {
  /// Platform presets, e.g. `["shopify"]` or `["online-retail", "ga4-events"]` (see ``PlatformPreset``).
  public var presets: [String] = []
  /// Line quantity column (with ``priceColumn``: value = quantity × price).
  public var quantityColumn: String?
  /// Unit price column.
  public var priceColumn: String?
  /// Order status column.
  public var statusColumn: String?
  /// Statuses that count (case-insensitive); the others are excluded and counted.
  public var includeStatus: [String]?
  /// Statuses that do not count.
  public var excludeStatus: [String]?
  /// Order ids starting with this prefix are cancellations (Online Retail: `C`).
  public var cancellationPrefix: String?
  /// Amount refunded on an order (netted against it).
  public var refundColumn: String?
  /// Currency column.
  public var currencyColumn: String?
  /// Keep only orders in this currency.
  public var currency: String?
  /// Rates file converting every currency into one (`currency,rate_to_XXX`).
  public var fx: String?
  /// Compare e-mail-like ids case-sensitively (default: case-insensitive).
  public var idCaseSensitive: Bool?
  /// Keep numeric ids as written (default: `13085.0` = `13085`).
  public var idAsWritten: Bool?
  /// Keep placeholder-looking and dominant ids (default: excluded with a warning).
  public var keepPlaceholderIDs: Bool?
  /// Ids kept although they look like placeholders.
  public var keepIDs: [String] = []

  public init() {}
}
