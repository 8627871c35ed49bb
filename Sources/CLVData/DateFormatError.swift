/// A `--date-format` that cannot be used, with what to write instead.
package enum DateFormatError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A `%` directive the parser does not know, e.g. `%Q`.
  case unsupportedDirective(String, format: String)
  /// A trailing `%` with nothing after it.
  case danglingPercent(format: String)
  /// The format has no year, or neither month-and-day nor day-of-year.
  case noDay(format: String)

  /// The message shown to the user.
  package var description: String {
    let supported = "%Y %y %m %d %e %j %b %B %H %I %M %S %f %p %z %F %T %%"
    switch self {
    case .unsupportedDirective(let d, let format):
      return "date format '\(format)': unsupported directive \(d). Supported: \(supported); "
        + "write other characters literally (e.g. --date-format '%d/%m/%Y')."
    case .danglingPercent(let format):
      return "date format '\(format)' ends with a lone '%'; write '%%' for a literal percent sign."
    case .noDay(let format):
      return "date format '\(format)' does not determine a day: it needs a year (%Y or %y) and "
        + "either a month and day (%m or %b, and %d or %e) or a day of the year (%j)."
    }
  }
}
