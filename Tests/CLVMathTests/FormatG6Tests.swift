import CFloatKernels
import CLVMath
import Foundation
import Testing

/// `cfk_format_g6` against C's own `%.6g` (vsnprintf), byte for byte.
@Suite struct FormatG6Tests {
  static func reference(_ x: Double) -> String {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
      let n = withVaList([x]) { vsnprintf(buffer.baseAddress, 64, "%.6g", $0) }
      return String(decoding: UnsafeRawBufferPointer(buffer).prefix(Int(n)), as: UTF8.self)
    }
  }

  static func fast(_ x: Double) -> String {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
      let n = cfk_format_g6(x, buffer.baseAddress!, 32)
      return String(decoding: UnsafeRawBufferPointer(buffer).prefix(Int(n)), as: UTF8.self)
    }
  }

  @Test func handPickedValues() {
    // Both notations and their boundaries (X = −5, −4, 5, 6), rounding up into a new
    // digit (9999995 → 1e+07), ties (0.5 → even in glibc), trailing zeros and points.
    let cases: [(Double, String)] = [
      (0, "0"), (-0.0, "-0"), (1, "1"), (-2.5, "-2.5"), (0.1, "0.1"), (123456, "123456"),
      (1234567, "1.23457e+06"), (999999.5, "1e+06"), (0.0001, "0.0001"), (0.00001, "1e-05"),
      (0.000123456789, "0.000123457"), (9999995, "1e+07"), (1e100, "1e+100"), (2.5e-300, "2.5e-300"),
      (100, "100"), (1.5, "1.5"), (0.3333333333, "0.333333"),
    ]
    for (x, text) in cases {
      #expect(Self.fast(x) == text, "\(x)")
      #expect(Self.reference(x) == text, "\(x) (C's own)")
    }
    for x in [Double.nan, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude] {
      #expect(Self.fast(x) == Self.reference(x), "\(x)")
    }
  }

  @Test func agreesWithPrintfOnSeededValues() {
    var rng = SplitMix64(seed: 6)
    var mismatches: [String] = []
    for i in 0..<300_000 {
      let x: Double
      switch i % 4 {
      case 0:  // log-uniform magnitudes over 10^-30 … 10^30, either sign
        x = (rng.nextUniform() < 0.5 ? -1 : 1) * pow(10, rng.nextUniform() * 60 - 30)
      case 1:  // short decimals: ties and exact halves at six digits
        x = Double(Int(rng.next() % 20_000_000)) / pow(10, Double(rng.next() % 12))
      case 2:  // next to a power of ten
        let p = pow(10, Double(Int(rng.next() % 40) - 20))
        x = rng.nextUniform() < 0.5 ? p.nextDown : p.nextUp
      default:  // values the bench writes: probabilities, spends, components
        x = rng.nextUniform() * pow(10, Double(rng.next() % 5))
      }
      let (a, b) = (Self.fast(x), Self.reference(x))
      if a != b, mismatches.count < 10 { mismatches.append("\(x): \(a) vs \(b)") }
    }
    #expect(mismatches.isEmpty, "\(mismatches)")
  }
}
