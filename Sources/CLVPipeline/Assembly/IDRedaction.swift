import CLVData

/// Customer ids as the shareable report shows them. With `--redact-ids` every id in
/// `report.html`, `report.md` and the figures becomes `c-` and the first 10 hex digits
/// of SHA-256(salt ‖ 0x1F ‖ id): the same id gives the same token within a run (and in
/// any run with the same salt), and the token cannot be turned back into the id without
/// the salt. `predictions.csv`, `backtest.csv`, `model.json` and `quarantine.csv` keep
/// the real ids: they are for the team that acts on them.
///
/// 10 hex digits = 40 bits: for n customers the chance that two share a token is about
/// n² / 2⁴¹ (≈ 5 × 10⁻⁵ for 10,000 customers, ≈ 0.5 for 1.5 million).
struct IDRedaction: Sendable {
  /// nil: ids are shown as they are.
  let salt: String?
  /// Where the salt came from, for the run information ("--redact-salt", "the seed").
  let saltSource: String

  static let none = IDRedaction(salt: nil, saltSource: "")

  var isOn: Bool { salt != nil }

  /// The id as the report shows it.
  func callAsFunction(_ id: String) -> String {
    guard let salt else { return id }
    var hash = SHA256()
    hash.update(Array(salt.utf8) + [0x1F] + Array(id.utf8))
    return "c-" + String(SHA256.hexString(hash.finalize()).prefix(10))
  }
}
