import ArgumentParser
import CLVData
import CLVFeatures
import CLVPipeline
import CLVReport
import Foundation

/// The one place where errors become a message on stderr and an exit status.
///
/// Statuses follow BSD `sysexits.h` where one fits, so scripts can tell a bad
/// flag from bad data from a failed quality gate.
enum ExitStatus {
  /// Success.
  static let ok: Int32 = 0
  /// A quality gate failed; the whole report was written.
  static let gateFailed: Int32 = 3
  /// Bad usage: unknown flag, invalid option value (EX_USAGE).
  static let usage: Int32 = 64
  /// The input data is bad: missing column, too many bad rows (EX_DATAERR).
  static let dataError: Int32 = 65
  /// An input file is missing or unreadable (EX_NOINPUT).
  static let noInput: Int32 = 66
  /// An internal error: a bug (EX_SOFTWARE).
  static let software: Int32 = 70
  /// The output cannot be written (EX_CANTCREAT).
  static let cannotCreate: Int32 = 73

  /// The message and status for an error thrown by a command, or nil for the
  /// errors ArgumentParser reports itself (help, usage, `ExitCode`).
  static func describe(_ error: any Error) -> (message: String, status: Int32)? {
    switch error {
    case let e as PipelineError:
      switch e {
      case .configUnreadable, .invalidOption, .invalidGate, .unknownModel, .notesUnreadable: return ("error: \(e)", usage)
      case .previousRunUnreadable, .modelUnreadable: return ("error: \(e)", noInput)
      case .modelDoesNotFit: return ("error: \(e)", dataError)
      }
    case let e as FeatureError:
      return ("error: \(e)", usage)
    case let e as IngestError:
      switch e {
      case .fileNotFound, .unreadable: return ("error: \(e)", noInput)
      case .badDateFormat: return ("error: \(e)", usage)
      case .emptyFile, .headerOnly, .missingColumn, .malformedCSV, .tooManyBadRows, .unsupportedFormat,
        .corruptCompressed, .ambiguousDecimal, .ambiguousDates, .ambiguousColumn:
        return ("error: \(e)", dataError)
      }
    case let e as OrderRulesError:
      switch e {
      case .unknownPreset, .conflictingSettings: return ("error: \(e)", usage)
      case .badRatesFile, .mixedCurrencies, .currencyAbsent, .missingRate, .presetDoesNotFit: return ("error: \(e)", dataError)
      }
    case let e as TemplatesNotFoundError:
      return ("error: \(e)", noInput)
    case let e as ReportRenderError:
      return ("error: the report templates are broken: \(e)", dataError)
    case let e as ReportCheckError:
      return ("error: \(e)", software)
    case let e as OutputError:
      return ("error: \(e)", cannotCreate)
    default:
      return nil
    }
  }
}
