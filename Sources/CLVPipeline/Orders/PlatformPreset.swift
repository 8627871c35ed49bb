import CLVData
import Foundation

/// The standard exports of the big platforms, as settings: which column holds what, how
/// dates are written, which statuses count, where refunds and currencies are, and how
/// customers are keyed. `--preset NAME` (or `preset = "NAME"` in the config) applies one;
/// any flag still overrides it, and the report lists the settings in effect.
///
/// A preset has one or more variants (an export's versions or plugins name columns
/// differently); the first whose ``PresetVariant/required`` columns are all in the file's
/// header is used. Facts from the platforms' documentation, summarised in the team's
/// notes on export formats.
enum PlatformPreset: String, CaseIterable, Sendable {
  case shopify
  case woocommerce
  case stripe
  case onlineRetail = "online-retail"
  case ga4Events = "ga4-events"

  /// Which input file the preset describes.
  enum File: Sendable { case transactions, events }

  var file: File { self == .ga4Events ? .events : .transactions }

  /// The variants, most specific first.
  var variants: [PresetVariant] {
    switch self {
    case .shopify:
      return [
        PresetVariant(
          name: "Shopify orders_export.csv", customer: "Email", date: "Created at", amount: "Total", order: "Name",
          dateFormat: "%Y-%m-%d %H:%M:%S %z", status: "Financial Status",
          includeStatus: ["paid", "partially_paid", "partially_refunded", "refunded"], refund: "Refunded Amount",
          currency: "Currency",
          header: [
            "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Currency", "Subtotal", "Shipping",
            "Taxes", "Total", "Discount Amount", "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price",
            "Lineitem sku", "Refunded Amount", "Cancelled at", "Id",
          ])
      ]
    case .woocommerce:
      let woo = PresetVariant(
        name: "WooCommerce order export (by billing e-mail)", customer: "Billing Email", date: "Order Date",
        amount: "Order Total", order: "Order ID", status: "Order Status",
        includeStatus: ["completed", "processing", "refunded"], refund: "Order Refund", currency: "Order Currency",
        header: [
          "Order ID", "Order Date", "Order Status", "Customer User ID", "Billing Email", "Order Total",
          "Order Currency", "Order Refund", "Payment Method",
        ])
      var byUser = woo
      byUser.name = "WooCommerce order export (by customer user id; guests are 0)"
      byUser.customer = "Customer User ID"
      byUser.header.removeAll { $0 == "Billing Email" }
      return [woo, byUser]
    case .stripe:
      let converted = PresetVariant(
        name: "Stripe payments export (account currency)", customer: "Customer ID", date: "Created (UTC)",
        amount: "Converted Amount", order: "id", status: "Status", includeStatus: ["Paid", "Refunded"],
        refund: "Converted Amount Refunded", currency: "Converted Currency",
        header: [
          "id", "Created (UTC)", "Amount", "Amount Refunded", "Currency", "Converted Amount",
          "Converted Amount Refunded", "Converted Currency", "Status", "Customer ID", "Customer Email", "Captured",
        ])
      var noCode = converted
      noCode.name = "Stripe payments export (account currency, no currency column)"
      noCode.currency = nil
      noCode.currencyLabel = "the account currency (Converted Amount)"
      noCode.header.removeAll { $0 == "Converted Currency" }
      return [converted, noCode]
    case .onlineRetail:
      return [
        PresetVariant(
          name: "UCI Online Retail", customer: "CustomerID", date: "InvoiceDate", order: "InvoiceNo",
          dateFormat: "%m/%d/%Y %H:%M", quantity: "Quantity", price: "UnitPrice", cancellationPrefix: "C",
          header: [
            "InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country",
          ]),
        PresetVariant(
          name: "UCI Online Retail II", customer: "Customer ID", date: "InvoiceDate", order: "Invoice",
          quantity: "Quantity", price: "Price", cancellationPrefix: "C",
          header: ["Invoice", "StockCode", "Description", "Quantity", "InvoiceDate", "Price", "Customer ID", "Country"]),
      ]
    case .ga4Events:
      return [
        PresetVariant(
          name: "GA4 BigQuery export, flattened", customer: "user_id", date: "event_timestamp", eventType: "event_name",
          header: ["event_date", "event_timestamp", "event_name", "user_pseudo_id", "user_id"])
      ]
    }
  }

  /// The names accepted by `--preset`.
  static var names: [String] { allCases.map(\.rawValue) }

  /// `--help` text: per preset, each variant and the header it expects.
  static var help: String {
    allCases.map { p in
      p.variants.map { "\(p.rawValue): \($0.name): " + $0.header.joined(separator: ",") }.joined(separator: "\n")
    }.joined(separator: "\n")
  }

  /// The preset called `name`.
  /// - Throws: `OrderRulesError.unknownPreset` listing the known names.
  static func named(_ name: String) throws -> PlatformPreset {
    guard let p = PlatformPreset(rawValue: name.lowercased()) else {
      throw OrderRulesError.unknownPreset(name, known: names)
    }
    return p
  }

  /// The first variant that fits `header`.
  /// - Throws: `OrderRulesError.presetDoesNotFit` naming the first variant's missing columns.
  func variant(for header: [String], path: String) throws -> PresetVariant {
    let present = Set(header.map { $0.trimmingCharacters(in: .whitespaces) })
    if let v = variants.first(where: { $0.required.allSatisfy(present.contains) }) { return v }
    let first = variants[0]
    throw OrderRulesError.presetDoesNotFit(
      path: path, preset: rawValue, missing: first.required.filter { !present.contains($0) }, header: header)
  }
}

/// One export layout of a platform: the column of each role and the rules.
struct PresetVariant: Sendable, Equatable {
  var name: String
  var customer: String
  var date: String
  var amount: String?
  var order: String?
  var dateFormat: String?
  var quantity: String?
  var price: String?
  var status: String?
  var includeStatus: [String]?
  var cancellationPrefix: String?
  var refund: String?
  var currency: String?
  var currencyLabel: String?
  var eventType: String?
  /// The export's usual header (documentation; the README lists it).
  var header: [String]

  init(
    name: String, customer: String, date: String, amount: String? = nil, order: String? = nil,
    dateFormat: String? = nil, quantity: String? = nil, price: String? = nil, status: String? = nil,
    includeStatus: [String]? = nil, cancellationPrefix: String? = nil, refund: String? = nil,
    currency: String? = nil, currencyLabel: String? = nil, eventType: String? = nil, header: [String]
  ) {
    self.name = name
    self.customer = customer
    self.date = date
    self.amount = amount
    self.order = order
    self.dateFormat = dateFormat
    self.quantity = quantity
    self.price = price
    self.status = status
    self.includeStatus = includeStatus
    self.cancellationPrefix = cancellationPrefix
    self.refund = refund
    self.currency = currency
    self.currencyLabel = currencyLabel
    self.eventType = eventType
    self.header = header
  }

  /// The columns this variant reads (all must be in the file).
  var required: [String] {
    [customer, date, amount, order, quantity, price, status, refund, currency, eventType].compactMap { $0 }
  }
}
