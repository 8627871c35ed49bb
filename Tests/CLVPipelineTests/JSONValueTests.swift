import Testing

@testable import CLVPipeline

@Suite struct JSONValueTests {
  @Test func sortedKeysFixedNumbersAndEscapes() throws {
    let v: JSONValue = ["b": 1.5, "a": [1, .null, true], "c": .string("x\"<\n"), "d": .finite(.nan)]
    #expect(
      try v.serialized() == """
        {
          "a": [
            1,
            null,
            true
          ],
          "b": 1.5,
          "c": "x\\"<\\n",
          "d": null
        }

        """)
  }

  /// A NaN or infinity outside `.finite` is an error naming its field, never `null` or a trap,
  /// also when it comes from an `Encodable` value (JSONEncoder alone would throw there).
  @Test func nonFiniteNumbersAreErrorsNamingTheField() throws {
    struct Fit: Encodable { var beta: Double; var list: [Double] }
    let tree: JSONValue = ["model": JSONValue(encoding: Fit(beta: 2, list: [1, .infinity])), "ok": .finite(.nan)]
    #expect(throws: JSONValue.NonFiniteNumber(field: "model.list[1]", value: .infinity)) { try tree.serialized() }
    let nan: JSONValue = ["a": JSONValue(encoding: Fit(beta: .nan, list: []))]
    #expect(throws: JSONValue.NonFiniteNumber(field: "a.beta", value: .nan)) { try nan.serialized() }
    #expect(try JSONValue(encoding: Fit(beta: 2, list: [-1])).serialized().contains("\"beta\": 2"))
  }
}

@Suite struct TableFilesTests {
  @Test(arguments: [
    (0.0, 2, "0.00"), (1.005, 2, "1.00"), (2.675, 2, "2.68"), (12.5, 2, "12.50"), (-0.004, 2, "0.00"),
    (-3.14159, 4, "-3.1416"), (0.99995, 4, "1.0000"), (123456.789, 2, "123456.79"), (.nan, 2, ""),
  ])
  func fixedDecimals(_ x: Double, _ decimals: Int, _ expected: String) {
    // Rounding is of x·10^d as a Double, half away from zero: 2.675·100 is exactly
    // 267.5 in binary arithmetic, so it gives 2.68 where printf("%.2f") gives 2.67.
    #expect(TableFiles.fixed(x, decimals: decimals) == expected)
  }
}
