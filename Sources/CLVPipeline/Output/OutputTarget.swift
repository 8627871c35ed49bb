import CLVReport
import Foundation

/// The output folder of a `clv report` run, checked and locked before any work starts:
/// the run fails fast (usage error) instead of computing for minutes and then refusing
/// to write, and no second run can write the same folder meanwhile.
struct OutputTarget: Sendable {
  /// The resolved folder to write.
  let folder: URL
  /// The folder's lock, held until ``release()`` (or the end of the process).
  let lock: OutputLock

  /// Checks `options.out` against ``OutputFolderClaim`` (the run's inputs: the three
  /// data files, the config and notes files, the templates folder), takes its lock, and checks
  /// again under the lock.
  /// - Throws: ``OutputTargetError`` (usage, or `locked`), ``OutputError``.
  static func claim(_ options: RunSettings, files: ResolvedInputs, configFile: String?) throws -> OutputTarget {
    let force = options.force
    let inputs = [
      files.transactions.path, files.customers?.path, files.events?.path, configFile, options.notes,
      try? TemplateLocator.locate(explicit: options.templates),
    ].compactMap { $0 }
    let folder = try OutputFolderClaim.check(options.out, inputs: inputs, force: force)
    let lock = try OutputLock(target: folder)
    do {
      _ = try OutputFolderClaim.check(options.out, inputs: inputs, force: force)
    } catch {
      lock.release()
      throw error
    }
    TestPause.at("locked")
    return OutputTarget(folder: folder, lock: lock)
  }

  /// Releases the lock (after the write).
  func release() { lock.release() }
}
