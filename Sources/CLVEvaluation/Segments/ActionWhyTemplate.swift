import Foundation

/// Fills `{placeholder}`s in a playbook why-text.
///
/// Placeholders: `{segment}` (the segment's name), `{budget}` (budget per customer,
/// 2 decimals) and any metric of ``SegmentProfile/metrics``. Formatting: `size` as an
/// integer; `churn_risk` and `*_share` as whole percentages ("62%"); everything else
/// with 2 decimals. `{{` and `}}` write literal braces.
enum ActionWhyTemplate {
  /// The placeholder names used in `template`, in order; throws on an unclosed `{`.
  static func placeholders(
    in template: String, action: String
  ) throws(ActionCatalogueError)
    -> [String]
  {
    var names = [String]()
    try scan(template, action: action) { names.append($0) }
    return names
  }

  /// `template` with every placeholder replaced.
  static func render(
    _ template: String, action: String, segmentName: String, budget: Double,
    metrics: [String: Double]
  ) throws(ActionCatalogueError) -> String {
    var out = ""
    var failure: ActionCatalogueError?
    try scan(template, action: action, literal: { out.append($0) }) { name in
      if name == "segment" {
        out += segmentName
      } else if name == "budget" {
        out += String(format: "%.2f", budget)
      } else if let v = metrics[name] {
        out += format(name, v)
      } else if failure == nil {
        failure = .unknownPlaceholder(
          action: action, placeholder: name, known: metrics.keys.sorted())
      }
    }
    if let failure { throw failure }
    return out
  }

  /// A metric value formatted for reading (see the type's documentation).
  static func format(_ name: String, _ value: Double) -> String {
    if name == "size" { return String(Int(value.rounded())) }
    if name == "churn_risk" || name.hasSuffix("_share") {
      return String(format: "%.0f%%", value * 100)
    }
    return String(format: "%.2f", value)
  }

  /// Walks `template`, calling `literal` for plain characters and `placeholder` for
  /// each `{name}`.
  private static func scan(
    _ template: String, action: String, literal: (Character) -> Void = { _ in },
    placeholder: (String) -> Void
  ) throws(ActionCatalogueError) {
    var i = template.startIndex
    while i < template.endIndex {
      let c = template[i]
      let next = template.index(after: i)
      if (c == "{" || c == "}") && next < template.endIndex && template[next] == c {
        literal(c)
        i = template.index(after: next)
        continue
      }
      if c == "{" {
        guard let close = template[next...].firstIndex(of: "}") else {
          throw .unknownPlaceholder(action: action, placeholder: String(template[next...]), known: [])
        }
        placeholder(String(template[next..<close]))
        i = template.index(after: close)
        continue
      }
      literal(c)
      i = next
    }
  }
}
