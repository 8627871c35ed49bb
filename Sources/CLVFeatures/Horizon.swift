import CLVData

/// A forecast horizon such as `90d`, `26w`, `12m` or `1y`.
///
/// Days and weeks are exact day counts; months and years are calendar steps
/// (the day of month is clamped: 31 March − 1 month = 28/29 February).
package struct Horizon: Sendable, Equatable, Codable, CustomStringConvertible {
  /// The calendar unit of a horizon.
  package enum Unit: String, Sendable, Codable { case days = "d", weeks = "w", months = "m", years = "y" }

  /// How many units.
  package let count: Int
  /// The unit.
  package let unit: Unit

  /// Creates a horizon; `count` must be positive.
  package init(count: Int, unit: Unit) {
    precondition(count > 0, "a horizon must be positive")
    self.count = count
    self.unit = unit
  }

  /// The longest horizon, in years: a customer-value forecast further out than this is not
  /// one the models can back up, and a typo (`10000w`) would run the forward pass for hours.
  package static let maximumYears = 10

  /// The most units of `unit` within ``maximumYears`` (weeks and days rounded down).
  package static func maximumCount(_ unit: Unit) -> Int {
    switch unit {
    case .days: return maximumYears * 36_525 / 100
    case .weeks: return maximumYears * 36_525 / 700
    case .months: return maximumYears * 12
    case .years: return maximumYears
    }
  }

  /// Parses `90d`, `26w`, `12m`, `1y` (a bare number means days), at most ``maximumYears``.
  /// - Throws: ``FeatureError/invalidHorizon(_:)`` for anything else,
  ///   ``FeatureError/horizonTooLong(_:maximum:)`` beyond ``maximumYears``.
  package init(parsing text: String) throws {
    let t = text.trimmingCharacters(in: " ").lowercased()
    guard let last = t.last else { throw FeatureError.invalidHorizon(text) }
    let unit: Unit
    var digits = Substring(t)
    if let u = Unit(rawValue: String(last)) {
      unit = u
      digits = digits.dropLast()
    } else {
      unit = .days
    }
    guard let n = Int(digits), n > 0 else { throw FeatureError.invalidHorizon(text) }
    guard n <= Self.maximumCount(unit) else {
      throw FeatureError.horizonTooLong(text, maximum: "\(Self.maximumCount(unit))\(unit.rawValue)")
    }
    self.init(count: n, unit: unit)
  }

  /// `"90d"`-style text.
  package var description: String { "\(count)\(unit.rawValue)" }

  /// The day `count` units before `day` (days since 1970-01-01).
  package func subtracted(from day: Int32) -> Int32 {
    switch unit {
    case .days: return day - Int32(count)
    case .weeks: return day - Int32(7 * count)
    case .months: return Self.adding(months: -count, to: day)
    case .years: return Self.adding(months: -12 * count, to: day)
    }
  }

  /// The day `count` units after `day`.
  package func added(to day: Int32) -> Int32 {
    switch unit {
    case .days: return day + Int32(count)
    case .weeks: return day + Int32(7 * count)
    case .months: return Self.adding(months: count, to: day)
    case .years: return Self.adding(months: 12 * count, to: day)
    }
  }

  /// `day` moved by `months` calendar months, the day of month clamped (``CivilDate/adding(months:)``).
  static func adding(months: Int, to day: Int32) -> Int32 {
    Int32(CivilDate(day: Int(day)).adding(months: months).day)
  }

  /// Length in days of the horizon ending at `end` (exclusive).
  package func days(endingAt end: Int32) -> Int { Int(end - subtracted(from: end)) }
}

extension String {
  fileprivate func trimmingCharacters(in c: Character) -> String {
    var s = Substring(self)
    while s.first == c { s = s.dropFirst() }
    while s.last == c { s = s.dropLast() }
    return String(s)
  }
}
