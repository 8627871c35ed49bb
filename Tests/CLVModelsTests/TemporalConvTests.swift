import CLVMath
import Foundation
import Testing

@testable import CLVModels

/// The sequence model: back-propagation against central differences of an independent
/// Double forward pass, learning a signal only the weekly sequence carries, thread-count
/// independence and a JSON round trip.
@Suite struct TemporalConvTests {
  /// Forward pass in Double written from the definitions (windows, conv + ReLU, join,
  /// the head by ``NeuralGradientTests/referenceOutputs(_:_:_:rows:)``).
  static func referenceLoss(
    _ n: TemporalConvNetwork, _ p: [Double], _ seq: [Double], _ st: [Double], _ y: [Double]
  ) -> Double {
    let rows = y.count
    var joined = [Double]()
    for r in 0..<rows {
      for q in 0..<n.positions {
        for f in 0..<n.filters {
          var s = p[n.conv.biasOffset + f]
          for k in 0..<(n.kernel * n.channels) {
            s +=
              seq[r * n.weeks * n.channels + q * n.stride * n.channels + k] * p[n.conv.weightOffset + k * n.filters + f]
          }
          joined.append(max(s, 0))
        }
      }
      joined += st[(r * n.statics)..<((r + 1) * n.statics)]
    }
    let head = Array(p[n.headOffset...])
    let o = NeuralGradientTests.referenceOutputs(n.head, head, joined, rows: rows)
    var total = 0.0
    for i in 0..<rows {
      total += ZILNLoss.lossAndGradient(logit: o[3 * i], mu: o[3 * i + 1], s: o[3 * i + 2], label: y[i]).loss
    }
    return total / Double(rows)
  }

  @Test(arguments: [(8, 2, 3, 2, 3), (6, 3, 2, 1, 4)])
  func gradientMatchesFiniteDifferences(_ shape: (Int, Int, Int, Int, Int)) {
    let (weeks, channels, kernel, stride, filters) = shape
    var rng = SplitMix64(seed: 5)
    var net = TemporalConvNetwork(
      weeks: weeks, channels: channels, kernel: kernel, stride: stride, filters: filters, statics: 3, hidden: [5, 4])
    net.initialiseHe(using: &rng)
    for i in net.parameters.indices { net.parameters[i] += Float(rng.nextNormal(standardDeviation: 0.1)) }
    let rows = 6
    let seq = (0..<(rows * weeks * channels)).map { _ in Float(abs(rng.nextNormal())) }
    let st = (0..<(rows * 3)).map { _ in Float(rng.nextNormal()) }
    let y: [Double] = (0..<rows).map { i in i % 3 == 0 ? 0 : exp(rng.nextNormal()) }
    // Analytic gradient by the Float passes used in training.
    let ws = TemporalConvWorkspace(network: net, capacity: rows)
    let count = net.parameters.count
    var gradient = [Float](repeating: 0, count: count)
    var transposed = [Float](repeating: 0, count: count)
    net.parameters.withUnsafeBufferPointer { p in
      transposed.withUnsafeMutableBufferPointer { net.transposeWeights(p.baseAddress!, into: $0.baseAddress!) }
      net.forward(rows: rows, sequences: seq, statics: st, parameters: p.baseAddress!, workspace: ws)
      let last = net.head.layers.count
      _ = MLPLoss.ziln.evaluate(
        rows: rows, outputs: ws.head.activations[last], labels: y, gradientScale: 1 / Double(rows),
        dOutputs: ws.head.deltas[last])
      transposed.withUnsafeBufferPointer { t in
        gradient.withUnsafeMutableBufferPointer { g in
          net.backward(rows: rows, transposed: t.baseAddress!, gradient: g.baseAddress!, workspace: ws)
        }
      }
    }
    let p = net.parameters.map(Double.init), sd = seq.map(Double.init), std = st.map(Double.init)
    let h = 1e-6
    var worst = 0.0
    for i in p.indices {
      var plus = p, minus = p
      plus[i] += h
      minus[i] -= h
      let numeric = (Self.referenceLoss(net, plus, sd, std, y) - Self.referenceLoss(net, minus, sd, std, y)) / (2 * h)
      worst = max(worst, abs(Double(gradient[i]) - numeric) / max(1, abs(numeric)))
    }
    #expect(worst < 2e-4, "worst relative gradient error \(worst) over \(count) parameters")
  }

  /// Spend depends on whether a customer was active in the last 4 of 26 weeks, which the
  /// static features do not show; total activity is the same for everyone.
  static func data(rows: Int, seed: UInt64) -> (seq: [Float], statics: Matrix, y: [Double], recent: [Bool]) {
    var rng = SplitMix64(seed: seed)
    var seq = [Float](), st = [Double](), y = [Double](), recent = [Bool]()
    for _ in 0..<rows {
      let active = rng.nextUniform() < 0.5
      var grid = [Float](repeating: 0, count: 26 * 2)
      // Four active weeks, either the last four or four early ones.
      for k in 0..<4 { grid[(active ? 22 + k : 3 + k) * 2] = 1 }
      seq += grid
      st += [rng.nextNormal(), rng.nextNormal()]
      let p = active ? 0.8 : 0.15
      y.append(rng.nextUniform() < p ? exp(3 + 0.3 * rng.nextNormal()) : 0)
      recent.append(active)
    }
    return (seq, Matrix(rows: rows, columns: 2, values: st), y, recent)
  }

  @Test func learnsARecencySignalOnlyTheSequenceCarries() throws {
    let train = Self.data(rows: 4000, seed: 1), valid = Self.data(rows: 1000, seed: 2),
      test = Self.data(rows: 2000, seed: 3)
    let settings = TemporalConvRegressor(weeks: 26, channels: 2, maxEpochs: 30)
    var rng = SplitMix64(seed: 7)
    let model = try settings.fit(
      sequences: train.seq, statics: train.statics, labels: train.y, validationSequences: valid.seq,
      validationStatics: valid.statics, validationLabels: valid.y, using: &rng)
    let grid = 26 * 2
    let p = model.predict(rows: 2000, statics: test.statics) { first, count, out in
      out.update(from: Array(test.seq[(first * grid)..<((first + count) * grid)]), count: count * grid)
    }
    let probability = try #require(p.purchaseProbability)
    let active = (0..<2000).filter { test.recent[$0] }.map { probability[$0] }
    let lapsed = (0..<2000).filter { !test.recent[$0] }.map { probability[$0] }
    let meanActive = active.reduce(0, +) / Double(active.count), meanLapsed = lapsed.reduce(0, +) / Double(lapsed.count)
    #expect(
      abs(meanActive - 0.8) < 0.05 && abs(meanLapsed - 0.15) < 0.05, "p̂ \(meanActive) vs 0.8, \(meanLapsed) vs 0.15")
  }

  @Test func sameWeightsWithOneOrTwoThreadsAndAfterJSON() throws {
    let train = Self.data(rows: 900, seed: 4), valid = Self.data(rows: 200, seed: 5)
    var a = TemporalConvRegressor(weeks: 26, channels: 2, batchSize: 64, maxEpochs: 3)
    a.threads = 1
    var b = a
    b.threads = 2
    var r1 = SplitMix64(seed: 3), r2 = SplitMix64(seed: 3)
    let m1 = try a.fit(
      sequences: train.seq, statics: train.statics, labels: train.y, validationSequences: valid.seq,
      validationStatics: valid.statics, validationLabels: valid.y, using: &r1)
    let m2 = try b.fit(
      sequences: train.seq, statics: train.statics, labels: train.y, validationSequences: valid.seq,
      validationStatics: valid.statics, validationLabels: valid.y, using: &r2)
    #expect(m1.network.parameters == m2.network.parameters && m1.history == m2.history)
    let back = try JSONDecoder().decode(TemporalConvModel.self, from: JSONEncoder().encode(m2))
    let fill: (Int, Int, UnsafeMutablePointer<Float>) -> Void = { first, count, out in
      out.update(from: Array(valid.seq[(first * 52)..<((first + count) * 52)]), count: count * 52)
    }
    #expect(
      back.predict(rows: 200, statics: valid.statics, fill: fill).value
        == m2.predict(rows: 200, statics: valid.statics, fill: fill).value)
  }

  /// The convolution kept apart (it reads no static feature) and the head run on new static
  /// features give the one-pass predictions bit for bit, over more rows than one chunk.
  @Test func convolvedOnceThenHeadIsThePrediction() throws {
    let train = Self.data(rows: 600, seed: 8), valid = Self.data(rows: 200, seed: 9), test = Self.data(rows: 1300, seed: 10)
    var rng = SplitMix64(seed: 3)
    let model = try TemporalConvRegressor(weeks: 26, channels: 2, batchSize: 64, maxEpochs: 2).fit(
      sequences: train.seq, statics: train.statics, labels: train.y, validationSequences: valid.seq,
      validationStatics: valid.statics, validationLabels: valid.y, using: &rng)
    let fill: (Int, Int, UnsafeMutablePointer<Float>) -> Void = { first, count, out in
      out.update(from: Array(test.seq[(first * 52)..<((first + count) * 52)]), count: count * 52)
    }
    let convolved = model.convolved(rows: 1300, fill: fill)
    #expect(convolved.count == 1300 * model.convolvedWidth)
    // Other static features for the same sequences (as a permutation gives).
    let shuffled = Matrix(rows: 1300, columns: 2, values: Array(test.statics.values.reversed()))
    for statics in [test.statics, shuffled] {
      let whole = model.predict(rows: 1300, statics: statics, fill: fill)
      let split = model.predict(rows: 1300, statics: statics, convolved: convolved)
      #expect(whole.value.map(\.bitPattern) == split.value.map(\.bitPattern))
      #expect(whole.purchaseProbability == split.purchaseProbability)
    }
    #expect(
      model.predict(rows: 1300, statics: shuffled, convolved: convolved).value
        != model.predict(rows: 1300, statics: test.statics, convolved: convolved).value)
  }

  @Test func badShapesThrow() {
    var rng = SplitMix64(seed: 1)
    let settings = TemporalConvRegressor(weeks: 4, channels: 1)
    #expect(throws: TemporalConvError.noTrainingRows) {
      try settings.fit(
        sequences: [], statics: Matrix(rows: 0, columns: 1), labels: [], validationSequences: [],
        validationStatics: Matrix(rows: 0, columns: 1), validationLabels: [], using: &rng)
    }
    #expect(
      throws: TemporalConvError.invalidSettings("the convolution needs 1 ≤ kernel ≤ weeks, stride ≥ 1, filters ≥ 1")
    ) {
      try TemporalConvRegressor(weeks: 2, channels: 1, kernel: 4).fit(
        sequences: [1, 1], statics: Matrix(rows: 1, columns: 1), labels: [1], validationSequences: [],
        validationStatics: Matrix(rows: 0, columns: 1), validationLabels: [], using: &rng)
    }
  }
}
