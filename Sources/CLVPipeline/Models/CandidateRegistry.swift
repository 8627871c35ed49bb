/// The candidate models a run can fit, in the order of the model table. A value: a test
/// registers its own model on a copy of ``standard`` and passes it to the pipeline.
struct CandidateRegistry: Sendable {
  /// The registered models, in table order; the first is the reference.
  private(set) var descriptors: [CandidateDescriptor]

  /// The models of `clv`.
  static let standard = CandidateRegistry([
    .baseline, .bgnbd, .mbgnbd, .paretonbd, .mlpZILN, .mlpMSE, .gbtTweedie, .gbtHurdle, .seqConv, .blend,
    .blendLog,
  ])

  /// A registry of `descriptors`; the keys must be distinct and the list not empty.
  init(_ descriptors: [CandidateDescriptor]) {
    precondition(!descriptors.isEmpty, "a registry needs a reference model")
    precondition(Set(descriptors.map(\.key)).count == descriptors.count, "candidate keys must be distinct")
    self.descriptors = descriptors
  }

  /// Adds a model at the end of the table.
  mutating func register(_ descriptor: CandidateDescriptor) {
    precondition(self[descriptor.key] == nil, "candidate \(descriptor.key) is already registered")
    descriptors.append(descriptor)
  }

  /// The model every run fits, whatever `--models` says: gates and comparisons need it.
  var reference: CandidateDescriptor { descriptors[0] }

  /// Every key, in table order.
  var keys: [String] { descriptors.map(\.key) }

  subscript(key: String) -> CandidateDescriptor? { descriptors.first { $0.key == key } }

  /// The families in the order of their first member.
  var families: [CandidateFamily] {
    var seen = Set<String>()
    return descriptors.map(\.family).filter { seen.insert($0.id).inserted }
  }

  /// Fresh candidates for `keys` (empty: all) and the reference, in table order.
  /// - Throws: ``PipelineError/unknownModel(_:known:)`` for a key not registered.
  func candidates(_ keys: [String], settings: RunSettings) throws -> [any Candidate] {
    for k in keys where self[k] == nil { throw PipelineError.unknownModel(k, known: self.keys) }
    return descriptors.filter { keys.isEmpty || keys.contains($0.key) || $0.key == reference.key }
      .map { $0.candidate(settings) }
  }

  /// `--models`' help: every key with its summary.
  var help: String {
    descriptors.map { "\($0.key): \($0.summary)" }.joined(separator: "; ")
  }
}
