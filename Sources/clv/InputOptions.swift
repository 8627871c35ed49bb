import ArgumentParser
import CLVPipeline

/// Input files and their column mapping, shared by `report` and `score`.
struct InputOptions: ParsableArguments {
  @Option(help: "Transaction log CSV (default: sample-data/transactions.csv).")
  var transactions: String?

  @Option(help: "Customer profile CSV (optional).")
  var customers: String?

  @Option(help: "Behaviour event CSV (optional).")
  var events: String?

  @Option(help: "Customer id column in every file (default customer_id).")
  var customerColumn: String?

  @Option(help: "Order date column (default order_date; date/timestamp are tried when absent).")
  var dateColumn: String?

  @Option(help: "Amount column (default amount).")
  var amountColumn: String?

  @Option(help: "Order id column (default order_id; optional).")
  var orderColumn: String?

  @Option(help: "Signup date column of the profile table (default signup_date).")
  var signupColumn: String?

  @Option(help: "Timestamp column of the event log (default timestamp).")
  var timestampColumn: String?

  @Option(help: "Event type column of the event log (default event_type).")
  var eventTypeColumn: String?

  @Option(help: "strftime-style date format, e.g. %d/%m/%Y (default: ISO-8601 or yyyyMMdd).")
  var dateFormat: String?

  @Option(help: "Largest share of bad rows tolerated per file, e.g. 1% or 0.02 (default 1%).")
  var maxBadRows: String?

  /// Copies the flags that were given onto `options`.
  func apply(to options: inout RunOptions) {
    if let transactions {
      options.transactions = transactions
      // A user's own log does not come with the bundled profiles and events.
      if customers == nil && options.customers == RunOptions.sampleCustomers { options.customers = nil }
      if events == nil && options.events == RunOptions.sampleEvents { options.events = nil }
    }
    if let customers { options.customers = customers }
    if let events { options.events = events }
    if let customerColumn { options.customerColumn = customerColumn }
    if let dateColumn { options.dateColumn = dateColumn }
    if let amountColumn { options.amountColumn = amountColumn }
    if let orderColumn { options.orderColumn = orderColumn }
    if let dateFormat { options.dateFormat = dateFormat }
    if let signupColumn { options.signupColumn = signupColumn }
    if let timestampColumn { options.eventTimeColumn = timestampColumn }
    if let eventTypeColumn { options.eventTypeColumn = eventTypeColumn }
    if let maxBadRows { options.maxBadRows = maxBadRows }
  }
}
