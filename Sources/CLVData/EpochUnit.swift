/// The unit of an epoch timestamp: an integer count since 1970-01-01 00:00 UTC, as
/// exports write instants (Unix time in seconds, JavaScript milliseconds, GA4/BigQuery
/// `event_timestamp` microseconds).
///
/// Detected from the magnitude of a column's integers when no format is named: dates from
/// 1973 to 5138 have 9–11 digits in seconds, 12–14 in milliseconds, 15–17 in microseconds and
/// 18–20 in nanoseconds, so the digit count tells the unit. (Eight digits are `yyyyMMdd`.)
enum EpochUnit: String, Sendable, Equatable, CaseIterable {
  case seconds = "epoch_s"
  case milliseconds = "epoch_ms"
  case microseconds = "epoch_us"
  case nanoseconds = "epoch_ns"

  /// A `--date-format` name: `epoch_s`/`epoch`/`unix`, `epoch_ms`, `epoch_us`, `epoch_ns` (any case).
  init?(formatName: String) {
    switch formatName.lowercased() {
    case "epoch_s", "epoch", "unix", "epoch_seconds": self = .seconds
    case "epoch_ms", "epoch_millis", "epoch_milliseconds": self = .milliseconds
    case "epoch_us", "epoch_micros", "epoch_microseconds": self = .microseconds
    case "epoch_ns", "epoch_nanos", "epoch_nanoseconds": self = .nanoseconds
    default: return nil
    }
  }

  /// The unit whose dates from 1973 on have `digits` digits, or nil.
  init?(digits: Int) {
    switch digits {
    case 9...11: self = .seconds
    case 12...14: self = .milliseconds
    case 15...17: self = .microseconds
    case 18...20: self = .nanoseconds
    default: return nil
    }
  }

  /// Units per day.
  var perDay: Int64 {
    switch self {
    case .seconds: 86_400
    case .milliseconds: 86_400_000
    case .microseconds: 86_400_000_000
    case .nanoseconds: 86_400_000_000_000
    }
  }

  /// How it is named in the summary.
  var shown: String {
    switch self {
    case .seconds: "epoch seconds"
    case .milliseconds: "epoch milliseconds"
    case .microseconds: "epoch microseconds"
    case .nanoseconds: "epoch nanoseconds"
    }
  }

  /// The digits of a non-negative integer field (1–20 digits, an optional leading `+`), or nil.
  @inline(__always)
  static func integer(_ p: UnsafeBufferPointer<UInt8>) -> (value: UInt64, digits: Int)? {
    var i = 0
    if p.count > 0, p[0] == 43 { i = 1 }
    let start = i
    var v: UInt64 = 0
    while i < p.count {
      let d = p[i] &- 48
      guard d <= 9 else { return nil }
      let (m, o1) = v.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(UInt64(d))
      guard !o1, !o2 else { return nil }
      v = a
      i += 1
    }
    let digits = i - start
    return digits > 0 ? (v, digits) : nil
  }

  /// Days since 1970-01-01 (UTC) of the integer `p` in this unit, or nil when it is not one.
  @inline(__always)
  func day(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let (v, _) = Self.integer(p), v <= UInt64(Int64.max) else { return nil }
    return Int(Int64(v) / perDay)
  }
}
