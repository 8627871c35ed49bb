import Testing

@testable import CLVData

/// The per-file settings value: its setting words, and that the loaders obey it.
@Suite struct FileReadSettingsTests {
  @Test(arguments: [
    (",", Delimiter.comma), ("comma", .comma), (";", .semicolon), ("Semicolon", .semicolon), ("\t", .tab),
    ("\\t", .tab), ("tab", .tab), ("|", .pipe), ("pipe", .pipe),
  ])
  func delimiterSettingWords(_ text: String, _ expected: Delimiter) {
    #expect(Delimiter(setting: text) == expected)
  }

  @Test func unknownSettingWordsAreNil() {
    #expect(Delimiter(setting: ":") == nil)
    #expect(DecimalMark(setting: "euro") == nil)
    #expect(TextEncoding(setting: "ebcdic") == nil)
  }

  @Test(arguments: [
    ("utf-8", TextEncoding.utf8), ("UTF8", .utf8), ("utf-16", .utf16LE), ("UTF-16LE", .utf16LE),
    ("utf_16be", .utf16BE), ("latin-1", .latin1), ("ISO-8859-1", .latin1), ("cp1252", .windows1252),
    ("Windows-1252", .windows1252),
  ])
  func encodingSettingWords(_ text: String, _ expected: TextEncoding) {
    #expect(TextEncoding(setting: text) == expected)
  }

  @Test func decimalSettingWords() {
    #expect(DecimalMark(setting: ".") == .point && DecimalMark(setting: "point") == .point)
    #expect(DecimalMark(setting: ",") == .comma && DecimalMark(setting: "COMMA") == .comma)
  }

  @Test func aForcedDelimiterSplitsFields() throws {
    let text = "customer_id;order_date;amount\nA,1;2024-01-05;3\n"
    let (log, s) = try TransactionLoader(settings: FileReadSettings(delimiter: .semicolon))
      .load(bytes: Array(text.utf8), path: "t.csv")
    #expect(log.customerIDs == ["A,1"])
    #expect(log.day.map { CivilDate(day: Int($0)).iso } == ["2024-01-05"])
    #expect(log.amount == [3])
    #expect(s.columnMapping["amount"] == "amount")
  }

  @Test func perFileColumnsAndFormat() throws {
    let text = "kunde,datum,event_type\nK1,05/01/2023,view\n"
    let settings = FileReadSettings(customerColumn: "kunde", dateColumn: "datum", dateFormat: "%d/%m/%Y")
    let (log, s) = try EventLoader(settings: settings).load(bytes: Array(text.utf8), path: "e.csv")
    #expect(log.customerIDs == ["K1"])
    #expect(log.day.map { CivilDate(day: Int($0)).iso } == ["2023-01-05"])
    #expect(s.columnMapping == ["customer": "kunde", "timestamp": "datum", "event_type": "event_type"])
  }
}
