import CLVData

/// One `customer_id,order_id,timestamp,amount` line in the peer's shape
/// (`C00000042,O0000000007,2023-01-05T13:04:59Z,12.34`), written by the generators of the
/// benchmarks.
enum TransactionRowText {
  /// Appends the line for customer `customer`, order `order`, `second` seconds after the
  /// start of epoch day `startDay` (UTC), and `cents` (negative amounts keep their sign).
  static func append(customer: Int, order: Int, startDay: Int, second: Int, cents: Int, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "C"))
    appendDigits(customer, width: 8, to: &out)
    out.append(contentsOf: ",O".utf8)
    appendDigits(order, width: 10, to: &out)
    out.append(UInt8(ascii: ","))
    let (y, m, d) = CivilDate.civilFromDays(startDay + second / 86_400)
    appendDigits(y, width: 4, to: &out)
    out.append(UInt8(ascii: "-"))
    appendDigits(m, width: 2, to: &out)
    out.append(UInt8(ascii: "-"))
    appendDigits(d, width: 2, to: &out)
    out.append(UInt8(ascii: "T"))
    appendDigits(second % 86_400 / 3600, width: 2, to: &out)
    out.append(UInt8(ascii: ":"))
    appendDigits(second % 3600 / 60, width: 2, to: &out)
    out.append(UInt8(ascii: ":"))
    appendDigits(second % 60, width: 2, to: &out)
    out.append(contentsOf: "Z,".utf8)
    if cents < 0 { out.append(UInt8(ascii: "-")) }
    appendDigits(abs(cents) / 100, width: 1, to: &out)
    out.append(UInt8(ascii: "."))
    appendDigits(abs(cents) % 100, width: 2, to: &out)
    out.append(UInt8(ascii: "\n"))
  }

  /// Appends the decimal digits of `value` (≥ 0), left-padded with zeros to `width`.
  static func appendDigits(_ value: Int, width: Int, to out: inout [UInt8]) {
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = 0
    var v = value
    withUnsafeMutableBytes(of: &digits) { d in
      repeat {
        d[n] = UInt8(48 + v % 10)
        v /= 10
        n += 1
      } while v > 0
      for _ in n..<max(width, n) { out.append(48) }
      for k in stride(from: n - 1, through: 0, by: -1) { out.append(d[k]) }
    }
  }
}
