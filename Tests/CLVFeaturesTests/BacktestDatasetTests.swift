import CLVData
import Testing

@testable import CLVFeatures

@Suite struct BacktestDatasetTests {
  /// 300 customers buying every 30 days from day 0 for two years.
  static func regularLog() -> TransactionLog {
    var customer = [Int32]()
    var day = [Int32]()
    var amount = [Double]()
    for c in 0..<300 {
      for d in stride(from: Int32(c % 30), to: 730, by: 30) {
        customer.append(Int32(c))
        day.append(d)
        amount.append(10)
      }
    }
    return TransactionLog(customerIDs: (0..<300).map { "c\($0)" }, customer: customer, day: day, amount: amount)
  }

  @Test func labelsSplitsAndRollingOrigins() throws {
    let builder = FeatureBuilder(ledger: PurchaseLedger(Self.regularLog()))
    let plan = BacktestPlan(asOf: 730, horizon: try Horizon(parsing: "90d"), firstDay: 0)
    #expect(plan.origins == [640, 549, 458, 367])
    let data = BacktestDataset(builder: builder, plan: plan, splitter: SplitAssigner(seed: 1))
    #expect(data.features.rowCount == 300)
    // Each customer buys 3 times in the 90 days from day 640 (every 30 days) → 30.
    #expect(data.labels.allSatisfy { $0 == 30 })
    // Only train customers are stacked, once per origin.
    let train = data.indices(of: .train).count
    #expect(data.trainingLabels.count == train * 4)
    let trainIDs = Set(data.indices(of: .train).map { data.features.rowIDs[$0] })
    #expect(Set(data.trainingFeatures.rowIDs) == trainIDs)
    #expect(data.indices(of: .validation).count + data.indices(of: .test).count + train == 300)
  }

  /// A cap per origin takes a sample of exactly that many train customers, the same one
  /// every time and whatever the row order; a cap above the count takes them all.
  @Test func trainingRowsPerOriginAreASeededSampleOfTheTrainCustomers() throws {
    let builder = FeatureBuilder(ledger: PurchaseLedger(Self.regularLog()))
    let plan = BacktestPlan(asOf: 730, horizon: try Horizon(parsing: "90d"), firstDay: 0)
    let splitter = SplitAssigner(seed: 1)
    let all = BacktestDataset(builder: builder, plan: plan, splitter: splitter)
    let capped = BacktestDataset(builder: builder, plan: plan, splitter: splitter, trainingRowsPerOrigin: 50)
    let again = BacktestDataset(builder: builder, plan: plan, splitter: splitter, trainingRowsPerOrigin: 50)
    let train = all.indices(of: .train).count
    #expect(train > 50)
    #expect(capped.trainingUsed == [50, 50, 50, 50] && capped.trainingAvailable == [train, train, train, train])
    #expect(capped.trainingLabels.count == 200)
    #expect(capped.trainingFeatures.rowIDs == again.trainingFeatures.rowIDs)
    let trainIDs = Set(all.indices(of: .train).map { all.features.rowIDs[$0] })
    #expect(Set(capped.trainingFeatures.rowIDs).isSubset(of: trainIDs))
    // Each origin draws its own sample.
    #expect(capped.trainingFeatures.rowIDs[0..<50] != capped.trainingFeatures.rowIDs[50..<100])
    let uncapped = BacktestDataset(builder: builder, plan: plan, splitter: splitter, trainingRowsPerOrigin: 10_000)
    #expect(uncapped.trainingFeatures.rowIDs == all.trainingFeatures.rowIDs)
    #expect(uncapped.trainingUsed == uncapped.trainingAvailable)
  }

  /// From the logs the sample is drawn before the features are built; the dataset is the
  /// one drawn from every origin's full rows (the `clv features` path), row for row, and it
  /// reports the same number of available train customers.
  @Test func samplingBeforeTheFeaturesGivesTheSameDatasetAsSamplingAfter() throws {
    let builder = FeatureBuilder(ledger: PurchaseLedger(Self.regularLog()))
    let plan = BacktestPlan(asOf: 730, horizon: try Horizon(parsing: "90d"), firstDay: 0)
    let splitter = SplitAssigner(seed: 7)
    let full = builder.rows(asOf: plan.asOf, horizon: plan.horizon, origins: plan.origins, firstDay: plan.firstDay)
    let after = BacktestDataset(rows: full, plan: plan, splitter: splitter, trainingRowsPerOrigin: 40)
    let before = BacktestDataset(builder: builder, plan: plan, splitter: splitter, trainingRowsPerOrigin: 40)
    let (origins, available) = builder.backtestRows(plan: plan, splitter: splitter, trainingRowsPerOrigin: 40)
    #expect(origins.dropFirst().allSatisfy { $0.table.rowCount == 40 })
    #expect(origins[0].table.rowCount == 300)
    #expect(builder.forwardRows(asOf: plan.asOf) == full.forward)
    #expect(before.trainingFeatures == after.trainingFeatures)
    #expect(before.trainingLabels == after.trainingLabels && before.trainingOrigin == after.trainingOrigin)
    #expect(before.trainingAvailable == after.trainingAvailable && before.trainingUsed == after.trainingUsed)
    #expect(Array(before.trainingAvailable.dropFirst()) == plan.origins.dropFirst().map { available[$0] ?? -1 })
    #expect(before.features == after.features && before.labels == after.labels)
  }

  /// Dropping the cutoff's feature values keeps what a report reads after the backtest:
  /// ids, labels, splits and the training rows.
  @Test func droppingTheFeatureValuesKeepsIdsLabelsAndTrainingRows() throws {
    let builder = FeatureBuilder(ledger: PurchaseLedger(Self.regularLog()))
    let plan = BacktestPlan(asOf: 730, horizon: try Horizon(parsing: "90d"), firstDay: 0)
    let full = BacktestDataset(builder: builder, plan: plan, splitter: SplitAssigner(seed: 7))
    var dropped = full
    dropped.dropFeatureValues()
    #expect(full.features.numeric.count > 10)
    #expect(dropped.features.numeric.isEmpty && dropped.features.categorical.isEmpty)
    #expect(dropped.features.rowIDs == full.features.rowIDs && dropped.features.rowCount == 300)
    #expect(dropped.features.asOfDay == full.features.asOfDay)
    #expect(dropped.labels == full.labels && dropped.split == full.split)
    #expect(dropped.trainingFeatures == full.trainingFeatures && dropped.trainingLabels == full.trainingLabels)
  }
}
