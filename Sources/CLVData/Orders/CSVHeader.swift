/// The header of an input, read before the file is loaded (a preset picks its variant
/// from it): decoded, delimiter detected and trimmed exactly as the loader reads it, from
/// the same ``InputText`` the loader then reads (so standard input is read once, and a
/// `.gz`, UTF-16 or `;`-separated file gives its real column names).
package enum CSVHeader {
  /// The header fields of `input`, trimmed.
  /// - Throws: ``IngestError`` when the input is empty or not CSV.
  package static func read(_ input: InputText, settings: FileReadSettings) throws -> [String] {
    var probe = settings
    probe.hashFile = false
    return try IngestSession(input: input, kind: "probe", settings: probe).resolver.header
  }
}
