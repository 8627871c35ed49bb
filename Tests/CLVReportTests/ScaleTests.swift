import Foundation
import Testing

@testable import CLVReport

/// Scale maps are checked against hand-computed values (tolerance 1e-12 where the
/// arithmetic is not exact).
@Suite struct ScaleTests {
  @Test func linearMapsAndInverts() {
    let s = LinearScale(domain: (0, 10), range: (100, 300))
    #expect(s(0) == 100)
    #expect(s(10) == 300)
    #expect(s(2.5) == 150)
    #expect(s(-5) == 0)  // extrapolates
    #expect(s.invert(150) == 2.5)
    let flipped = LinearScale(domain: (0, 1), range: (200, 0))
    #expect(flipped(0.25) == 150)
  }

  @Test func degenerateDomainMapsToMiddle() {
    #expect(LinearScale(domain: (3, 3), range: (0, 100))(3) == 50)
  }

  @Test func fittingIncludesZeroAndNices() {
    let s = LinearScale.fitting([3.2, 97.5], range: (0, 1), includeZero: true, tickCount: 5)
    #expect(s.domain == (0, 100))
    #expect(s.ticks(count: 5) == [0, 20, 40, 60, 80, 100])
    let constant = LinearScale.fitting([0, 0], range: (0, 1))
    #expect(constant.domain.0 < constant.domain.1)
  }

  @Test func log1pScale() {
    let s = Log1pScale(domain: (0, 99), range: (0, 200))
    // log1p(9) / log1p(99) = ln 10 / ln 100 = 1/2.
    #expect(abs(s(9) - 100) < 1e-12)
    #expect(s(0) == 0)
    #expect(abs(s(99) - 200) < 1e-12)
    #expect(s(-5) == 0)
    #expect(s.ticks(count: 20) == [0, 1, 2, 5, 10, 20, 50])
    #expect(s.ticks(count: 4) == [0, 1, 10])
    #expect(Log1pScale(domain: (0, 2000), range: (0, 1)).tickLabels(count: 5) == ["0", "1", "10", "100", "1k"])
  }

  @Test func bandScaleMatchesD3() {
    // d3.scaleBand().domain([a,b,c]).range([0,120]).paddingInner(0.2).paddingOuter(0.1):
    // step = 120 / (3 − 0.2 + 0.2) = 40, bandwidth = 32, start(0) = 4.
    let b = BandScale(count: 3, range: (0, 120), paddingInner: 0.2, paddingOuter: 0.1)
    #expect(b.step == 40)
    #expect(b.bandwidth == 32)
    #expect(b.start(0) == 4)
    #expect(b.start(2) == 84)
    #expect(b.center(1) == 60)
  }

  @Test func colorRampEndsAndMiddle() {
    #expect(ColorRamp.viridis.color(at: 0) == "#440154")
    #expect(ColorRamp.viridis.color(at: 1) == "#FDE725")
    #expect(ColorRamp.blueRed.color(at: 0.5) == "#F7F7F7")
    #expect(ColorRamp.blueRed.color(at: -3) == "#2166AC")  // clamped
    // WCAG relative luminance of white is 1, of black 0.
    #expect(abs(ColorRamp(stops: [0x000000, 0xFFFFFF]).luminance(at: 1) - 1) < 1e-12)
  }

  @Test func dataTableColumnsShareDecimals() {
    #expect(Chart.column([1.21, 1.199, 12]) == ["1.21", "1.20", "12.00"])
    #expect(Chart.column([3, 1500, -2]) == ["3", "1,500", "-2"])
    #expect(Chart.column([0.5, .nan]) == ["0.500", ""])
  }
}
