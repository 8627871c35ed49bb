import CLVReport

/// Every file of an output folder, rendered in memory before anything is written.
struct OutputBundle {
  var files: [OutputFile]

  static func make(summary s: RunSummary, scorer: ForwardScorer, options: RunSettings) async throws -> OutputBundle {
    let document = ReportAssembly.document(s)
    let renderer = try await ReportRenderer.locatingTemplates(explicit: options.templates)
    let rendered = try renderer.render(document)
    // libxml2 parses the page and every figure first: a malformed or active page is never written.
    try rendered.verify()
    var files = rendered.files
    // The two tables of one row per customer are made while they are written, a megabyte at
    // a time: held whole, predictions.csv alone is ~280 MB at 1.9M customers.
    let forward = s.forward
    files.append(OutputFile(path: "predictions.csv") { try TableFiles.predictions(forward, into: $0) })
    if let b = s.backtest { files.append(OutputFile(path: "backtest.csv") { try TableFiles.backtest(b, into: $0) }) }
    files.append(OutputFile(path: "quarantine.csv", text: TableFiles.quarantine(s.inputs)))
    files.append(
      OutputFile(path: "metrics.json", text: try json("metrics.json") { try MetricsDocument.make(s).serialized() }))
    let model = SavedModelFile(scorer: scorer, timeline: s.timeline, toolVersion: s.toolVersion)
    files.append(OutputFile(path: "model.json", text: try json("model.json") { try model.encoded() }))
    return OutputBundle(files: files)
  }

  /// Serialises a JSON file, naming the file when a non-finite number stops it.
  static func json(_ file: String, _ text: () throws -> String) throws -> String {
    do {
      return try text()
    } catch let e as JSONValue.NonFiniteNumber {
      throw PipelineError.nonFiniteOutput(file: file, detail: e.description)
    }
  }
}
