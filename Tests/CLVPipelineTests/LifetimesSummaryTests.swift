import CLVData
import Foundation
import Testing

@testable import CLVPipeline

/// predictions.csv carries each customer's history in the lifetimes convention; on the
/// CDNOW sample it equals lifetimes' `summary_data_from_transaction_data(…, freq='D')`
/// (fixture made by lifetimes itself, see Fixtures/cdnow_lifetimes_summary.md), from
/// `clv report` and from `clv score` alike.
@Suite(.serialized) struct LifetimesSummaryTests {
  typealias Row = (frequency: Double, recency: Double, T: Double, monetary: Double)

  /// The summary columns of a CSV file (read with clv's own CSV reader: quoted cells).
  static func rows(_ text: String, id: String = "customer_id") -> [String: Row] {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      var reader = CSVReader(bytes: buffer, fileName: "summary")
      var record = CSVRecord()
      guard (try? reader.next(into: &record)) == true else { return [:] }
      let header = record.strings
      func col(_ name: String) -> Int { header.firstIndex(of: name)! }
      let (c, f, r, t, m) = (col(id), col("frequency"), col("recency"), col("T"), col("monetary_value"))
      var out = [String: Row]()
      while (try? reader.next(into: &record)) == true {
        let l = record.strings
        out[l[c]] = (Double(l[f]) ?? .nan, Double(l[r]) ?? .nan, Double(l[t]) ?? .nan, Double(l[m]) ?? .nan)
      }
      return out
    }
  }

  @Test func cdnowSummaryEqualsLifetimes() async throws {
    let o = try RunSettings.parse([
      "--transactions", PipelineFixture.packageRoot + "/Tests/CLVModelsTests/Fixtures/cdnow_sample.csv",
      "--date-column", "date", "--horizon", "39w", "--models", "bgnbd", "--importance-repeats", "1",
      "--templates", PipelineFixture.packageRoot + "/templates",
      "--out", PipelineFixture.temporaryDirectory("lifetimes") + "/out",
    ])
    try await PipelineFixture.run(o)
    let reference = Self.rows(
      PipelineFixture.read(PipelineFixture.packageRoot + "/Tests/CLVPipelineTests/Fixtures/cdnow_lifetimes_summary.csv")
    )
    let report = PipelineFixture.read(o.out + "/predictions.csv")
    let ours = Self.rows(report)
    #expect(reference.count == 2357)
    #expect(Set(ours.keys) == Set(reference.keys))
    var mismatches = [String]()
    for (id, want) in reference {
      guard let got = ours[id] else { continue }
      // Counts and days are integers; monetary_value is written with 2 decimals.
      if got.frequency != want.frequency || got.recency != want.recency || got.T != want.T
        || abs(got.monetary - want.monetary) > 0.005 + 1e-9
      {
        mismatches.append("\(id): \(got) vs lifetimes \(want)")
      }
    }
    #expect(mismatches.count == 0, "first mismatches: \(mismatches.prefix(5))")
    // clv score writes the same columns.
    let scored = PipelineFixture.temporaryDirectory("lifetimes-score") + "/predictions.csv"
    _ = try ScorePipeline(
      inputs: o.inputs, modelPath: o.out + "/model.json", outputPath: scored, logger: PipelineFixture.quietLogger
    ).run()
    let scoredRows = Self.rows(PipelineFixture.read(scored))
    #expect(scoredRows.count == ours.count)
    #expect(
      scoredRows.allSatisfy { id, r in
        let x = ours[id]!
        return (r.frequency, r.recency, r.T, r.monetary) == (x.frequency, x.recency, x.T, x.monetary)
      })
  }
}
