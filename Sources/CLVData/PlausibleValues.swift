/// The range of values a real row can hold; rows outside it are quarantined with their own
/// reason (``QuarantineReason/dateOutOfRange``, ``QuarantineReason/amountOutOfRange``)
/// instead of reaching the models, where one row dated 9999-12-31 moved the default as-of
/// date by 8,000 years (the weekly loops then ran for hours) and an amount of 1e155
/// overflowed the squared errors to infinity.
package struct PlausibleValues: Sendable, Equatable, Codable {
  /// The earliest plausible date: 1900-01-01.
  package static let earliestDay = CivilDate.daysFromCivil(year: 1900, month: 1, day: 1)
  /// The largest plausible size of an amount (an order of a trillion is not an order).
  package static let maxAmount = 1e12

  /// Plausible days: from 1900-01-01 to the latest (both included).
  package var days: ClosedRange<Int>
  /// What the latest day is, for messages (`today + one year`).
  package var latestMeaning: String

  /// Dates up to 9999-12-30 (a placeholder 9999-12-31 is never a date); what the loaders use
  /// when no clock is given.
  package init() {
    days = Self.earliestDay...CivilDate.daysFromCivil(year: 9999, month: 12, day: 30)
    latestMeaning = "the latest date clv reads"
  }

  /// Dates up to one year after `today` (a pre-order or a time-zone slip is fine; a typo
  /// year is not).
  package init(today: CivilDate) {
    days = Self.earliestDay...max(Self.earliestDay, today.adding(months: 12).day)
    latestMeaning = "today + one year"
  }

  /// Why `day` is not plausible (`9999-12-31 is after 2027-12-01 (today + one year)`), or nil.
  @inline(__always)
  package func problem(day: Int) -> String? {
    if days.contains(day) { return nil }
    return day < days.lowerBound
      ? "\(CivilDate(day: day).iso) is before \(CivilDate(day: days.lowerBound).iso)"
      : "\(CivilDate(day: day).iso) is after \(CivilDate(day: days.upperBound).iso) (\(latestMeaning))"
  }

  /// Why `amount` is not plausible, or nil when it is.
  @inline(__always)
  package static func problem(amount: Double) -> String? {
    abs(amount) <= maxAmount ? nil : "amount \(amount) is beyond ±1e12"
  }
}
