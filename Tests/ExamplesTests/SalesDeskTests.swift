import ClientBase
import Testing

@testable import sales_desk

@Suite("sales-desk example")
struct SalesDeskTests {
  /// The practice's figures give the plan: February 2027 has 20 working days, so 1,400 calls
  /// and about 300 interested; two in three prospects go cold a month (read off 300 after one
  /// month and 400 after two), so the seller's base holds 300, 400 and 433⅓ after one, two
  /// and three months, reaches 400 in the second month and levels off at 300 / (2/3) = 450.
  @Test func planFromThePracticesFigures() throws {
    #expect(plannedMonth().count == 20)
    #expect(plannedMonth().first?.iso8601 == "2027-02-01")
    #expect(abs(Practice.coldShare - (1 - (400.0 - 300) / 300)) < 1e-12)
    let plan = try planSalesDesk()
    #expect(plan.rates.acquisitionPerPeriod == 300)
    let expected = plan.forecast.periods.map(\.expected)
    #expect(abs(expected[0] - 300) < 1e-9 && abs(expected[1] - 400) < 1e-9)
    #expect(abs(expected[2] - 1_300.0 / 3) < 1e-9)
    #expect(plan.milestone.periods == 2)
    #expect(plan.rates.steadyState.map { abs($0 - 450) < 1e-9 } == true)
    // The practice's "250–300 after a month" and "400 after two or three": the bands.
    let first = plan.forecast.periods[0]
    #expect(first.low > 250 && first.high < 350 && first.low <= 300 && 300 <= first.high)
    for period in plan.forecast.periods {
      #expect(period.low <= period.expected && period.expected <= period.high)
    }
    // √400 = 20 new prospects a month at 15 in 70 take 20 · 70/15 / (30 · 5/7) = 4.36 calls a
    // working day; a seller who spends the day on new prospects (300 a month: 65.3 calls)
    // keeps only ⌊4⅔ · 21³⁄₇⌋ = 100 of the 400 in personal contact.
    #expect(plan.target.prospectsPerPeriod == 20)
    #expect(abs((plan.targetPlan.acquisitionCallsPerDay ?? 0) - 4.355_555_6) < 1e-6)
    #expect(plan.sellerPlan.clientsPerManager == 100)
    #expect(plan.sellerPlan.mailingClients == 300)
  }

  /// The seeded month of calls: 70 a working day to new prospects, about 15 in 70 interested.
  @Test func seededMonthOfCalls() throws {
    let plan = try planSalesDesk()
    #expect(plan.funnel.calls == 1_400 && plan.funnel.callDays == 20)
    #expect(plan.funnel.count(at: .contacted) == 1_400)
    let rate = try #require(plan.funnel.interestedPerCall.rate)
    #expect(rate > 0.17 && rate < 0.26)
    #expect(plan.funnel.count(at: .firstPurchase) > 0)
    #expect(plan.funnel.count(at: .repeatPurchase) <= plan.funnel.count(at: .firstPurchase))
  }

  @Test func reportIsDeterministic() throws {
    let text = try salesDeskReport()
    #expect(try salesDeskReport() == text)
    #expect(try salesDeskReport(seed: 5) != text)
    #expect(text.hasPrefix("sales-desk: a seller's month from the practice's own figures"))
    #expect(
      text.contains(
        "plan for 2027-02-01 to 2027-02-26: 20 working days, 1,400 calls, about 300 interested"))
    #expect(text.contains("  after 1 month: 300 expected (90% band "))
    #expect(text.contains("  after 2 months: 400 expected (90% band "))
    #expect(text.contains("  after 3 months: 433 expected (90% band "))
    #expect(text.contains("  400 in 2 periods (60 days): from 0 at 300 new"))
    #expect(text.contains("100 of 400 clients in personal contact, 300 move to mailings"))
  }
}
