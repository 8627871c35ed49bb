import Foundation

extension JSONValue: Decodable {
  /// Decodes any JSON document (used to read a previous run's files and to
  /// embed `Encodable` values in ``JSONValue`` trees).
  public init(from decoder: any Decoder) throws {
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
  public init(encoding value: some Encodable) {
    do {
      let data = try JSONEncoder().encode(value)
      self = try JSONDecoder().decode(JSONValue.self, from: data)
    } catch {
      preconditionFailure("a value the pipeline builds must encode as JSON: \(error)")
    }
  }
}
