/// Why a benchmark could not run: a bad option value, a missing input, or a failed step.
/// `clv`'s one error mapping (`ExitStatus.describe`) gives each its exit status.
package enum BenchmarkError: Error, Equatable, CustomStringConvertible {
  /// A benchmark name that is not one of `known`.
  case unknownBenchmark(String, known: [String])
  /// `--size` below what the benchmark needs (``Benchmark/minimumSize``, with its reason).
  case sizeTooSmall(benchmark: String, size: Int, minimum: Int, unit: String, reason: String)
  /// Another option's value is out of its range, e.g. an unknown `--job`.
  case badOption(name: String, value: String, expected: String)
  /// An input file named by an option (`--file`, `--peer`, `--python`, `--report-binary`) is missing.
  case fileNotFound(option: String, path: String)
  /// The input file has no transaction with a positive amount.
  case noRows(String)
  /// Every order of the input file is in the peer's holdout (its last `holdoutDays` days).
  case noCalibration(String, holdoutDays: Int)
  /// A program could not be started.
  case cannotStart(String, reason: String)
  /// A file the benchmark writes (its generated data) cannot be written.
  case cannotWrite(String)
  /// A child process (a measured job) exited with a failure `status`; its output is in the log.
  case childFailed(String, status: Int32)

  /// What went wrong and what to do.
  package var description: String {
    switch self {
    case .unknownBenchmark(let name, let known):
      return "unknown benchmark '\(name)'; known: \(known.joined(separator: ", ")) (see 'clv bench --help')."
    case .sizeTooSmall(let benchmark, let size, let minimum, let unit, let reason):
      let units = minimum == 1 && unit.hasSuffix("s") ? String(unit.dropLast()) : unit
      return "invalid value '\(size)' for --size: the \(benchmark) benchmark needs at least \(minimum.formatted()) "
        + "\(units) (\(reason)); leave --size out for its default."
    case .badOption(let name, let value, let expected):
      return "invalid value '\(value)' for --\(name): expected \(expected)."
    case .fileNotFound(let option, let path):
      return "\(path) (--\(option)): no such file. Check the path (relative paths start at the current directory)."
    case .noRows(let path):
      return "\(path) has no transactions with a positive amount; pass a transactions file with orders."
    case .noCalibration(let path, let days):
      return "\(path): every order is in the last \(days) days, the peer's holdout; the work needs orders before "
        + "them (pass a longer history)."
    case .cannotStart(let command, let reason):
      return "cannot start \(command): \(reason). Check the path of the program."
    case .cannotWrite(let path):
      return "cannot write the generated data to \(path); check the free space of the temporary folder."
    case .childFailed(let command, let status):
      return "\(command) exited with status \(status)."
    }
  }

  /// The exit status of a failed child when it is one of `clv`'s documented ones (64–78), so a
  /// `clv bench pipeline --file` on a bad file ends as `clv report` on it would; nil otherwise.
  package var childStatus: Int32? {
    guard case .childFailed(_, let status) = self, (64...78).contains(status) else { return nil }
    return status
  }
}
