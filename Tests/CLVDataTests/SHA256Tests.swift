import Testing

@testable import CLVData

/// Vectors from FIPS 180-2 Appendix B and NIST's SHA-256 examples (also `sha256sum`).
@Suite struct SHA256Tests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      "The quick brown fox jumps over the lazy dog",
      "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"
    ),
  ])
  func vectors(_ message: String, _ digest: String) {
    #expect(SHA256.hex(of: Array(message.utf8)) == digest)
  }

  @Test func oneMillionA() {
    let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    #expect(SHA256.hex(of: bytes) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  /// Feeding in pieces (crossing block boundaries) must equal hashing in one go.
  @Test(arguments: [1, 7, 63, 64, 65, 100]) func streamingEqualsOneShot(_ piece: Int) {
    let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    var s = SHA256()
    var i = 0
    while i < bytes.count {
      s.update(Array(bytes[i..<min(i + piece, bytes.count)]))
      i += piece
    }
    #expect(SHA256.hexString(s.finalize()) == SHA256.hex(of: bytes))
  }

  /// Messages of length 55, 56 and 64 exercise the padding's one- and two-block cases;
  /// digests from Python's hashlib.sha256(b"a" * n).
  @Test(arguments: [
    (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
    (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
    (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
  ])
  func paddingBoundaries(_ n: Int, _ digest: String) {
    #expect(SHA256.hex(of: [UInt8](repeating: 97, count: n)) == digest)
  }

  /// The SHA-extension compression (used where the CPU has it, as on the machine these
  /// vectors ran on) and the Swift loop give the same state for random blocks.
  @Test func shaExtensionsEqualThePortableLoop() {
    var x: UInt64 = 0x9E37_79B9_7F4A_7C15
    let bytes = (0..<(64 * 97)).map { _ -> UInt8 in
      x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: x >> 56)
    }
    var portable = SHA256()
    bytes.withUnsafeBufferPointer { portable.compressPortable(blocks: $0.baseAddress!, count: 97) }
    var fast = SHA256()
    fast.update(bytes)  // whole blocks: compressed by the fastest path
    #expect(SHA256.hexString(portable.finalizeWithLength(UInt64(bytes.count))) == SHA256.hexString(fast.finalize()))
  }
}
