import ArgumentParser
import CLVData
import CLVPipeline
import Foundation

/// `clv inspect FILE…`: how `clv report` would read the files, without running anything.
struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Show how the input files are read: dialect, encoding, columns, row outcomes, first rows.",
    discussion: """
      For each file: the detected (or set) delimiter, encoding, date and number forms, which column \
      was taken for which role, the rows by outcome (kept, duplicates, without a customer id, \
      refunds, quarantined by reason), the date range, the first rows as read and the summary of \
      the first customers. Files given as arguments have their kind guessed from their columns; \
      --transactions, --customers and --events name it. Reads the same options as `clv report` \
      (columns, formats, per-file settings). Writes nothing. Exit status: 0 all files readable \
      within --max-bad-rows, 65 bad input data (the report would stop), 66 a file is missing.
      """
  )

  @Argument(help: "Files to inspect (kind guessed from the columns; '-' is standard input).")
  var files: [String] = []

  /// The input and reading options of `clv report` (declared in CLVPipeline's `RunSettings.swift`).
  @OptionGroup var inputs: InputSettings

  func run() throws {
    try Self.show(InspectionPlan.inputs(files: files, settings: inputs))
  }

  /// Prints the inspection of `inputs` on stdout; throws the exit status of the first file
  /// that cannot be read (its error is in the text already), as `report` would exit.
  static func show(_ inputs: [Inspection.Input]) throws {
    let outcome = Inspection.run(inputs)
    print(outcome.text, terminator: "")
    if let first = outcome.errors.first { throw ExitCode(ExitStatus.describe(first)?.status ?? ExitStatus.dataError) }
  }
}
