/// The names exports give each column role, for guessing a column that is not named: the
/// common case of the platforms in `shared/notes/export-formats.md` (UCI Online Retail I and
/// II, Shopify, WooCommerce, Stripe, GA4/BigQuery, German spreadsheets, CRM tables).
///
/// Names are compared after lower-casing and dropping everything but letters and digits
/// (`Customer ID` = `CustomerID` = `customer_id`). Each role lists names in tiers: the
/// guess is the column matching the first tier that has a match; two matches in that tier
/// are an error listing both (``IngestError/ambiguousColumn(path:role:candidates:option:)``),
/// never a silent pick. A later tier is a weaker name for the role (an email stands for a
/// customer only where no id column exists; Shopify's `Paid at` only where there is no
/// `Created at`).
enum ColumnRoles {
  /// Customer id, in every file.
  static let customer: [[String]] = [
    [
      "customer_id", "customer id", "customerid", "customer", "customer number", "customer_no", "client_id",
      "clientid", "user_id", "userid", "customer user id", "kundennummer", "kunden_id", "kundenid", "kunde",
      "buyer_id", "member_id", "account_id", "contact_id",
    ],
    ["email", "customer email", "billing email", "e-mail", "email address", "customer_email", "user_pseudo_id"],
  ]

  /// Order date of a transaction.
  static let orderDate: [[String]] = [
    [
      "order_date", "order date", "orderdate", "invoicedate", "invoice date", "created at", "created_at",
      "created (utc)", "created date (utc)", "created", "purchase_date", "purchase date", "transaction_date",
      "transaction date", "date", "timestamp", "bestelldatum", "datum", "rechnungsdatum",
    ],
    ["paid at", "paid_at", "order_created", "event_date", "time"],
  ]

  /// Amount of a transaction.
  static let amount: [[String]] = [
    [
      "amount", "total", "order total", "order_total", "ordertotal", "revenue", "value", "sales", "sale amount",
      "order amount", "order value", "gross", "betrag", "umsatz", "gesamtbetrag", "summe", "purchase_revenue",
    ],
    ["total price", "total_price", "net amount", "net"],
  ]

  /// Order id of a transaction (optional).
  static let order: [[String]] = [
    [
      "order_id", "order id", "orderid", "invoiceno", "invoice", "invoice no", "invoice number", "order number",
      "order_number", "transaction_id", "transaction id", "bestellnummer", "rechnungsnummer",
    ],
    ["id", "name"],
  ]

  /// Signup date of a profile (optional).
  static let signupDate: [[String]] = [
    [
      "signup_date", "signup date", "signup", "signed_up", "created_at", "created at", "created date (utc)",
      "registration_date", "registration date", "registered", "first_seen", "customer since", "kunde seit", "date",
    ]
  ]

  /// Timestamp of an event.
  static let eventTime: [[String]] = [
    ["timestamp", "event_timestamp", "event_time", "event time", "time", "datetime", "created_at", "date"],
    ["event_date"],
  ]

  /// Type of an event.
  static let eventType: [[String]] = [
    ["event_type", "event type", "event_name", "event name", "event", "type", "action"]
  ]

  /// `name` as compared: lower case, letters and digits only.
  static func normalised(_ name: String) -> String {
    String(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
  }
}
