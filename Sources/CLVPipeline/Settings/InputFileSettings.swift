import CLVData

/// One input file of a run: which it is, where it is and how to read it.
package struct InputFileSettings: Sendable, Equatable {
  package var kind: InputFile
  package var path: String
  /// What its loader is given, resolved from the per-file and global settings.
  package var read: FileReadSettings
}

/// The files of a run with their settings (``InputSettings/resolved()``), and the columns
/// only one file has.
package struct ResolvedInputs: Sendable, Equatable {
  package var transactions: InputFileSettings
  package var customers: InputFileSettings?
  package var events: InputFileSettings?
  /// Amount and order id columns of the transaction log.
  package var columns: TransactionColumns
  /// Event type column of the event log (nil: `event_type` or a recognised one).
  package var eventTypeColumn: String?
  /// The event types that get feature columns (`--event-types`; nil: those in the log).
  package var eventTypes: [String]? = nil
  /// What the transaction rows mean, as given (presets, line items, status, refunds,
  /// currencies, id rules); ``OrderSettingsResolver`` combines it with the file's header.
  package var orders = OrderOptions()

  /// The files in reading order.
  package var files: [InputFileSettings] { [transactions] + [customers, events].compactMap { $0 } }
}
