/// Outcome of a check or gate, shown as a badge (pass / warn / fail, plus neutral states).
package enum ReportStatus: String, Sendable, Equatable, CaseIterable, Codable {
  /// The check passed.
  case pass
  /// The check passed with a reservation a reader should look at.
  case warn
  /// The check failed.
  case fail
  /// Informational, no judgement.
  case info
  /// The check was not run (e.g. no previous run to compare with).
  case skipped
  /// Nothing could be judged (no customers, no backtest, no gate evaluated): never a pass.
  case notAssessed = "not-assessed"

  /// Upper-case label used in badges: `PASS`, `WARN`, …, `NOT ASSESSED`.
  package var label: String { self == .notAssessed ? "NOT ASSESSED" : rawValue.uppercased() }

  /// Markdown badge: an emoji (colour is not the only cue; the word follows) and the label.
  package var markdownBadge: String {
    switch self {
    case .pass: return "✅ PASS"
    case .warn: return "⚠️ WARN"
    case .fail: return "❌ FAIL"
    case .info: return "ℹ️ INFO"
    case .skipped: return "⏭️ SKIPPED"
    case .notAssessed: return "⛔ NOT ASSESSED"
    }
  }

  /// A glyph that is readable without colour in HTML badges.
  package var symbol: String {
    switch self {
    case .pass: return "✓"
    case .warn: return "!"
    case .fail: return "✗"
    case .info: return "i"
    case .skipped: return "–"
    case .notAssessed: return "?"
    }
  }
}

/// The report's overall verdict: a status and a one-line message, shown first.
package struct Verdict: Sendable, Equatable {
  /// Overall status (usually the worst gate status).
  package var status: ReportStatus
  /// One line saying what the status means for the reader, e.g. "Ready to ship: all 6 gates pass."
  package var message: String

  /// A verdict.
  package init(status: ReportStatus, message: String) {
    self.status = status
    self.message = message
  }
}
