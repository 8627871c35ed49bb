import Testing

@testable import CLVReport

/// Path rounding follows d3-path's `pathRound(digits)` (coordinates rounded to `digits`
/// decimals, shortest text); expected strings are hand-computed.
@Suite struct SVGPathTests {
  @Test func roundsToFixedDigits() {
    var p = SVGPath(digits: 2)
    p.move(to: 1.234, 2.346)
    p.line(to: 3.0, -0.001)
    p.horizontal(to: 12.5)
    p.vertical(to: 1e-9)
    p.close()
    #expect(p.data == "M1.23,2.35L3,0H12.5V0Z")
  }

  @Test func digitsOneAndZero() {
    var p = SVGPath(digits: 1)
    p.move(to: 10.04, 10.06)
    #expect(p.data == "M10,10.1")
    var q = SVGPath(digits: 0)
    q.move(to: 2.5, -2.5)  // half away from zero
    #expect(q.data == "M3,-3")
  }

  @Test func rectAndPolylineBreaks() {
    var p = SVGPath()
    p.rect(x: 1, y: 2, width: 3.333, height: 4)
    #expect(p.data == "M1,2h3.33v4h-3.33Z")
    var q = SVGPath()
    q.polyline([(0, 0), (1, 1), (.nan, 2), (3, 3), (4, 4)])
    #expect(q.data == "M0,0L1,1M3,3L4,4")
  }

  @Test func svgNumberHasNoExponentOrNegativeZero() {
    #expect(SVGNumber.format(1e-7) == "0")
    #expect(SVGNumber.format(-0.0) == "0")
    #expect(SVGNumber.format(123456.789) == "123456.79")
    #expect(SVGNumber.format(.infinity) == "0")
  }
}
