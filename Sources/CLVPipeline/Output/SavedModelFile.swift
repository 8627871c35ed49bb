import CLVFeatures
import CLVModels
import Foundation

/// `model.json`: everything `clv score` needs to predict new data exactly as the
/// run that wrote it: the champion, its companions, the segmentation, and the
/// settings that shape predictions.
struct SavedModelFile: Sendable, Codable {
  /// Format tag, checked on load.
  var format = SavedModelFile.currentFormat
  /// `clv-model/2`: each model saved as its registry key and its state.
  static let currentFormat = "clv-model/2"
  var toolVersion: String
  /// As-of date and horizon of the run that fitted it.
  var asOf: String
  var horizon: String
  var forwardDays: Double
  var discountRate: Double
  var margin: Double
  var championKey: String
  var champion: SavedCandidate
  /// The models that fill P(alive) and the purchase probability (``CandidateCapability``).
  var aliveCompanion: SavedCandidate?
  var purchaseCompanion: SavedCandidate?
  /// The champion's calibrated 80% intervals (absent without a backtest).
  var intervals: SpendIntervals?
  var segmentation: SegmentationModel?
  /// Background rows and seed of the per-customer reasons (absent in older files).
  var reasonBackground: SavedFeatureRows?
  var reasonSeed: UInt64?

  init(scorer: ForwardScorer, timeline: Timeline, toolVersion: String) {
    self.toolVersion = toolVersion
    asOf = Timeline.iso(timeline.asOf)
    horizon = timeline.horizon.description
    forwardDays = scorer.context.horizonDays
    discountRate = scorer.context.discountRate
    margin = scorer.context.margin
    championKey = scorer.champion.key
    champion = SavedCandidate(scorer.champion)
    aliveCompanion = scorer.aliveCompanion.map(SavedCandidate.init)
    purchaseCompanion = scorer.purchaseCompanion.map(SavedCandidate.init)
    intervals = scorer.intervals
    segmentation = scorer.segmentation
    reasonBackground = scorer.reasons.map { SavedFeatureRows($0.background) }
    reasonSeed = scorer.reasons == nil ? nil : scorer.reasonSeed
  }

  /// The scorer it stands for, predicting over `horizonDays` (the saved horizon by default).
  func scorer(horizonDays: Double? = nil, ledgers: FeatureBuilder? = nil) -> ForwardScorer {
    let context = ModelContext(
      horizonDays: horizonDays ?? forwardDays, discountRate: discountRate, margin: margin, ledgers: ledgers)
    return ForwardScorer(
      champion: champion.candidate, aliveCompanion: aliveCompanion?.candidate.companion(),
      purchaseCompanion: purchaseCompanion?.candidate.companion(), context: context, segmentation: segmentation,
      intervals: intervals,
      reasons: reasonBackground.map { CustomerReasons(background: $0.table) }, reasonSeed: reasonSeed ?? 0)
  }

  /// Every saved model: the champion and its companions.
  var candidates: [any Candidate] {
    [champion.candidate] + [aliveCompanion, purchaseCompanion].compactMap { $0?.candidate }
  }

  /// Throws unless every saved model can predict `table` (the features of the inputs given).
  /// - Throws: ``PipelineError/modelDoesNotFit(path:missingColumns:featureRows:)`` naming the
  ///   columns (and so the files) the models read that the inputs (or the feature rows
  ///   `featureRows`, when scoring `--features`) lack.
  func check(fits table: FeatureTable, path: String, featureRows: String? = nil) throws {
    var missing = [String]()
    for c in candidates {
      for name in c.missingColumns(in: table) where !missing.contains(name) { missing.append(name) }
    }
    guard missing.isEmpty else {
      throw PipelineError.modelDoesNotFit(path: path, missingColumns: missing, featureRows: featureRows)
    }
  }

  /// Deterministic JSON text (sorted keys).
  /// - Throws: ``JSONValue/NonFiniteNumber`` when a fitted value is not finite.
  func encoded() throws -> String {
    try JSONValue(encoding: self).serialized()
  }

  /// Reads a `model.json` whose models are in `registry`.
  static func load(path: String, registry: CandidateRegistry = .standard) throws -> SavedModelFile {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PipelineError.modelUnreadable(path: path, reason: "the file cannot be read")
    }
    struct Format: Decodable { var format: String }
    let format = try? JSONDecoder().decode(Format.self, from: data).format
    guard let format else {
      throw PipelineError.modelUnreadable(path: path, reason: "it is not a clv model file (no format tag)")
    }
    guard format == currentFormat else {
      throw PipelineError.modelUnreadable(
        path: path, reason: "format \(format), expected \(currentFormat); run 'clv report' again to write a new model")
    }
    let file: SavedModelFile
    do {
      let decoder = JSONDecoder()
      decoder.userInfo[CandidateRegistry.userInfoKey] = registry
      file = try decoder.decode(SavedModelFile.self, from: data)
    } catch {
      throw PipelineError.modelUnreadable(path: path, reason: "it is not a clv model file (\(error))")
    }
    if let problem = file.inconsistency { throw PipelineError.modelUnreadable(path: path, reason: problem) }
    return file
  }
}

/// A few feature rows in `model.json` (JSON has no NaN: a missing value is `null`).
struct SavedFeatureRows: Sendable, Codable {
  struct Column: Sendable, Codable {
    var name: String
    var transform: NumericTransform
    var values: [Double?]
  }
  var rowIDs: [String]
  var numeric: [Column]
  var categorical: [CategoricalColumn]

  init(_ t: FeatureTable) {
    rowIDs = t.rowIDs
    numeric = t.numeric.map { c in
      Column(name: c.name, transform: c.transform, values: c.values.map { $0.isFinite ? $0 : nil })
    }
    categorical = t.categorical
  }

  var table: FeatureTable {
    FeatureTable(
      rowIDs: rowIDs,
      numeric: numeric.map {
        NumericColumn(name: $0.name, values: $0.values.map { $0 ?? .nan }, transform: $0.transform)
      },
      categorical: categorical)
  }
}
