extension TabularEncoder {
  /// Why this encoder, as read from a file, cannot encode, or nil: every numeric column's
  /// median and mean are finite and its standard deviation finite and positive (the
  /// division of ``NumericEncoding/encode(_:)``), and no categorical column lists a level
  /// twice (``CategoricalEncoding/lookup`` needs unique levels).
  package var inconsistency: String? {
    for e in numeric
    where
      !(e.median.isFinite && e.mean.isFinite && e.standardDeviation.isFinite
      && e.standardDeviation > 0)
    {
      return "the encoding of \(e.name) is not finite numbers with a positive standard deviation"
    }
    for e in categorical where Set(e.levels).count != e.levels.count {
      return "the encoding of \(e.name) lists a level twice"
    }
    return nil
  }
}
