import ArgumentParser
import CLVData
import CLVMath

/// `clv sample-data`: writes the synthetic shop (transactions, customers, events) used
/// by the bundled sample and the end-to-end tests.
struct SampleDataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sample-data",
    abstract: "Write a synthetic shop: transactions.csv, customers.csv and events.csv.",
    discussion: """
      The data carries learnable signal (profile effects on spend and purchase rate, \
      seasonality, browsing that fades before churn) and a little planted dirt \
      (duplicates, malformed rows, refunds). Same options and seed give identical files.
      """
  )

  @Option(help: "Number of customers.")
  var customers: Int = 5000

  @Option(help: "Seed of the generator.")
  var seed: UInt64 = 42

  @Option(help: "Output directory (created if missing).")
  var out: String = "sample-data"

  @Option(help: "Last day of the data, YYYY-MM-DD.")
  var end: String = "2026-09-30"

  @Option(help: "Length of the history in days.")
  var days: Int = 730

  @Option(help: "Multiplier on event volume (thin events.csv with values below 1).")
  var eventScale: Double = 1

  @Flag(help: "Leave out the planted duplicates and malformed rows.")
  var clean = false

  func validate() throws {
    guard customers > 0 else { throw ValidationError("--customers must be positive") }
    guard days > 30 else { throw ValidationError("--days must be more than 30") }
    guard eventScale >= 0 else { throw ValidationError("--event-scale must be non-negative") }
    guard CivilDate(iso: end) != nil else { throw ValidationError("--end must be a date like 2026-09-30") }
  }

  func run() throws {
    guard let endDate = CivilDate(iso: end) else { throw ValidationError("--end must be a date like 2026-09-30") }
    let shop = SampleShop(customers: customers, endDate: endDate, days: days, eventScale: eventScale, dirt: !clean)
    var rng = SplitMix64(seed: seed)
    let files = shop.generate(using: &rng)
    for path in try files.write(to: out) { print(path) }
    let s = files.stats
    print(
      "\(s.customers) customers (\(s.buyers) with orders), \(s.orders) orders, \(s.refunds) refunds, "
        + "\(s.events) events; planted \(s.duplicateTransactions) duplicate and "
        + "\(s.malformedTransactions.values.reduce(0, +)) malformed transaction rows")
  }
}
