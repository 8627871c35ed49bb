import CLVMath
import Testing

@testable import CLVData

/// Property checks against simple references: whatever `CSVWriter` writes, `CSVReader`
/// reads back (fields of every length exercise the 8-byte scanning path and its tail);
/// the duplicate detector and the interner agree with `Set` and `Dictionary`.
@Suite struct CSVRoundTripTests {
  static func randomField(using rng: inout SplitMix64) -> String {
    let alphabet: [String] = ["a", "b", "7", ",", "\"", "\n", "\r\n", " ", "é", "x", "y", "z", ".", "-"]
    let length = Int(rng.next() % 30)
    var s = ""
    for _ in 0..<length {
      // Mostly plain characters so long unquoted fields occur too.
      let plain = rng.nextUniform() < 0.85
      s +=
        plain
        ? alphabet[[0, 1, 2, 9, 10, 11, 12, 13][Int(rng.next() % 8)]]
        : alphabet[Int(rng.next() % UInt64(alphabet.count))]
    }
    return s
  }

  @Test(arguments: [1, 2, 3]) func writerThenReaderIsIdentity(_ seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    var rows: [[String]] = []
    for _ in 0..<400 {
      let width = 1 + Int(rng.next() % 6)
      var row = (0..<width).map { _ in Self.randomField(using: &rng) }
      // A record that is one empty field is a blank line, which the reader skips.
      if row == [""] { row = ["nonblank"] }
      rows.append(row)
    }
    var w = CSVWriter(guardsFormulas: false)
    for r in rows { w.appendRow(r) }
    var expectedLines: [Int] = []
    var line = 1
    for r in rows {
      expectedLines.append(line)
      line += 1 + r.reduce(0) { $0 + $1.filter { $0 == "\n" || $0 == "\r\n" }.count }
    }
    let (back, lines): ([[String]], [Int]) = try w.bytes.withUnsafeBufferPointer { buf in
      var reader = CSVReader(bytes: buf, fileName: "p.csv")
      var record = CSVRecord()
      var out: [[String]] = []
      var lines: [Int] = []
      while try reader.next(into: &record) {
        out.append(record.strings)
        lines.append(record.line)
      }
      return (out, lines)
    }
    #expect(back == rows)
    #expect(lines == expectedLines)
  }

  @Test func duplicateDetectorMatchesASet() {
    var rng = SplitMix64(seed: 11)
    let pool = (0..<300).map { i in Array("row-\(i)-\(rng.next() % 1000)".utf8) }
    let picks = (0..<3000).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
    var seen = Set<[UInt8]>()
    let expected = picks.map { !seen.insert($0).inserted }
    // Keep the byte arrays alive while the detector holds pointers to them.
    let storage = picks.map { bytes -> UnsafeMutableBufferPointer<UInt8> in
      let p = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
      _ = p.initialize(from: bytes)
      return p
    }
    defer { storage.forEach { $0.deallocate() } }
    var detector = DuplicateDetector(capacity: 16)
    for p in storage { detector.add(UnsafeBufferPointer(p)) }
    #expect(detector.duplicateFlags() == expected)
    var set = RecordSet(capacity: 4)
    #expect(storage.map { !set.insert(UnsafeBufferPointer($0)) } == expected)
  }

  @Test func radixSortIsStableByTag() {
    var rng = SplitMix64(seed: 5)
    let keys = (0..<5000).map { i in (rng.next() % 50) << 40 | UInt64(i) }
    let sorted = DuplicateDetector.radixSortedByTag(keys)
    #expect(sorted == keys.sorted())
  }

  @Test func internerMatchesADictionary() {
    var rng = SplitMix64(seed: 3)
    // Long keys sharing their first 24 bytes exercise the arena comparison.
    let prefix = String(repeating: "p", count: 24)
    let keys = (0..<4000).map { _ -> String in
      let n = rng.next() % 900
      return rng.nextUniform() < 0.3 ? prefix + String(n) : "C\(n)"
    }
    var interner = ByteInterner(capacity: 2)
    var reference: [String: Int32] = [:]
    for k in keys {
      var copy = k
      let got = copy.withUTF8 { interner.intern($0) }
      let expected = reference[k] ?? Int32(reference.count)
      #expect(got.id == expected && got.isNew == (reference[k] == nil))
      reference[k] = expected
    }
    #expect(interner.strings.count == reference.count)
    #expect(interner.strings.enumerated().allSatisfy { reference[$1] == Int32($0) })
  }
}
