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
  /// Nothing could be judged (no customers, no backtest, no gate evaluated…); the report
  /// was written and its verdict says why.
  static let notAssessed: Int32 = 4
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
  /// Another run is writing the same output folder; try again later (EX_TEMPFAIL).
  static let busy: Int32 = 75

  /// Longest line of a message printed whole; longer ones keep their start and end.
  static let lineLimit = 1_500

  /// `message` safe for a terminal: control and bidi characters from input data shown as
  /// `\u{…}` (line breaks kept), and no line longer than ``lineLimit`` characters (a
  /// message that quotes a 100 MB header line stays readable). The messages shorten the
  /// data they quote themselves (`MessageText`); this is the last guard.
  static func printable(_ message: String) -> String {
    message.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      var out = ""
      for scalar in line.unicodeScalars {
        if MessageText.isInvisibleControl(scalar) {
          out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
      guard out.count > lineLimit else { return out }
      let cut = out.count - lineLimit
      return String(out.prefix(lineLimit * 3 / 4)) + " … (\(cut) characters left out) … "
        + String(out.suffix(lineLimit / 4))
    }.joined(separator: "\n")
  }

  /// The message and status for an error thrown by a command, or nil for the
  /// errors ArgumentParser reports itself (help, usage, `ExitCode`).
  static func describe(_ error: any Error) -> (message: String, status: Int32)? {
    switch error {
    case let e as PipelineError:
      switch e {
      case .configUnreadable, .invalidOption, .invalidGate, .unknownModel, .notesUnreadable:
        return ("error: \(e)", usage)
      case .previousRunUnreadable, .modelUnreadable: return ("error: \(e)", noInput)
      case .nonFiniteOutput: return ("error: \(e)", software)
      case .previousRunMalformed: return ("error: \(e)", dataError)
      case .modelDoesNotFit, .modelNeedsLogs, .noUsableForwardPredictions: return ("error: \(e)", dataError)
      }
    case let e as FeatureError:
      return ("error: \(e)", usage)
    case let e as FeatureRowsError:
      return ("error: \(e)", dataError)
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
      case .badRatesFile, .mixedCurrencies, .currencyAbsent, .missingRate, .presetDoesNotFit:
        return ("error: \(e)", dataError)
      }
    case let e as TemplatesNotFoundError:
      return ("error: \(e)", noInput)
    case let e as ReportRenderError:
      return ("error: the report templates are broken: \(e)", dataError)
    case let e as OutputTargetError:
      if case .locked = e { return ("error: \(e)", busy) }
      return ("error: \(e)", usage)
    case let e as ReportCheckError:
      return ("error: \(e)", software)
    case let e as OutputError:
      return ("error: \(e)", cannotCreate)
    default:
      return nil
    }
  }
}
