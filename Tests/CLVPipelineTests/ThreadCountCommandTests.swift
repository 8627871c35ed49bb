import CLVTestSupport
import Foundation
import Testing

/// `--threads` changes speed only: the release `clv report` writes the same bytes with 1
/// and 2 threads, and with 2 threads while a CPU-bound process competes for a core (the
/// work pool hands units to whichever thread is free, so timing decides who computes
/// what, never what is computed). Every output file is compared byte for byte except
/// run.json (wall times) and, in metrics.json, the two lines that record `--out` and
/// `--threads` themselves.
@Suite(.serialized) struct ThreadCountCommandTests {
  static let outputs = ["backtest.csv", "metrics.json", "model.json", "predictions.csv", "report.html", "report.md"]

  static func report(threads: Int, out: String) throws {
    let shop = PipelineFixture.shopDirectory
    let r = try ReleaseBinary.run([
      "report", "--transactions", shop + "/transactions.csv", "--customers", shop + "/customers.csv",
      "--events", shop + "/events.csv", "--horizon", "26w", "--mlp-hidden", "16,8", "--mlp-epochs", "6",
      "--importance-repeats", "2", "--threads", "\(threads)", "--out", out, "-q",
    ])
    #expect(r.status == 0, "clv report --threads \(threads): \(r.stderr)")
  }

  /// `path`'s bytes, without metrics.json's lines naming the output folder and thread count.
  static func comparable(_ path: String) -> [String] {
    let text = PipelineFixture.read(path)
    guard path.hasSuffix("metrics.json") else { return [text] }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter {
      let line = $0.trimmingCharacters(in: .whitespaces)
      return !line.hasPrefix("\"out\":") && !line.hasPrefix("\"threads\":")
    }
  }

  @Test func oneTwoAndBusyTwoThreadsWriteTheSameBytes() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let dir = PipelineFixture.temporaryDirectory("threads")
    try Self.report(threads: 1, out: dir + "/one")
    try Self.report(threads: 2, out: dir + "/two")
    // A busy loop beside the run, as a build or another job on a CI runner would be.
    let busy = Process()
    busy.executableURL = URL(fileURLWithPath: "/bin/sh")
    busy.arguments = ["-c", "while :; do :; done"]
    try busy.run()
    defer {
      // SIGKILL: the child may inherit an ignored SIGTERM from the test process.
      kill(busy.processIdentifier, SIGKILL)
      busy.waitUntilExit()
    }
    try Self.report(threads: 2, out: dir + "/busy")
    for name in Self.outputs {
      let one = Self.comparable(dir + "/one/" + name)
      #expect(one.count > 1 || one.first?.isEmpty == false, "\(name) was written")
      #expect(one == Self.comparable(dir + "/two/" + name), "\(name): 1 vs 2 threads")
      #expect(one == Self.comparable(dir + "/busy/" + name), "\(name): 1 thread vs 2 beside a busy loop")
    }
    // The filter removes exactly the two recorded options, nothing else.
    let raw = PipelineFixture.read(dir + "/one/metrics.json").split(separator: "\n", omittingEmptySubsequences: false)
    #expect(raw.count - Self.comparable(dir + "/one/metrics.json").count == 2)
  }
}
