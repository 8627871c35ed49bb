import ArgumentParser

/// The `clv` command: customer lifetime value from a transaction log to a report.
@main
struct CLV: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clv",
    abstract: "Predict customer lifetime value and publish the evidence as a report.",
    version: "0.1.0",
    subcommands: [BenchCommand.self, SampleDataCommand.self]
  )
}
