import Foundation

extension JSONValue: Decodable {
  /// Decodes any JSON document (used to read a previous run's files and to
  /// embed `Encodable` values in ``JSONValue`` trees).
  package init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let x = try? c.decode(Double.self) {
      self = .number(x)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([JSONValue].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: JSONValue].self))
    }
  }

  /// The tree of an `Encodable` value, through `JSONEncoder` (nil fields are left out).
  /// A NaN or infinity in the value stays a non-finite ``number(_:)`` in the tree, so
  /// ``serialized()`` names its field instead of the encoder failing here.
  package init(encoding value: some Encodable) {
    let encoder = JSONEncoder()
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: Self.positiveInfinityMark, negativeInfinity: Self.negativeInfinityMark, nan: Self.nanMark)
    do {
      let data = try encoder.encode(value)
      self = try JSONDecoder().decode(JSONValue.self, from: data).restoringNonFinite()
    } catch {
      // With non-finite numbers handled, only a broken Encodable conformance can fail.
      preconditionFailure("a value the pipeline builds must encode as JSON: \(error)")
    }
  }

  private static let positiveInfinityMark = "\u{1}clv:+infinity"
  private static let negativeInfinityMark = "\u{1}clv:-infinity"
  private static let nanMark = "\u{1}clv:nan"

  /// The tree with the encoder's marks for non-finite numbers turned back into numbers.
  private func restoringNonFinite() -> JSONValue {
    switch self {
    case .string(Self.positiveInfinityMark): return .number(.infinity)
    case .string(Self.negativeInfinityMark): return .number(-.infinity)
    case .string(Self.nanMark): return .number(.nan)
    case .array(let items): return .array(items.map { $0.restoringNonFinite() })
    case .object(let fields): return .object(fields.mapValues { $0.restoringNonFinite() })
    default: return self
    }
  }
}
