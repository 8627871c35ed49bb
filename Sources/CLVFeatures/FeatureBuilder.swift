import CLVData
import Foundation

/// Builds per-customer features as of a cutoff day from the purchase ledger and,
/// when given, profile attributes and behaviour events.
///
/// Only data strictly before the cutoff is used ("as of" is exclusive). Time is
/// counted in days. Numeric features (all NaN when undefined, e.g. gaps of a
/// one-time buyer):
///
/// | name | definition |
/// |---|---|
/// | `frequency` | repeat purchase days x = purchase days − 1 (BTYD convention) |
/// | `recency_days` | days since the last purchase day: cutoff − last |
/// | `tenure_days` | days since the first purchase day: cutoff − first |
/// | `active_span_days` | last − first purchase day (BTYD t_x, in days) |
/// | `total_spend` | net spend (purchases + refunds) before the cutoff |
/// | `mean_order_value` | net spend / purchase days |
/// | `mean_repeat_spend` | mean net value of the repeat purchase days (Gamma-Gamma input) |
/// | `first_purchase_amount`, `max_order_value` | per purchase day, net |
/// | `gap_mean_days`, `gap_sd_days` | mean and sd of the gaps between purchase days |
/// | `overdue_ratio` | recency / mean gap |
/// | `purchases_90d`, `purchases_365d`, `spend_30d`, `spend_90d`, `spend_365d` | windows before the cutoff |
/// | `spend_trend` | net spend in the last 180 days − in the 180 days before |
/// | `refund_count`, `refund_share` | refund days and refunds / gross spend |
/// | `days_since_signup` | from the profile's signup date |
/// | `events_<type>_<w>d` | behaviour events of each type in the last 7, 30, 90 days |
/// | `events_90d`, `days_since_last_event` | all behaviour events |
/// | `cutoff_month_sin`, `cutoff_month_cos` | calendar position of the cutoff (seasonality) |
package struct FeatureBuilder: Sendable {
  /// The transactions, merged by day.
  package let ledger: PurchaseLedger
  /// Profile attributes, if a profile table was given.
  package let profiles: ProfileAttributes?
  /// Behaviour events, if an event log was given.
  package let behaviour: BehaviourLedger?
  /// The joined customer list.
  package let directory: CustomerDirectory

  /// Windows (days) for behaviour event counts.
  package static let eventWindows: [Int32] = [7, 30, 90]

  /// The calendar position of the cutoff (seasonality), one value for every row.
  static let calendarColumns = [FeatureKey.cutoffMonthSin.rawValue, FeatureKey.cutoffMonthCos.rawValue]

  /// Creates a builder over the given sources.
  package init(ledger: PurchaseLedger, profiles: ProfileAttributes? = nil, behaviour: BehaviourLedger? = nil) {
    self.ledger = ledger
    self.profiles = profiles
    self.behaviour = behaviour
    self.directory = CustomerDirectory(ledger: ledger, profiles: profiles, behaviour: behaviour)
  }

  /// Directory rows of the customers known before `cutoff`: those with a
  /// purchase day before it, or a profile whose signup is before it (cold
  /// start). A profile without a signup date counts as known.
  package func knownCustomers(before cutoff: Int32) -> [Int] {
    var rows = [Int]()
    for k in directory.ids.indices {
      let l = directory.ledgerRow[k]
      if l >= 0, let first = ledger.firstPurchaseDay(of: l), first < cutoff {
        rows.append(k)
        continue
      }
      let p = directory.profileRow[k]
      if p >= 0, let profiles {
        if let s = profiles.signupDay[p] { if s < cutoff { rows.append(k) } } else { rows.append(k) }
      }
    }
    return rows
  }

  /// Net spend of each customer (directory rows) in `from ..< to`, floored at 0:
  /// refunds can cancel spend but a customer's value is never negative.
  package func labels(for rows: [Int], from: Int32, to: Int32) -> [Double] {
    rows.map { k in
      let l = directory.ledgerRow[k]
      return l < 0 ? 0 : max(0, ledger.netSpend(of: l, from: from, to: to))
    }
  }

  /// The feature table of the customers at directory `rows`, as of `cutoff`.
  package func features(for rows: [Int], asOf cutoff: Int32) -> FeatureTable {
    let columns = PurchaseFeatureColumns(count: rows.count)
    columns.fill(rows: rows, ledgerRows: directory.ledgerRow, ledger: ledger, cutoff: cutoff)
    var numeric = columns.columns()
    var categorical = [CategoricalColumn]()
    if let profiles {
      numeric.append(
        NumericColumn(
          name: FeatureKey.daysSinceSignup.rawValue,
          values: rows.map { k in
            let p = directory.profileRow[k]
            guard p >= 0, let s = profiles.signupDay[p] else { return .nan }
            return Double(cutoff - s)
          }, transform: .signedLog1p))
      for c in profiles.numeric {
        numeric.append(
          NumericColumn(
            name: c.name,
            values: rows.map { directory.profileRow[$0] >= 0 ? c.values[directory.profileRow[$0]] : .nan },
            transform: c.transform))
      }
      for c in profiles.categorical {
        categorical.append(
          CategoricalColumn(
            name: c.name, values: rows.map { directory.profileRow[$0] >= 0 ? c.values[directory.profileRow[$0]] : nil })
        )
      }
    }
    if let behaviour {
      numeric += BehaviourFeatureColumns.columns(
        behaviour: behaviour, rows: rows.map { directory.behaviourRow[$0] }, cutoff: cutoff,
        windows: Self.eventWindows)
    }
    let month = CivilDate(day: Int(cutoff)).fractionOfYear
    for (name, value) in zip(Self.calendarColumns, [sin(2 * .pi * month), cos(2 * .pi * month)]) {
      numeric.append(NumericColumn(name: name, values: Array(repeating: value, count: rows.count)))
    }
    return FeatureTable(
      rowIDs: rows.map { directory.ids[$0] }, numeric: numeric, categorical: categorical, asOfDay: cutoff)
  }
}
