import ArgumentParser
import CLVPipeline
import Foundation

/// The `clv` command: customer lifetime value from a transaction log to a report.
///
/// The executable only parses options, calls the pipeline and maps errors to
/// exit statuses (``ExitStatus``); all logic lives in the libraries.
@main
struct CLV: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clv",
    abstract: "Predict customer lifetime value and publish the evidence as a report.",
    version: "0.1.0",
    subcommands: [
      ReportCommand.self, FeaturesCommand.self, InspectCommand.self, ScoreCommand.self, SampleDataCommand.self,
      BenchCommand.self,
    ]
  )

  /// Entry point: runs the command and maps every error in one place.
  static func main() async {
    MallocPolicy.apply()
    do {
      // A --config file becomes the options it stands for, before the user's own (flags win).
      var command = try parseAsRoot(ConfigFile.expanding(Array(CommandLine.arguments.dropFirst())))
      if var async = command as? any AsyncParsableCommand {
        try await async.run()
      } else {
        try command.run()
      }
    } catch {
      if let (message, status) = ExitStatus.describe(error) {
        FileHandle.standardError.write(Data((ExitStatus.printable(message) + "\n").utf8))
        Foundation.exit(status)
      }
      exit(withError: error)
    }
  }
}
