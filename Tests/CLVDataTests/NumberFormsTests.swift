import Testing

@testable import CLVData

/// Every number form of issue #11, read as the amount of a one-row transactions file (so the
/// column's mark is detected from that one value, as a user's file would be), and the
/// ambiguous and contradicting cases' errors.
@Suite struct NumberFormsTests {
  static func amounts(
    _ values: [String], decimal: DecimalMark? = nil, delimiter: Delimiter = .semicolon
  ) throws
    -> (amounts: [Double], summary: IngestSummary)
  {
    let d = delimiter.rawValue
    let rows = values.enumerated().map { "C\($0.offset)\(d)2024-01-05\(d)\($0.element)" }
    let text = (["customer_id\(d)order_date\(d)amount"] + rows).joined(separator: "\n") + "\n"
    let settings = FileReadSettings(delimiter: delimiter, decimal: decimal, maxBadRowFraction: 1)
    let (log, s) = try TransactionLoader(settings: settings).load(bytes: Array(text.utf8), path: "n.csv")
    return (log.amount, s)
  }

  @Test(arguments: [
    ("12.50", 12.5, "decimal point"), ("12,50", 12.5, "decimal comma"), ("1.234,56", 1234.56, "decimal comma"),
    ("1,234.56", 1234.56, "decimal point"), ("1 234,56", 1234.56, "decimal comma"),
    ("1\u{00A0}234,56", 1234.56, "decimal comma"), ("1\u{202F}234,56", 1234.56, "decimal comma"),
    ("1\u{2009}234.5", 1234.5, "decimal point"), ("1'234.50", 1234.5, "decimal point"),
    ("$12.00", 12, "decimal point"), ("12,00 €", 12, "decimal comma"), ("12,00\u{00A0}€", 12, "decimal comma"),
    ("EUR 12.00", 12, "decimal point"), ("12.00 USD", 12, "decimal point"), ("US$ 5.25", 5.25, "decimal point"),
    ("£1,234.50", 1234.5, "decimal point"), ("€1.234,56", 1234.56, "decimal comma"), ("(12.00)", -12, "decimal point"),
    ("($1,234.56)", -1234.56, "decimal point"), ("-$12.00", -12, "decimal point"), ("$-12.00", -12, "decimal point"),
    ("12.00-", -12, "decimal point"), ("+12.5", 12.5, "decimal point"), ("+12,5", 12.5, "decimal comma"),
    ("1,234,567", 1_234_567, "decimal point"), ("1.234.567", 1_234_567, "decimal comma"),
    ("1.234.567,89", 1_234_567.89, "decimal comma"), ("0,5", 0.5, "decimal comma"), ("0.125", 0.125, "decimal point"),
    ("1234,5", 1234.5, "decimal comma"), ("-0,99", -0.99, "decimal comma"), ("12 kr", 12, "whole numbers"),
    ("₹ 1,500.00", 1500, "decimal point"), ("CHF 1'250.00", 1250, "decimal point"), ("1e3", 1000, "whole numbers"),
  ])
  func readsTheForm(_ text: String, _ expected: Double, _ mark: String) throws {
    let (a, s) = try Self.amounts([text])
    #expect(a == [expected])
    #expect(s.dialect.numbers["amount"]?.hasPrefix(mark) == true, "\(s.dialect.numbers)")
    #expect(s.quarantinedRows == 0)
  }

  @Test(arguments: [
    // (value, forced mark): not a number in that notation.
    ("12,50", DecimalMark.point), ("1.234,56", .point), ("1,2345", .point), ("12.50", .comma), ("1,234.56", .comma),
    ("1.2.3", .point), ("1,23,456", .point), ("N/A", .point), ("$", .point), ("--5", .point), ("(5", .point),
    ("5 5", .point), ("1,234 567", .point), ("12 abc", .point), ("nan", .point), ("inf", .point), ("0x1F", .point),
  ])
  func rejectsWhatIsNotANumberInTheNotation(_ text: String, _ mark: DecimalMark) throws {
    let (a, s) = try Self.amounts(["1", text], decimal: mark)
    #expect(a == [1])
    #expect(s.quarantineCounts == ["bad_amount": 1])
    #expect(s.dialect.numbers["amount"]?.hasPrefix("\(mark.shown) (set)") == true)
  }

  @Test func aColumnOfOnlyThousandLikeValuesIsAnErrorThatNamesTheFlag() throws {
    #expect(
      throws: IngestError.ambiguousDecimal(
        path: "n.csv", column: "amount", examples: ["1,234", "2,500"],
        option: SettingHint(flag: "--decimal", fileFlag: "--transactions-decimal"))
    ) {
      try Self.amounts(["1,234", "2,500", "1,234", "7"])
    }
    let message = IngestError.ambiguousDecimal(
      path: "n.csv", column: "amount", examples: ["1,234"],
      option: SettingHint(flag: "--decimal", fileFlag: "--transactions-decimal")
    ).description
    #expect(
      message == "n.csv: the numbers in column 'amount' read two ways: '1,234' could use a decimal point "
        + "with thousands separators (1,234 = 1234) or a decimal comma (1,234 = 1.234), and no value in the column "
        + "tells which. Say which with --decimal point or --decimal comma (for this file alone: --transactions-decimal)."
    )
  }

  @Test func thousandLikeValuesWaitForTheColumnsMark() throws {
    // The first values read two ways; line 4 tells: decimal comma. They are then 1.234 and 2.5.
    var (a, s) = try Self.amounts(["1,234", "2,500", "12,50"])
    #expect(a == [1.234, 2.5, 12.5])
    #expect(s.dialect.numbers["amount"] == "decimal comma (detected from line 4: '12,50')")
    // … or a decimal point, then they are thousands.
    (a, s) = try Self.amounts(["1,234", "2,500", "12.50"])
    #expect(a == [1234, 2500, 12.5])
    // Forced: no question.
    (a, _) = try Self.amounts(["1,234"], decimal: .point)
    #expect(a == [1234])
    (a, _) = try Self.amounts(["1,234"], decimal: .comma)
    #expect(a == [1.234])
  }

  @Test func aValueInTheOtherNotationIsABadRowThatSaysWhy() throws {
    let (a, s) = try Self.amounts(["1.234,56", "12.50", "7"])
    #expect(a == [1234.56, 7])
    #expect(
      s.quarantineSamples.map(\.detail) == [
        "cannot read '12.50' as a number with a decimal comma (the column's, detected from line 2: '1.234,56'); "
          + "it reads with a decimal point"
      ])
  }

  @Test func stripeAmountsWithThousandsSeparatorsAreReadNotQuarantined() throws {
    // Issue #11: Stripe's "1,234.56" was quarantined — the largest orders.
    let text =
      "id,Created date (UTC),Amount,Customer ID\n"
      + "ch_1,2023-01-05 10:21:33,\"1,234.56\",cus_A\nch_2,2023-01-06 11:00:00,45.00,cus_B\n"
      + "ch_3,2023-01-07 12:00:00,\"12,345.00\",cus_A\n"
    let (log, s) = try TransactionLoader().load(bytes: Array(text.utf8), path: "stripe.csv")
    #expect(log.amount == [1234.56, 45, 12345])
    #expect(s.quarantinedRows == 0)
    #expect(
      s.columnMapping == ["customer": "Customer ID", "date": "Created date (UTC)", "amount": "Amount", "order": "id"])
  }

  @Test func severalCurrencySignsAreStated() throws {
    let (a, s) = try Self.amounts(["$12.00", "€5.00"])
    #expect(a == [12, 5])
    #expect(
      s.notes.contains(
        "the amount column shows several currencies ('$', '€'): amounts are added as written, without conversion"))
  }

  @Test(arguments: ["12.50", "-3", "+0.1", ".5", "1e3", "0.1", "123456789.123456789", "00012", "-0"])
  func plainValuesEqualTheStandardLibrary(_ text: String) throws {
    let (a, _) = try Self.amounts([text])
    #expect(a == [Double(text)!])
  }
}
