import Testing

@testable import CLVData

@Suite struct CustomerIDRulesTests {
  @Test(arguments: [
    ("13085.0", "13085"), ("13085", "13085"), (" 13085.00 ", "13085"), ("+013085", "13085"),
    ("00123", "123"), ("000", "0"), ("-1.0", "-1"), ("-0", "0"), ("13085.5", "13085.5"), ("1e4", "1e4"),
    ("A12", "A12"), ("Ann@Shop.COM", "ann@shop.com"), ("cus_AbC", "cus_AbC"), (".", "."), ("", ""),
  ])
  func canonicalForms(_ written: String, _ canonical: String) {
    #expect(CustomerIDRules().canonical(written) == canonical)
  }

  @Test func rulesCanBeTurnedOff() {
    let asWritten = CustomerIDRules(canonicalNumbers: false, caseInsensitiveEmails: false)
    #expect(asWritten.canonical(" 13085.0 ") == "13085.0")
    #expect(asWritten.canonical("Ann@Shop.com") == "Ann@Shop.com")
  }

  @Test(arguments: ["0", "-1", "guest", "GUEST", "null", "N/A", "n/a", "NaN", "unknown", "-", "?", "''", "—"])
  func placeholders(_ id: String) {
    let r = CustomerIDRules()
    #expect(r.isPlaceholder(r.canonical(id)))
  }

  @Test(arguments: ["13085", "ann@shop.com", "cus_123", "G1", "007", "10"])
  func realIDsAreNotPlaceholders(_ id: String) {
    let r = CustomerIDRules()
    #expect(!r.isPlaceholder(r.canonical(id)))
  }

  @Test func keepAndOffOverridePlaceholders() {
    #expect(!CustomerIDRules(keep: ["0.0"]).isPlaceholder("0"))
    #expect(CustomerIDRules(keep: ["guest"]).isPlaceholder("0"))
    #expect(!CustomerIDRules(excludePlaceholders: false).isPlaceholder("0"))
  }
}

@Suite struct DominantCustomerRuleTests {
  @Test func bucketIDIsFound() {
    // 1 000 customers with 1–2 orders, one id with 300: 300 > 5% of 1 800 orders and > 100 × the median 2.
    var orders = (0..<1000).map { $0 % 2 == 0 ? 1 : 2 }
    orders.append(300)
    #expect(DominantCustomerRule().dominant(orders: orders) == [1000])
  }

  @Test func bothLimitsMustBreak() {
    // A small shop: one customer with 10 of ~150 orders (6.7%) but only 10× the median.
    var orders = Array(repeating: 1, count: 140)
    orders.append(10)
    #expect(DominantCustomerRule().dominant(orders: orders).isEmpty)
    // Many customers, one with 101× the median but under 5% of the orders.
    var many = Array(repeating: 1, count: 5000)
    many.append(101)
    #expect(DominantCustomerRule().dominant(orders: many).isEmpty)
    #expect(DominantCustomerRule.median([1, 2, 3, 10]) == 2.5)
  }
}

@Suite struct StatusFilterTests {
  @Test func includeAndExcludeAreCaseInsensitive() {
    let only = StatusFilter(include: ["paid", "Refunded"])
    #expect(only.keeps("Paid") && only.keeps(" refunded ") && !only.keeps("voided") && !only.keeps(""))
    let allBut = StatusFilter(exclude: ["Failed"])
    #expect(allBut.keeps("Paid") && !allBut.keeps("failed") && allBut.keeps(""))
    #expect(StatusFilter().isOpen && StatusFilter().keeps("anything"))
    #expect(StatusFilter.label("  ") == "(empty)" && StatusFilter.label(" voided") == "voided")
  }
}

@Suite struct FXRatesTests {
  static func parse(_ text: String) throws -> FXRates {
    try Array(text.utf8).withUnsafeBufferPointer { try FXRates.parse($0, path: "rates.csv") }
  }

  @Test func readsTheDocumentedFormat() throws {
    let fx = try Self.parse("currency,rate_to_EUR\nusd,0.92\nGBP,1.17\n")
    #expect(fx.target == "EUR")
    #expect(fx.rate("USD") == 0.92 && fx.rate(" gbp") == 1.17 && fx.rate("eur") == 1 && fx.rate("CHF") == nil)
  }

  @Test(arguments: [
    ("", "the file is empty"), ("code,rate\nUSD,1\n", "expected 'currency,rate_to_XXX'"),
    ("currency,rate_to_EUR\nUSD,-1\n", "'-1' is not a positive rate"),
    ("currency,rate_to_EUR\nUSD,1\nusd,2\n", "USD has two rates"), ("currency,rate_to_EUR\n", "no rates"),
    ("currency,rate_to_EUR\nUSD\n", "expected 2 fields"),
  ])
  func badFilesSayWhy(_ text: String, _ fragment: String) {
    #expect {
      _ = try Self.parse(text)
    } throws: { error in
      "\(error)".contains(fragment) && "\(error)".contains("rates.csv")
    }
  }
}

@Suite struct IDMatchTests {
  /// Under half of a profile file's ids are transaction customers: a warning with examples
  /// of both id forms; at half or more, none.
  @Test func aLowMatchShareIsAWarningWithExamplesOfBothForms() {
    let low = IDMatch(ids: ["CRM-1", "CRM-2", "13085", "CRM-4"], transactionIDs: ["13085", "12347", "12348", "12349"])
    #expect(low.matched == 1 && low.share == 0.25)
    let w = low.warning(file: "crm.csv", transactionsFile: "orders.csv")
    #expect(w?.hasPrefix("only 1 of the 4 customer ids in crm.csv (25.0%) match a customer in orders.csv") == true)
    #expect(w?.contains("'CRM-1', 'CRM-2', 'CRM-4'") == true && w?.contains("'13085', '12347', '12348'") == true)
    let half = IDMatch(ids: ["13085", "X"], transactionIDs: ["13085"])
    #expect(half.share == 0.5 && half.warning(file: "crm.csv", transactionsFile: "orders.csv") == nil)
  }
}
