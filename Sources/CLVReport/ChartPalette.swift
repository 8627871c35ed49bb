/// Colours and line styles of charts. Series colours are the Okabe–Ito palette, which
/// stays distinguishable under the common colour-vision deficiencies (Okabe & Ito,
/// "Color Universal Design", 2008; Wong, Nature Methods 8:441, 2011). Series also differ
/// by dash pattern, so colour is never the only cue (WCAG 2.1 SC 1.4.1).
///
/// Every colour is written as an SVG presentation attribute (legible with no CSS at all,
/// e.g. under a strict Content-Security-Policy or in a standalone `.svg`), plus a class
/// (`s0`…`s7`, `ink`, `muted`, `grid`, `axis`, `chart-bg`) that the HTML page's CSS uses
/// to switch to dark-mode variables. CSS beats presentation attributes in the cascade.
package enum ChartPalette {
  /// Okabe–Ito, reordered so the first colours contrast best on white:
  /// blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black.
  package static let series = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
  ]
  /// Dash patterns by series index (solid, dashed, dotted, dash-dot, …).
  package static let dashes: [String?] = [nil, "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 2 1 2", "3 3"]
  /// Grey for reference series (random baseline, perfect model, y = x).
  package static let reference = "#6B7280"
  /// Main text colour.
  package static let ink = "#1F2937"
  /// Secondary text (ticks, notes).
  package static let muted = "#4B5563"
  /// Grid lines.
  package static let grid = "#E5E7EB"
  /// Axis lines and markers.
  package static let axis = "#6B7280"
  /// Chart background (kept opaque so standalone SVGs read on dark GitHub themes too).
  package static let background = "#FFFFFF"
  /// Font stack written on every chart.
  package static let font = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

  /// Colour of series `index` (wraps around).
  package static func color(_ index: Int) -> String { series[index % series.count] }
  /// Dash pattern of series `index` (wraps around; nil = solid).
  package static func dash(_ index: Int) -> String? { dashes[index % dashes.count] }
}
