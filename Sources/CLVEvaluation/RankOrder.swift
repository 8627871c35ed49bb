/// Index orders and ranks shared by the ranking metrics.
///
/// Ties are broken by input position (a stable sort), as the metric definitions
/// require: two customers with the same prediction keep their input order.
enum RankOrder {
  /// Indices of `values` sorted by value, largest first; equal values keep input order.
  ///
  /// Values must be finite (callers check), so the comparison is a strict weak order.
  /// Above ``radixThreshold`` values this is ``radixDescending(_:)`` (the same order,
  /// several times faster: permutation importance sorts its test rows once per repeat).
  static func descending(_ values: [Double]) -> [Int] {
    if values.count >= radixThreshold && values.allSatisfy(\.isFinite) { return radixDescending(values) }
    return comparisonDescending(values)
  }

  /// Sizes from which ``descending(_:)`` sorts by radix.
  static let radixThreshold = 256

  /// ``descending(_:)`` by comparisons: value, then input position.
  static func comparisonDescending(_ values: [Double]) -> [Int] {
    values.withUnsafeBufferPointer { v in
      Array(0..<v.count).sorted { i, j in
        v[i] > v[j] || (v[i] == v[j] && i < j)
      }
    }
  }

  /// ``descending(_:)`` for finite values by a stable least-significant-digit radix sort
  /// (Knuth, TAOCP vol. 3, §5.2.5) of 64-bit keys, 11 bits per pass, passes whose digit
  /// is the same in every key skipped. The key maps a double to an unsigned integer in
  /// the reverse of its numeric order (−0 as +0, so equal values get equal keys): the sign
  /// bit set on non-negatives, every bit flipped on negatives, then all bits inverted.
  /// Equal keys keep input order, so the result is the comparison sort's exactly.
  static func radixDescending(_ values: [Double]) -> [Int] {
    let n = values.count
    guard n > 1 else { return Array(0..<n) }
    let bits = 11
    let buckets = 1 << bits
    let passes = (64 + bits - 1) / bits
    let mask = UInt64(buckets - 1)
    var order = [Int](repeating: 0, count: n)
    // Keys and positions, twice (source and destination of a pass), and every pass's
    // digit counts from one read of the keys.
    let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * n)
    let positions = UnsafeMutablePointer<Int>.allocate(capacity: 2 * n)
    let counts = UnsafeMutablePointer<Int>.allocate(capacity: passes * buckets)
    defer {
      keys.deallocate()
      positions.deallocate()
      counts.deallocate()
    }
    counts.initialize(repeating: 0, count: passes * buckets)
    values.withUnsafeBufferPointer { v in
      for i in 0..<n {
        let b = (v[i] == 0 ? 0.0 : v[i]).bitPattern
        let key = ~(b >> 63 == 1 ? ~b : b | (1 << 63))
        keys[i] = key
        positions[i] = i
        for p in 0..<passes { counts[p * buckets + Int((key >> UInt64(p * bits)) & mask)] += 1 }
      }
    }
    var (from, to) = (0, n)  // offsets of the current source and destination halves
    for p in 0..<passes {
      let s = UInt64(p * bits)
      let count = counts + p * buckets
      if count[Int((keys[from] >> s) & mask)] == n { continue }  // one digit everywhere: nothing moves
      var start = 0
      for t in 0..<buckets {
        let c = count[t]
        count[t] = start
        start += c
      }
      for i in 0..<n {
        let key = keys[from + i]
        let d = Int((key >> s) & mask)
        let at = count[d]
        count[d] = at + 1
        keys[to + at] = key
        positions[to + at] = positions[from + i]
      }
      swap(&from, &to)
    }
    order.withUnsafeMutableBufferPointer { o in
      for i in 0..<n { o[i] = positions[from + i] }
    }
    return order
  }

  /// Average (fractional) ranks with integer multiplicities, walking `order` (any
  /// monotone order of `values`): a run of equal values occupying weighted positions
  /// `start+1 … start+W` all get rank `start + (W + 1) / 2`.
  ///
  /// With all weights 1 this is the "average" tie method of Spearman's ρ
  /// (Kendall & Gibbons 1990, *Rank Correlation Methods*, §3.8).
  static func averageRanks(_ values: [Double], order: [Int], weights: [Int]) -> [Double] {
    var ranks = [Double](repeating: 0, count: values.count)
    var position = 0  // weighted count before the current run
    var k = 0
    while k < order.count {
      var end = k
      var runWeight = 0
      while end < order.count && values[order[end]] == values[order[k]] {
        runWeight += weights[order[end]]
        end += 1
      }
      let rank = Double(position) + Double(runWeight + 1) / 2
      for m in k..<end { ranks[order[m]] = rank }
      position += runWeight
      k = end
    }
    return ranks
  }

  /// Where each run of equal values of `sorted` (a monotone sequence) ends: the positions
  /// after each run, ascending, the last one `sorted.count` (empty for no values).
  static func runEnds(_ sorted: [Double]) -> [Int] {
    var ends = [Int]()
    var k = 0
    while k < sorted.count {
      var end = k + 1
      while end < sorted.count && sorted[end] == sorted[k] { end += 1 }
      ends.append(end)
      k = end
    }
    return ends
  }

  /// ``averageRanks(_:order:weights:)`` with the runs of equal values already found
  /// (``runEnds(_:)`` of the values in `order`) and the weights in `order`'s sequence: the
  /// same ranks, the same bits, without reading the values again.
  static func averageRanks(order: [Int], runEnds: [Int], orderedWeights weights: [Int]) -> [Double] {
    var ranks = [Double](repeating: 0, count: order.count)
    var position = 0  // weighted count before the current run
    var k = 0
    for end in runEnds {
      var runWeight = 0
      for m in k..<end { runWeight += weights[m] }
      let rank = Double(position) + Double(runWeight + 1) / 2
      for m in k..<end { ranks[order[m]] = rank }
      position += runWeight
      k = end
    }
    return ranks
  }
}
