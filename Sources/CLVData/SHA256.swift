import CSHA256
import Foundation

/// SHA-256 (FIPS 180-4, §6.2) in pure Swift, for the input-file fingerprints in the
/// report: anyone can check them with `sha256sum`.
///
/// Streaming: ``update(_:)`` any number of times, then ``finalize()``. Checked against
/// the FIPS 180-2 appendix vectors (`abc`, the 448-bit message, one million `a`) and
/// the empty string.
package struct SHA256: Sendable {
  private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
    0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
  )
  private var buffer = [UInt8](repeating: 0, count: 64)
  private var buffered = 0
  private var length: UInt64 = 0

  /// A fresh hash state.
  package init() {}

  /// The round constants K_0…K_63: first 32 bits of the fractional parts of the cube
  /// roots of the first 64 primes (FIPS 180-4 §4.2.2).
  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]

  /// Feeds bytes.
  package mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard var p = bytes.baseAddress else { return }
    var n = bytes.count
    length &+= UInt64(n)
    if buffered > 0 {
      let take = min(64 - buffered, n)
      for i in 0..<take { buffer[buffered + i] = p[i] }
      buffered += take
      p += take
      n -= take
      guard buffered == 64 else { return }  // still a partial block; nothing left to feed
      // A copy: compress mutates self, so it must not run inside an access to buffer.
      let block = buffer
      block.withUnsafeBufferPointer { if let b = $0.baseAddress { compress(b) } }
      buffered = 0
    }
    if n >= 64 {
      let blocks = n / 64
      compress(blocks: p, count: blocks)
      p += 64 * blocks
      n -= 64 * blocks
    }
    for i in 0..<n { buffer[i] = p[i] }
    buffered = n
  }

  /// Feeds bytes.
  package mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { update($0) }
  }

  /// Pads the message (a 1 bit, zeros, the 64-bit bit length) and returns the 32-byte
  /// digest.
  /// ``finalize()`` after blocks compressed directly (tests: the length is not tracked then).
  mutating func finalizeWithLength(_ bytes: UInt64) -> [UInt8] {
    length = bytes
    return finalize()
  }

  package mutating func finalize() -> [UInt8] {
    let bitLength = length &* 8
    var pad: [UInt8] = [0x80]
    let afterOne = (buffered + 1) % 64
    pad += [UInt8](repeating: 0, count: afterOne <= 56 ? 56 - afterOne : 120 - afterOne)
    for i in (0..<8).reversed() { pad.append(UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8))) }
    let savedLength = length
    update(pad)
    length = savedLength
    precondition(buffered == 0, "SHA-256 padding must end on a block boundary")
    var out: [UInt8] = []
    out.reserveCapacity(32)
    for word in [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7] {
      out += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: word >> $0) }
    }
    return out
  }

  /// Lowercase hex of the SHA-256 of `bytes`, as `sha256sum` prints it.
  package static func hex(of bytes: UnsafeBufferPointer<UInt8>) -> String {
    var s = SHA256()
    s.update(bytes)
    return hexString(s.finalize())
  }

  /// Lowercase hex of the SHA-256 of `bytes`.
  package static func hex(of bytes: [UInt8]) -> String {
    bytes.withUnsafeBufferPointer { hex(of: $0) }
  }

  /// Lowercase hex of a digest.
  package static func hexString(_ digest: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(digest.count * 2)
    for b in digest {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// One 64-byte block (FIPS 180-4 §6.2.2).
  private mutating func compress(_ block: UnsafePointer<UInt8>) {
    compress(blocks: block, count: 1)
  }

  /// `count` consecutive 64-byte blocks (FIPS 180-4 §6.2.2): message schedule W_t, then
  /// 64 rounds T1 = h + Σ1(e) + Ch(e,f,g) + K_t + W_t, T2 = Σ0(a) + Maj(a,b,c). The
  /// state stays in locals across blocks and K is fetched once per call, which keeps
  /// the round loop in registers.
  /// Whether the SHA extensions compress (CPUID, checked once); `CLV_KERNEL=portable`
  /// forces the Swift loop. Both give the same digest.
  static let usesSHAExtensions: Bool = {
    if ProcessInfo.processInfo.environment["CLV_KERNEL"] == "portable" { return false }
    return csha256_has_sha_ni() != 0
  }()

  private mutating func compress(blocks: UnsafePointer<UInt8>, count: Int) {
    if Self.usesSHAExtensions {
      // ~8× the Swift loop: hashing a large file no longer competes with parsing it.
      var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = h
      withUnsafeMutableBytes(of: &state) {
        csha256_compress_ni($0.baseAddress!.assumingMemoryBound(to: UInt32.self), blocks, count)
      }
      h = state
      return
    }
    compressPortable(blocks: blocks, count: count)
  }

  /// The FIPS 180-4 compression loop in Swift (any CPU).
  mutating func compressPortable(blocks: UnsafePointer<UInt8>, count: Int) {
    @inline(__always) func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
    var (h0, h1, h2, h3, h4, h5, h6, h7) = h
    SHA256.k.withUnsafeBufferPointer { k in
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
        for blockIndex in 0..<count {
          let block = blocks + 64 * blockIndex
          for t in 0..<16 {
            let b = block + 4 * t
            w[t] = UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
          }
          for t in 16..<64 {
            let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
            let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
          }
          var (a, b, c, d, e, f, g, hh) = (h0, h1, h2, h3, h4, h5, h6, h7)
          for t in 0..<64 {
            let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let ch = (e & f) ^ (~e & g)
            let t1 = hh &+ s1 &+ ch &+ k[t] &+ w[t]
            let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
            let maj = (a & b) ^ (a & c) ^ (b & c)
            hh = g
            g = f
            f = e
            e = d &+ t1
            d = c
            c = b
            b = a
            a = t1 &+ s0 &+ maj
          }
          h0 &+= a
          h1 &+= b
          h2 &+= c
          h3 &+= d
          h4 &+= e
          h5 &+= f
          h6 &+= g
          h7 &+= hh
        }
      }
    }
    h = (h0, h1, h2, h3, h4, h5, h6, h7)
  }
}
