import Testing

@testable import CLVData

/// Every date form of issue #11 read as a transactions file's date column, detected from the
/// column's own values or named per file; expected days from `CivilDate` (checked against GNU
/// `date` in CivilDateTests) and, for epochs, `date -u -d @1709636134` = 2024-03-05 10:55:34 UTC.
@Suite struct DateFormsTests {
  static func days(_ values: [String], format: String? = nil) throws -> (days: [String], summary: IngestSummary) {
    let rows = values.enumerated().map { "C\($0.offset);\($0.element);1" }
    let text = (["customer_id;order_date;amount"] + rows).joined(separator: "\n") + "\n"
    let settings = FileReadSettings(dateFormat: format, maxBadRowFraction: 1)
    let (log, s) = try TransactionLoader(settings: settings).load(bytes: Array(text.utf8), path: "d.csv")
    return (log.day.map { CivilDate(day: Int($0)).iso }, s)
  }

  @Test(arguments: [
    ("1709636134", "epoch seconds"), ("1709636134000", "epoch milliseconds"),
    ("1709636134000000", "epoch microseconds"), ("1709636134123456789", "epoch nanoseconds"),
    ("05.03.2024", "numeric d.m.y, day first (dotted dates)"), ("5.3.2024", "numeric d.m.y, day first (dotted dates)"),
    ("05.03.2024 10:21", "numeric d.m.y, day first (dotted dates)"), ("2024/03/05", "numeric y/m/d"),
    ("2024-03-05", "ISO-8601"), ("2024-03-05 10:21:33 -0500", "ISO-8601"), ("2024-03-05T23:30:00-05:00", "ISO-8601"),
    ("2024-03-05 10:21:33 UTC", "ISO-8601"), ("20240305", "yyyyMMdd"), ("2024-03-05 10:21", "ISO-8601"),
  ])
  func recognisedForms(_ text: String, _ form: String) throws {
    let (d, s) = try Self.days([text])
    #expect(d == ["2024-03-05"])
    #expect(s.dialect.dates["date"]?.hasPrefix(form) == true, "\(s.dialect.dates)")
  }

  @Test func epochUnitIsFixedByTheFirstValueAndTheSummarySaysSo() throws {
    // GA4/BigQuery: event_timestamp in microseconds.
    let (d, s) = try Self.days(["1672909293000000", "1672995693123456", "1672909293000"])
    #expect(d == ["2023-01-05", "2023-01-06"])
    #expect(s.dialect.dates["date"] == "epoch microseconds (from 16-digit values, line 2) (detected)")
    #expect(
      s.quarantineSamples.map(\.detail) == [
        "cannot read '1672909293000' as a date (13 digits; the column holds epoch microseconds, from line 2: "
          + "'1672909293000000')"
      ])
  }

  @Test(arguments: [
    ("epoch_s", "1709636134"), ("epoch_ms", "1709636134000"), ("epoch_us", "1709636134000000"),
    ("epoch_ns", "1709636134000000000"), ("EPOCH_US", "1709636134999999"), ("%d/%m/%Y", "05/03/2024"),
    ("%m/%d/%Y %H:%M", "3/5/2024 8:26"), ("%d.%m.%Y", "05.03.2024"),
  ])
  func namedFormats(_ format: String, _ text: String) throws {
    let (d, s) = try Self.days([text], format: format)
    #expect(d == ["2024-03-05"])
    #expect(s.dialect.dates["date"] == "\(format) (set)")
  }

  @Test func dayOrMonthFirstIsProvedByTheColumn() throws {
    // UCI Online Retail: month first, no padding; `12/13/2010` proves it, the earlier rows wait for it.
    var (d, s) = try Self.days(["12/1/2010 8:26", "12/5/2010 9:00", "12/13/2010 10:00"])
    #expect(d == ["2010-12-01", "2010-12-05", "2010-12-13"])
    #expect(s.dialect.dates["date"] == "numeric m/d/y, month first (from line 4: '12/13/2010 10:00') (detected)")
    // A CRM table: day first.
    (d, s) = try Self.days(["05/01/2023", "13/01/2023", "01/02/2023"])
    #expect(d == ["2023-01-05", "2023-01-13", "2023-02-01"])
    #expect(s.dialect.dates["date"] == "numeric d/m/y, day first (from line 3: '13/01/2023') (detected)")
    // AM/PM and two-digit years.
    (d, _) = try Self.days(["1/13/23 8:26 PM", "2/3/23 11:59 am"])
    #expect(d == ["2023-01-13", "2023-02-03"])
  }

  @Test func aColumnThatNeverTellsTheOrderIsAnErrorNamingBothFormats() throws {
    #expect(
      throws: IngestError.ambiguousDates(
        path: "d.csv", column: "order_date", examples: ["01/02/2023", "05/01/2023"], formats: ["%d/%m/%Y", "%m/%d/%Y"],
        option: SettingHint(flag: "--date-format", fileFlag: "--transactions-date-format"))
    ) {
      try Self.days(["05/01/2023", "01/02/2023", "05/05/2023"])
    }
    let message = IngestError.ambiguousDates(
      path: "d.csv", column: "order_date", examples: ["05/01/2023"], formats: ["%d/%m/%Y", "%m/%d/%Y"],
      option: SettingHint(flag: "--date-format", fileFlag: "--transactions-date-format")
    ).description
    #expect(
      message == "d.csv: the dates in column 'order_date' read two ways: '05/01/2023' could have the day or the "
        + "month first, and no value in the column tells which. Say which with --date-format '%d/%m/%Y' or "
        + "--date-format '%m/%d/%Y' (for this file alone: --transactions-date-format).")
  }

  @Test func oneColumnOneForm() throws {
    // The bundled sample's planted `31/12/2025` among ISO dates stays a bad date, with the reason.
    let (d, s) = try Self.days(["2024-03-05", "31/12/2025", "1709636134"])
    #expect(d == ["2024-03-05"])
    #expect(
      s.quarantineSamples.map(\.detail) == [
        "cannot read '31/12/2025' as a date (the column's dates are ISO-8601, from line 2: '2024-03-05')",
        "cannot read '1709636134' as a date (the column's dates are ISO-8601, from line 2: '2024-03-05')",
      ])
    // A contradicting order after the proof is a bad row too.
    let (e, t) = try Self.days(["13/01/2023", "01/13/2023"])
    #expect(e == ["2023-01-13"])
    #expect(
      t.quarantineSamples.first?.detail
        == "cannot read '01/13/2023' as a date (the column's dates have the day first (from line 2: '13/01/2023'))")
  }

  @Test(arguments: [
    "", "yesterday", "2023-02-29", "31.02.2024", "13.13.2024", "99999999999999999999999",
    "12345", "1/2/3", "2024/13/05", "05/03/2024 25:00", "05.03.2024 10:60",
  ])
  func notDates(_ text: String) throws {
    let (d, s) = try Self.days(["2024-03-05", text])
    #expect(d == ["2024-03-05"])
    #expect(s.quarantineCounts == ["bad_date": 1])
  }

  @Test func anUnknownDirectiveIsAUsageError() {
    #expect(throws: IngestError.badDateFormat(.unsupportedDirective("%Q", format: "%Q"))) {
      try Self.days(["2024-03-05"], format: "%Q")
    }
  }
}
