import CLVMath

/// A synthetic but realistic online shop: the bundled sample data and the data of the
/// end-to-end tests (`clv sample-data --customers N --seed S --out DIR`).
///
/// It writes transactions.csv (`customer_id, order_id, order_date, amount`),
/// customers.csv (`customer_id, signup_date, channel, region, device, age_band,
/// loyalty_member`) and events.csv (`customer_id, timestamp, event_type`).
///
/// Planted structure (see ``SampleShopCustomer`` and ``SampleShopActivity``):
/// - heterogeneous purchase rates (gamma) and exponential lifetimes with gamma-mixed
///   hazards — the Pareto/NBD world BTYD models assume;
/// - profile signal: loyalty members, email/referral customers, older age bands and
///   desktop users buy more often and/or spend more; loyalty members churn less;
/// - seasonality: November–December peak, summer dip;
/// - behaviour signal: browsing fades in the six weeks before a customer churns and
///   bursts in the days before each order;
/// - cold start: ~12% of customers never buy, and late sign-ups have not bought yet;
/// - refunds (~2.5% of orders, the negative of the refunded order's amount, same
///   order id, 2–30 days later), ~0.5% exact duplicate rows and ~0.1% malformed rows
///   (bad date, missing id, non-numeric amount, wrong field count).
///
/// Deterministic: the same settings and seed give byte-identical files.
package struct SampleShop: Sendable {
  /// Number of customers (all sign up inside the window).
  package var customers: Int
  /// Last day of the data (inclusive).
  package var endDate: CivilDate
  /// Length of the window in days.
  package var days: Int
  /// Multiplier on every event intensity (thins events.csv; 1 = full).
  package var eventScale: Double
  /// Whether to plant duplicates and malformed rows (refunds are always there).
  package var dirt: Bool

  /// Creates a configuration: by default 5,000 customers over the two years ending
  /// 2026-09-30.
  package init(
    customers: Int = 5000, endDate: CivilDate = CivilDate(day: 20726), days: Int = 730,
    eventScale: Double = 1, dirt: Bool = true
  ) {
    precondition(customers > 0 && days > 30, "need at least one customer and a month of data")
    precondition(eventScale >= 0, "eventScale must be non-negative")
    self.customers = customers
    self.endDate = endDate
    self.days = days
    self.eventScale = eventScale
    self.dirt = dirt
  }

  /// Generates the three files in memory.
  package func generate(using rng: inout some RandomNumberGenerator) -> SampleShopFiles {
    let endDay = endDate.day
    let startDay = endDay - days + 1
    var people: [SampleShopCustomer] = []
    var orders: [(second: Int, customer: Int, cents: Int)] = []
    var events: [(second: Int, customer: Int, type: Int)] = []
    for i in 0..<customers {
      // A growing shop: more sign-ups later in the window.
      let signup = startDay + Int(Double(days) * (rng.nextUniform() as Double).squareRoot())
      let c = SampleShopCustomer.draw(index: i, signupDay: min(signup, endDay), using: &rng)
      let activity = SampleShopActivity.simulate(c, endDay: endDay, eventScale: eventScale, using: &rng)
      orders += activity.orders.map { ($0.second, i, $0.cents) }
      events += activity.events.map { ($0.second, i, $0.type) }
      people.append(c)
    }
    var writer = SampleShopWriter(dirt: dirt, endSecond: (endDay + 1) * 86_400)
    let transactions = writer.transactions(orders, people: people, using: &rng)
    let profiles = writer.profiles(people, using: &rng)
    let eventBytes = writer.events(events, people: people, using: &rng)
    var stats = writer.stats
    stats.customers = customers
    stats.buyers = Set(orders.map(\.customer)).count
    return SampleShopFiles(transactions: transactions, customers: profiles, events: eventBytes, stats: stats)
  }
}
