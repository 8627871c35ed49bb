import Foundation
import Testing

@testable import CLVPipeline

/// `clv report` on the CDNOW 1/10 sample with the papers' calibration window
/// reproduces the published estimates (Fader, Hardie & Lee 2005; Batislam et al.
/// 2007; Fader & Hardie's Gamma-Gamma note) in metrics.json.
@Suite struct CDNOWReportTests {
  struct Parameter: Decodable { var value: Double; var unit: String }
  struct Model: Decodable {
    var parameters: [String: Parameter]?
    var log_likelihood: Double?
  }
  struct Backtest: Decodable { var models: [String: Model]; var cutoff: String }
  struct Metrics: Decodable { var backtest: Backtest }

  @Test func publishedParametersAppearInMetricsJSON() async throws {
    let o = try RunSettings.parse([
      "--transactions", PipelineFixture.packageRoot + "/Tests/CLVModelsTests/Fixtures/cdnow_sample.csv",
      "--date-column", "date", "--as-of", "1998-07-01", "--horizon", "39w",
      "--models", "bgnbd", "mbgnbd", "paretonbd", "--importance-repeats", "1",
      "--templates", PipelineFixture.packageRoot + "/templates",
      "--out", PipelineFixture.temporaryDirectory("cdnow") + "/out",
    ])
    try await PipelineFixture.run(o)
    let data = try #require(FileManager.default.contents(atPath: o.out + "/metrics.json"))
    let m = try JSONDecoder().decode(Metrics.self, from: data)
    #expect(m.backtest.cutoff == "1997-10-01")
    func close(_ model: String, _ name: String, _ published: Double, _ tolerance: Double) {
      let v = m.backtest.models[model]?.parameters?[name]?.value ?? .nan
      #expect(abs(v - published) <= tolerance, "\(model) \(name) = \(v), published \(published)")
    }
    // Published to three decimals; tolerance half a unit in the last digit.
    close("bgnbd", "r", 0.243, 0.0005); close("bgnbd", "alpha", 4.414, 0.0005)
    close("bgnbd", "a", 0.793, 0.0005); close("bgnbd", "b", 2.426, 0.0005)
    close("paretonbd", "r", 0.553, 0.0005); close("paretonbd", "alpha", 10.578, 0.0015)
    close("paretonbd", "s", 0.606, 0.0005); close("paretonbd", "beta", 11.669, 0.0005)
    close("mbgnbd", "r", 0.525, 0.0005); close("mbgnbd", "alpha", 6.183, 0.0005)
    close("mbgnbd", "a", 0.891, 0.0005); close("mbgnbd", "b", 1.614, 0.0005)
    close("bgnbd", "Gamma-Gamma p", 6.25, 0.005); close("bgnbd", "Gamma-Gamma q", 3.74, 0.005)
    close("bgnbd", "Gamma-Gamma gamma", 15.44, 0.005)
    #expect(abs((m.backtest.models["bgnbd"]?.log_likelihood ?? 0) - -9582.43) < 0.01)
    #expect(abs((m.backtest.models["paretonbd"]?.log_likelihood ?? 0) - -9594.98) < 0.01)
    #expect(m.backtest.models["bgnbd"]?.parameters?["alpha"]?.unit == "weeks")
    let report = PipelineFixture.read(o.out + "/report.md")
    #expect(report.contains("0.2426") && report.contains("4.4136"))
  }
}
