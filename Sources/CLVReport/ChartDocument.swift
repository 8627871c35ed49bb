/// The outer `<svg>` shared by every chart: namespace, size, accessible name and
/// description with ids unique per figure, default font and an opaque background.
enum ChartDocument {
  /// Wraps the chart body written by `body` in a complete SVG document.
  static func render(
    id: String, title: String, description: String, width: Double, height: Double,
    body: (inout SVGWriter) -> Void
  ) -> String {
    var w = SVGWriter()
    w.open(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart"), ("width", px(width)),
        ("height", px(height)), ("viewBox", "0 0 \(px(width)) \(px(height))"), ("role", "img"),
        ("aria-labelledby", "\(id)-title \(id)-desc"), ("font-family", ChartPalette.font),
        ("font-size", "11"), ("fill", ChartPalette.ink),
      ])
    w.element("title", [("id", "\(id)-title")], content: title)
    w.element("desc", [("id", "\(id)-desc")], content: description)
    w.leaf(
      "rect",
      [("class", "chart-bg"), ("width", px(width)), ("height", px(height)), ("fill", ChartPalette.background)])
    body(&w)
    w.close("svg")
    return w.text
  }
}
