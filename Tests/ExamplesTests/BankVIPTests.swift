import ClientBase
import Testing

@testable import bank_vip

@Suite("bank-vip example")
struct BankVIPTests {
  /// The hand-made clients' rows in the example's base (they come first, in this order).
  private static let hand = [
    HandMadeClient.downgraded, HandMadeClient.dipped, HandMadeClient.hovering,
    HandMadeClient.risingStar, HandMadeClient.fallenBlack, HandMadeClient.overdrawn,
  ]

  @Test("the hand-made platinum client is downgraded in June, after April and May of grace")
  func downgradeAfterGrace() async throws {
    let history = try bankVIPHistory(seed: 2026, clients: 50)
    #expect(Array(history.ids.prefix(6)) == Self.hand)
    let reviews = try await reviewYear(of: history)
    #expect(reviews.count == 12)
    // Balances fall below the keep level 450,000 from April (index 3). Grace is 2 months:
    // April and May keep platinum, June (index 5) is the third month below: gold.
    let tiersByMonth = reviews.map { $0.tiers.tier(forRow: 0).name }
    #expect(tiersByMonth[0...4].allSatisfy { $0 == "platinum" })
    #expect(tiersByMonth[5...].allSatisfy { $0 == "gold" })
    #expect(reviews[4].moves.movements[0] == .stable)
    #expect(reviews[5].moves.movements[0] == .downgrade)
    #expect(reviews[4].tiers.reason(forRow: 0).hasPrefix("platinum, downgrade pending: 2 months"))
    #expect(
      reviews[11].tiers.reason(forRow: 0)
        == "gold: balance 390,000 ≥ 200,000 since 2026-06; downgraded from platinum in 2026-06")
    // Black falls to 100,000 in April too: straight to standard in June, skipping two tiers.
    #expect(reviews[4].tiers.tier(forRow: 4).name == "black")
    #expect(reviews[5].tiers.tier(forRow: 4).name == "standard")
  }

  @Test("a dip shorter than the grace and a balance inside the band change nothing")
  func graceAndBand() async throws {
    let reviews = try await reviewYear(of: try bankVIPHistory(seed: 2026, clients: 0))
    // Dipped: 440,000 and 435,000 in May and June (two months, the grace), then 520,000.
    #expect(reviews.allSatisfy { $0.tiers.tier(forRow: 1).name == "platinum" })
    #expect(reviews[5].tiers.periodsBelowKeep[1] == 2)
    // Hovering between 185,000 and 215,000: gold is kept down to 180,000.
    #expect(reviews.allSatisfy { $0.tiers.tier(forRow: 2).name == "gold" })
    #expect(reviews.allSatisfy { $0.tiers.tier(forRow: 5).name == "standard" })
  }

  @Test("the climbing client becomes a rising star in November, not before")
  func risingStar() async throws {
    let reviews = try await reviewYear(of: try bankVIPHistory(seed: 2026, clients: 0))
    // 75,500 + 9,500 a month: projected 4 months ahead it reaches 200,000 from 162,000 on,
    // i.e. from November (170,500 → 208,500); October's 161,000 projects to 199,000.
    let months = reviews.map { review in review.tiers.risingStars().contains { $0.row == 3 } }
    #expect(months == Array(repeating: false, count: 10) + [true, true])
    let december = try #require(reviews[11].tiers.risingStars().first { $0.row == 3 })
    #expect(
      december.reason
        == "rising star: balance 180,000 growing 9,500/month, projected 218,000 in 4 months ≥ gold 200,000"
    )
  }

  @Test("each month's counts add up to the base, and the report is deterministic")
  func report() async throws {
    let history = try bankVIPHistory(seed: 2026, clients: 300)
    let reviews = try await reviewYear(of: history)
    #expect(reviews[0].moves.counts[.entry] == 306)
    for review in reviews.dropFirst() {
      #expect(review.moves.counts.inBoth == 306)
      #expect(review.moves.movementCounts[.entry] == 0 && review.moves.movementCounts[.exit] == 0)
    }
    // A synthetic year has real movement both ways.
    #expect(reviews.map { $0.moves.counts[.upgrade] }.reduce(0, +) > 10)
    #expect(reviews.map { $0.moves.counts[.downgrade] }.reduce(0, +) > 10)
    let text = try await bankVIPReport()
    #expect(try await bankVIPReport() == text)
    #expect(text.hasPrefix("bank-vip: 306 clients (300 synthetic, seed 2026)"))
    #expect(text.contains("VIP tiers, 2026-06-30 (previous 2026-05-31)"))
    #expect(text.contains("hand-downgraded platinum → gold (420,000)"))
    #expect(
      text.contains(
        "    rising star: balance 180,000 growing 9,500/month, projected 218,000 in 4 months"))
    #expect(
      text.contains("hand-dipped is entitled to: no queueing, fee discount 50%, personal manager"))
    #expect(try await bankVIPReport(seed: 7) != text)
  }
}
