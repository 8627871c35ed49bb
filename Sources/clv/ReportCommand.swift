import ArgumentParser
import CLVPipeline

/// `clv report`: the whole job, from the CSV files to the report folder.
struct ReportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Ingest, backtest, fit, segment, explain and write the report.",
    discussion: """
      Reads the transaction log (and optionally the customer profiles and behaviour events), \
      backtests every model on the last horizon before --as-of, picks a champion on the \
      validation split, predicts forward, and writes report.html, report.md, figures/, \
      predictions.csv, backtest.csv, metrics.json and model.json into --out atomically. \
      Every option can also be set in a --config file under its snake_case name; per-file \
      settings go in a [transactions], [customers] or [events] section. \
      Exit status: 0 ok, 3 a quality gate failed (the report is written), 4 not assessed: \
      nothing could be judged (no customers, no backtest, an empty split, no spend to rank, \
      no gate evaluated; the report is written and says why), 64 bad usage (also an --out \
      folder that is not clv's own: --out writes only into a new or empty folder or one \
      clv wrote, marked by .clv-report; --force replaces a folder of other files unless it \
      holds an input), 65 bad input data or a malformed --previous metrics.json, 66 an input \
      file (or the --config file, or the --previous metrics.json) is missing or unreadable, 70 an internal error \
      (a bug: a NaN past the stage checks, or a page that fails the libxml2 check; nothing is written), \
      73 the output cannot be written, 75 another run is writing the same --out.
      """
  )

  /// The run's settings (declared in CLVPipeline's `RunSettings.swift`).
  @OptionGroup var settings: RunSettings

  /// Read before parsing (``ConfigFile/expanding(_:subcommands:)`` in `CLV.main`); declared
  /// here for the help text and the run information.
  @Option(help: "A TOML config file with the same settings under snake_case keys (flags win).")
  var config: String?

  @Flag(name: .shortAndLong, help: "Print nothing but errors on stderr.")
  var quiet = false

  @Flag(
    help: """
      Only read the input files and show how they are read, as `clv inspect` does (with the config file \
      and every option applied); fit nothing, write nothing. Exit status 0, 65 or 66 as a real run's reading.
      """)
  var dryRun = false

  func run() async throws {
    if dryRun { return try InspectCommand.show(InspectionPlan.inputs(files: [], settings: settings.inputs)) }
    let pipeline = ReportPipeline(options: settings, configFile: config, logger: .cli(quiet: quiet))
    let outcome = try await pipeline.run()
    print(outcome.reportPath)
    if outcome.notAssessed != nil { throw ExitCode(ExitStatus.notAssessed) }
    if outcome.gatesFailed { throw ExitCode(ExitStatus.gateFailed) }
  }
}
