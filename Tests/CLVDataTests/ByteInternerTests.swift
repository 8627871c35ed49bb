import Testing

@testable import CLVData

/// The interner's contract: dense ids in first-appearance order, copies independent of
/// each other (the slot table is shared until a write), large tables (huge-page mapped,
/// grown past their first size) exact, and absorbing a later interner as one would be.
@Suite struct ByteInternerTests {
  static func intern(_ s: String, _ t: inout ByteInterner) -> (id: Int32, isNew: Bool) {
    var s = s
    return s.withUTF8 { t.intern($0) }
  }

  @Test func aCopyDoesNotSeeTheOthersKeys() {
    var a = ByteInterner(capacity: 4)
    #expect(Self.intern("x", &a) == (0, true))
    var b = a
    #expect(Self.intern("y", &b) == (1, true))
    #expect(Self.intern("z", &a) == (1, true))
    #expect(Self.intern("y", &a) == (2, true))
    #expect(Self.intern("z", &b) == (2, true))
    #expect(a.strings == ["x", "z", "y"] && b.strings == ["x", "y", "z"])
  }

  @Test func aLargeTableGrowsAndFindsEveryKey() {
    // 8 MiB of slots to start with (the huge-page path), grown twice by 300,000 keys.
    var t = ByteInterner(capacity: 100_000)
    let keys = (0..<300_000).map { "C\($0 * 7919 % 1_000_003)-\($0 % 7 == 0 ? String(repeating: "long", count: 8) : "")" }
    for (k, key) in keys.enumerated() { #expect(Self.intern(key, &t) == (Int32(k), true)) }
    var found = 0
    for (k, key) in keys.enumerated() where Self.intern(key, &t) == (Int32(k), false) { found += 1 }
    #expect(found == keys.count && t.count == keys.count)
  }

  @Test func absorbingALaterInternerKeepsFirstAppearanceOrder() {
    let first = ["a", "b", "c"]
    let later = ["c", "d", "a", String(repeating: "e", count: 30), "b"]
    var one = ByteInterner()
    for s in first + later { _ = Self.intern(s, &one) }
    var a = ByteInterner()
    for s in first { _ = Self.intern(s, &a) }
    var b = ByteInterner()
    for s in later { _ = Self.intern(s, &b) }
    let map = a.absorb(b)
    #expect(a.strings == one.strings)
    #expect(map == [2, 3, 0, 4, 1])
  }
}
