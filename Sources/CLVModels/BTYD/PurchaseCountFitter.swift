/// A buy-till-you-die model's fitting procedure: one history per customer in, a fitted
/// ``PurchaseCountModel`` out. The pipeline holds any BTYD model through it, so a new one
/// (BG/BB, say) is its fitter and model files plus one line below.
package protocol PurchaseCountFitter: Sendable {
  associatedtype Model: PurchaseCountModel
  /// Fits the model.
  /// - Throws: ``BTYDError`` for empty input, an invalid history or no repeat purchases.
  func fit(_ histories: [PurchaseHistory]) throws -> Model
}

extension BGNBD: PurchaseCountFitter {}
extension MBGNBD: PurchaseCountFitter {}
extension ParetoNBD: PurchaseCountFitter {}
