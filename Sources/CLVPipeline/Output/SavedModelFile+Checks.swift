import CLVMath

extension SavedModelFile {
  /// Why this file, as decoded, cannot be used to score, or nil: every model's state
  /// (``Candidate/stateProblem``), the segmentation's shapes, and the reasons' background
  /// rows. Each names what is wrong; `clv score` shows it with the path.
  var inconsistency: String? {
    for c in candidates { if let problem = c.stateProblem { return problem } }
    if let s = segmentation, let problem = s.inconsistency { return "segments: \(problem)" }
    if let rows = reasonBackground, let problem = rows.inconsistency { return "reasons: \(problem)" }
    return nil
  }
}

extension SegmentationModel {
  /// The centroids hold one value per feature and cluster; standardisation, names and
  /// actions match them; every number is finite.
  var inconsistency: String? {
    let c = kmeans.centroids
    guard c.rows >= 1, c.columns == features.count, c.values.count == c.rows * c.columns,
      features == Self.featureNames
    else { return "the centroids do not match the features \(Self.featureNames.joined(separator: ", "))" }
    guard means.count == c.columns, deviations.count == c.columns, names.count == c.rows, actions.count == c.rows
    else { return "the standardisation, names or actions do not match the \(c.rows) centroids" }
    let finite =
      c.values.allSatisfy(\.isFinite) && means.allSatisfy(\.isFinite)
      && deviations.allSatisfy { $0.isFinite && $0 > 0 }
    return finite ? nil : "a centroid or standardisation value is not a finite number"
  }
}

extension SavedFeatureRows {
  /// Every column has one value per row.
  var inconsistency: String? {
    let ok =
      numeric.allSatisfy { $0.values.count == rowIDs.count }
      && categorical.allSatisfy { $0.values.count == rowIDs.count }
    return ok ? nil : "a background column does not have one value per row"
  }
}
