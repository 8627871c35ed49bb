import Foundation

/// A fitted candidate as stored in `model.json`: its registry key and its state,
/// `{"key": "bgnbd", "state": {…}}`, so `clv score` predicts new data exactly as
/// `clv report` did. Decoding needs the registry in the decoder's user info
/// (``CandidateRegistry/userInfoKey``), so a registry with more models reads them too.
struct SavedCandidate: Sendable, Codable {
  var candidate: any Candidate

  init(_ candidate: any Candidate) { self.candidate = candidate }

  enum CodingKeys: String, CodingKey { case key, state }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(candidate.key, forKey: .key)
    try candidate.encodeState(to: c.superEncoder(forKey: .state))
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let key = try c.decode(String.self, forKey: .key)
    let registry = decoder.userInfo[CandidateRegistry.userInfoKey] as? CandidateRegistry ?? .standard
    guard let d = registry[key] else {
      throw DecodingError.dataCorruptedError(
        forKey: .key, in: c,
        debugDescription: "model '\(key)' is not one this clv knows (\(registry.keys.joined(separator: ", ")))")
    }
    candidate = try d.restore(d, c.superDecoder(forKey: .state))
  }
}

extension CandidateRegistry {
  /// Where a decoder of `model.json` finds the registry.
  static let userInfoKey = CodingUserInfoKey(rawValue: "clv.candidateRegistry")!
}
