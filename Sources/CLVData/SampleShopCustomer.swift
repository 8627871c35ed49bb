import CLVMath
import Foundation

/// One synthetic customer of ``SampleShop``: the profile written to customers.csv and
/// the hidden traits that drive purchases, spend and browsing.
struct SampleShopCustomer {
  // Profile (observable).
  var id: String
  var signupDay: Int
  var channel: String
  var region: String
  var device: String
  var ageBand: String
  var loyaltyMember: Bool

  // Hidden traits.
  /// Repeat purchase rate per day (before seasonality).
  var purchaseRate: Double
  /// Day the customer becomes inactive for good (may be after the window).
  var deathDay: Double
  /// Days from signup to first purchase; nil when the customer never buys.
  var firstPurchaseDelay: Double?
  /// Mean order value.
  var meanSpend: Double
  /// Browsing intensity multiplier (mean 1), shared by background and pre-purchase activity.
  var engagement: Double

  static let channels = ["organic", "paid_search", "social", "email", "referral"]
  static let channelWeights = [0.35, 0.25, 0.15, 0.10, 0.15]
  static let regions = ["northeast", "south", "midwest", "west", "international"]
  static let regionWeights = [0.22, 0.28, 0.18, 0.24, 0.08]
  static let devices = ["mobile", "desktop", "tablet"]
  static let deviceWeights = [0.55, 0.35, 0.10]
  static let ageBands = ["18-24", "25-34", "35-44", "45-54", "55+"]
  static let ageWeights = [0.12, 0.28, 0.25, 0.18, 0.17]

  // Multipliers by profile value (index-aligned with the lists above). They are the
  // planted profile signal: a model that sees the profile can predict rate and spend
  // for customers with little or no history.
  static let channelRate = [1.0, 0.85, 0.75, 1.3, 1.2]
  static let channelSpend = [1.0, 0.95, 0.85, 1.1, 1.15]
  static let channelDropout = [1.0, 1.2, 1.4, 0.9, 0.8]
  static let regionSpend = [1.1, 0.9, 0.95, 1.1, 1.3]
  static let deviceRate = [1.0, 1.1, 0.9]
  static let deviceSpend = [0.9, 1.15, 1.05]
  static let ageRate = [0.8, 1.0, 1.1, 1.15, 1.0]
  static let ageSpend = [0.7, 0.95, 1.15, 1.25, 1.1]

  /// Draws a customer who signs up on `signupDay`.
  static func draw(
    index: Int, signupDay: Int, using rng: inout some RandomNumberGenerator
  ) -> SampleShopCustomer {
    let c = rng.nextIndex(weights: channelWeights)
    let r = rng.nextIndex(weights: regionWeights)
    let d = rng.nextIndex(weights: deviceWeights)
    let a = rng.nextIndex(weights: ageWeights)
    let loyal = rng.nextUniform() < (c == 3 || c == 4 ? 0.40 : 0.22)
    let engagement = rng.nextGamma(shape: 2, scale: 0.5)

    // Purchase rate: gamma heterogeneity (mean 1/45 per day) × profile × engagement.
    let heterogeneity: Double = rng.nextGamma(shape: 0.9, scale: 1 / 0.9) / 45
    let profileRate: Double = channelRate[c] * deviceRate[d] * ageRate[a] * (loyal ? 1.7 : 1)
    let rate = heterogeneity * profileRate * engagement.squareRoot()
    // Time-based dropout (Pareto/NBD-like): exponential lifetime, gamma-mixed hazard.
    let hazardMix: Double = rng.nextGamma(shape: 1.2, scale: 1 / 1.2)
    let hazard = hazardMix / 320 * channelDropout[c] * (loyal ? 0.55 : 1)
    let lifetime = rng.nextExponential(rate: hazard)
    // 12% never buy; the others buy first after an exponential delay (mean 20 days).
    let delay: Double? = rng.nextUniform() < 0.12 ? nil : rng.nextExponential(rate: 1.0 / 20)
    let spendNoise: Double = exp(rng.nextNormal(standardDeviation: 0.35))
    let profileSpend: Double = channelSpend[c] * regionSpend[r] * deviceSpend[d] * ageSpend[a]
    let spend = 48 * spendNoise * profileSpend * (loyal ? 1.35 : 1)

    var id = String(index + 1)
    id = "C" + String(repeating: "0", count: max(0, 5 - id.count)) + id
    return SampleShopCustomer(
      id: id, signupDay: signupDay, channel: channels[c], region: regions[r], device: devices[d],
      ageBand: ageBands[a], loyaltyMember: loyal, purchaseRate: rate,
      deathDay: Double(signupDay) + lifetime, firstPurchaseDelay: delay, meanSpend: spend,
      engagement: engagement)
  }
}
