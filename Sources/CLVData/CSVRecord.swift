/// One CSV record as views into the file's bytes: no per-field allocation.
///
/// A field is a byte range of the input, except a quoted field containing `""`
/// escapes, which is unescaped into a scratch buffer. The views stay valid until the
/// next call to ``CSVReader/next(into:)`` and while the input bytes are alive.
public struct CSVRecord {
  /// 1-based physical line where the record starts.
  public internal(set) var line: Int = 0
  /// The record's bytes exactly as in the file, without its line terminator: the key
  /// for exact-duplicate detection and the source of excerpts.
  public internal(set) var raw = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

  /// Field bounds; a negative start `-(s + 1)` means offset `s` in the scratch buffer.
  var starts: [Int] = []
  var ends: [Int] = []
  var base: UnsafePointer<UInt8>?
  let scratch = ScratchBytes()

  /// Creates an empty record to read into.
  public init() {
    starts.reserveCapacity(32)
    ends.reserveCapacity(32)
  }

  /// Number of fields (1 for a line with no comma).
  public var count: Int { starts.count }

  /// The bytes of field `i` (quotes removed, `""` unescaped).
  @inline(__always)
  public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    let s = starts[i]
    let e = ends[i]
    if s >= 0 {
      return UnsafeBufferPointer(start: base.map { $0 + s }, count: e - s)
    }
    let k = -s - 1
    return UnsafeBufferPointer(start: scratch.pointer + k, count: e - k)
  }

  /// Field `i` with surrounding ASCII spaces and tabs removed.
  @inline(__always)
  public func trimmedField(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    let f = field(i)
    guard let p = f.baseAddress else { return f }
    var lo = 0
    var hi = f.count
    while lo < hi, p[lo] == 32 || p[lo] == 9 { lo += 1 }
    while hi > lo, p[hi - 1] == 32 || p[hi - 1] == 9 { hi -= 1 }
    return UnsafeBufferPointer(start: p + lo, count: hi - lo)
  }

  /// Field `i` decoded as a String (invalid UTF-8 is repaired with U+FFFD).
  public func string(_ i: Int) -> String {
    String(decoding: field(i), as: UTF8.self)
  }

  /// All fields as Strings (for headers and excerpts, not for hot loops).
  public var strings: [String] { (0..<count).map(string) }

  /// A one-line excerpt of the raw record for messages: at most `limit` characters,
  /// line breaks shown as `⏎`.
  public func excerpt(limit: Int = 80) -> String {
    let text = String(decoding: raw, as: UTF8.self)
      .replacingOccurrences("\r\n", "⏎").replacingOccurrences("\n", "⏎")
    return text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
  }
}

/// A growable byte buffer with stable identity, for unescaped quoted fields.
final class ScratchBytes {
  private(set) var pointer: UnsafeMutablePointer<UInt8>
  private(set) var capacity: Int
  var count = 0

  init() {
    capacity = 256
    pointer = .allocate(capacity: capacity)
  }

  deinit { pointer.deallocate() }

  func append(_ b: UInt8) {
    if count == capacity {
      let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
      bigger.update(from: pointer, count: count)
      pointer.deallocate()
      pointer = bigger
      capacity *= 2
    }
    pointer[count] = b
    count += 1
  }
}

extension String {
  /// Plain substring replacement without Foundation.
  fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    guard !target.isEmpty, contains(target) else { return self }
    var out = ""
    var rest = Substring(self)
    while let r = rest.firstRange(of: target) {
      out += rest[..<r.lowerBound]
      out += replacement
      rest = rest[r.upperBound...]
    }
    return out + rest
  }
}
