import Testing
@testable import CLVPipeline

@Suite struct JSONValueTests {
  @Test func sortedKeysFixedNumbersAndEscapes() {
    let v: JSONValue = ["b": 1.5, "a": [1, .null, true], "c": .string("x\"<\n"), "d": .finite(.nan)]
    #expect(
      v.serialized() == """
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
}
