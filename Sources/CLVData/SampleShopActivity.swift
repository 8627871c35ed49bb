import CLVMath

/// The simulated behaviour of one ``SampleShopCustomer`` inside the window: orders
/// (time in epoch seconds, cents) and events (time, type index).
///
/// Generative story (times in days):
/// - first order at signup + delay, if that is before the customer's death day and the
///   window end; repeat orders follow a Poisson process with rate λ·season(t) until
///   death (simulated by thinning against the December peak);
/// - order value = mean spend × Gamma(5, 1/5), 15% higher in November–December;
/// - events: background browsing at rate 0.05·engagement per day while alive, fading
///   linearly to 15% over the 42 days before death (with more support contacts), a
///   trickle of email clicks after death, and a burst of views and carts in the days
///   before every order. So recent events say "alive and about to buy".
struct SampleShopActivity {
  var orders: [(second: Int, cents: Int)] = []
  var events: [(second: Int, type: Int)] = []

  /// Event type names, index-aligned with `events[i].type`.
  static let eventTypes = ["view", "cart", "wishlist", "email_click", "support"]

  /// Relative order intensity by month (January first): summer dip, Nov–Dec peak.
  static let season = [0.85, 0.85, 0.95, 1.0, 1.0, 0.8, 0.72, 0.8, 1.0, 1.05, 1.6, 1.8]
  static let seasonMax = 1.8

  static func seasonFactor(day: Double) -> Double {
    season[CivilDate.civilFromDays(Int(day.rounded(.down))).month - 1]
  }

  /// Simulates `c` between its signup and `endDay` (inclusive); `eventScale` thins
  /// all events (1 = full intensity).
  static func simulate(
    _ c: SampleShopCustomer, endDay: Int, eventScale: Double, using rng: inout some RandomNumberGenerator
  ) -> SampleShopActivity {
    var a = SampleShopActivity()
    let end = Double(endDay + 1)
    let stop = min(c.deathDay, end)
    let signup = Double(c.signupDay)

    // Orders.
    if let delay = c.firstPurchaseDelay, signup + delay < stop {
      var t = signup + delay
      a.addOrder(c, at: t, using: &rng)
      while true {
        t += rng.nextExponential(rate: c.purchaseRate * seasonMax)
        if t >= stop { break }
        if rng.nextUniform() * seasonMax < seasonFactor(day: t) { a.addOrder(c, at: t, using: &rng) }
      }
    }

    // Background browsing while alive, fading before death.
    let base = 0.05 * c.engagement * eventScale
    var t = signup
    while base > 0 {
      t += rng.nextExponential(rate: base)
      if t >= stop { break }
      let untilDeath = c.deathDay - t
      let fading = untilDeath < 42
      if fading, rng.nextUniform() > 0.15 + 0.85 * untilDeath / 42 { continue }
      let email = c.channel == "email" ? 0.18 : 0.09
      let type = rng.nextIndex(weights: [0.72, 0.06, 0.08, email, fading ? 0.15 : 0.03])
      a.events.append((second(t, using: &rng), type))
    }
    // After death: an occasional email click or view.
    t = c.deathDay
    while t < end {
      t += rng.nextExponential(rate: 0.004 * eventScale + 1e-9)
      if t >= end { break }
      a.events.append((second(t, using: &rng), rng.nextUniform() < 0.6 ? 3 : 0))
    }
    // Bursts before each order: views over the previous days, carts just before.
    for order in a.orders {
      let day = Double(order.second) / 86_400
      let views = rng.nextPoisson(mean: 2.5 * c.engagement.squareRoot() * eventScale)
      for _ in 0..<views {
        let at = max(signup, day - rng.nextExponential(rate: 1 / 2.5))
        a.events.append((second(at, using: &rng), 0))
      }
      for _ in 0..<rng.nextPoisson(mean: 1.0 * eventScale) {
        let at = max(signup, day - rng.nextExponential(rate: 1 / 0.7))
        a.events.append((second(at, using: &rng), 1))
      }
    }
    return a
  }

  private mutating func addOrder(_ c: SampleShopCustomer, at t: Double, using rng: inout some RandomNumberGenerator) {
    let month = CivilDate.civilFromDays(Int(t.rounded(.down))).month
    let holiday = month >= 11 ? 1.15 : 1.0
    let value = c.meanSpend * rng.nextGamma(shape: 5, scale: 0.2) * holiday
    orders.append((Self.second(t, using: &rng), max(100, Int((value * 100).rounded()))))
  }

  /// Epoch second within day ⌊t⌋, at a time of day between 07:00 and 23:59.
  private static func second(_ t: Double, using rng: inout some RandomNumberGenerator) -> Int {
    Int(t.rounded(.down)) * 86_400 + 7 * 3600 + Int(rng.next() % UInt64(17 * 3600))
  }

  private func second(_ t: Double, using rng: inout some RandomNumberGenerator) -> Int {
    Self.second(t, using: &rng)
  }
}
