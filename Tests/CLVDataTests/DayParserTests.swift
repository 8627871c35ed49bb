import Testing

@testable import CLVData

/// Expected days since 1970-01-01 are from `CivilDate` (itself checked against GNU `date`):
/// 2024-03-05 = 19787.
@Suite struct DayParserTests {
  static let march5 = 19787

  @Test(arguments: [
    "2024-03-05", "20240305", "2024-03-05T10:35:34Z", "2024-03-05T10:35:34", "2024-03-05 10:35:34",
    "2024-03-05t10:35", "2024-03-05T10:35:34.123Z", "2024-03-05T10:35:34,5Z", "2024-03-05T23:59:59+05:00",
    "2024-03-05T00:10:00-08:00", "2024-03-05T10:35:34+0530", "2024-03-05T10:35:34-03", "2024-03-05T10:35:34.000001z",
  ])
  func automaticFormatsGiveTheWrittenDay(_ text: String) {
    #expect(DayParser.automatic.parseDay(text) == Self.march5)
  }

  @Test(arguments: [
    "", "2024-3-5", "2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "20240230", "2024/03/05",
    "2024-03-05T24:00:00Z", "2024-03-05T10:60:00Z", "2024-03-05T10:35:34+25:00", "2024-03-05T10:35:34Zjunk",
    "2024-03-05X10:35:34", "2024-03-05T10:35:34.", "05/03/2024", "2024-03-05 ", "abcd-ef-gh", "2024-03-05T10",
  ])
  func invalidOrUnknownGivesNil(_ text: String) {
    #expect(DayParser.automatic.parseDay(text) == nil)
  }

  @Test func leapDayIsValidInLeapYears() {
    #expect(DayParser.automatic.parseDay("2024-02-29") == 19782)
    #expect(DayParser.automatic.parseDay("2000-02-29") == 11016)
    #expect(DayParser.automatic.parseDay("1900-02-29") == nil)
  }

  /// The documented choice: the date as written, whatever the offset (UTC would give 03-06).
  @Test func offsetIsIgnoredForTheDay() {
    #expect(DayParser.automatic.parseDay("2024-03-05T23:30:00-05:00") == Self.march5)
  }

  @Test(arguments: [
    ("%d/%m/%Y", "05/03/2024"), ("%m/%d/%Y", "3/5/2024"), ("%d.%m.%y", "05.03.24"), ("%Y%m%d", "20240305"),
    ("%b %e %Y", "Mar  5 2024"), ("%b %e %Y", "mar 5 2024"), ("%d %B %Y", "05 March 2024"), ("%Y-%j", "2024-065"),
    ("%d/%m/%Y %H:%M", "05/03/2024 23:59"), ("%F %T", "2024-03-05 10:35:34"),
    ("%Y-%m-%dT%H:%M:%S%z", "2024-03-05T10:35:34+01:00"),
    ("%Y-%m-%dT%H:%M:%S.%fZ", "2024-03-05T10:35:34.250Z"), ("%m/%d/%Y %I:%M %p", "03/05/2024 11:05 PM"),
    ("day %d%% %m %Y", "day 05% 03 2024"),
  ])
  func strftimeFormats(_ format: String, _ text: String) throws {
    let parser = try DayParser(format: format)
    #expect(parser.parseDay(text) == Self.march5)
  }

  @Test(arguments: [
    ("%d/%m/%Y", "29/02/2023"), ("%d/%m/%Y", "05-03-2024"), ("%d/%m/%Y", "05/03/2024x"), ("%Y-%j", "2023-366"),
    ("%b %d %Y", "Foo 05 2024"), ("%d/%m/%Y %H:%M", "05/03/2024 24:00"), ("%Y-%m-%d", "2024-03-05x"),
  ])
  func strftimeRejects(_ format: String, _ text: String) throws {
    let parser = try DayParser(format: format)
    #expect(parser.parseDay(text) == nil)
  }

  @Test func twoDigitYearsFollowPOSIX() throws {
    let p = try DayParser(format: "%y-%m-%d")
    #expect(p.parseDay("69-01-01") == CivilDate(year: 1969, month: 1, day: 1)?.day)
    #expect(p.parseDay("68-12-31") == CivilDate(year: 2068, month: 12, day: 31)?.day)
  }

  @Test func badFormatsThrowWithAdvice() {
    #expect(throws: DateFormatError.unsupportedDirective("%Q", format: "%Q/%m/%Y")) {
      try DayParser(format: "%Q/%m/%Y")
    }
    #expect(throws: DateFormatError.noDay(format: "%H:%M")) { try DayParser(format: "%H:%M") }
    #expect(throws: DateFormatError.danglingPercent(format: "%Y%")) { try DayParser(format: "%Y%") }
    #expect(DateFormatError.noDay(format: "%m/%Y").description.contains("%j"))
  }
}
