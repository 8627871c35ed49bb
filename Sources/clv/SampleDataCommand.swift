import ArgumentParser
import CLVData
import CLVMath
import CLVReport
import Foundation

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

  /// Most customers, days of history and event scale: generous for any test, and a bound
  /// so that a typo (an extra zero or two) stops at once instead of running for hours.
  static let customerLimit = 10_000_000
  static let dayLimit = 36_525
  static let eventScaleLimit = 100.0

  @Option(parsing: .unconditional, help: "Number of customers (1 to \(SampleDataCommand.customerLimit.formatted())).")
  var customers: Int = 5000

  @Option(help: "Seed of the generator.")
  var seed: UInt64 = 42

  @Option(help: "Output directory (created if missing).")
  var out: String = "sample-data"

  @Option(help: "Last day of the data, YYYY-MM-DD.")
  var end: String = "2026-09-30"

  @Option(
    parsing: .unconditional, help: "Length of the history in days (31 to \(SampleDataCommand.dayLimit.formatted())).")
  var days: Int = 730

  @Option(
    parsing: .unconditional,
    help: "Multiplier on event volume, 0 to \(Int(SampleDataCommand.eventScaleLimit)) (thin events.csv below 1).")
  var eventScale: Double = 1

  @Flag(help: "Leave out the planted duplicates and malformed rows.")
  var clean = false

  @Flag(help: "Replace transactions.csv, customers.csv and events.csv if --out already holds them.")
  var force = false

  func validate() throws {
    guard (1...Self.customerLimit).contains(customers) else {
      throw ValidationError("--customers must be from 1 to \(Self.customerLimit.formatted()) (got \(customers))")
    }
    guard (31...Self.dayLimit).contains(days) else {
      throw ValidationError("--days must be from 31 to \(Self.dayLimit.formatted()) (got \(days))")
    }
    guard (0...Self.eventScaleLimit).contains(eventScale) else {
      throw ValidationError("--event-scale must be from 0 to \(Int(Self.eventScaleLimit)) (got \(eventScale))")
    }
    guard CivilDate(iso: end) != nil else { throw ValidationError("--end must be a date like 2026-09-30") }
  }

  func run() throws {
    guard let endDate = CivilDate(iso: end) else { throw ValidationError("--end must be a date like 2026-09-30") }
    let shop = SampleShop(customers: customers, endDate: endDate, days: days, eventScale: eventScale, dirt: !clean)
    var rng = SplitMix64(seed: seed)
    let existing = SampleShopFiles.names.filter {
      FileManager.default.fileExists(atPath: URL(fileURLWithPath: out).appendingPathComponent($0).path)
    }
    if !existing.isEmpty && !force {
      throw OutputTargetError.existingFiles(folder: out, option: "--out", names: existing)
    }
    let files = shop.generate(using: &rng)
    let paths: [String]
    do {
      paths = try files.write(to: out)
    } catch {
      throw OutputError.writeFailed(path: out, reason: Self.reason(error))
    }
    for path in paths { print(path) }
    let s = files.stats
    print(
      "\(s.customers) customers (\(s.buyers) with orders), \(s.orders) orders, \(s.refunds) refunds, "
        + "\(s.events) events; planted \(s.duplicateTransactions) duplicate and "
        + "\(s.malformedTransactions.values.reduce(0, +)) malformed transaction rows")
  }

  /// The operating system's words for a failed write (Foundation's own text for it is "(null)").
  static func reason(_ error: any Error) -> String {
    let ns = error as NSError
    let underlying = (ns.userInfo[NSUnderlyingErrorKey] as? any Error).map { $0 as NSError } ?? ns
    if underlying.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(underlying.code))) }
    return underlying.localizedDescription
  }
}
