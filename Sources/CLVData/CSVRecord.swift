/// One CSV record as views into the file's bytes: no per-field allocation.
///
/// A field is a byte range of the input, except a quoted field containing `""`
/// escapes, which is unescaped into a scratch buffer. A record is a *view*: its fields
/// stay valid until the next call to ``CSVReader/next(into:)`` with the same record
/// (copies share the storage) and while the input bytes are alive.
package struct CSVRecord {
  /// 1-based physical line where the record starts.
  package internal(set) var line: Int = 0
  /// The record's bytes exactly as in the file, without its line terminator: the key
  /// for exact-duplicate detection and the source of excerpts.
  package internal(set) var raw = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
  /// Number of fields (1 for a line with no comma).
  package internal(set) var count = 0

  var base: UnsafePointer<UInt8>?
  let storage = RecordStorage()

  /// Creates an empty record to read into.
  package init() {}

  /// Appends the bounds of the next field; a negative start `-(s + 1)` means offset `s`
  /// in the scratch buffer.
  @inline(__always)
  mutating func appendField(start: Int, end: Int) {
    if count == storage.capacity { storage.growFields() }
    storage.starts[count] = start
    storage.ends[count] = end
    count += 1
  }

  /// The bytes of field `i` (quotes removed, `""` unescaped).
  @inline(__always)
  package func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    precondition(i >= 0 && i < count, "field index out of range")
    let s = storage.starts[i]
    let e = storage.ends[i]
    if s >= 0 {
      return UnsafeBufferPointer(start: base.map { $0 + s }, count: e - s)
    }
    let k = -s - 1
    return UnsafeBufferPointer(start: storage.scratch + k, count: e - k)
  }

  /// Field `i` with surrounding ASCII spaces and tabs removed.
  @inline(__always)
  package func trimmedField(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    let f = field(i)
    guard let p = f.baseAddress else { return f }
    var lo = 0
    var hi = f.count
    while lo < hi, p[lo] == 32 || p[lo] == 9 { lo += 1 }
    while hi > lo, p[hi - 1] == 32 || p[hi - 1] == 9 { hi -= 1 }
    return UnsafeBufferPointer(start: p + lo, count: hi - lo)
  }

  /// Field `i` decoded as a String (invalid UTF-8 is repaired with U+FFFD).
  package func string(_ i: Int) -> String {
    String(decoding: field(i), as: UTF8.self)
  }

  /// All fields as Strings (for headers and excerpts, not for hot loops).
  package var strings: [String] { (0..<count).map(string) }

  /// A one-line excerpt of the raw record for messages: at most `limit` characters,
  /// line breaks shown as `⏎`, other controls and bidi characters (a NUL, U+202E) as
  /// `\u{…}` (``MessageText``), tabs kept.
  package func excerpt(limit: Int = 80) -> String {
    let lines = String(decoding: raw, as: UTF8.self)
      .replacingOccurrences("\r\n", "⏎").replacingOccurrences("\n", "⏎")
    var text = ""
    for s in lines.unicodeScalars { MessageText.append(s, to: &text, keepingTabs: true) }
    return text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
  }
}

/// Field bounds and the unescape buffer of a ``CSVRecord``: manually managed so the
/// per-field hot path is a store, not an array append with uniqueness checks.
final class RecordStorage {
  private(set) var starts: UnsafeMutablePointer<Int>
  private(set) var ends: UnsafeMutablePointer<Int>
  private(set) var capacity = 32
  private(set) var scratch: UnsafeMutablePointer<UInt8>
  private var scratchCapacity = 256
  var scratchCount = 0

  init() {
    starts = .allocate(capacity: capacity)
    ends = .allocate(capacity: capacity)
    scratch = .allocate(capacity: scratchCapacity)
  }

  deinit {
    starts.deallocate()
    ends.deallocate()
    scratch.deallocate()
  }

  func growFields() {
    let bigger = capacity * 2
    let s = UnsafeMutablePointer<Int>.allocate(capacity: bigger)
    let e = UnsafeMutablePointer<Int>.allocate(capacity: bigger)
    s.update(from: starts, count: capacity)
    e.update(from: ends, count: capacity)
    starts.deallocate()
    ends.deallocate()
    starts = s
    ends = e
    capacity = bigger
  }

  func appendScratch(_ b: UInt8) {
    if scratchCount == scratchCapacity {
      let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchCapacity * 2)
      bigger.update(from: scratch, count: scratchCount)
      scratch.deallocate()
      scratch = bigger
      scratchCapacity *= 2
    }
    scratch[scratchCount] = b
    scratchCount += 1
  }
}

extension String {
  /// Plain substring replacement without Foundation.
  func replacingOccurrences(_ target: String, _ replacement: String) -> String {
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
