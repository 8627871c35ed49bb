import CLVModels
import CLVReport

/// Segments a marketing team can act on: who, how many, what they are worth,
/// how likely they are to leave, and what to do.
enum SegmentsSection {
  static func make(_ s: RunSummary) -> ReportSection? {
    guard let seg = s.segments else {
      return s.segmentsUnavailable.map {
        ReportSection(
          id: "segments", title: "Segments", blocks: [Blocks.warning("No segments: \($0)", title: "No segments")])
      }
    }
    let k = seg.model.kmeans.clusterCount
    let counts = (seg.selection?.candidates ?? []).map(\.clusterCount)
    let tried = "\(counts.min() ?? k)…\(counts.max() ?? k)"
    var blocks: [ReportBlock] = [
      Blocks.p(
        "Customers with at least one purchase are grouped by K-Means (k-means++ seeding, \(KMeans.defaultRestarts) restarts) on standardised log recency, frequency, order value, tenure and predicted CLV, and churn risk. \(seg.selection == nil ? "k = \(k) was set with --segments." : "k = \(k) is the largest k whose silhouette score is within \(Format.pct(SegmentStage.silhouetteTolerance, 0)) of the best among k = \(tried) (scores on a seeded sample), so the split is as fine as the data supports.") \(Format.count(seg.prospects)) customers without a purchase form the prospects group."
      )
    ]
    let profiles = seg.profiles.sorted { $0.meanPredictedValue > $1.meanPredictedValue }
    let fi = { (name: String) in SegmentationModel.featureNames.firstIndex(of: name)! }
    blocks.append(
      .table(
        Blocks.table(
          "Segment profiles, most valuable first: value is predicted CLV over the horizon; days since the last purchase and tenure are medians; all means and medians per feature are in metrics.json.",
          [
            .text("Segment"), .number("Customers"), .number("Value share"), .number("Mean CLV"), .number("Churn risk"),
            .number("Days since purchase"), .number("Repeat purchases"), .number("Tenure (days)"),
          ],
          profiles.map { p in
            [
              p.name, "\(Format.count(p.size)) (\(Format.pct(p.customerShare, 0)))", Format.pct(p.valueShare),
              Format.money(p.meanPredictedValue), Format.pct(p.meanChurnRisk),
              Format.num(p.featureMedians[fi("recency")], 0), Format.num(p.featureMeans[fi("frequency")], 1),
              Format.num(p.featureMedians[fi("tenure")], 0),
            ]
          })))
    blocks.append(
      .figure(
        ReportFigure(
          id: "segment-heatmap", title: "How each segment differs from the whole base",
          caption:
            "Standardised mean difference of each feature per segment: blue is below the customer-base average, red above, in standard deviations. Read a row to see what makes a segment distinct.",
          description: "Segment by feature heat map of standardised mean differences.",
          chart: .heatMap(
            HeatMapChart(
              rowLabels: profiles.map(\.name), columnLabels: SegmentationModel.featureNames,
              values: profiles.map { $0.standardisedMeanDifferences.map { Optional($0) } },
              colors: .diverging(center: 0),
              xLabel: "Feature", yLabel: "Segment", legendTitle: "SD vs avg", valueDecimals: 1)))))
    if !seg.actions.isEmpty {
      blocks.append(
        .table(
          Blocks.table(
            "Recommended actions from the editable playbook templates/actions.toml; the budget is the most to spend per customer.",
            [
              .text("Segment"), .text("Action"), .text("Channel"), .number("Budget / customer"),
              .number("Segment budget"), .text("Why"),
            ],
            seg.actions.map {
              [
                $0.segmentName, $0.action, $0.channel, Format.money($0.budgetPerCustomer), Format.money($0.totalBudget),
                $0.why,
              ]
            })))
    }
    let names = seg.model.names
    let series = (0..<k).map { label in
      ScatterSeries(name: names[label], points: seg.points.filter { $0.2 == label }.map { ChartPoint($0.0, $0.1) })
    }
    let ratio = seg.pca.explainedVarianceRatio
    blocks.append(
      .figure(
        ReportFigure(
          id: "segment-pca", title: "Segments in two dimensions (PCA)",
          caption:
            "Each dot is a customer (a seeded sample of up to 2,000) placed by the first two principal components of the clustering features; colours are segments. The two axes keep \(Format.pct((ratio.first ?? 0) + (ratio.dropFirst().first ?? 0))) of the variance.",
          description: "PCA scatter of \(seg.points.count) customers coloured by \(k) segments.",
          chart: .scatter(
            ScatterChart(
              series: series, xLabel: "PC1 (\(Format.pct(ratio.first ?? 0)))",
              yLabel: "PC2 (\(Format.pct(ratio.dropFirst().first ?? 0)))")))))
    if let sel = seg.selection {
      blocks.append(
        .figure(
          ReportFigure(
            id: "segment-k", title: "Choosing the number of segments",
            caption:
              "Silhouette score (higher = better separated segments) for each k; the inertia (within-segment spread) is in the table for the elbow view. The chosen k is the largest whose silhouette is within \(Format.pct(SegmentStage.silhouetteTolerance, 0)) of the best.",
            description: "Silhouette by k; best k = \(sel.chosenClusterCount), chosen k = \(k).",
            chart: .line(
              LineChart(
                xLabel: "Number of segments k", yLabel: "Silhouette",
                series: [
                  LineSeries(
                    name: "Silhouette",
                    points: sel.candidates.map { ChartPoint(Double($0.clusterCount), $0.silhouette) })
                ], markers: [ChartMarker(x: Double(k), label: "chosen")], showPoints: true)),
            data: Blocks.table(
              nil, [.number("k"), .number("Silhouette"), .number("Inertia")],
              sel.candidates.map { ["\($0.clusterCount)", Format.num($0.silhouette), Format.compact($0.inertia)] }))))
    }
    if !seg.watchList.isEmpty {
      blocks.append(
        .table(
          Blocks.table(
            "Churn watch-list: the most valuable customers whose churn risk is at least \(Format.pct(SegmentStage.watchListRule.threshold, 0)). Why: the features that move this customer's predicted spend most against typical customers, with how much (sampled Shapley values; see the model card).",
            [
              .text("Customer"), .text("Segment"), .number("Predicted CLV"), .number("Churn risk"),
              .number("Days since last purchase"), .number("Repeat purchases"), .text("Why"),
            ],
            seg.watchList.map {
              [
                s.redaction($0.customerID), $0.segmentName, Format.money($0.predictedValue), Format.pct($0.churnRisk),
                Format.num($0.recency, 0), Format.num($0.frequency, 0),
                s.forward.explained[$0.customerID].map(ReasonWording.line) ?? "–",
              ]
            })))
    }
    return ReportSection(id: "segments", title: "Segments and actions", blocks: blocks)
  }
}
