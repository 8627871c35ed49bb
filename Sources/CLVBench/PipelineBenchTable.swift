import Foundation

/// The Markdown tables `clv bench pipeline` prints.
enum PipelineBenchTable {
  typealias Result = PipelineBenchmark.Result
  typealias JobResult = PipelineBenchmark.JobResult

  static func render(_ result: Result) -> String {
    var out = [String]()
    let rows = Double(result.rows)
    for round in result.rounds {
      let fixed = round.jobs.first { $0.job == "fixed" }
      let peer = round.jobs.first { $0.job == "peer" }
      let report = round.jobs.first { $0.job == "report" }
      let title = "\(result.rows.formatted()) rows, \(result.threads) threads, competing load \(round.competingLoad)"
      if fixed != nil || peer != nil {
        out.append("\n### The peer's fixed work — \(title)\n")
        out.append("| stage | clv wall s | clv CPU s | clv rows/s | peer wall s | peer CPU s | peer/clv |")
        out.append("|---|---:|---:|---:|---:|---:|---:|")
        let names = (fixed?.stages ?? peer?.stages ?? []).map(\.name)
        for name in names {
          let c = fixed?.stages.first { $0.name == name }
          let p = peer?.stages.first { $0.name == name }
          out.append(
            "| \(name) | \(n(c?.wall)) | \(n(c?.cpu)) | \(rate(rows, c?.wall)) | \(n(p?.wall)) | \(n(p?.cpu)) | \(ratio(p?.wall, c?.wall)) |"
          )
        }
        let cw = fixed.map { $0.stages.reduce(0) { $0 + $1.wall } }
        let pw = peer.map { $0.stages.reduce(0) { $0 + $1.wall } }
        out.append(
          "| **total of stages** | **\(n(cw))** | \(n(fixed.map { $0.stages.reduce(0) { $0 + $1.cpu } })) | \(rate(rows, cw)) | **\(n(pw))** | \(n(peer.map { $0.stages.reduce(0) { $0 + $1.cpu } })) | **\(ratio(pw, cw))** |"
        )
        out.append(
          "| process (incl. start-up) | \(n(fixed?.usage.wall)) | \(n(fixed?.usage.cpu)) | | \(n(peer?.usage.wall)) | \(n(peer?.usage.cpu)) | \(ratio(peer?.usage.wall, fixed?.usage.wall)) |"
        )
        out.append(
          "| peak RSS | \(mib(fixed?.usage.peakResidentBytes)) | | | \(mib(peer?.usage.peakResidentBytes)) | | \(ratio(peer.map { Double($0.usage.peakResidentBytes) }, fixed.map { Double($0.usage.peakResidentBytes) })) |"
        )
        if let f = fixed, let flop = f.trainingFLOP, let s = f.trainingSeconds {
          let rate = flop / s / 1e9
          out.append(
            "\nMLP training: \(n(flop / 1e9, 0)) GFLOP in \(n(s)) s = \(n(rate, 1)) GFLOP/s, "
              + "\(n(100 * rate / (result.fmaPeakGFLOPPerCore * Double(result.threads)), 0))% of the measured FMA peak of "
              + "\(result.threads) cores (\(n(result.fmaPeakGFLOPPerCore * Double(result.threads), 0)) GFLOP/s).")
        }
        out.append("\nload average \(loads([fixed, peer]))")
        if let fm = fixed?.metrics, let pm = peer?.metrics {
          out.append("\n| test metrics | clv norm. Gini | peer norm. Gini | clv decile MAPE | peer decile MAPE |")
          out.append("|---|---:|---:|---:|---:|")
          for model in fm.keys.sorted() {
            out.append(
              "| \(model) | \(n(fm[model]?["norm_gini"], 3)) | \(n(pm[model]?["norm_gini"], 3)) | \(n(fm[model]?["decile_mape"], 3)) | \(n(pm[model]?["decile_mape"], 3)) |"
            )
          }
        }
      }
      if let r = report {
        out.append("\n### The default `clv report --horizon 182d` — \(title)\n")
        out.append("| stage | wall s | CPU s | rows/s |")
        out.append("|---|---:|---:|---:|")
        for s in r.stages { out.append("| \(s.name) | \(n(s.wall)) | \(n(s.cpu)) | \(rate(rows, s.wall)) |") }
        out.append("| **process** | **\(n(r.usage.wall))** | \(n(r.usage.cpu)) | \(rate(rows, r.usage.wall)) |")
        out.append("| peak RSS | \(mib(r.usage.peakResidentBytes)) | | |")
        if let flop = r.trainingFLOP, let s = r.trainingSeconds, s > 0 {
          out.append(
            "\nNeural training in the backtest: \(n(flop / 1e9, 0)) GFLOP in \(n(s)) s of fits = \(n(flop / s / 1e9, 1)) GFLOP/s."
          )
        }
        if let p = peer { out.append("\nThe peer's whole run / this report: \(ratio(p.usage.wall, r.usage.wall)).") }
        out.append("\nload average \(loads([r]))")
        if let m = r.metrics {
          out.append("\n| backtest model (test split) | norm. Gini | Spearman | decile MAPE | total ratio |")
          out.append("|---|---:|---:|---:|---:|")
          for model in m.keys.sorted() {
            let t = m[model]!
            out.append(
              "| \(model) | \(n(t["norm_gini"], 3)) | \(n(t["spearman"], 3)) | \(n(t["decile_mape"], 3)) | \(n(t["total_ratio"], 3)) |"
            )
          }
        }
      }
    }
    if result.rounds.count > 1, let quiet = result.rounds.first {
      out.append("\n### With a competing load / without\n")
      out.append(
        "| job | "
          + result.rounds.dropFirst().map { "load \($0.competingLoad) / load \(quiet.competingLoad)" }.joined(
            separator: " | ") + " |")
      out.append("|---|" + result.rounds.dropFirst().map { _ in "---:" }.joined(separator: "|") + "|")
      for job in quiet.jobs.map(\.job) {
        let base = quiet.jobs.first { $0.job == job }?.usage.wall
        let cells = result.rounds.dropFirst().map { r in ratio(r.jobs.first { $0.job == job }?.usage.wall, base) }
        out.append("| \(job) | " + cells.joined(separator: " | ") + " |")
      }
    }
    return out.joined(separator: "\n")
  }

  static func n(_ x: Double?, _ digits: Int = 2) -> String {
    guard let x, x.isFinite else { return "–" }
    return String(format: "%.\(digits)f", x)
  }

  static func rate(_ rows: Double, _ seconds: Double?) -> String {
    guard let seconds, seconds > 0, rows > 0 else { return "–" }
    let r = rows / seconds
    return r >= 1e6 ? String(format: "%.1fM", r / 1e6) : String(format: "%.0fk", r / 1e3)
  }

  static func ratio(_ a: Double?, _ b: Double?) -> String {
    guard let a, let b, a > 0, b > 0 else { return "–" }
    return String(format: "%.1f×", a / b)
  }

  static func mib(_ bytes: Int?) -> String { bytes.map { "\($0 / 1_048_576) MiB" } ?? "–" }

  static func loads(_ jobs: [JobResult?]) -> String {
    jobs.compactMap { $0 }.map { "\($0.job) \(n($0.loadBefore, 1))→\(n($0.loadAfter, 1))" }.joined(separator: ", ")
  }
}
