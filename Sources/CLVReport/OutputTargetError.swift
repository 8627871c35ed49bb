/// Why `clv` refuses to write where it was told to: the path would destroy something that
/// is not its own (a usage error: pick another path), or another run is writing there.
package enum OutputTargetError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The output path is empty (e.g. an unset shell variable).
  case emptyPath(option: String)
  /// The output folder exists and is a file (or the output file is a folder).
  case wrongKind(path: String, option: String, expected: String)
  /// The folder holds files `clv` did not write; `count` of them, `examples` the first.
  case foreignContents(path: String, option: String, examples: [String], count: Int)
  /// The folder is, or contains, an input of this run.
  case holdsInput(path: String, option: String, input: String)
  /// The folder may never be replaced: `.`/`..` or another ancestor of the current
  /// directory, the home directory, the root.
  case protectedFolder(path: String, option: String, what: String)
  /// The output folder is a symbolic link (replacing it would replace the link).
  case symbolicLink(path: String, option: String, destination: String)
  /// Another run holds the folder's lock.
  case locked(path: String, lockFile: String)
  /// The output file is one of this run's inputs.
  case overwritesInput(path: String, option: String, input: String)
  /// The output file exists and is not a file the command (`clv score`, `clv features`) wrote.
  case foreignFile(path: String, option: String, expectedStart: String)
  /// The output folder already holds files of the names the command writes (`clv sample-data`).
  case existingFiles(folder: String, option: String, names: [String])

  /// What is wrong and what to do.
  package var description: String {
    switch self {
    case .emptyPath(let option):
      return "\(option) is empty. Name the output explicitly (an unset shell variable gives an empty value)."
    case .wrongKind(let path, let option, let expected):
      return "\(option) \(path) exists and is not \(expected). Choose another \(option)."
    case .foreignContents(let path, let option, let examples, let count):
      let shown = examples.map { "'\($0)'" }.joined(separator: ", ") + (count > examples.count ? ", …" : "")
      return "\(option) \(path) holds \(count) file(s) that clv did not write (\(shown)). clv replaces its "
        + "output folder as a whole, so it writes only into a new or empty folder or one it wrote before "
        + "(marked by a .clv-report file). Choose another \(option), or pass --force to delete and replace "
        + "\(path)."
    case .holdsInput(let path, let option, let input):
      return "\(option) \(path) holds the input \(input); replacing it would delete the input. Choose an "
        + "output folder outside the input folders (e.g. \(option) reports/latest)."
    case .protectedFolder(let path, let option, let what):
      return "\(option) \(path) is \(what); clv never replaces it (not even with --force). Choose a folder "
        + "of its own, e.g. \(option) reports/latest."
    case .symbolicLink(let path, let option, let destination):
      return "\(option) \(path) is a symbolic link to \(destination); replacing it would replace the link. "
        + "Pass the folder itself: \(option) \(destination)."
    case .locked(let path, let lockFile):
      return "another clv run is writing \(path) (it holds the lock \(lockFile)). Wait for it to finish, "
        + "or write somewhere else."
    case .overwritesInput(let path, let option, let input):
      return "\(option) \(path) is the input \(input); writing there would destroy it. Choose another "
        + "output file."
    case .foreignFile(let path, let option, let expectedStart):
      return "\(option) \(path) exists and is not what an earlier run of this command wrote (its first line "
        + "does not start with '\(expectedStart)'). Choose another \(option), or pass --force to replace it."
    case .existingFiles(let folder, let option, let names):
      return "\(option) \(folder) already holds \(names.joined(separator: ", ")); clv sample-data never "
        + "replaces files without being told to. Choose another \(option), or pass --force to replace them."
    }
  }
}
