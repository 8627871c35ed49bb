/// The name of a feature column ``FeatureBuilder`` always makes (the purchase columns, the
/// fixed profile and behaviour columns, the calendar): the one place these names are
/// spelled, so models and stages read a column by key (`table.numeric(.tenureDays)`) and a
/// renamed column cannot leave a reader behind. Columns named by the input data (a profile
/// file's own columns, `events_<type>_<w>d`) stay strings. Definitions: ``FeatureBuilder``.
package enum FeatureKey: String, Sendable, CaseIterable {
  case frequency
  case recencyDays = "recency_days"
  case tenureDays = "tenure_days"
  case activeSpanDays = "active_span_days"
  case totalSpend = "total_spend"
  case meanOrderValue = "mean_order_value"
  case meanRepeatSpend = "mean_repeat_spend"
  case firstPurchaseAmount = "first_purchase_amount"
  case maxOrderValue = "max_order_value"
  case gapMeanDays = "gap_mean_days"
  case gapSDDays = "gap_sd_days"
  case overdueRatio = "overdue_ratio"
  case purchases90d = "purchases_90d"
  case purchases365d = "purchases_365d"
  case spend30d = "spend_30d"
  case spend90d = "spend_90d"
  case spend365d = "spend_365d"
  case spendTrend = "spend_trend"
  case refundCount = "refund_count"
  case refundShare = "refund_share"
  /// Profile: days from the signup date to the cutoff.
  case daysSinceSignup = "days_since_signup"
  /// Behaviour: all events in the last 90 days, and days since the last event.
  case events90d = "events_90d"
  case daysSinceLastEvent = "days_since_last_event"
  /// Calendar position of the cutoff (seasonality).
  case cutoffMonthSin = "cutoff_month_sin"
  case cutoffMonthCos = "cutoff_month_cos"

  /// The input file the column comes from.
  package var source: FeatureSource {
    switch self {
    case .daysSinceSignup: return .customers
    case .events90d, .daysSinceLastEvent: return .events
    default: return .transactions
    }
  }
}

extension FeatureTable {
  /// The numeric column `key`, if the table has it.
  package func numeric(_ key: FeatureKey) -> NumericColumn? { numeric(key.rawValue) }
}
