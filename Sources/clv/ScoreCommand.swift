import ArgumentParser
import CLVFeatures
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

  @OptionGroup var inputs: InputSettings

  @Option(help: "Forecast horizon, e.g. 26w (default: the model's).", transform: Horizon.init(parsing:))
  var horizon: Horizon?

  @Option(name: .shortAndLong, help: "Output CSV.")
  var output: String = "predictions.csv"

  @Flag(help: "Replace -o even when it is not a file clv score wrote (never an input).")
  var force = false

  @Flag(name: .shortAndLong, help: "Print nothing but errors on stderr.")
  var quiet = false

  func run() throws {
    let job = ScorePipeline(inputs: inputs, horizon: horizon, modelPath: model, outputPath: output, force: force, logger: .cli(quiet: quiet))
    _ = try job.run()
    print(output)
  }
}
