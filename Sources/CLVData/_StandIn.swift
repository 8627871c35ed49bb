// TEMPORARY stand-in until the data branch lands (deleted at merge).
public struct TransactionLog: Sendable {
  public var customerIDs: [String]
  public var customer: [Int32]
  public var day: [Int32]
  public var amount: [Double]
  public init(customerIDs: [String], customer: [Int32], day: [Int32], amount: [Double]) {
    self.customerIDs = customerIDs; self.customer = customer; self.day = day; self.amount = amount
  }
}
