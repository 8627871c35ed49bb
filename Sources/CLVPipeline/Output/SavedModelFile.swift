import CLVFeatures
import Foundation

/// `model.json`: everything `clv score` needs to predict new data exactly as the
/// run that wrote it: the champion, its companions, the segmentation, and the
/// settings that shape predictions.
struct SavedModelFile: Sendable, Codable {
  /// Format tag, checked on load.
  var format = SavedModelFile.currentFormat
  static let currentFormat = "clv-model/1"
  var toolVersion: String
  /// As-of date and horizon of the run that fitted it.
  var asOf: String
  var horizon: String
  var forwardDays: Double
  var discountRate: Double
  var margin: Double
  var championKey: String
  var champion: SavedCandidate
  var probabilistic: SavedCandidate?
  var ziln: SavedCandidate?
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
    champion = scorer.champion.saved()
    probabilistic = scorer.probabilistic?.saved()
    ziln = scorer.ziln?.saved()
    segmentation = scorer.segmentation
    reasonBackground = scorer.reasons.map { SavedFeatureRows($0.background) }
    reasonSeed = scorer.reasons == nil ? nil : scorer.reasonSeed
  }

  /// The scorer it stands for, predicting over `horizonDays` (the saved horizon by default).
  func scorer(horizonDays: Double? = nil, ledgers: FeatureBuilder? = nil) -> ForwardScorer {
    let context = ModelContext(
      horizonDays: horizonDays ?? forwardDays, discountRate: discountRate, margin: margin, mlpHidden: [], mlpEpochs: 0,
      ledgers: ledgers)
    return ForwardScorer(
      champion: champion.candidate, probabilistic: companion(probabilistic),
      ziln: ziln?.candidate as? NeuralCandidate, context: context, segmentation: segmentation,
      reasons: reasonBackground.map { CustomerReasons(background: $0.table) }, reasonSeed: reasonSeed ?? 0)
  }

  /// The probabilistic companion, predicting P(alive) and expected spend only.
  private func companion(_ saved: SavedCandidate?) -> BTYDCandidate? {
    var c = saved?.candidate as? BTYDCandidate
    c?.computesDiscountedValue = false
    return c
  }

  /// Deterministic JSON text (sorted keys).
  func encoded() -> String {
    JSONValue(encoding: self).serialized()
  }

  /// Reads a `model.json`.
  static func load(path: String) throws -> SavedModelFile {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PipelineError.modelUnreadable(path: path, reason: "the file cannot be read")
    }
    let file: SavedModelFile
    do {
      file = try JSONDecoder().decode(SavedModelFile.self, from: data)
    } catch {
      throw PipelineError.modelUnreadable(path: path, reason: "it is not a clv model file (\(error))")
    }
    guard file.format == currentFormat else {
      throw PipelineError.modelUnreadable(path: path, reason: "format \(file.format), expected \(currentFormat)")
    }
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
    numeric = t.numeric.map { c in Column(name: c.name, transform: c.transform, values: c.values.map { $0.isFinite ? $0 : nil }) }
    categorical = t.categorical
  }

  var table: FeatureTable {
    FeatureTable(
      rowIDs: rowIDs,
      numeric: numeric.map { NumericColumn(name: $0.name, values: $0.values.map { $0 ?? .nan }, transform: $0.transform) },
      categorical: categorical)
  }
}
