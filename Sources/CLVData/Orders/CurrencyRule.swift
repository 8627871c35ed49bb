/// What to do when orders carry a currency: with one currency present nothing; with
/// several, ``keep`` one (the others are excluded and counted) or convert with
/// ``rates``; with neither, loading fails (``OrderRulesError/mixedCurrencies(path:column:orders:)``)
/// rather than add euros to dollars.
package struct CurrencyRule: Sendable, Equatable, Codable {
  /// Keep only the orders in this currency (case-insensitive).
  package var keep: String?
  /// Convert every order into the rates' target currency.
  package var rates: FXRates?

  package init(keep: String? = nil, rates: FXRates? = nil) {
    self.keep = keep
    self.rates = rates
  }

  /// The rule in words.
  package var description: String {
    if let rates { return "converted to \(rates.target) with the rates file" }
    if let keep { return "only orders in \(keep.uppercased())" }
    return "one currency required"
  }
}
