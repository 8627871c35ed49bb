import CLVTestSupport
import Foundation
import Testing

@testable import CLVPipeline

/// `clv report` (the release binary) on the full CDNOW (69,659 rows, 23,570 customers;
/// `CDNOW_master.txt` ships in the `lifetimes` package on PyPI), 39-week backtest as of
/// 1998-07-01: the champion beats BG/NBD + Gamma-Gamma on normalized Gini, decile MAPE and R²
/// on the same test customers — clv's own BG/NBD candidate always, and `lifetimes` itself
/// when a Python with it is given: `peers/cdnow_vs_lifetimes.py` fits lifetimes, scores it and
/// every clv candidate from this run's `backtest.csv` with its own numpy metrics, and the
/// test checks those agree with clv's `metrics.json` too.
///
/// Opt-in (about a minute on two cores, quiet): set `CLV_CDNOW_MASTER` to `CDNOW_master.txt`
/// and `CLV_PEER_PYTHON` to a Python with lifetimes, pandas and numpy (the script also writes
/// the CSV clv reads). Run `swift build -c release` first.
@Suite(.serialized) struct CDNOWFullBenchmarkTests {
  static let environment = ProcessInfo.processInfo.environment
  static let master = environment["CLV_CDNOW_MASTER"]
  static let python = environment["CLV_PEER_PYTHON"]
  static let script = ReleaseBinary.packageRoot + "/peers/cdnow_vs_lifetimes.py"

  struct Scores: Decodable { var normalizedGini: Double; var decileMAPE: Double; var r2: Double; var count: Int }
  struct Model: Decodable { var test: Scores }
  struct Backtest: Decodable { var models: [String: Model] }
  struct Champion: Decodable { var key: String; var test: Scores }
  struct Metrics: Decodable { var backtest: Backtest; var champion: Champion }
  /// A row of the peer script's JSON.
  struct PeerScores: Decodable {
    var gini: Double
    var decile_mape: Double
    var r2: Double
    var rmse: Double
    var top_decile: Double
  }
  struct Peer: Decodable { var lifetimes: PeerScores; var clv: [String: PeerScores]; var test_customers: Int }

  /// Runs `python` with `arguments`; its stdout, or a recorded issue.
  static func runPython(_ arguments: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try #require(python))
    p.arguments = [script] + arguments
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "\(arguments): \(text)")
    return text
  }

  @Test(.enabled(if: master != nil && python != nil, "set CLV_CDNOW_MASTER and CLV_PEER_PYTHON"))
  func championBeatsBGNBDAndLifetimesOnGiniDecileMAPEAndR2() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let dir = PipelineFixture.temporaryDirectory("cdnow-full")
    let csv = dir + "/cdnow_full.csv"
    _ = try Self.runPython(["--master", try #require(Self.master), "--csv", csv])
    let r = try ReleaseBinary.run([
      "report", "--transactions", csv, "--date-column", "date", "--as-of", "1998-07-01", "--horizon", "39w",
      "--out", dir + "/out", "-q",
    ])
    try #require(r.status == 0, "\(r.stderr)")
    let data = try #require(FileManager.default.contents(atPath: dir + "/out/metrics.json"))
    let m = try JSONDecoder().decode(Metrics.self, from: data)
    let bgnbd = try #require(m.backtest.models["bgnbd"]).test
    let c = m.champion.test
    #expect(c.count == bgnbd.count && c.count > 3000)
    #expect(c.normalizedGini > bgnbd.normalizedGini)
    #expect(c.decileMAPE < bgnbd.decileMAPE)
    #expect(c.r2 > bgnbd.r2)

    // lifetimes itself, scored by the script on the same test customers.
    let table = try Self.runPython([
      "--master", try #require(Self.master), "--backtest", dir + "/out/backtest.csv", "--json", dir + "/peer.json",
    ])
    print(table)
    let peer = try JSONDecoder().decode(Peer.self, from: try Data(contentsOf: URL(fileURLWithPath: dir + "/peer.json")))
    let ours = try #require(peer.clv[m.champion.key])
    #expect(peer.test_customers == c.count)
    // The script's metrics of clv's champion (from backtest.csv, predictions to the cent) agree
    // with clv's; decile MAPE moves with the ties the rounding makes.
    #expect(abs(ours.gini - c.normalizedGini) < 1e-3 && abs(ours.r2 - c.r2) < 1e-4)
    #expect(abs(ours.decile_mape - c.decileMAPE) < 0.02)
    #expect(ours.gini > peer.lifetimes.gini, "Gini \(ours.gini) vs lifetimes \(peer.lifetimes.gini)")
    #expect(
      ours.decile_mape < peer.lifetimes.decile_mape, "decile MAPE \(ours.decile_mape) vs \(peer.lifetimes.decile_mape)")
    #expect(ours.r2 > peer.lifetimes.r2, "R² \(ours.r2) vs lifetimes \(peer.lifetimes.r2)")
    print(
      "CDNOW full, test (\(c.count) customers): champion \(m.champion.key) Gini \(ours.gini), decile MAPE "
        + "\(ours.decile_mape), R² \(ours.r2), RMSE \(ours.rmse), top decile \(ours.top_decile); lifetimes "
        + "\(peer.lifetimes.gini), \(peer.lifetimes.decile_mape), \(peer.lifetimes.r2), \(peer.lifetimes.rmse), "
        + "\(peer.lifetimes.top_decile)")
  }
}
