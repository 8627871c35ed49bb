import ArgumentParser
import CLVPipeline

/// `clv features`: feature rows for `clv report --features` and `clv score --features`.
struct FeaturesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "features",
    abstract: "Write the feature rows of the customers in the logs (one row per customer and origin).",
    discussion: """
      Reads the logs like 'clv report' and writes, in the CSV schema clv-features/1 (README, \
      "On Spark"), each customer's features and label at every backtest origin and its \
      features at --as-of, which must be given. The logs may hold any set of customers \
      with their rows in any order (a Spark partition): the rows of disjoint sets of \
      customers join into those of all of them. Takes the settings of 'clv report' \
      (the same --config file); only the inputs, --as-of, --horizon and \
      --rolling-origins matter here. -o never replaces an input, nor (without --force) \
      a file that is not earlier 'clv features' output.
      """
  )

  @OptionGroup var settings: RunSettings

  /// Read before parsing (``ConfigFile/expanding(_:subcommands:)`` in `CLV.main`).
  @Option(help: "A TOML config file with the same settings under snake_case keys (flags win).")
  var config: String?

  @Option(name: .shortAndLong, help: "Output CSV, - for standard output.")
  var output: String = "-"

  @Flag(name: .shortAndLong, help: "Print nothing but errors on stderr.")
  var quiet = false

  func run() throws {
    try FeaturesPipeline(options: settings, outputPath: output, logger: .cli(quiet: quiet)).run()
  }
}
