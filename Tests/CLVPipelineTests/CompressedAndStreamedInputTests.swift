import CLVTestSupport
import Foundation
import Testing

/// Issue #11: a `.csv.gz` and a run on standard input give the same outputs as the plain
/// file. What "the same" covers: every output file byte for byte, except `run.json`
/// (timings, different between any two runs) and the places that name the input or how it
/// was read — its path in the run settings, its file name in the data-quality and model-card
/// tables and `quarantine.csv`, and the reading table's source (`file`, `file, gzip`,
/// `standard input`). Those are replaced by the plain file's before comparing, and nothing
/// else may differ: the SHA-256 (of the bytes as read, after decompression), sizes, counts,
/// predictions, figures and every number are identical.
@Suite(.serialized) struct CompressedAndStreamedInputTests {
  static func files(in dir: String) -> [String: Data] {
    var out: [String: Data] = [:]
    let fm = FileManager.default
    for case let rel as String in fm.enumerator(atPath: dir) ?? FileManager.DirectoryEnumerator() {
      var isDir: ObjCBool = false
      let full = dir + "/" + rel
      guard fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue, rel != "run.json" else { continue }
      out[rel] = fm.contents(atPath: full)
    }
    return out
  }

  @Test func gzipAndStandardInputGiveTheSameOutputsAsThePlainFile() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let shop = PipelineFixture.shopDirectory
    let work = PipelineFixture.temporaryDirectory("streams")
    let plainPath = shop + "/transactions.csv"
    let plain = try Data(contentsOf: URL(fileURLWithPath: plainPath))
    let gzPath = work + "/transactions.csv.gz"
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
    gzip.arguments = ["-c", "gzip -c -n '\(plainPath)' > '\(gzPath)'"]
    try gzip.run()
    gzip.waitUntilExit()
    try #require(gzip.terminationStatus == 0)

    func run(_ transactions: String, input: Data? = nil, out: String) throws {
      let r = try ReleaseBinary.run(
        [
          "report", "--transactions", transactions, "--customers", shop + "/customers.csv", "--events",
          shop + "/events.csv", "--models", "baseline", "bgnbd", "--horizon", "26w", "--out", out, "-q",
        ], input: input)
      #expect(r.status == 0, "\(transactions): \(r.stderr)")
    }
    try run(plainPath, out: work + "/plain")
    try run(gzPath, out: work + "/gzip")
    try run("-", input: plain, out: work + "/stdin")

    let expected = Self.files(in: work + "/plain")
    #expect(expected.keys.contains("predictions.csv") && expected.keys.contains("metrics.json"))
    let variants: [(String, [(String, String)])] = [
      ("gzip", [(gzPath, plainPath), ("transactions.csv.gz", "transactions.csv"), ("file, gzip", "file"),
                ("\"compression\" : \"gzip\",\n", ""), ("\"compression\":\"gzip\",", "")]),
      ("stdin", [("\"transactions\" : \"-\"", "\"transactions\" : \"\(plainPath)\""),
                 ("\"transactions\":\"-\"", "\"transactions\":\"\(plainPath)\""),
                 ("standard input", "transactions.csv")]),
    ]
    for (name, replacements) in variants {
      let got = Self.files(in: work + "/" + name)
      #expect(Set(got.keys) == Set(expected.keys), "\(name): same files")
      for (file, bytes) in expected {
        guard var other = got[file] else { continue }
        if other != bytes, var text = String(data: other, encoding: .utf8) {
          for (a, b) in replacements { text = text.replacingOccurrences(of: a, with: b) }
          // The plain run's own reading table says `file` where stdin says `transactions.csv` now.
          if name == "stdin" { text = Self.restoringSource(text, like: String(decoding: bytes, as: UTF8.self)) }
          other = Data(text.utf8)
        }
        #expect(other == bytes, "\(name): \(file) differs beyond the input's name")
      }
    }
  }

  /// After replacing `standard input` by the file name, the source cell of the reading table
  /// (`file` in the plain run) reads `transactions.csv`: put back what the plain run has there.
  static func restoringSource(_ text: String, like plain: String) -> String {
    var t = text
    for (a, b) in [
      ("| transactions | transactions.csv | UTF-8", "| transactions | file | UTF-8"),
      ("<td>transactions</td><td>transactions.csv</td><td>UTF-8", "<td>transactions</td><td>file</td><td>UTF-8"),
      ("\"source\" : \"transactions.csv\"", "\"source\" : \"file\""),
      ("\"source\":\"transactions.csv\"", "\"source\":\"file\""),
    ] where plain.contains(b) {
      t = t.replacingOccurrences(of: a, with: b)
    }
    return t
  }
}
