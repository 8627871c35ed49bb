import CLVData
import CLVMath
import Foundation

/// A transactions CSV shaped like the Python peer's generated files
/// (`shared/bench/gen_transactions.py`): the same columns and formats, the same
/// generative model, and the same dirt, drawn from clv's own seeded generator (so the
/// rows are not the peer's rows; the distributions are the same).
///
/// Columns `customer_id,order_id,timestamp,amount` (`C00000001`, `O0000000001`,
/// `2023-03-14T13:45:12Z`, dollars with 2 decimals), sorted by time. Model, times in
/// days over 2023-01-01 … 2024-12-31 (731 days): first purchase ~ U(0, 0.75·731);
/// purchase rate λ ~ Gamma(0.6, rate 40); dropout rate μ ~ Gamma(0.8, rate 250),
/// lifetime ~ Exp(μ); repeat purchases Poisson(λ) while alive, uniform over the alive
/// span; spend scale ν ~ Gamma(3.8, rate 20), each amount ~ Gamma(6, rate ν), at least
/// 0.01. Dirt: 0.5% of rows are exact duplicates of another row, 0.2% have an amount
/// ≤ 0 (half zero, half a refund). Order ids increase with time.
enum PeerShapedTransactions {
  static let windowDays = 731.0
  /// 2023-01-01 as days since 1970-01-01.
  static let startDay = 19_358

  /// Writes `rows` data rows (after the header) to `path`; returns the bytes written.
  @discardableResult
  static func write(rows: Int, seed: UInt64, to path: String) throws -> Int {
    var rng = SplitMix64(seed: seed)
    let duplicates = Int((Double(rows) * 0.005).rounded())
    let clean = rows - duplicates
    var customer = [Int32](), time = [Double](), amount = [Double]()
    customer.reserveCapacity(clean)
    time.reserveCapacity(clean)
    amount.reserveCapacity(clean)
    var id: Int32 = 0
    while customer.count < clean {
      id += 1
      let birth = rng.nextUniform() * 0.75 * windowDays
      let lambda = rng.nextGamma(shape: 0.6, scale: 1 / 40)
      let mu = rng.nextGamma(shape: 0.8, scale: 1 / 250)
      let end = min(birth + rng.nextExponential(rate: max(mu, 1e-12)), windowDays)
      let repeats = rng.nextPoisson(mean: lambda * (end - birth))
      let nu = rng.nextGamma(shape: 3.8, scale: 1 / 20)
      for k in 0...repeats where customer.count < clean {
        customer.append(id)
        time.append(k == 0 ? birth : birth + rng.nextUniform() * (end - birth))
        amount.append(max(0.01, (rng.nextGamma(shape: 6, scale: 1 / nu) * 100).rounded() / 100))
      }
    }
    let bad = Int((Double(clean) * 0.002).rounded())
    for _ in 0..<bad {
      let i = Int(rng.next() % UInt64(clean))
      amount[i] = rng.nextUniform() < 0.5 ? 0 : -abs(amount[i])
    }
    let seconds = time.map { Int64(($0 * 86_400).rounded(.down)) }
    var order = Array(0..<clean)
    order.sort { (seconds[$0], customer[$0]) < (seconds[$1], customer[$1]) }
    // Rows in time order with their order id (1-based position), then the duplicates.
    var rowsOut = order.enumerated().map { (position, i) in (i, position + 1) }
    for _ in 0..<duplicates { rowsOut.append(rowsOut[Int(rng.next() % UInt64(clean))]) }
    rowsOut.sort { (seconds[$0.0], $0.1) < (seconds[$1.0], $1.1) }

    guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path)
    else { throw BenchmarkError.cannotWrite(path) }
    defer { try? handle.close() }
    var out = [UInt8]()
    out.reserveCapacity(1 << 20 + 128)
    out.append(contentsOf: "customer_id,order_id,timestamp,amount\n".utf8)
    var written = 0
    for (i, orderID) in rowsOut {
      let cents = Int((amount[i] * 100).rounded())
      TransactionRowText.append(
        customer: Int(customer[i]), order: orderID, startDay: startDay, second: Int(seconds[i]), cents: cents, to: &out)
      if out.count >= 1 << 20 {
        try handle.write(contentsOf: out)
        written += out.count
        out.removeAll(keepingCapacity: true)
      }
    }
    try handle.write(contentsOf: out)
    return written + out.count
  }
}
