import CLVMath
import Foundation
import Testing

@testable import CLVModels

/// A JSON round trip of a fitted model must reproduce its predictions bit for bit
/// (JSONEncoder writes the shortest representation that parses back to the same
/// Float, so the weights survive exactly).
@Suite struct MLPSerializationTests {
  @Test(arguments: [MLPLoss.ziln, .mse])
  func jsonRoundTripReproducesPredictionsExactly(loss: MLPLoss) throws {
    let d = MLPTrainingTests.zilnData(rows: 500, seed: 1)
    var rng = SplitMix64(seed: 2)
    let model = MLPRegressor(hiddenLayers: [8, 4], loss: loss, batchSize: 64, maxEpochs: 3)
      .fit(x: d.x, y: d.y, validationX: d.x, validationY: d.y, using: &rng)
    let data = try JSONEncoder().encode(model)
    let back = try JSONDecoder().decode(MLPModel.self, from: data)
    #expect(back.network.parameters == model.network.parameters)
    #expect(back.predict(d.x) == model.predict(d.x))
    #expect(back.configuration == model.configuration && back.history == model.history)
    #expect(back.parameterCount == 2 * 8 + 8 + 8 * 4 + 4 + 4 * loss.outputCount + loss.outputCount)
  }

  @Test func awkwardFloatsSurviveJSON() throws {
    // Subnormal, largest, tiny-mantissa values and 0.1 (not exact in binary).
    let values: [Float] = [0.1, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1.0000001, -3.4028e-38, 16_777_215]
    let back = try JSONDecoder().decode([Float].self, from: JSONEncoder().encode(values))
    #expect(back.map(\.bitPattern) == values.map(\.bitPattern))
  }
}
