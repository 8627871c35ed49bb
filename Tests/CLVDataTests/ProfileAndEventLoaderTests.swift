import Testing

@testable import CLVData

/// Hand-annotated inputs; expected values counted by hand.
@Suite struct ProfileAndEventLoaderTests {
  @Test func profiles() throws {
    let text = """
      customer_id,signup_date,channel,age,loyalty_member
      A,2024-01-05,email,34,true
      B,,social,,false
      A,2024-02-01,social,50,false
      ,2024-01-01,email,20,true
      C,2024-02-30,email,20,true
      D,20240301,organic,41.5
      B,,social,,false
      E,2024-03-02,"paid, search",29,false

      """
    let (t, s) = try ProfileLoader(settings: FileReadSettings(maxBadRowFraction: 0.5))
      .load(bytes: Array(text.utf8), path: "customers.csv")
    #expect(t.customerIDs == ["A", "B", "E"])
    #expect(t.signupDay == [19727, nil, 19784])
    #expect(t.signupColumn == "signup_date")
    #expect(t.attributes.map(\.name) == ["channel", "age", "loyalty_member"])
    #expect(t.attribute("channel")?.values == ["email", "social", "paid, search"])
    #expect(t.attribute("channel")?.isNumeric == false)
    #expect(t.attribute("age")?.numericValues == [34, nil, 29])
    #expect(t.attribute("loyalty_member")?.isNumeric == false)
    #expect(s.dataRows == 8)
    #expect(s.duplicateIDsDropped == 1)
    #expect(s.duplicateRowsDropped == 1)
    #expect(s.quarantineCounts == ["bad_date": 1, "wrong_column_count": 1])
    #expect(s.noCustomerIDRows == 1)
    #expect(s.quarantineSamples.map(\.line) == [6, 7])
    #expect(
      s.keptRows + s.duplicateIDsDropped + s.duplicateRowsDropped + s.noCustomerIDRows + s.quarantinedRows
        == s.dataRows)
  }

  @Test func profilesWithoutSignupColumn() throws {
    let (t, _) = try ProfileLoader().load(bytes: Array("customer_id,region\nA,west\n".utf8), path: "c.csv")
    #expect(t.signupColumn == nil && t.signupDay == [nil])
  }

  @Test func events() throws {
    let text = """
      customer_id,event_time,event_type
      X,2024-03-05T10:00:00Z,view
      Y,2024-03-05T11:00:00Z,cart
      X,2024-03-05T10:00:00Z,view
      X,2024-03-06 09:00:00,cart
      Z,not a date,view
      Z,2024-03-07T00:00:00+02:00,
      Y,2024-03-08T00:00:00Z,support

      """
    let (log, s) = try EventLoader(settings: FileReadSettings(maxBadRowFraction: 0.5))
      .load(bytes: Array(text.utf8), path: "events.csv")
    #expect(log.customerIDs == ["X", "Y"])
    #expect(log.eventTypes == ["cart", "support", "view"])
    #expect(log.customer == [0, 1, 0, 1])
    #expect(log.eventType == [2, 0, 0, 1])
    #expect(log.day == [19787, 19787, 19788, 19790])
    #expect(s.duplicateRowsDropped == 1)
    #expect(s.quarantineCounts == ["bad_date": 1, "missing_value": 1])
    #expect(s.notes == ["no 'timestamp' column; took 'event_time' as the timestamp column (a usual name for it)"])
    #expect(s.columnMapping["timestamp"] == "event_time")
  }
}
