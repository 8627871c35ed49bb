import CLVMath
import Testing

@testable import CLVModels

/// The two-thread machinery of MLP training: the spinning worker runs every job's
/// shard 1 exactly once, in order, and hands its writes back to the caller; the
/// gradient overwrite used in training equals accumulating into zeros, bit for bit.
@Suite struct MLPShardsTests {
  @Test func everyJobRunsBothShardsOnceAndTheirWritesAreVisible() {
    let shards = MLPShards(threads: 2)
    var counts = [0, 0]
    var last = [-1, -1]
    var inOrder = [true, true, true]  // per shard, and as seen by the caller after each job
    counts.withUnsafeMutableBufferPointer { counts in
      last.withUnsafeMutableBufferPointer { last in
        inOrder.withUnsafeMutableBufferPointer { inOrder in
          for job in 0..<20_000 {
            shards.run { s in
              counts[s] += 1
              if last[s] != job - 1 { inOrder[s] = false }
              last[s] = job
            }
            // The worker's write of this job must be visible once run returns.
            if last[1] != job { inOrder[2] = false }
          }
        }
      }
    }
    #expect(counts == [20_000, 20_000])
    #expect(inOrder == [true, true, true])
  }

  @Test func backwardOverwritingTheGradientEqualsAccumulatingIntoZeros() {
    var rng = SplitMix64(seed: 9)
    let network = MLPNetwork(widths: [7, 16, 11, 3])
    let rows = 13
    let p = (0..<network.parameters.count).map { _ in Float(rng.nextNormal()) }
    let ws = MLPWorkspace(widths: network.widths, capacity: rows, parameterCount: p.count)
    for i in 0..<(rows * 7) { ws.activations[0][i] = Float(rng.nextNormal()) }
    var t = [Float](repeating: 0, count: p.count)
    var noRNG = SplitMix64(seed: 0)
    p.withUnsafeBufferPointer { p in
      t.withUnsafeMutableBufferPointer { network.transposeWeights(p.baseAddress!, into: $0.baseAddress!) }
      network.forward(rows: rows, parameters: p.baseAddress!, workspace: ws, rng: &noRNG)
    }
    func gradient(accumulate: Bool, startingFrom value: Float) -> [UInt32] {
      for i in 0..<(rows * 3) { ws.deltas[3][i] = Float(i % 5) - 2.25 }
      var g = [Float](repeating: value, count: p.count)
      t.withUnsafeBufferPointer { t in
        g.withUnsafeMutableBufferPointer { g in
          network.backward(
            rows: rows, weightsTransposed: t.baseAddress!, workspace: ws, gradient: g.baseAddress!,
            accumulate: accumulate)
        }
      }
      return g.map(\.bitPattern)
    }
    #expect(gradient(accumulate: false, startingFrom: .nan) == gradient(accumulate: true, startingFrom: 0))
  }
}

extension MLPShardsTests {
  /// `Wᵀ` by the blocked (8×8 in registers) transpose, with edges in both directions,
  /// equals the element-by-element definition.
  @Test func transposedWeightsMatchTheDefinition() {
    let layer = DenseLayer(fanIn: 19, fanOut: 21, weightOffset: 5)
    let p = (0..<(5 + layer.parameterCount)).map { Float($0) * 0.25 }
    var whole = [Float](repeating: -1, count: p.count)
    p.withUnsafeBufferPointer { p in
      whole.withUnsafeMutableBufferPointer { layer.transposeWeights(from: p.baseAddress!, into: $0.baseAddress!) }
    }
    var expected = [Float](repeating: -1, count: p.count)
    for i in 0..<19 { for j in 0..<21 { expected[5 + j * 19 + i] = p[5 + i * 21 + j] } }
    #expect(whole == expected)
  }
}
