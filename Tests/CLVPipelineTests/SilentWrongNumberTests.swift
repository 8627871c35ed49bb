import CLVData
import Foundation
import Testing

@testable import CLVPipeline

/// The cases of issue #12 where clv used to exit 0 with a wrong number and no word: each
/// now gives the right number (with the preset or the rule) or a stated warning.
/// Expected figures come from the independent pandas computation (Fixtures/exports/expected.py).
@Suite struct SilentWrongNumberTests {
  typealias A = ExportAcceptanceTests

  static func load(_ o: [String]) throws -> LoadedInputs { try A.load(o) }

  @Test func onlineRetailWithTheUnitPriceAsAmountIsStated() throws {
    var o = A.options("online_retail.csv", preset: nil)
    o += [
      "--customer-column", "CustomerID", "--date-column", "InvoiceDate", "--date-format", "%m/%d/%Y %H:%M",
      "--order-column", "InvoiceNo", "--amount-column", "UnitPrice",
    ]
    let w = try Self.load(o).transactionSummary.warnings
    #expect(w.contains { $0.contains("--quantity-column 'Quantity' --price-column 'UnitPrice'") })
    #expect(
      w.contains {
        $0.contains("UCI Online Retail") && $0.contains("--preset online-retail") && $0.contains("cancellations")
      })
  }

  @Test func shopifyWithoutThePresetIsStatedAndItsLinesAreNotBadRows() throws {
    var o = A.options("shopify_orders_export.csv", preset: nil)
    o += [
      "--customer-column", "Email", "--date-column", "Created at", "--date-format", "%Y-%m-%d %H:%M:%S %z",
      "--amount-column", "Total", "--order-column", "Name",
    ]
    let s = try Self.load(o).transactionSummary
    #expect(s.quarantinedRows == 0)
    #expect(
      s.warnings.contains {
        $0.contains("--preset shopify") && $0.contains("statuses counted only paid")
          && $0.contains("refund column 'Refunded Amount'")
      })
  }

  @Test func wooCommerceGuestIDZeroIsAPlaceholderLeftOutWithAWarning() throws {
    var o = A.options("woocommerce_orders.csv", preset: "woocommerce")
    o += ["--customer-column", "Customer User ID"]
    let want = try A.expected("woocommerce_by_user")
    let inputs = try Self.load(o)
    let s = inputs.transactionSummary
    #expect(
      s.exclusions.filter { $0.rule == "placeholder_id" }.map { "\($0.value):\($0.orders)" } == [
        "0:\(want.placeholder_orders ?? -1)"
      ])
    #expect(s.warnings.contains { $0.contains("'0'") && $0.contains("--keep-id 0") })
    #expect(inputs.transactions.customerIDs.count == want.customers && s.orders == want.orders)
    #expect(abs(inputs.transactions.amount.reduce(0, +) - (want.net_spend ?? .nan)) < 0.005)
  }

  @Test func stripeCurrenciesAreNeverAddedUp() throws {
    var o = A.options("stripe_payments.csv", preset: nil)
    o += [
      "--customer-column", "Customer ID", "--date-column", "Created (UTC)", "--amount-column", "Amount",
      "--order-column", "id",
    ]
    // Without a currency column: the fitting preset is named, with what it would change.
    let w = try Self.load(o).transactionSummary.warnings
    #expect(
      w.contains {
        $0.contains("--preset stripe") && $0.contains("Converted Amount") && $0.contains("only Paid, Refunded")
      })
    // With the currency column: three currencies are an error naming both ways out.
    o += ["--currency-column", "Currency"]
    #expect {
      _ = try Self.load(o)
    } throws: { e in
      let m = "\(e)"
      return m.contains("3 currencies") && m.contains("--currency USD") && m.contains("--fx rates.csv")
    }
  }

  @Test func crmIDsWrittenAsIntegersMatchFloatIDs() throws {
    var o = A.options("online_retail.csv", preset: "online-retail")
    o += ["--customers", A.dir + "crm_customers.csv", "--customer-column", "CustomerID"]
    let want = try A.expected("crm_customers")
    let p = try #require(try Self.load(o).profileSummary)
    #expect(p.matchedCustomers == want.matched && p.distinctCustomers == want.profiles)
    #expect(p.warnings.isEmpty)
    // With ids compared as written, nothing matches, and that is a warning with both forms.
    o += ["--id-as-written"]
    let q = try #require(try Self.load(o).profileSummary)
    #expect(q.matchedCustomers == 0)
    #expect(q.warnings.contains { $0.contains("only 0 of the") && $0.contains(".0'") })
  }

  @Test func aProjectionOfLineItemsKeepsItsEqualLinesAndSaysSo() throws {
    var o = A.options("online_retail_cut.csv", preset: nil)
    o += [
      "--customer-column", "CustomerID", "--date-column", "InvoiceDate", "--date-format", "%m/%d/%Y %H:%M",
      "--order-column", "InvoiceNo",
    ]
    let s = try Self.load(o).transactionSummary
    let want = try A.expected("online_retail")
    #expect(s.duplicateRowsDropped == 0)
    #expect(s.keptRows == s.dataRows - (want.no_customer_rows ?? -1))
    #expect(s.warnings.contains { $0.contains("lines are identical to another line of the same order") })
  }
}
