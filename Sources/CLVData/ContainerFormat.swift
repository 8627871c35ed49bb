/// File formats that are not delimited text, told apart by their first bytes, so that a
/// compressed or binary file is decompressed or refused with advice instead of being read
/// as text (which listed binary garbage as column names).
enum ContainerFormat: Equatable {
  /// gzip (`1F 8B`): decompressed while reading.
  case gzip
  /// Not readable; `name` for the message and `advice` on what to do instead.
  case unsupported(name: String, advice: String)

  /// The format the bytes start with, or nil for anything else (text).
  static func sniff(_ p: UnsafeBufferPointer<UInt8>) -> ContainerFormat? {
    func starts(_ magic: [UInt8]) -> Bool {
      p.count >= magic.count && magic.indices.allSatisfy { p[$0] == magic[$0] }
    }
    if starts([0x1F, 0x8B]) { return .gzip }
    if starts(Array("PAR1".utf8)) {
      return .unsupported(
        name: "a Parquet file",
        advice: "convert it to CSV first, e.g. `duckdb -c \"COPY (FROM 'FILE.parquet') TO 'FILE.csv'\"` or pandas "
          + "`pd.read_parquet('FILE.parquet').to_csv('FILE.csv', index=False)`")
    }
    if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) {
      return .unsupported(
        name: "a zip archive (an Excel .xlsx workbook is one)",
        advice:
          "save the sheet as CSV (Excel: File › Save As › CSV UTF-8), or unzip the archive and pass the CSV inside")
    }
    if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
      return .unsupported(
        name: "an old Excel workbook (.xls)", advice: "save the sheet as CSV (Excel: File › Save As › CSV UTF-8)")
    }
    if starts([0x28, 0xB5, 0x2F, 0xFD]) {
      return .unsupported(
        name: "zstd-compressed",
        advice: "decompress it (`zstd -d FILE`) or pipe it: `zstdcat FILE | clv report --transactions -`")
    }
    if starts(Array("BZh".utf8)) && p.count > 3 && (0x31...0x39).contains(p[3]) {
      return .unsupported(
        name: "bzip2-compressed",
        advice: "decompress it (`bunzip2 FILE`) or pipe it: `bzcat FILE | clv report --transactions -`")
    }
    if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) {
      return .unsupported(
        name: "xz-compressed",
        advice: "decompress it (`unxz FILE`) or pipe it: `xzcat FILE | clv report --transactions -`")
    }
    if starts(Array("SQLite format 3".utf8)) {
      return .unsupported(
        name: "an SQLite database", advice: "export the table as CSV (`sqlite3 -csv -header DB 'SELECT …'`)")
    }
    return nil
  }
}
