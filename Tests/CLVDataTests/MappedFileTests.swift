import Foundation
import Testing

@testable import CLVData

/// Mapping must give exactly the file's bytes (compared with Foundation's read) and
/// typed errors for paths that are not readable files.
@Suite struct MappedFileTests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/transactions_dirty.csv")

  @Test func bytesEqualFoundationRead() throws {
    let mapped = try MappedFile(path: Self.fixture.path)
    let expected = try [UInt8](Data(contentsOf: Self.fixture))
    #expect(mapped.withBytes { Array($0) } == expected)
    #expect(mapped.count == expected.count)
  }

  @Test func errors() throws {
    #expect(throws: IngestError.fileNotFound(path: "/no/such/file.csv")) { try MappedFile(path: "/no/such/file.csv") }
    let dir = Self.fixture.deletingLastPathComponent().path
    #expect(throws: IngestError.unreadable(path: dir, reason: "it is a directory, not a file")) {
      try MappedFile(path: dir)
    }
  }

  @Test func emptyFileMapsToNoBytes() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("clv-empty-\(UUID().uuidString).csv")
    try Data().write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    #expect(try MappedFile(path: url.path).withBytes { $0.count } == 0)
    #expect(throws: IngestError.emptyFile(path: url.path)) { try TransactionLoader().load(path: url.path) }
  }
}
