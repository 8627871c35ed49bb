import CLVFeatures

/// Bad input or settings found by the pipeline itself (the data, feature, model
/// and report modules have their own typed errors).
package enum PipelineError: Error, Equatable, CustomStringConvertible {
  /// The config file cannot be read or decoded.
  case configUnreadable(path: String, reason: String)
  /// An option value is invalid.
  case invalidOption(name: String, value: String, expected: String)
  /// A `--gate` expression that does not parse.
  case invalidGate(String, reason: String)
  /// A model name not known to `--models`.
  case unknownModel(String, known: [String])
  /// The previous run's folder cannot be used for comparison.
  case previousRunUnreadable(path: String, reason: String)
  /// The previous run's `metrics.json` is not one that `clv report` wrote.
  case previousRunMalformed(path: String, reason: String)
  /// A saved model cannot be read or does not fit the data.
  case modelUnreadable(path: String, reason: String)
  /// A NaN or infinity got past the stage checks into an output file (a bug).
  case nonFiniteOutput(file: String, detail: String)
  /// A saved model reads feature columns the inputs do not give (e.g. `clv score` without
  /// the profile file the model was trained with); `featureRows`: the `--features` input
  /// scored, whose rows were made without those files.
  case modelDoesNotFit(path: String, missingColumns: [String], featureRows: String? = nil)
  /// `clv score --features` with a saved model that reads each customer's activity from
  /// the logs (the sequence model), which feature rows do not carry.
  case modelNeedsLogs(path: String, model: String, featureRows: String)
  /// The `--notes` file cannot be used.
  case notesUnreadable(path: String, reason: String)
  /// No model gave usable forward predictions (finite, non-negative spend and value);
  /// `tried`: each model tried with why its predictions were not usable.
  case noUsableForwardPredictions(tried: [String])

  /// What went wrong and what to do.
  package var description: String {
    switch self {
    case .configUnreadable(let path, let reason):
      let stop = reason.hasSuffix("?") || reason.hasSuffix(".") ? "" : "."
      return "config file \(path): \(reason)\(stop) Fix the file or run without --config."
    case .invalidOption(let name, let value, let expected):
      return "invalid value '\(value)' for --\(name): expected \(expected)."
    case .invalidGate(let text, let reason):
      return
        "invalid gate '\(text)': \(reason) Write a gate as metric operator number, e.g. --gate \"norm_gini>=0.6\" (prefix warn: for a warning only)."
    case .unknownModel(let name, let known):
      return "unknown model '\(name)' in --models; known models: \(known.joined(separator: ", "))."
    case .previousRunUnreadable(let path, let reason):
      return
        "cannot compare with the previous run in \(path): \(reason). Point --previous at a folder written by 'clv report' (it must hold metrics.json)."
    case .previousRunMalformed(let path, let reason):
      return
        "cannot compare with the previous run: \(path) is unusable: \(reason). Point --previous at a folder written by 'clv report', or run without --previous."
    case .modelDoesNotFit(let path, let columns, let featureRows):
      let shown =
        columns.prefix(6).joined(separator: ", ") + (columns.count > 6 ? " and \(columns.count - 6) more" : "")
      let files = FeatureSource.allCases.filter { s in columns.contains { FeatureSource(column: $0) == s } }
      let flags = files.map { "--\($0.rawValue) FILE" }.joined(separator: " ")
      let names = files.map { "the \($0.rawValue) file" }.joined(separator: " and ")
      if let featureRows {
        return "the saved model \(path) does not fit the feature rows \(featureRows): it reads columns they lack "
          + "(\(shown)), which come from \(names). Make the rows with 'clv features \(flags)' (the kind of file "
          + "the model was trained with), or train a model on these rows with 'clv report --features'."
      }
      return "the saved model \(path) does not fit these inputs: it reads columns they lack (\(shown)), "
        + "which come from \(names). Pass \(flags) with the same kind of file the model was trained with, "
        + "or train a model on these inputs with 'clv report'."
    case .modelNeedsLogs(let path, let model, let featureRows):
      return "the saved model \(path) holds the \(model), which reads each customer's weekly activity from the "
        + "logs; the feature rows \(featureRows) do not carry it. Score the logs (--transactions …) instead, or "
        + "train with 'clv report --features', which leaves that model out."
    case .modelUnreadable(let path, let reason):
      return "cannot use the saved model \(path): \(reason). Pass the model.json written by 'clv report'."
    case .nonFiniteOutput(let file, let detail):
      return "internal error: \(file) was not written: \(detail). Nothing was written; please report this "
        + "with the input that caused it."
    case .notesUnreadable(let path, let reason):
      return "cannot use the notes file \(path): \(reason). Point --notes at a Markdown file (UTF-8), or leave it out."
    case .noUsableForwardPredictions(let tried):
      return "no model gave usable forward predictions: " + tried.joined(separator: "; ")
        + ". Nothing was written. Check the inputs as of --as-of (e.g. extreme amounts), or pass --models with "
        + "another model."
    }
  }
}
