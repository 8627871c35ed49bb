import ArgumentParser
import CLVData
import CLVEvaluation
import CLVFeatures
import Foundation

// Every setting of `clv report` and `clv score`, declared once. Each property below is one
// option, and its one declaration is all there is to it:
//
// - the flag is the property name in kebab case (`mlpEpochs` → `--mlp-epochs`);
// - the config key is the property name in snake case (`mlp_epochs = 40`); a property whose
//   name starts with a file kind (`transactions`, `customers`, `events`) followed by a
//   capital belongs to that file's section (`customersDateFormat` → `[customers]`
//   `date_format`); the file's own path is the key `path` of its section;
// - the help text is the `help:` argument (it is what `clv report --help` prints);
// - the type, parsing and validation are the property's type and its `transform:`
//   (the helpers in `SettingParsers.swift` throw a ``SettingValueError`` that says what is
//   expected); the parser rejects a bad value from the command line and from the config
//   file alike, with exit status 64;
// - the default is the property's initial value (nil: "not given", resolved by the code that
//   reads it, which the help text names). An option with a `transform:` writes its default
//   at the end of its help, `(default: 1.0)` (the parser shows it only for types that parse
//   themselves); a test checks it matches the initial value.
//
// ## How to add an option
// Add one property to ``RunSettings`` (a modelling or output setting) or ``InputSettings``
// (a file, column or reading setting), with its `help:` and, unless its type parses itself,
// a `transform:`:
//
// ```swift
// @Option(
//   help: "Threads of the neural models (default: 2).",
//   transform: SettingParsers.int(in: 1...64, expected: "a number of threads from 1 to 64"))
// package var threads: Int = 2
// ```
//
// That is the whole edit: `--threads 4` and `threads = 4` in the config file now work, the
// unknown-key check and its did-you-mean know the key, and `metrics.json` records it (run →
// options). Read it where it is used (`settings.threads`). Rules the derivation relies on:
// - the property name is the flag: no `name:` overrides (a test parses every derived flag);
// - a boolean is `@Flag(inversion: .prefixedNo)` (`--x`/`--no-x`; `x = false` in the file);
// - a repeatable option is an array (`--gate a --gate b`; a TOML array), any other option
//   given a TOML array gets its elements joined with commas (`mlp_hidden = [64, 32]`);
// - a per-file setting is four properties (the global one and `transactions…`,
//   `customers…`, `events…`) and one argument in ``InputSettings/resolved()`` below.
// A preset (a named set of values, `--preset shopify`) is a property too; the values it
// stands for are resolved where the settings are read. Only `--config`, `--quiet` and the
// arguments of `clv score` itself (`--model`, `-o`, `--horizon` defaulting to the model's) are
// declared in the commands: they are not run settings.
//
// Config keys kept for older files (the `[columns]` section, `gates`) and the sections'
// `date_column` are listed in ``ConfigFile/aliases``.

/// The input files, their columns and how to read them; shared by `clv report` and
/// `clv score`. Per-file settings (`--customers-date-format`, `[customers] date_format`)
/// fall back to the global ones (`--date-format`); ``resolved()`` turns them into one
/// ``InputFileSettings`` per file.
package struct InputSettings: ParsableArguments, Sendable {
  package init() {}

  // MARK: Files

  @Option(
    help: """
      Transaction log CSV (default: the bundled sample sample-data/transactions.csv, with its customers.csv \
      and events.csv).
      """,
    transform: SettingParsers.nonEmpty)
  package var transactions: String?

  @Option(help: "Customer profile CSV (optional).", transform: SettingParsers.nonEmpty)
  package var customers: String?

  @Option(help: "Behaviour event CSV (optional).", transform: SettingParsers.nonEmpty)
  package var events: String?

  // MARK: Columns

  @Option(
    help: "Customer id column, the default for every file (default: customer_id, else a recognised id column).",
    transform: SettingParsers.nonEmpty)
  package var customerColumn: String?

  @Option(
    help: "Order date column of the transaction log (default: order_date, else a recognised date column).",
    transform: SettingParsers.nonEmpty)
  package var dateColumn: String?

  @Option(
    help: "Amount column of the transaction log (default: amount, else a recognised amount column such as Total).",
    transform: SettingParsers.nonEmpty)
  package var amountColumn: String?

  @Option(
    help: "Order id column of the transaction log, optional in the file (default: order_id, else a recognised one).",
    transform: SettingParsers.nonEmpty)
  package var orderColumn: String?

  @Option(
    help: "Signup date column of the profile table (default: signup_date, else a recognised one).",
    transform: SettingParsers.nonEmpty)
  package var signupColumn: String?

  @Option(
    help: "Timestamp column of the event log (default: timestamp, else a recognised one).",
    transform: SettingParsers.nonEmpty)
  package var timestampColumn: String?

  @Option(
    help: "Event type column of the event log (default: event_type, else a recognised one such as event_name).",
    transform: SettingParsers.nonEmpty)
  package var eventTypeColumn: String?

  @Option(
    help: """
      The event types to make feature columns for (repeatable or comma-separated; default: the types in the event \
      log). Every listed type gets its events_<type>_<w>d columns, 0 for a log without it; a type in the log that \
      is not listed is an error. The Spark driver passes the types of the whole input, so a partition whose \
      customers never saw a type still writes the columns of the whole.
      """,
    transform: SettingParsers.nonEmpty)
  package var eventTypes: [String] = []

  // MARK: What the transaction rows mean (see OrderSettingsResolver; a preset fills what is not given)

  @Option(
    help: ArgumentHelp(
      "A platform's standard export: \(PlatformPreset.names.joined(separator: ", ")) (repeatable; any option still overrides it).",
      discussion: PlatformPreset.help),
    transform: SettingParsers.preset)
  package var preset: [String] = []

  @Option(
    help: "Line quantity column: a line's value is quantity × price (with --price-column, instead of --amount-column).",
    transform: SettingParsers.nonEmpty)
  package var quantityColumn: String?

  @Option(help: "Unit price column of line items (with --quantity-column).", transform: SettingParsers.nonEmpty)
  package var priceColumn: String?

  @Option(
    help: "Order status column (read from an order's first line that has one; default: none).",
    transform: SettingParsers.nonEmpty)
  package var statusColumn: String?

  @Option(
    help:
      "A status that counts, case-insensitive (repeatable or comma-separated; the others are excluded and counted).",
    transform: SettingParsers.nonEmpty)
  package var includeStatus: [String] = []

  @Option(
    help: "A status that does not count, case-insensitive (repeatable or comma-separated; excluded and counted).",
    transform: SettingParsers.nonEmpty)
  package var excludeStatus: [String] = []

  @Option(
    help: "Order ids starting with this prefix are cancellations, netted and not purchases (Online Retail: C).",
    transform: SettingParsers.nonEmpty)
  package var cancellationPrefix: String?

  @Option(
    help: "Column of the amount refunded on an order, netted against it (default: none; negative rows are refunds).",
    transform: SettingParsers.nonEmpty)
  package var refundColumn: String?

  @Option(
    help: "Currency column; more than one currency is an error unless --currency or --fx (default: none).",
    transform: SettingParsers.nonEmpty)
  package var currencyColumn: String?

  @Option(
    help: "Keep only the orders in this currency (the others are counted as excluded).",
    transform: SettingParsers.nonEmpty)
  package var currency: String?

  @Option(
    help: "Rates CSV 'currency,rate_to_XXX' converting every currency of --currency-column into XXX.",
    transform: SettingParsers.nonEmpty)
  package var fx: String?

  @Flag(inversion: .prefixedNo, help: "Compare e-mail-like customer ids case-sensitively (default: case-insensitive).")
  package var idCaseSensitive: Bool = false

  @Flag(inversion: .prefixedNo, help: "Keep numeric customer ids as written (default: 13085.0 is 13085).")
  package var idAsWritten: Bool = false

  @Flag(
    inversion: .prefixedNo,
    help: "Keep placeholder-looking (0, guest, N/A, …) and dominant customer ids (default: excluded with a warning).")
  package var keepPlaceholderIds: Bool = false

  @Option(
    help: "A customer id kept although it looks like a placeholder (repeatable).", transform: SettingParsers.nonEmpty)
  package var keepId: [String] = []

  // MARK: Reading, the defaults for every file

  @Option(
    help: """
      Date format of every file: strftime-style (%d/%m/%Y) or epoch_s, epoch_ms, epoch_us, epoch_ns \
      (default: detected per column: ISO-8601, yyyyMMdd, epoch integers, d.m.y, d/m/y or m/d/y).
      """,
    transform: SettingParsers.dateFormat)
  package var dateFormat: String?

  @Option(
    help: "Largest share of bad rows tolerated in every file, e.g. 0.02 (default: 1%).",
    transform: SettingParsers.share)
  package var maxBadRows: BadRowShare = BadRowShare(fraction: 0.01, text: "1%")

  @Option(
    help: "Field delimiter of every file: , ; tab | (default: detected from the header and the first rows).",
    transform: SettingParsers.delimiter)
  package var delimiter: Delimiter?

  @Option(
    help: "Decimal mark of numbers in every file: point or comma (default: detected per column).",
    transform: SettingParsers.decimal)
  package var decimal: DecimalMark?

  @Option(
    help: "Text encoding of every file: utf-8, utf-16le, utf-16be, latin-1, windows-1252 (default: detected).",
    transform: SettingParsers.encoding)
  package var encoding: TextEncoding?

  // MARK: Per file (nil: the global setting above)

  @Option(
    help: "Customer id column of the transaction log (default: --customer-column).",
    transform: SettingParsers.nonEmpty)
  package var transactionsCustomerColumn: String?
  @Option(help: "Date format of the transaction log (default: --date-format).", transform: SettingParsers.dateFormat)
  package var transactionsDateFormat: String?
  @Option(
    help: "Bad-row share tolerated in the transaction log (default: --max-bad-rows).",
    transform: SettingParsers.share)
  package var transactionsMaxBadRows: BadRowShare?
  @Option(
    help: "Delimiter of the transaction log (default: --delimiter).",
    transform: SettingParsers.delimiter)
  package var transactionsDelimiter: Delimiter?
  @Option(
    help: "Decimal mark of the transaction log (default: --decimal).",
    transform: SettingParsers.decimal)
  package var transactionsDecimal: DecimalMark?
  @Option(
    help: "Encoding of the transaction log (default: --encoding).",
    transform: SettingParsers.encoding)
  package var transactionsEncoding: TextEncoding?

  @Option(
    help: "Customer id column of the profile table (default: --customer-column).",
    transform: SettingParsers.nonEmpty)
  package var customersCustomerColumn: String?
  @Option(help: "Date format of the profile table (default: --date-format).", transform: SettingParsers.dateFormat)
  package var customersDateFormat: String?
  @Option(
    help: "Bad-row share tolerated in the profile table (default: --max-bad-rows).",
    transform: SettingParsers.share)
  package var customersMaxBadRows: BadRowShare?
  @Option(
    help: "Delimiter of the profile table (default: --delimiter).",
    transform: SettingParsers.delimiter)
  package var customersDelimiter: Delimiter?
  @Option(
    help: "Decimal mark of the profile table (default: --decimal).",
    transform: SettingParsers.decimal)
  package var customersDecimal: DecimalMark?
  @Option(
    help: "Encoding of the profile table (default: --encoding).",
    transform: SettingParsers.encoding)
  package var customersEncoding: TextEncoding?

  @Option(help: "Customer id column of the event log (default: --customer-column).", transform: SettingParsers.nonEmpty)
  package var eventsCustomerColumn: String?
  @Option(help: "Date format of the event log (default: --date-format).", transform: SettingParsers.dateFormat)
  package var eventsDateFormat: String?
  @Option(help: "Bad-row share tolerated in the event log (default: --max-bad-rows).", transform: SettingParsers.share)
  package var eventsMaxBadRows: BadRowShare?
  @Option(
    help: "Delimiter of the event log (default: --delimiter).",
    transform: SettingParsers.delimiter)
  package var eventsDelimiter: Delimiter?
  @Option(
    help: "Decimal mark of the event log (default: --decimal).",
    transform: SettingParsers.decimal)
  package var eventsDecimal: DecimalMark?
  @Option(
    help: "Encoding of the event log (default: --encoding).",
    transform: SettingParsers.encoding)
  package var eventsEncoding: TextEncoding?

  // MARK: Dates

  @Option(
    help: "Forecast date yyyy-MM-dd (exclusive; default: the day after the last transaction).",
    transform: SettingParsers.date)
  package var asOf: CivilDate?

  // MARK: Execution

  @Option(
    help: "Threads for reading and fitting; the outputs are the same for any value (default: one per core).",
    transform: SettingParsers.int(in: 1...256, expected: "a number of threads from 1 to 256"))
  package var threads: Int?
}

/// Everything a `clv report` run is told: the inputs, dates, models, gates and output.
/// Flags and the config file both fill this one value (``ConfigFile`` translates the file
/// into the same options); it is recorded in `metrics.json` (run → options).
package struct RunSettings: ParsableArguments, Sendable {
  package init() {}

  @OptionGroup package var inputs: InputSettings

  // MARK: Dates and split

  @Option(help: "Forecast horizon: 90d, 26w, 12m, 1y (default: 365d).", transform: SettingParsers.horizon)
  package var horizon: Horizon = Horizon(count: 365, unit: .days)

  @Option(help: "Seed of every random choice (split, training, clustering, importance).")
  package var seed: UInt64 = 42

  @Option(help: "Train/validation/test fractions (default: 0.7/0.15/0.15).", transform: SettingParsers.split)
  package var split: String = "0.7/0.15/0.15"

  @Flag(inversion: .prefixedNo, help: "Also train the neural models on earlier cutoffs (rolling origins).")
  package var rollingOrigins: Bool = true

  // MARK: Feature rows (a run past one machine: README, "On Spark")

  @Option(
    help:
      "Feature rows written by 'clv features' (a file, a folder of them such as Spark's part files, or - for standard input): everything after the features runs from them instead of the logs; the report then lacks the sections that need every transaction (data quality, BTYD diagnostics, the monthly backtest).",
    transform: SettingParsers.nonEmpty)
  package var features: String?

  @Option(
    help:
      "With --features: backtest and fit on a seeded sample of this many customers; every customer is still scored (default: all).",
    transform: SettingParsers.int(in: 1...Int.max, expected: "a number of customers, 1 or more"))
  package var sampleCustomers: Int?

  @Option(
    help:
      "With --features whose earlier backtest origins hold only a training sample (drawn by spark/clv_spark.py): the train customers each such origin had before, yyyy-MM-dd=N,… (reported as available).",
    transform: SettingParsers.originCountsText)
  package var trainingRowsAvailable: String?

  // MARK: Value

  @Option(
    help: "Annual discount rate for discounted CLV, continuous compounding (default: 0.1).",
    transform: SettingParsers.number(
      where: { $0 >= 0 && $0 < 10 }, expected: "an annual rate such as 0.10 (0 or more, below 10)"))
  package var discountRate: Double = 0.10

  @Option(
    help: "Gross margin applied to spend (default: 1.0).",
    transform: SettingParsers.number(
      where: { $0 > 0 && $0 <= 10 }, expected: "a positive gross margin such as 0.3 or 1.0 (at most 10)"))
  package var margin: Double = 1.0

  // MARK: Models

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "Models to run, separated by spaces or commas (default all): \(CandidateRegistry.standard.keys.joined(separator: " ")).",
      discussion: CandidateRegistry.standard.help),
    transform: SettingParsers.nonEmpty)
  package var models: [String] = []

  /// The keys `--models` names, separated by spaces, commas or both (`--models baseline,bgnbd`).
  package var modelKeys: [String] {
    models.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  @Option(help: "Hidden layer widths of the neural models (default: 64,32).", transform: SettingParsers.layers)
  package var mlpHidden: LayerWidths = LayerWidths(widths: [64, 32])

  @Option(
    help: "Maximum training epochs of the neural models (default: 60).",
    transform: SettingParsers.int(in: 1...10_000, expected: "a whole number of epochs from 1 to 10000"))
  package var mlpEpochs: Int = 60

  @Option(
    help: "Most rows per backtest origin for the label-trained models, a seeded sample beyond (default: 50000).",
    transform: SettingParsers.int(in: 100...100_000_000, expected: "a number of rows from 100 to 100000000"))
  package var trainingRowsPerOrigin: Int = 50_000

  @Option(
    help:
      "Most training rows each label-trained model (deep MLPs, sequence model, boosted trees) fits on, a seeded sample of the origins' rows beyond, and most validation customers it watches for early stopping; the sequence model takes at most 60000 rows (default: 50000).",
    transform: SettingParsers.int(in: 100...100_000_000, expected: "a number of rows from 100 to 100000000"))
  package var trainingRowsPerModel: Int = 50_000

  // MARK: Segments and explanations

  @Option(
    help: "Number of customer segments (default: chosen by silhouette).",
    transform: SettingParsers.int(in: 1...50, expected: "a number of segments from 1 to 50"))
  package var segments: Int?

  @Option(
    help: "Repeats of permutation importance (default: 5).",
    transform: SettingParsers.int(in: 1...1000, expected: "a whole number from 1 to 1000"))
  package var importanceRepeats: Int = 5

  // MARK: Gates and comparison

  @Option(help: "A quality gate such as 'norm_gini>=0.6' (repeatable).", transform: SettingParsers.gate)
  package var gate: [GateSpec] = []

  @Option(help: "A previous run's output folder to compare with and gate against.", transform: SettingParsers.nonEmpty)
  package var previous: String?

  // MARK: Output

  @Option(
    help: """
      Output folder (default: reports/latest). Replaced as a whole, so it must be new, empty, or one clv \
      wrote (it holds a .clv-report marker).
      """,
    transform: SettingParsers.nonEmpty)
  package var out: String = "reports/latest"

  @Flag(
    inversion: .prefixedNo,
    help: """
      Replace --out even when it holds files clv did not write; never a folder that holds an input, nor \
      ., .., an ancestor of the current folder, the home folder or the root.
      """)
  package var force: Bool = false

  @Option(help: "Folder of the report templates (default: found next to the tool).", transform: SettingParsers.nonEmpty)
  package var templates: String?

  @Option(
    help:
      "The analyst's notes, a Markdown file (GitHub-flavoured) shown first in report.html and report.md; raw HTML is shown as text, images are not loaded, links are shown with their address.",
    transform: SettingParsers.nonEmpty)
  package var notes: String?

  @Flag(
    inversion: .prefixedNo,
    help:
      "Replace customer ids in report.html, report.md and figures/ by salted hash tokens (predictions.csv, backtest.csv, quarantine.csv and model.json keep the real ids)."
  )
  package var redactIds: Bool = false

  @Option(
    help:
      "Salt of the --redact-ids tokens (default: the seed, which others can guess: give a secret to make tokens unguessable). Never written to the outputs.",
    transform: SettingParsers.nonEmpty)
  package var redactSalt: String?
}

// MARK: - Per-file resolution (a per-file setting is also one line here)

extension InputSettings {
  /// The bundled sample, read when no transaction log is named.
  package static let sampleTransactions = "sample-data/transactions.csv"
  package static let sampleCustomers = "sample-data/customers.csv"
  package static let sampleEvents = "sample-data/events.csv"

  /// Quarantined rows kept verbatim per file (all of them go to `quarantine.csv`).
  static let quarantineKept = 100_000

  /// The files to read, each with its ``FileReadSettings``: the per-file settings, or the
  /// global ones where a file has none. Without a transaction log the bundled sample is
  /// read, with its profile and event files unless others are named; a named transaction
  /// log never brings the sample's other files along.
  package func resolved() -> ResolvedInputs {
    let sample = transactions == nil
    func file(
      _ kind: InputFile, _ path: String, dateColumn: String?, customerColumn: String?, dateFormat: String?,
      maxBadRows: BadRowShare?, delimiter: Delimiter?, decimal: DecimalMark?, encoding: TextEncoding?
    ) -> InputFileSettings {
      InputFileSettings(
        kind: kind, path: path,
        read: FileReadSettings(
          customerColumn: customerColumn ?? self.customerColumn, dateColumn: dateColumn,
          dateFormat: dateFormat ?? self.dateFormat, delimiter: delimiter ?? self.delimiter,
          decimal: decimal ?? self.decimal, encoding: encoding ?? self.encoding,
          maxBadRowFraction: (maxBadRows ?? self.maxBadRows).fraction, quarantineSampleLimit: Self.quarantineKept))
    }
    return ResolvedInputs(
      transactions: file(
        .transactions, transactions ?? Self.sampleTransactions, dateColumn: dateColumn,
        customerColumn: transactionsCustomerColumn, dateFormat: transactionsDateFormat,
        maxBadRows: transactionsMaxBadRows, delimiter: transactionsDelimiter, decimal: transactionsDecimal,
        encoding: transactionsEncoding),
      customers: (customers ?? (sample ? Self.sampleCustomers : nil)).map {
        file(
          .customers, $0, dateColumn: signupColumn, customerColumn: customersCustomerColumn,
          dateFormat: customersDateFormat, maxBadRows: customersMaxBadRows, delimiter: customersDelimiter,
          decimal: customersDecimal, encoding: customersEncoding)
      },
      events: (events ?? (sample ? Self.sampleEvents : nil)).map {
        file(
          .events, $0, dateColumn: timestampColumn, customerColumn: eventsCustomerColumn,
          dateFormat: eventsDateFormat, maxBadRows: eventsMaxBadRows, delimiter: eventsDelimiter,
          decimal: eventsDecimal, encoding: eventsEncoding)
      },
      columns: TransactionColumns(amount: amountColumn, order: orderColumn), eventTypeColumn: eventTypeColumn,
      eventTypes: Self.listed(eventTypes), orders: orderOptions)
  }

  /// The items of a repeatable, comma-separated option, trimmed; nil when none is given.
  static func listed(_ values: [String]) -> [String]? {
    let items = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    return items.isEmpty ? nil : items
  }

  /// The row-meaning settings as given (nil and empty: not given; a preset fills them).
  var orderOptions: OrderOptions {
    func list(_ values: [String]) -> [String]? { Self.listed(values) }
    var o = OrderOptions()
    o.presets = list(preset) ?? []
    o.quantityColumn = quantityColumn
    o.priceColumn = priceColumn
    o.statusColumn = statusColumn
    o.includeStatus = list(includeStatus)
    o.excludeStatus = list(excludeStatus)
    o.cancellationPrefix = cancellationPrefix
    o.refundColumn = refundColumn
    o.currencyColumn = currencyColumn
    o.currency = currency
    o.fx = fx
    o.idCaseSensitive = idCaseSensitive ? true : nil
    o.idAsWritten = idAsWritten ? true : nil
    o.keepPlaceholderIDs = keepPlaceholderIds ? true : nil
    o.keepIDs = keepId
    return o
  }
}
