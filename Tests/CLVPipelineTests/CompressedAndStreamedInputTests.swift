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
    // The run's own output folder is recorded too (run → options → out).
    let variants: [(String, [(String, String)])] = [
      (
        "gzip",
        [
          (gzPath, plainPath), ("transactions.csv.gz", "transactions.csv"), ("file, gzip", "file"),
          (work + "/gzip", work + "/plain"),
        ]
      ),
      (
        "stdin",
        [(work + "/stdin", work + "/plain"), ("standard input", "transactions.csv")]
          + Self.jsonSpacings([
            ("\"transactions\" : \"-\"", "\"transactions\" : \"\(plainPath)\""),
            ("\"path\" : \"-\"", "\"path\" : \"\(plainPath)\""),
          ])
      ),
    ]
    for (name, source) in [("plain", "file"), ("gzip", "file, gzip"), ("stdin", "standard input")] {
      let html = String(decoding: Self.files(in: work + "/" + name)["report.html"] ?? Data(), as: UTF8.self)
      #expect(html.contains("data-label=\"Source\">\(source)</td>"), "\(name): the reading table says \(source)")
    }
    for (name, replacements) in variants {
      let got = Self.files(in: work + "/" + name)
      #expect(Set(got.keys) == Set(expected.keys), "\(name): same files")
      for (file, plainBytes) in expected {
        guard var other = got[file] else { continue }
        var bytes = plainBytes
        if file == "report.html" {
          // The reading table's source cell (`file`, `file, gzip`, `standard input`; its width
          // class follows the text): compared apart, below.
          other = Self.sourceCellsBlanked(other)
          bytes = Self.sourceCellsBlanked(bytes)
        }
        if other != bytes, var text = String(data: other, encoding: .utf8) {
          for (a, b) in replacements { text = text.replacingOccurrences(of: a, with: b) }
          // The gzip run's dialect says so (`"compression": "gzip",` on a line of its own, or inline).
          text = text.replacingOccurrences(
            of: #"\n? *"compression" ?: ?"gzip","#, with: "", options: .regularExpression)
          // The plain run's own reading table says `file` where stdin says `transactions.csv` now.
          if name == "stdin" { text = Self.restoringSource(text, like: String(decoding: bytes, as: UTF8.self)) }
          other = Data(text.utf8)
        }
        let firstDifference =
          zip(
            String(decoding: other, as: UTF8.self).split(separator: "\n"),
            String(decoding: bytes, as: UTF8.self).split(separator: "\n")
          ).first { $0 != $1 }.map { "'\($0)' where the plain run has '\($1)'" } ?? "lengths"
        #expect(other == bytes, "\(name): \(file) differs beyond the input's name: \(firstDifference)")
      }
    }
  }

  /// After replacing `standard input` by the file name, the source cell of the reading table
  /// (`file` in the plain run) reads `transactions.csv`: put back what the plain run has there.
  static func restoringSource(_ text: String, like plain: String) -> String {
    var t = text
    for (a, b) in [
      ("| transactions | transactions.csv | UTF-8", "| transactions | file | UTF-8")
    ] + jsonSpacings([("\"source\" : \"transactions.csv\"", "\"source\" : \"file\"")]) where plain.contains(b) {
      t = t.replacingOccurrences(of: a, with: b)
    }
    return t
  }

  /// Each JSON replacement written `"key" : value` in the three spacings an encoder may use
  /// (`" : "`, `": "`, `":"`), the pretty one also with the newline after a trailing comma.
  static func jsonSpacings(_ pairs: [(String, String)]) -> [(String, String)] {
    pairs.flatMap { a, b in
      [" : ", ": ", ":"].map {
        (a.replacingOccurrences(of: " : ", with: $0), b.replacingOccurrences(of: " : ", with: $0))
      }
    }
  }

  /// The HTML with every reading-table source cell (`data-label="Source"`) emptied, class and text.
  static func sourceCellsBlanked(_ html: Data) -> Data {
    Data(
      String(decoding: html, as: UTF8.self).replacingOccurrences(
        of: #"<td class="[^"]*" data-label="Source">[^<]*</td>"#, with: "<td data-label=\"Source\"></td>",
        options: .regularExpression
      ).utf8)
  }
}
