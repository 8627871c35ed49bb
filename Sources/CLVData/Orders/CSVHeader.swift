/// The header of a CSV file, read without loading the rest (a preset picks its variant
/// from it before the file is loaded).
package enum CSVHeader {
  /// The header fields, trimmed.
  /// - Throws: ``IngestError`` when the file is missing, unreadable, empty or not CSV.
  package static func read(path: String) throws -> [String] {
    let file = try MappedFile(path: path)
    return try file.withBytes { bytes in
      var reader = CSVReader(bytes: bytes, fileName: path)
      var record = CSVRecord()
      do {
        guard try reader.next(into: &record) else { throw IngestError.emptyFile(path: path) }
      } catch let e as CSVParseError {
        throw IngestError.malformedCSV(e)
      }
      return record.strings.map { $0.trimmingASCIISpaces() }
    }
  }
}
