import Foundation

/// The documented rule that picks the champion model from validation metrics.
///
/// 1. Among models with a defined normalized Gini, find the best (lowest) decile MAPE
///    m*. Eligible: models with decile MAPE ≤ `mapeTolerance`·m* (+1e-12 for rounding).
///    A model whose MAPE is undefined while others' is defined is not eligible.
/// 2. The champion is the eligible model with the highest normalized Gini. Ginis within
///    `tieTolerance` are ties, broken by lower decile MAPE, then lower RMSE, then input order.
/// 3. Fallbacks: no decile MAPE defined anywhere → highest Gini alone; no Gini defined
///    anywhere → lowest RMSE; nothing defined → the first listed.
///
/// Ranking (Gini) is what targeting uses; the MAPE band keeps a well-ranking but
/// badly calibrated model (whose CLV amounts would mislead budgets) from winning.
/// In the spirit of Wang, Liu & Miao (2019), arXiv:1912.07753, who report both.
package struct ChampionRule: Sendable {
  /// Eligible models have decile MAPE ≤ this × the best decile MAPE.
  package var mapeTolerance: Double
  /// Normalized Ginis closer than this are ties.
  package var tieTolerance: Double

  /// Creates the rule.
  package init(mapeTolerance: Double = 1.5, tieTolerance: Double = 1e-9) {
    precondition(mapeTolerance >= 1, "MAPE tolerance must be at least 1")
    precondition(tieTolerance >= 0, "tie tolerance must be non-negative")
    self.mapeTolerance = mapeTolerance
    self.tieTolerance = tieTolerance
  }

  /// Selects the champion from validation metrics; `nil` only when `validation` is empty.
  package func select(validation: [ModelScore]) -> ChampionSelection? {
    guard !validation.isEmpty else { return nil }
    let gini = validation.map(\.validation.normalizedGini)
    let mape = validation.map(\.validation.decileMAPE)
    let ranked = validation.indices.filter { gini[$0] != nil }

    guard !ranked.isEmpty else { return fallback(validation) }
    let bestMAPE = ranked.compactMap { mape[$0] }.min()
    let limit = bestMAPE.map { $0 * mapeTolerance }
    let eligible = ranked.filter { i in
      guard let limit else { return true }
      guard let m = mape[i] else { return false }
      return m <= limit + 1e-12
    }
    // `eligible` is never empty: the model holding the best MAPE qualifies.
    var best = eligible[0]
    for i in eligible.dropFirst() where beats(i, best, validation) { best = i }

    let g = gini[best] ?? 0
    var verdicts = [CandidateVerdict]()
    for i in validation.indices {
      let name = validation[i].name
      if i == best {
        verdicts.append(CandidateVerdict(name: name, outcome: .champion, note: "selected"))
      } else if let gi = gini[i] {
        if !eligible.contains(i) {
          let why =
            mape[i].map { "decile MAPE \(f($0)) is above the limit \(f(limit ?? 0))" }
            ?? "decile MAPE is undefined, so its calibration cannot be checked"
          let despite = gi > g + tieTolerance ? " despite a higher normalized Gini (\(f(gi)))" : ""
          verdicts.append(CandidateVerdict(name: name, outcome: .excludedByCalibration, note: why + despite))
        } else if abs(gi - g) <= tieTolerance {
          verdicts.append(
            CandidateVerdict(
              name: name, outcome: .outranked,
              note: "tied on normalized Gini (\(f(gi))) and lost the tie-break (decile MAPE, then RMSE, then order)"))
        } else {
          verdicts.append(
            CandidateVerdict(
              name: name, outcome: .outranked, note: "normalized Gini \(f(gi)) is lower"))
        }
      } else {
        verdicts.append(
          CandidateVerdict(
            name: name, outcome: .undefinedRanking,
            note: "normalized Gini is undefined on validation (non-finite or empty predictions)"))
      }
    }
    let head: String
    if let limit, let bestMAPE {
      head =
        "\(validation[best].name) won: the highest normalized Gini (\(f(g))) on validation "
        + "among the \(eligible.count) model(s) whose decile MAPE is within "
        + "\(String(format: "%g", mapeTolerance))× the best (\(f(bestMAPE)), limit \(f(limit)))."
    } else {
      head =
        "\(validation[best].name) won: the highest normalized Gini (\(f(g))) on validation; "
        + "decile MAPE was undefined for every model, so calibration was not checked."
    }
    return ChampionSelection(
      champion: validation[best].name, championIndex: best,
      basis: limit == nil ? .giniOnly : .giniWithinCalibration, mapeLimit: limit,
      reason: head + Self.others(verdicts), verdicts: verdicts)
  }

  /// Whether candidate `i` beats the current best `j` (Gini, then MAPE, RMSE, order).
  private func beats(_ i: Int, _ j: Int, _ scores: [ModelScore]) -> Bool {
    let a = scores[i].validation, b = scores[j].validation
    let ga = a.normalizedGini ?? -.infinity, gb = b.normalizedGini ?? -.infinity
    if abs(ga - gb) > tieTolerance { return ga > gb }
    if let ma = a.decileMAPE, let mb = b.decileMAPE, ma != mb { return ma < mb }
    if let ra = a.rmse, let rb = b.rmse, ra != rb { return ra < rb }
    return i < j
  }

  /// Lowest RMSE when no Gini is defined; the first listed when nothing is.
  private func fallback(_ scores: [ModelScore]) -> ChampionSelection {
    let withRMSE = scores.indices.filter { scores[$0].validation.rmse != nil }
    let best = withRMSE.min { (scores[$0].validation.rmse ?? 0, $0) < (scores[$1].validation.rmse ?? 0, $1) }
    let index = best ?? 0
    let verdicts = scores.indices.map { i in
      i == index
        ? CandidateVerdict(name: scores[i].name, outcome: .champion, note: "selected")
        : CandidateVerdict(
          name: scores[i].name, outcome: .outranked,
          note: scores[i].validation.rmse.map { "RMSE \(f($0)) is higher" } ?? "no metric is defined")
    }
    let head =
      best != nil
      ? "\(scores[index].name) won on the lowest validation RMSE (\(f(scores[index].validation.rmse ?? 0))): no model had a defined normalized Gini (all-zero actuals or non-finite predictions)."
      : "\(scores[index].name) was kept as the first listed model: no validation metric was defined for any model."
    return ChampionSelection(
      champion: scores[index].name, championIndex: index,
      basis: best != nil ? .lowestRMSE : .firstListed, mapeLimit: nil,
      reason: head + Self.others(verdicts), verdicts: verdicts)
  }

  /// " Others: a — why; b — why." or "" when there is only the champion.
  private static func others(_ verdicts: [CandidateVerdict]) -> String {
    let rest = verdicts.filter { $0.outcome != .champion }.map { "\($0.name) — \($0.note)" }
    return rest.isEmpty ? "" : " Others: " + rest.joined(separator: "; ") + "."
  }
}

/// Three decimals for sentences.
private func f(_ x: Double) -> String { String(format: "%.3f", x) }
