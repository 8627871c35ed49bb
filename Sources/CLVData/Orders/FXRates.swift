/// Exchange rates into one target currency, read from a small CSV:
///
/// ```csv
/// currency,rate_to_EUR
/// USD,0.92
/// GBP,1.17
/// ```
///
/// The second header names the target (`rate_to_` + code); each row says how many units
/// of the target one unit of `currency` is worth, so an amount converts as
/// `amount × rate`. Codes are compared case-insensitively (Stripe writes `usd`); the
/// target itself needs no row (rate 1). One rate per currency for the whole file: the
/// conversion is for adding amounts up, not for accounting to the day.
package struct FXRates: Sendable, Equatable, Codable {
  /// The target currency, upper-cased.
  package var target: String
  /// Upper-cased code → rate into ``target``.
  package var rates: [String: Double]

  package init(target: String, rates: [String: Double]) {
    self.target = target.uppercased()
    self.rates = Dictionary(uniqueKeysWithValues: rates.map { ($0.key.uppercased(), $0.value) })
    self.rates[self.target] = self.rates[self.target] ?? 1
  }

  /// The rate of `currency` into ``target``, or nil when there is none.
  package func rate(_ currency: String) -> Double? { rates[currency.trimmingASCIISpaces().uppercased()] }

  /// Reads a rates file.
  /// - Throws: ``IngestError`` when the file is missing or not CSV,
  ///   ``OrderRulesError/badRatesFile(path:line:reason:)`` when its content is unusable.
  package static func load(path: String) throws -> FXRates {
    let file = try MappedFile(path: path)
    return try file.withBytes { try parse($0, path: path) }
  }

  /// Parses rates from CSV bytes (`path` for messages).
  package static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> FXRates {
    var reader = CSVReader(bytes: bytes, fileName: path)
    var record = CSVRecord()
    do {
      guard try reader.next(into: &record) else {
        throw OrderRulesError.badRatesFile(path: path, line: nil, reason: "the file is empty")
      }
      let header = record.strings.map { $0.trimmingASCIISpaces() }
      let prefix = "rate_to_"
      guard header.count == 2, header[0].lowercased() == "currency", header[1].lowercased().hasPrefix(prefix),
        header[1].count > prefix.count
      else {
        throw OrderRulesError.badRatesFile(
          path: path, line: record.line,
          reason: "the header is '\(header.joined(separator: ","))', expected 'currency,rate_to_XXX'")
      }
      let target = String(header[1].dropFirst(prefix.count))
      var rates = [String: Double]()
      while try reader.next(into: &record) {
        guard record.count == 2 else {
          throw OrderRulesError.badRatesFile(
            path: path, line: record.line, reason: "expected 2 fields, found \(record.count)")
        }
        let code = record.string(0).trimmingASCIISpaces().uppercased()
        let text = record.string(1).trimmingASCIISpaces()
        guard !code.isEmpty else {
          throw OrderRulesError.badRatesFile(path: path, line: record.line, reason: "the currency is empty")
        }
        guard let rate = Double(text), rate.isFinite, rate > 0 else {
          throw OrderRulesError.badRatesFile(
            path: path, line: record.line, reason: "'\(text)' is not a positive rate")
        }
        guard rates[code] == nil else {
          throw OrderRulesError.badRatesFile(path: path, line: record.line, reason: "\(code) has two rates")
        }
        rates[code] = rate
      }
      guard !rates.isEmpty else {
        throw OrderRulesError.badRatesFile(path: path, line: nil, reason: "the file has no rates")
      }
      return FXRates(target: target, rates: rates)
    } catch let e as CSVParseError {
      throw IngestError.malformedCSV(e)
    }
  }
}
