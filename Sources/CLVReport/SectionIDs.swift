extension ReportDocument {
  /// The document with section ids made unique in reading order (`gates`, `gates-2`, …), so
  /// every table-of-contents link has exactly one target. Figure ids are not touched: they
  /// name files, and a clash there is an error (`ReportRenderError.duplicateFigureID`).
  func withUniqueSectionIDs() -> ReportDocument {
    var used = Set<String>()
    func unique(_ s: ReportSection) -> ReportSection {
      var copy = s
      var candidate = s.id
      var n = 2
      while used.contains(candidate) {
        candidate = "\(s.id)-\(n)"
        n += 1
      }
      used.insert(candidate)
      copy.id = candidate
      copy.subsections = s.subsections.map(unique)
      return copy
    }
    var copy = self
    copy.sections = sections.map(unique)
    return copy
  }
}
