import ArgumentParser
import CLVPipeline

/// `clv score`: predictions for new data with a model saved by `clv report`.
struct ScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Score customers with a saved model.json (writes predictions.csv).",
    discussion: "For the same inputs and --as-of, the output is identical to the predictions.csv that 'clv report' wrote with the model."
  )

  @Option(help: "The model.json written by 'clv report'.")
  var model: String

  @OptionGroup var inputs: InputOptions

  @Option(help: "Forecast date yyyy-MM-dd (exclusive; default: the day after the last transaction).")
  var asOf: String?

  @Option(help: "Forecast horizon (default: the model's).")
  var horizon: String?

  @Option(name: .shortAndLong, help: "Output CSV (default predictions.csv).")
  var output: String = "predictions.csv"

  @Flag(help: "Replace -o even when it is not a file clv score wrote (never an input).")
  var force = false

  @Flag(name: .shortAndLong, help: "Print nothing but errors on stderr.")
  var quiet = false

  func run() throws {
    var options = RunOptions()
    inputs.apply(to: &options)
    options.asOf = asOf
    options.horizon = try horizon ?? ScorePipeline.savedHorizon(modelPath: model)
    _ = try ScorePipeline(options: options, modelPath: model, outputPath: output, force: force, logger: .cli(quiet: quiet)).run()
    print(output)
  }
}
