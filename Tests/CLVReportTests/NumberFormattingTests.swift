import Testing

@testable import CLVReport

/// Expected strings are hand-computed; rounding is half away from zero of x·10^d.
@Suite struct NumberFormattingTests {
  @Test func fixedAndGrouped() {
    #expect(NumberFormatting.fixed(1234.5, decimals: 2) == "1234.50")
    #expect(NumberFormatting.fixed(0.125, decimals: 2) == "0.13")  // 0.125 is exact in binary: a true tie
    // 2.675 is 2.67499999… in binary (printf gives 2.67), but 2.675 × 100 rounds to exactly
    // 267.5 in double arithmetic, so we give what a reader of "2.675" expects.
    #expect(NumberFormatting.fixed(2.675, decimals: 2) == "2.68")
    #expect(NumberFormatting.grouped(1_234_567.891, decimals: 1) == "1,234,567.9")
    #expect(NumberFormatting.grouped(-1234.5) == "-1,235")
    #expect(NumberFormatting.grouped(999) == "999")
    #expect(NumberFormatting.money(-0.004) == "0.00")  // no "-0.00"
    #expect(NumberFormatting.money(12345.6) == "12,345.60")
  }

  @Test func percentAndSigned() {
    #expect(NumberFormatting.percent(0.1234) == "12.3%")
    #expect(NumberFormatting.percent(-0.5, decimals: 0) == "-50%")
    #expect(NumberFormatting.signed(3, decimals: 0) == "+3")
    #expect(NumberFormatting.signed(-0.5, decimals: 2) == "-0.50")
    #expect(NumberFormatting.signed(0.0001, decimals: 1) == "0.0")
  }

  @Test func compact() {
    #expect(NumberFormatting.compact(12_345) == "12.3k")
    #expect(NumberFormatting.compact(999) == "999")
    #expect(NumberFormatting.compact(0.5) == "0.5")
    #expect(NumberFormatting.compact(1_500_000) == "1.5M")
    #expect(NumberFormatting.compact(2_000_000_000) == "2B")
    #expect(NumberFormatting.compact(-2500) == "-2.5k")
    #expect(NumberFormatting.compact(999_960) == "1M")  // would round to 1000.0k
  }

  @Test func nonFinite() {
    #expect(NumberFormatting.fixed(.nan, decimals: 2) == "n/a")
    #expect(NumberFormatting.grouped(.infinity) == "∞")
    #expect(NumberFormatting.percent(-.infinity) == "-∞")
  }
}
