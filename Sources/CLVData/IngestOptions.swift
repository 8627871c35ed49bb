/// Tolerances for loading a file, shared by all loaders.
public struct IngestOptions: Sendable, Equatable {
  /// Largest share of data rows that may be quarantined before loading fails with
  /// ``IngestError/tooManyBadRows(path:badRows:dataRows:maxFraction:firstBad:)``.
  /// Default 0.01 (1%): a few broken rows are normal in exports; many mean a wrong
  /// column or date format, which should be fixed rather than silently lost.
  public var maxBadRowFraction: Double
  /// How many quarantined rows are kept verbatim in the summary.
  public var quarantineSampleLimit: Int
  /// Whether to compute the SHA-256 of the file (for provenance in the report).
  public var hashFile: Bool

  /// Creates options.
  public init(maxBadRowFraction: Double = 0.01, quarantineSampleLimit: Int = 20, hashFile: Bool = true) {
    precondition(maxBadRowFraction >= 0 && maxBadRowFraction <= 1, "maxBadRowFraction is a share in [0, 1]")
    precondition(quarantineSampleLimit >= 0, "quarantineSampleLimit must be non-negative")
    self.maxBadRowFraction = maxBadRowFraction
    self.quarantineSampleLimit = quarantineSampleLimit
    self.hashFile = hashFile
  }
}
