import Foundation

/// Continuous colour scales for heat maps: piecewise-linear interpolation in sRGB between
/// fixed stops. `viridis` is perceptually uniform and colour-blind safe (van der Walt &
/// Smith, matplotlib 2015); `blueRed` is ColorBrewer RdBu reversed (Brewer 2002), a
/// diverging scale whose midpoint is near-white, safe for red–green deficiencies.
package struct ColorRamp: Sendable, Equatable {
  /// Stops as 0xRRGGBB, evenly spaced over t ∈ [0, 1].
  package let stops: [UInt32]

  /// A ramp through `stops` (at least two).
  package init(stops: [UInt32]) {
    precondition(stops.count >= 2, "a colour ramp needs two stops")
    self.stops = stops
  }

  /// Sequential: dark purple → blue → green → yellow.
  package static let viridis = ColorRamp(stops: [
    0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725,
  ])
  /// Diverging: blue (low) → near-white (middle) → red (high).
  package static let blueRed = ColorRamp(stops: [
    0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B,
  ])

  /// The colour at `t` (clamped to [0, 1]) as `#RRGGBB`.
  package func color(at t: Double) -> String { Self.hex(rgb(at: t)) }

  /// Relative luminance (WCAG 2.1 definition) of the colour at `t`, to pick readable label ink.
  package func luminance(at t: Double) -> Double {
    let (r, g, b) = rgb(at: t)
    func lin(_ c: Double) -> Double {
      let s = c / 255
      return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
  }

  private func rgb(at t: Double) -> (Double, Double, Double) {
    let clamped = t.isFinite ? min(1, max(0, t)) : 0
    let position = clamped * Double(stops.count - 1)
    let i = min(stops.count - 2, Int(position))
    let f = position - Double(i)
    func channel(_ c: UInt32, _ shift: UInt32) -> Double { Double((c >> shift) & 0xFF) }
    let a = stops[i]
    let b = stops[i + 1]
    return (
      channel(a, 16) + (channel(b, 16) - channel(a, 16)) * f,
      channel(a, 8) + (channel(b, 8) - channel(a, 8)) * f,
      channel(a, 0) + (channel(b, 0) - channel(a, 0)) * f
    )
  }

  private static func hex(_ c: (Double, Double, Double)) -> String {
    let digits = Array("0123456789ABCDEF")
    var out = "#"
    for v in [c.0, c.1, c.2] {
      let byte = Int(v.rounded())
      out.append(digits[byte / 16])
      out.append(digits[byte % 16])
    }
    return out
  }
}
