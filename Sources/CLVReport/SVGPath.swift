/// Builds SVG path data with coordinates rounded to a fixed number of decimals, as
/// d3-path's `pathRound(digits)`, so output is compact and byte-stable for golden files.
/// Rounding is half away from zero; trailing zeros are dropped (`12.50` → `12.5`).
package struct SVGPath: Sendable, Equatable {
  /// The path data so far (the `d` attribute).
  package private(set) var data = ""
  /// Decimals kept per coordinate.
  package let digits: Int

  /// An empty path; `digits` decimals per coordinate (default 2, i.e. 1/100 px).
  package init(digits: Int = 2) {
    precondition(digits >= 0 && digits <= 6, "digits must be in 0...6")
    self.digits = digits
  }

  /// Starts a new subpath at (x, y).
  package mutating func move(to x: Double, _ y: Double) { data += "M\(n(x)),\(n(y))" }

  /// Draws a straight line to (x, y).
  package mutating func line(to x: Double, _ y: Double) { data += "L\(n(x)),\(n(y))" }

  /// Draws a horizontal line to x.
  package mutating func horizontal(to x: Double) { data += "H\(n(x))" }

  /// Draws a vertical line to y.
  package mutating func vertical(to y: Double) { data += "V\(n(y))" }

  /// Closes the current subpath.
  package mutating func close() { data += "Z" }

  /// Adds an axis-aligned rectangle as its own closed subpath.
  package mutating func rect(x: Double, y: Double, width: Double, height: Double) {
    data += "M\(n(x)),\(n(y))h\(n(width))v\(n(height))h\(n(-width))Z"
  }

  /// A polyline through `points`, breaking the line at non-finite points.
  package mutating func polyline(_ points: [(Double, Double)]) {
    var penDown = false
    for (x, y) in points {
      guard x.isFinite, y.isFinite else {
        penDown = false
        continue
      }
      if penDown { line(to: x, y) } else { move(to: x, y) }
      penDown = true
    }
  }

  private func n(_ x: Double) -> String { SVGNumber.format(x, digits: digits) }
}

/// Formatting of numbers in SVG attributes: fixed decimals, trailing zeros dropped, no
/// exponent, `-0` printed as `0`, locale-independent.
package enum SVGNumber {
  /// `format(12.345, digits: 2)` → `"12.35"`, `format(3.0)` → `"3"`.
  package static func format(_ x: Double, digits: Int = 2) -> String {
    guard x.isFinite else { return "0" }
    return NumberFormatting.format(x, decimals: digits, grouping: false, trimZeros: true)
  }
}
