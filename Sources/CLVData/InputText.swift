#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One input file's contents as UTF-8 text in memory, and how they were obtained:
/// mapped from a regular file, or read from standard input (`-`), a pipe (`/dev/stdin`,
/// `<(zcat …)`) or a device; gzip-decompressed while reading; converted from UTF-16 or
/// Windows-1252 / Latin-1.
///
/// **Memory.** The loaders keep views into the text until the end of a load, so the text
/// is held whole, as before: a plain UTF-8 file is memory-mapped (no copy), a stream or a
/// decompressed file is read in pieces into one growing buffer (``ByteBuffer``; its size
/// is the text's, as a mapped file's is). Re-encoded text is a second buffer beside the
/// bytes as read (those are kept for the SHA-256).
///
/// The SHA-256 in the summary is of the **bytes as read, after decompression and before
/// any re-encoding**: `sha256sum FILE.csv` for a plain file, `zcat FILE.csv.gz | sha256sum`
/// for a compressed one, so the same data gives the same digest either way.
package final class InputText: @unchecked Sendable {
  /// The path as given (`-` for standard input).
  package let path: String
  /// The bytes as read (decompressed): what is hashed.
  let raw: UnsafeBufferPointer<UInt8>
  /// The text as UTF-8 (a byte-order mark, if any, still at the start).
  let text: UnsafeBufferPointer<UInt8>
  /// How the bytes were read.
  package let origin: InputOrigin
  /// `gzip` when the file was gzip-compressed.
  package let compression: String?
  /// The encoding the text was read in, and how that was decided.
  package let encoding: EncodingReport

  /// Takes the mapped file's pages in bytes `start ..< offset` of `text` out of resident
  /// memory (``MappedFile/releasePages(from:before:)``); nothing for text held in memory (decompressed
  /// or converted), whose bytes are the only copy.
  func releasePages(from start: Int = 0, before offset: Int) {
    guard let mapped, text.baseAddress == raw.baseAddress else { return }
    mapped.releasePages(from: start, before: offset)
  }

  // Owners of the memory behind `raw` and `text`.
  private let mapped: MappedFile?
  private let rawBuffer: ByteBuffer?
  private let textBuffer: ByteBuffer?

  /// Reads the file at `path` (`-`: standard input).
  /// - Throws: ``IngestError/fileNotFound(path:)``, ``IngestError/unreadable(path:reason:)``,
  ///   ``IngestError/unsupportedFormat(path:format:advice:)``,
  ///   ``IngestError/corruptCompressed(path:reason:)``.
  package convenience init(path: String, encoding forced: TextEncoding? = nil) throws {
    let fd: Int32
    var info = stat()
    if path == "-" {
      fd = STDIN_FILENO
      guard fstat(fd, &info) == 0 else {
        throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno)))
      }
    } else {
      (fd, info) = try MappedFile.openForReading(path)
    }
    defer { if fd != STDIN_FILENO { close(fd) } }
    let type = info.st_mode & S_IFMT
    if type == S_IFDIR { throw IngestError.unreadable(path: path, reason: "it is a directory, not a file") }
    if type == S_IFREG {
      // A regular file (also standard input redirected from one, `< file.csv`): map it.
      let file = try MappedFile(fd: fd, path: path, size: Int(info.st_size))
      try self.init(mapped: file, path: path, origin: path == "-" ? .standardInput : .file, forced: forced)
    } else {
      // A pipe, socket or device: read it in pieces; its size is unknown until the end.
      let origin: InputOrigin = path == "-" ? .standardInput : .stream
      try self.init(stream: fd, path: path, origin: origin, forced: forced)
    }
  }

  /// The contents `bytes` (which must outlive the value), as if read from `path`.
  package convenience init(bytes: UnsafeBufferPointer<UInt8>, path: String, encoding forced: TextEncoding? = nil) throws
  {
    if ContainerFormat.sniff(bytes) != nil {
      let (raw, compression) = try Self.decompress(bytes, path: path)
      try self.init(
        raw: raw.bytes, rawBuffer: raw, mapped: nil, path: path, origin: .memory, compression: compression,
        forced: forced)
    } else {
      try self.init(
        raw: bytes, rawBuffer: nil, mapped: nil, path: path, origin: .memory, compression: nil, forced: forced)
    }
  }

  private convenience init(mapped file: MappedFile, path: String, origin: InputOrigin, forced: TextEncoding?) throws {
    let bytes = file.withBytes { $0 }
    if ContainerFormat.sniff(bytes) != nil {
      // The compressed mapping is only needed while decompressing.
      let (raw, compression) = try Self.decompress(bytes, path: path)
      try self.init(
        raw: raw.bytes, rawBuffer: raw, mapped: nil, path: path, origin: origin, compression: compression,
        forced: forced)
    } else {
      try self.init(
        raw: bytes, rawBuffer: nil, mapped: file, path: path, origin: origin, compression: nil, forced: forced)
    }
  }

  private convenience init(stream fd: Int32, path: String, origin: InputOrigin, forced: TextEncoding?) throws {
    let chunk = 1 << 20
    /// Reads up to `chunk` bytes onto the end of `buffer`; 0 at the end of the stream.
    func readChunk(into buffer: ByteBuffer) throws -> Int {
      while true {
        let tail = buffer.tail(minimum: chunk)
        let n = read(fd, tail.baseAddress, chunk)
        if n >= 0 {
          buffer.commit(n)
          return n
        }
        if errno != EINTR { throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno))) }
      }
    }
    let head = ByteBuffer(capacity: chunk)
    var ended = false
    while head.count < 16 && !ended { ended = try readChunk(into: head) == 0 }
    switch ContainerFormat.sniff(head.bytes) {
    case .unsupported(let name, let advice):
      throw IngestError.unsupportedFormat(path: path, format: name, advice: advice)
    case nil:
      while !ended { ended = try readChunk(into: head) == 0 }
      try self.init(
        raw: head.bytes, rawBuffer: head, mapped: nil, path: path, origin: origin, compression: nil, forced: forced)
    case .gzip:
      // Decompressed piece by piece as it arrives: the compressed stream is never held whole.
      let out = ByteBuffer(capacity: 4 * chunk)
      let inflater = try GzipInflater(path: path)
      try inflater.feed(head.bytes, into: out, path: path)
      while !ended {
        head.removeAll()
        ended = try readChunk(into: head) == 0
        try inflater.feed(head.bytes, into: out, path: path)
      }
      try inflater.finish(path: path)
      try self.init(
        raw: out.bytes, rawBuffer: out, mapped: nil, path: path, origin: origin, compression: "gzip", forced: forced)
    }
  }

  private init(
    raw: UnsafeBufferPointer<UInt8>, rawBuffer: ByteBuffer?, mapped: MappedFile?, path: String, origin: InputOrigin,
    compression: String?, forced: TextEncoding?
  ) throws {
    self.path = path
    self.raw = raw
    self.rawBuffer = rawBuffer
    self.mapped = mapped
    self.origin = origin
    self.compression = compression
    let (report, converted) = Self.decode(raw, forced: forced)
    encoding = report
    textBuffer = converted
    text = converted?.bytes ?? raw
  }

  /// Decompresses a whole compressed buffer, or throws for a format that cannot be read.
  private static func decompress(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> (ByteBuffer, String) {
    switch ContainerFormat.sniff(bytes) {
    case .gzip:
      let out = ByteBuffer(capacity: max(1 << 16, min(bytes.count * 4, 1 << 30)))
      let inflater = try GzipInflater(path: path)
      try inflater.feed(bytes, into: out, path: path)
      try inflater.finish(path: path)
      return (out, "gzip")
    case .unsupported(let name, let advice):
      throw IngestError.unsupportedFormat(path: path, format: name, advice: advice)
    case nil:
      preconditionFailure("decompress is called for a sniffed container only")
    }
  }

  /// Decides the encoding and converts to UTF-8 when needed (nil: the bytes are the text).
  static func decode(_ raw: UnsafeBufferPointer<UInt8>, forced: TextEncoding?) -> (EncodingReport, ByteBuffer?) {
    func starts(_ magic: [UInt8]) -> Bool {
      raw.count >= magic.count && magic.indices.allSatisfy { raw[$0] == magic[$0] }
    }
    let bom: TextEncoding? =
      starts([0xEF, 0xBB, 0xBF]) ? .utf8 : starts([0xFF, 0xFE]) ? .utf16LE : starts([0xFE, 0xFF]) ? .utf16BE : nil
    let encoding: TextEncoding
    var how: EncodingReport.Decision
    var scan: TextDecoding.UTF8Scan?
    if let forced {
      encoding = forced
      how = .forced
    } else if let bom {
      encoding = bom
      how = .byteOrderMark
    } else if let utf16 = TextDecoding.sniffUTF16(raw) {
      encoding = utf16
      how = .zeroBytes
    } else {
      let s = TextDecoding.scanUTF8(raw)
      scan = s
      if s.invalid > s.multiByte {
        encoding = .windows1252
        how = .notUTF8
      } else {
        encoding = .utf8
        how = .validUTF8
      }
    }
    var report = EncodingReport(encoding: encoding, decision: how, byteOrderMark: bom == encoding && bom != nil)
    switch encoding {
    case .utf8:
      let s = scan ?? TextDecoding.scanUTF8(raw)
      report.replacedBytes = s.invalid
      report.firstReplacedOffset = s.firstInvalid
      return (report, nil)
    case .utf16LE, .utf16BE:
      let skip = report.byteOrderMark ? 2 : 0
      let body = UnsafeBufferPointer(rebasing: raw[skip...])
      let (out, replaced) = TextDecoding.fromUTF16(body, bigEndian: encoding == .utf16BE)
      report.replacedBytes = replaced
      return (report, out)
    case .latin1, .windows1252:
      report.firstReplacedOffset = scan?.firstInvalid
      return (report, TextDecoding.fromSingleByte(raw, windows1252: encoding == .windows1252))
    }
  }
}

/// Where an input's bytes came from.
package enum InputOrigin: String, Sendable, Codable {
  /// A regular file, memory-mapped.
  case file
  /// Standard input (`-`).
  case standardInput = "standard input"
  /// A pipe or device read in pieces (`/dev/stdin`, `<(zcat …)`).
  case stream = "pipe"
  /// Bytes handed over in memory.
  case memory
}

/// The encoding a file was read in, and why.
package struct EncodingReport: Sendable, Equatable, Codable {
  /// How the encoding was decided.
  package enum Decision: String, Sendable, Codable {
    case forced = "set by the encoding option"
    case byteOrderMark = "byte-order mark"
    case zeroBytes = "zero bytes of UTF-16 text, no byte-order mark"
    case validUTF8 = "valid UTF-8"
    case notUTF8 = "the bytes are not valid UTF-8"
  }

  package var encoding: TextEncoding
  package var decision: Decision
  /// Whether the file starts with the encoding's byte-order mark.
  package var byteOrderMark: Bool
  /// Bytes (UTF-8) or units (UTF-16) that could not be decoded and read as U+FFFD.
  package var replacedBytes = 0
  /// Offset of the first undecodable UTF-8 byte in the bytes as read.
  package var firstReplacedOffset: Int?

  /// One line for the summary, e.g. `UTF-8 with byte-order mark`, `Windows-1252 (the bytes are not valid UTF-8)`.
  package var shown: String {
    let names: [TextEncoding: String] = [
      .utf8: "UTF-8", .utf16LE: "UTF-16LE", .utf16BE: "UTF-16BE", .latin1: "ISO-8859-1 (Latin-1)",
      .windows1252: "Windows-1252",
    ]
    var s = names[encoding] ?? encoding.rawValue
    if byteOrderMark { s += " with byte-order mark" }
    switch decision {
    case .forced: s += " (set)"
    case .notUTF8, .zeroBytes: s += " (detected: \(decision.rawValue))"
    case .byteOrderMark, .validUTF8: break
    }
    if replacedBytes > 0 { s += "; \(replacedBytes) undecodable byte\(replacedBytes == 1 ? "" : "s") shown as �" }
    return s
  }
}
