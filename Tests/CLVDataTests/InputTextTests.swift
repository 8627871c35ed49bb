import Foundation
import Testing

@testable import CLVData

/// Encodings, compression, streams and the formats that are refused — each read as a user
/// hands the file over, with the names and values checked after conversion to UTF-8.
@Suite struct InputTextTests {
  static let text = "customer_id,order_date,amount\nMüller & Söhne,2024-01-05,12.50\nZoë,2024-01-06,3\n"

  static func load(
    _ bytes: [UInt8], settings: FileReadSettings = FileReadSettings()
  ) throws
    -> (log: TransactionLog, summary: IngestSummary)
  {
    try TransactionLoader(settings: settings).load(bytes: bytes, path: "e.csv")
  }

  static func utf16(_ s: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
    var out: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
    for u in s.utf16 {
      let (hi, lo) = (UInt8(u >> 8), UInt8(u & 0xFF))
      out += bigEndian ? [hi, lo] : [lo, hi]
    }
    return out
  }

  @Test func utf8WithAndWithoutBOM() throws {
    for bytes in [Array(Self.text.utf8), [0xEF, 0xBB, 0xBF] + Array(Self.text.utf8)] {
      let (log, s) = try Self.load(bytes)
      #expect(log.customerIDs == ["Müller & Söhne", "Zoë"])
      #expect(s.dialect.encoding == (bytes.first == 0xEF ? "UTF-8 with byte-order mark" : "UTF-8"))
    }
  }

  @Test func excelUnicodeTextIsUTF16WithBOMAndTabs() throws {
    let tabbed = Self.text.replacingOccurrences(of: ",", with: "\t").replacingOccurrences(of: "\n", with: "\r\n")
    for bigEndian in [false, true] {
      let (log, s) = try Self.load(Self.utf16(tabbed, bigEndian: bigEndian, bom: true))
      #expect(log.customerIDs == ["Müller & Söhne", "Zoë"])
      #expect(log.amount == [12.5, 3])
      #expect(s.dialect.encoding == (bigEndian ? "UTF-16BE" : "UTF-16LE") + " with byte-order mark")
      #expect(s.dialect.delimiter == "tab (detected)")
      #expect(s.dialect.lineEnding == "CRLF")
    }
    // Without a byte-order mark, the zero bytes of ASCII text give it away.
    let (log, s) = try Self.load(Self.utf16(tabbed, bigEndian: false, bom: false))
    #expect(log.customerIDs == ["Müller & Söhne", "Zoë"])
    #expect(s.dialect.encoding == "UTF-16LE (detected: zero bytes of UTF-16 text, no byte-order mark)")
  }

  @Test func latin1AndWindows1252AreDetectedWhenTheBytesAreNotUTF8() throws {
    // "Müller & Söhne" and "Zoë" in ISO-8859-1; "€" is 0x80 in Windows-1252.
    var bytes = Array("customer_id,order_date,amount\n".utf8)
    bytes += [0x4D, 0xFC] + Array("ller & S".utf8) + [0xF6] + Array("hne,2024-01-05,12.50\n".utf8)
    bytes += [0x5A, 0x6F, 0xEB] + Array(",2024-01-06,3\n".utf8) + [0x80] + Array("uro,2024-01-07,1\n".utf8)
    let (log, s) = try Self.load(bytes)
    #expect(log.customerIDs == ["Müller & Söhne", "Zoë", "€uro"])
    #expect(s.dialect.encoding == "Windows-1252 (detected: the bytes are not valid UTF-8)")
    // Forced Latin-1 keeps 0x80 as the control character U+0080.
    let (strict, t) = try Self.load(bytes, settings: FileReadSettings(encoding: .latin1))
    #expect(strict.customerIDs == ["Müller & Söhne", "Zoë", "\u{80}uro"])
    #expect(t.dialect.encoding == "ISO-8859-1 (Latin-1) (set)")
    // The hash is of the bytes as read, before conversion.
    #expect(s.sha256 == SHA256.hex(of: bytes))
  }

  @Test func aFewDamagedBytesInUTF8DoNotTurnTheFileIntoWindows1252() throws {
    var bytes = Array(Self.text.utf8)
    bytes += Array("Ana".utf8) + [0xFF] + Array(",2024-01-07,1\n".utf8)
    let (log, s) = try Self.load(bytes)
    #expect(log.customerIDs == ["Müller & Söhne", "Zoë", "Ana\u{FFFD}"])
    #expect(s.dialect.encoding == "UTF-8; 1 undecodable byte shown as �")
  }

  static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/gzip")
    p.arguments = ["-c", "-n"]
    let input = Pipe()
    let output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    try p.run()
    input.fileHandleForWriting.write(Data(bytes))
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return [UInt8](out)
  }

  @Test func gzipIsDecompressedAndHashedAsTheTextItHolds() throws {
    let plain = Array(Self.text.utf8)
    let (log, s) = try Self.load(try Self.gzip(plain))
    let (plainLog, p) = try Self.load(plain)
    #expect(log == plainLog)
    #expect(s.sha256 == p.sha256 && s.bytes == p.bytes)
    #expect(s.dialect.compression == "gzip")
    // Two members one after the other (`cat a.gz b.gz`) are one text.
    let rows = Array("C9,2024-02-01,7\n".utf8)
    let (two, _) = try Self.load(try Self.gzip(plain) + Self.gzip(rows))
    #expect(two.customerIDs == ["Müller & Söhne", "Zoë", "C9"])
  }

  @Test func damagedOrCutGzipIsAClearError() throws {
    let gz = try Self.gzip(Array(String(repeating: Self.text, count: 50).utf8))
    #expect(
      throws: IngestError.corruptCompressed(
        path: "e.csv", reason: "the gzip data ends early (the file is cut off); compress it again or copy it whole")
    ) {
      try Self.load(Array(gz.prefix(gz.count / 2)))
    }
    var damaged = gz
    damaged[20] ^= 0xFF
    damaged[21] ^= 0xFF
    #expect(throws: IngestError.self) { try Self.load(damaged) }
  }

  @Test func parquetAndWorkbooksAreRefusedWithAdvice() throws {
    let cases: [([UInt8], String)] = [
      (Array("PAR1".utf8) + [0, 0, 0, 0], "Parquet"), ([0x50, 0x4B, 0x03, 0x04, 0, 0], "zip archive"),
      ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], ".xls"), ([0x28, 0xB5, 0x2F, 0xFD, 0], "zstd"),
    ]
    for (bytes, name) in cases {
      do {
        _ = try TransactionLoader().load(bytes: bytes, path: "orders.parquet")
        Issue.record("expected an error for \(name)")
      } catch let e as IngestError {
        guard case .unsupportedFormat = e else {
          Issue.record("wrong error \(e)")
          continue
        }
        #expect(e.description.contains(name), "\(e)")
      }
    }
    let parquet = IngestError.unsupportedFormat(
      path: "data/orders.parquet", format: "a Parquet file",
      advice: "convert it to CSV first, e.g. `duckdb -c \"COPY (FROM 'FILE.parquet') TO 'FILE.csv'\"`")
    #expect(
      parquet.description == "data/orders.parquet: this is a Parquet file, not a delimited text file. Only "
        + "CSV-like text (plain or .gz) is read: convert it to CSV first, e.g. "
        + "`duckdb -c \"COPY (FROM 'data/orders.parquet') TO 'data/orders.csv'\"`.")
  }

  /// A pipe has no size and cannot be mapped (`/dev/stdin`, `<(zcat …)`): read in pieces,
  /// plain or gzip, larger than one piece.
  @Test func aPipeIsReadToTheEnd() throws {
    var big = "customer_id,order_date,amount\n"
    for i in 0..<60_000 { big += "C\(i % 977),2024-01-\(String(format: "%02d", i % 28 + 1)),\(i % 100).25\n" }
    let plain = Array(big.utf8)
    let (expected, e) = try Self.load(plain)
    for bytes in [plain, try Self.gzip(plain)] {
      let pipe = Pipe()
      let writer = pipe.fileHandleForWriting
      Thread.detachNewThread {
        writer.write(Data(bytes))
        try? writer.close()
      }
      let path = "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)"
      let (log, s) = try TransactionLoader().load(path: path)
      #expect(log == expected)
      #expect(s.sha256 == e.sha256)
      #expect(s.dialect.source == "pipe")
      #expect(s.fileName == path)
    }
    #expect(plain.count > 1 << 20, "more than one read piece")
  }

  @Test func anEmptyPipeIsAnEmptyFile() throws {
    let pipe = Pipe()
    try pipe.fileHandleForWriting.close()
    let path = "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)"
    #expect(throws: IngestError.emptyFile(path: path)) { try TransactionLoader().load(path: path) }
  }
}
