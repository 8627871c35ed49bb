import Foundation
import Testing
@testable import CLVPipeline

/// `clv report` on the full CDNOW (69,659 rows, 23,570 customers; `CDNOW_master.txt` ships in the
/// `lifetimes` package on PyPI), 39-week backtest as of 1998-07-01: the champion beats BG/NBD +
/// Gamma-Gamma on normalized Gini, decile MAPE and R² on the same test customers. clv's BG/NBD
/// candidate is the model `lifetimes` fits (same estimates on the 1/10 sample, `CDNOWReportTests`;
/// `peers/cdnow_vs_lifetimes.py` scores lifetimes itself beside this run's `backtest.csv`).
///
/// Opt-in (about a minute of backtest on two cores): set `CLV_CDNOW_FULL` to the CSV that
/// `python peers/cdnow_vs_lifetimes.py --master CDNOW_master.txt --csv FILE` writes.
@Suite struct CDNOWFullBenchmarkTests {
  static let path = ProcessInfo.processInfo.environment["CLV_CDNOW_FULL"]

  struct Scores: Decodable { var normalizedGini: Double; var decileMAPE: Double; var r2: Double; var count: Int }
  struct Model: Decodable { var test: Scores }
  struct Backtest: Decodable { var models: [String: Model] }
  struct Champion: Decodable { var key: String; var test: Scores }
  struct Metrics: Decodable { var backtest: Backtest; var champion: Champion }

  @Test(.enabled(if: path != nil, "set CLV_CDNOW_FULL to the full CDNOW CSV"))
  func championBeatsBGNBDOnGiniDecileMAPEAndR2() async throws {
    let o = try RunSettings.parse([
      "--transactions", try #require(Self.path), "--date-column", "date", "--as-of", "1998-07-01",
      "--horizon", "39w", "--importance-repeats", "1", "--templates", PipelineFixture.packageRoot + "/templates",
      "--out", PipelineFixture.temporaryDirectory("cdnow-full") + "/out",
    ])
    try await PipelineFixture.run(o)
    let data = try #require(FileManager.default.contents(atPath: o.out + "/metrics.json"))
    let m = try JSONDecoder().decode(Metrics.self, from: data)
    let bgnbd = try #require(m.backtest.models["bgnbd"]).test
    let c = m.champion.test
    print("CDNOW full, test (\(c.count) customers): champion \(m.champion.key) Gini \(c.normalizedGini), "
      + "decile MAPE \(c.decileMAPE), R² \(c.r2); BG/NBD+GG \(bgnbd.normalizedGini), \(bgnbd.decileMAPE), \(bgnbd.r2)")
    #expect(c.count == bgnbd.count && c.count > 3000)
    #expect(c.normalizedGini > bgnbd.normalizedGini)
    #expect(c.decileMAPE < bgnbd.decileMAPE)
    #expect(c.r2 > bgnbd.r2)
  }
}
