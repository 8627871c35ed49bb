/// Finding a file's text encoding and converting it to UTF-8, which is all the CSV
/// reader and the loaders ever see.
///
/// Detection, in order:
/// 1. a byte-order mark: `EF BB BF` UTF-8, `FF FE` UTF-16LE, `FE FF` UTF-16BE (Excel's
///    "Unicode text" is UTF-16LE with a mark, tab-separated);
/// 2. UTF-16 without a mark: in the first 1,024 bytes, most bytes at odd (LE) or even
///    (BE) offsets are zero, as ASCII text in UTF-16 has;
/// 3. valid UTF-8 (ASCII included) → UTF-8;
/// 4. bytes that are not UTF-8 → Windows-1252 (the superset of Latin-1 that Excel and
///    most Western tools write; Latin-1's 0x80–0x9F are control codes no text uses).
///    Only when invalid sequences outnumber valid multi-byte ones: a UTF-8 file with a
///    few damaged bytes stays UTF-8 (the damaged bytes show as U+FFFD), so its accented
///    names are not turned into mojibake.
enum TextDecoding {
  /// What the bytes look like as UTF-8.
  struct UTF8Scan: Equatable {
    /// Well-formed sequences of 2–4 bytes.
    var multiByte = 0
    /// Ill-formed sequences (each counted once at its first byte).
    var invalid = 0
    /// Byte offset of the first ill-formed sequence.
    var firstInvalid: Int?
  }

  /// Scans `p` as UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). ASCII goes
  /// eight bytes at a time, so a plain ASCII file costs a fraction of a millisecond per MB.
  static func scanUTF8(_ p: UnsafeBufferPointer<UInt8>) -> UTF8Scan {
    var scan = UTF8Scan()
    guard let base = p.baseAddress else { return scan }
    let n = p.count
    var i = 0
    while i < n {
      // Skip ASCII, 32 bytes (four words OR-ed) at a time, then word by word.
      let raw = UnsafeRawPointer(base)
      while i + 32 <= n {
        let w =
          raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
          | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
          | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
          | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
        if w & 0x8080_8080_8080_8080 != 0 { break }
        i += 32
      }
      while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
        i += 8
      }
      guard i < n else { break }
      let b = base[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let length = sequenceLength(base, i, n)
      if length > 0 {
        scan.multiByte += 1
        i += length
      } else {
        scan.invalid += 1
        if scan.firstInvalid == nil { scan.firstInvalid = i }
        i += 1
      }
    }
    return scan
  }

  /// Length of the well-formed UTF-8 sequence starting at `i` (lead byte ≥ 0x80), or 0.
  @inline(__always)
  static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
    let b = p[i]
    @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
      i + k < n && p[i + k] >= lo && p[i + k] <= hi
    }
    switch b {
    case 0xC2...0xDF: return cont(1) ? 2 : 0
    case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
    case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
    case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
    case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
    case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
    case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
    default: return 0
    }
  }

  /// The UTF-16 byte order that the first bytes suggest when there is no byte-order mark:
  /// ASCII text in UTF-16 has a zero in every other byte. Nil when it does not look so.
  static func sniffUTF16(_ p: UnsafeBufferPointer<UInt8>) -> TextEncoding? {
    let n = min(p.count, 1024) & ~1
    guard n >= 8 else { return nil }
    var evenZeros = 0
    var oddZeros = 0
    for i in stride(from: 0, to: n, by: 2) {
      if p[i] == 0 { evenZeros += 1 }
      if p[i + 1] == 0 { oddZeros += 1 }
    }
    let pairs = n / 2
    if oddZeros * 10 >= pairs * 7 && evenZeros * 10 < pairs { return .utf16LE }
    if evenZeros * 10 >= pairs * 7 && oddZeros * 10 < pairs { return .utf16BE }
    return nil
  }

  /// Appends the UTF-8 encoding of `scalar` (≤ U+10FFFF) to `out`.
  @inline(__always)
  static func appendUTF8(_ scalar: UInt32, to out: ByteBuffer) {
    switch scalar {
    case 0..<0x80:
      out.append(UInt8(scalar))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | scalar >> 6))
      out.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | scalar >> 12))
      out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      out.append(UInt8(0x80 | scalar & 0x3F))
    default:
      out.append(UInt8(0xF0 | scalar >> 18))
      out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      out.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  /// UTF-16 (`bigEndian` or little) → UTF-8. Unpaired surrogates and an odd last byte
  /// become U+FFFD; the count of such replacements is returned.
  static func fromUTF16(_ p: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> (ByteBuffer, replaced: Int) {
    let out = ByteBuffer(capacity: p.count + p.count / 2 + 16)
    var replaced = 0
    let units = p.count / 2
    @inline(__always) func unit(_ k: Int) -> UInt32 {
      let a = UInt32(p[2 * k])
      let b = UInt32(p[2 * k + 1])
      return bigEndian ? a << 8 | b : b << 8 | a
    }
    var k = 0
    while k < units {
      let u = unit(k)
      k += 1
      if u < 0xD800 || u > 0xDFFF {
        appendUTF8(u, to: out)
      } else if u <= 0xDBFF, k < units, (0xDC00...0xDFFF).contains(unit(k)) {
        appendUTF8(0x10000 + ((u - 0xD800) << 10 | (unit(k) - 0xDC00)), to: out)
        k += 1
      } else {
        appendUTF8(0xFFFD, to: out)
        replaced += 1
      }
    }
    if p.count % 2 == 1 {
      appendUTF8(0xFFFD, to: out)
      replaced += 1
    }
    return (out, replaced)
  }

  /// The code points of Windows-1252's 0x80–0x9F (WHATWG's table; the five unassigned
  /// bytes keep their Latin-1 control code points, as browsers do).
  static let windows1252High: [UInt32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
    0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
    0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
  ]

  /// A single-byte encoding (Latin-1 or Windows-1252) → UTF-8.
  static func fromSingleByte(_ p: UnsafeBufferPointer<UInt8>, windows1252: Bool) -> ByteBuffer {
    let out = ByteBuffer(capacity: p.count + p.count / 8 + 16)
    guard let base = p.baseAddress else { return out }
    let n = p.count
    var i = 0
    while i < n {
      // Copy ASCII runs word by word.
      let runStart = i
      while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
        i += 8
      }
      while i < n, base[i] < 0x80 { i += 1 }
      if i > runStart { out.append(UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
      guard i < n else { break }
      let b = base[i]
      let scalar = windows1252 && b < 0xA0 ? windows1252High[Int(b) - 0x80] : UInt32(b)
      appendUTF8(scalar, to: out)
      i += 1
    }
    return out
  }
}
