import ClientBaseTesting
import Testing

@testable import Retention

@Suite("At-risk list")
struct AtRiskTests {
  /// Three clients as of day 838: "monthly" (25 purchase days, 31 apart, 94 days out:
  /// overdue), "steady" (the same rhythm, last bought 10 days ago: on rhythm) and "weekly"
  /// (13 purchase days 7 apart, 30 days out: 4.3 gaps late, lost).
  static func base() throws -> (ClientTable<String>, PurchaseRhythm<String>) {
    let log = RhythmFixtures.log([
      ("monthly", RhythmFixtures.every(31, count: 25)),
      ("steady", RhythmFixtures.every(31, count: 25, from: 84)),
      ("weekly", RhythmFixtures.every(7, count: 13, from: 724)),
    ])
    return try RhythmFixtures.rhythm(log, asOf: 24 * 31 + 94)
  }

  static func scores(
    _ table: ClientTable<String>, alive: [Double], value: [Double] = []
  ) throws -> ClientScores<String> {
    try ClientScores(
      clients: table.clients, horizon: 52, probabilityAlive: ContiguousArray(alive),
      expectedPurchases: ContiguousArray(repeating: 1, count: alive.count),
      lifetimeValue: ContiguousArray(value))
  }

  /// The monthly buyer with P(alive) 12% and no lifetime value: worth its yearly spend on its
  /// rhythm, 350 × 365.25 / 31 = 4,123.79, of which 88% is at stake: 3,628.94. The weekly
  /// buyer, lost, P(alive) 30%: 350 × 365.25 / 7 × 0.7 = 12,783.75, ranked first. The steady
  /// buyer is on rhythm: not at risk however low its P(alive).
  @Test func monthlyBuyerNinetyFourDaysOutWithLowPAlive() throws {
    let (table, rhythm) = try Self.base()
    let row = { (id: String) in table.row(for: id)! }
    var alive = [0.0, 0, 0]
    alive[row("monthly")] = 0.12
    alive[row("steady")] = 0.05
    alive[row("weekly")] = 0.3
    let evidence = try AtRiskEvidence(
      rhythm: rhythm, table: table, scores: try Self.scores(table, alive: alive))
    let list = StandardAtRisk.standard.atRisk(in: evidence)
    let monthly = try #require(list[client: "monthly"])
    #expect(monthly.isAtRisk)
    #expect(monthly.basis == .yearlySpend)
    #expect(abs(monthly.worth - 350 * 365.25 / 31) < 1e-9)
    #expect(abs(monthly.valueAtRisk - 350 * 365.25 / 31 * 0.88) < 1e-9)
    #expect(
      list.reason(for: "monthly")
        == "bought every 31 days for 2 years, 94 days since the last: 3.0 gaps late — overdue; "
        + "P(alive) 12%; 3,629 a year at stake")
    #expect(list.ranked.map { list.ids[$0] } == ["weekly", "monthly"])
    #expect(list[client: "weekly"]?.rank == 0)
    #expect(list[client: "steady"]?.isAtRisk == false)
    #expect(list[client: "steady"]?.rank == nil)
    #expect(list.reason(for: "steady")?.hasPrefix("not at risk: bought every 31 days") == true)
    #expect(list.atRiskCount == 2)
    let expected = 350 * 365.25 / 31 * 0.88 + 350 * 365.25 / 7 * 0.7
    #expect(abs(list.totalValueAtRisk - expected) < 1e-9)
  }

  /// A late client the model still believes in (P(alive) 90%, so 10% gone) is not at risk at
  /// the default 50%, and is at a floor of 5%.
  @Test func probabilityGoneFloor() throws {
    let (table, rhythm) = try Self.base()
    let evidence = try AtRiskEvidence(
      rhythm: rhythm, table: table, scores: try Self.scores(table, alive: [0.9, 0.9, 0.9]))
    #expect(StandardAtRisk.standard.atRisk(in: evidence).atRiskCount == 0)
    let loose = try StandardAtRisk(minimumProbabilityGone: 0.05)
    #expect(loose.atRisk(in: evidence).atRiskCount == 2)
  }

  /// With lifetime values the worth is the value if still a client: lifetime value 120 at
  /// P(alive) 12% is 1,000 if alive, 880 at stake. With `.lifetimeValue` it is the value as
  /// it is: 120 × 0.88 = 105.6.
  @Test func lifetimeValueIfAlive() throws {
    let (table, rhythm) = try Self.base()
    let scores = try Self.scores(table, alive: [0.12, 0.12, 0.12], value: [120, 120, 120])
    let evidence = try AtRiskEvidence(rhythm: rhythm, table: table, scores: scores)
    let list = StandardAtRisk.standard.atRisk(in: evidence)
    let monthly = try #require(list[client: "monthly"])
    #expect(monthly.basis == .lifetimeValueIfAlive)
    #expect(abs(monthly.worth - 1_000) < 1e-9)
    #expect(abs(monthly.valueAtRisk - 880) < 1e-9)
    #expect(
      list.reason(for: "monthly")?.hasSuffix(
        "P(alive) 12%; lifetime value if still a client 1,000, 880 at stake") == true)
    let raw = try StandardAtRisk(valueMeasure: .lifetimeValue).atRisk(in: evidence)
    #expect(abs(raw[client: "monthly"]!.valueAtRisk - 105.6) < 1e-9)
  }

  /// Without a model the rhythm alone decides: every late, overdue or lost client is at risk
  /// with its whole yearly spend, and the reason names no P(alive).
  @Test func rhythmAloneWithoutScores() throws {
    let (table, rhythm) = try Self.base()
    let evidence = try AtRiskEvidence(rhythm: rhythm, table: table, scores: nil)
    let list = StandardAtRisk.standard.atRisk(in: evidence)
    #expect(list.atRiskCount == 2)
    #expect(abs(list[client: "monthly"]!.valueAtRisk - 350 * 365.25 / 31) < 1e-9)
    #expect(
      list.reason(for: "monthly")
        == "bought every 31 days for 2 years, 94 days since the last: 3.0 gaps late — overdue; "
        + "4,124 a year at stake")
  }

  /// The list keeps the most valuable `maximumListed`; the total still covers every client at
  /// risk.
  @Test func listIsCutTotalIsNot() throws {
    let (table, rhythm) = try Self.base()
    let evidence = try AtRiskEvidence(rhythm: rhythm, table: table, scores: nil)
    let list = try StandardAtRisk(maximumListed: 1).atRisk(in: evidence)
    #expect(list.ranked.map { list.ids[$0] } == ["weekly"])
    #expect(abs(list.totalValueAtRisk - 350 * 365.25 * (1.0 / 31 + 1.0 / 7)) < 1e-9)
    #expect(try StandardAtRisk(maximumListed: 0).atRisk(in: evidence).ranked.isEmpty)
  }

  /// Evidence that does not line up, or impossible scores, is refused; so are bad settings.
  @Test func badEvidenceAndSettings() throws {
    let (table, rhythm) = try Self.base()
    let elsewhere = try ClientIndex(["x", "y", "z"])
    let misaligned = try ClientScores(
      clients: elsewhere, horizon: 52, probabilityAlive: [0.5, 0.5, 0.5],
      expectedPurchases: [1, 1, 1])
    #expect(throws: RetentionError.self) {
      _ = try AtRiskEvidence(rhythm: rhythm, table: table, scores: misaligned)
    }
    #expect(throws: RetentionError.self) {
      _ = try AtRiskEvidence(
        rhythm: rhythm, table: table, scores: try Self.scores(table, alive: [1.5, 0.5, 0.5]))
    }
    #expect(throws: RetentionError.self) { _ = try StandardAtRisk(minimumProbabilityGone: 2) }
    #expect(throws: RetentionError.self) { _ = try StandardAtRisk(maximumListed: -1) }
  }

  /// An empty base: an empty list with a total of 0.
  @Test func emptyBase() throws {
    let (table, rhythm) = try RhythmFixtures.rhythm(PurchaseLog<String>(), asOf: 0)
    let evidence = try AtRiskEvidence(rhythm: rhythm, table: table, scores: nil)
    let list = StandardAtRisk.standard.atRisk(in: evidence)
    #expect(list.isEmpty && list.ranked.isEmpty && list.totalValueAtRisk == 0)
  }

  /// On a seeded base (P(alive) a function of the client alone), the ranked clients, their
  /// values and the total do not depend on the thread count (bit for bit) nor on the order of
  /// the events (up to rounding in the total).
  @Test func independentOfOrderAndThreads() throws {
    let base = try RhythmFixtures.syntheticBase(clients: 50_000, seed: 8)
    let asOf = base.configuration.asOf
    func list(_ log: PurchaseLog<Int>, threads: Int) throws -> AtRiskList<Int> {
      let table = try Summarizer().summarize(log, through: asOf)
      let rhythm = StandardRhythm.standard.rhythm(
        of: try PurchaseDays(log, table: table, asOf: asOf), threadCount: threads)
      let alive = ContiguousArray(table.ids.map { Double($0 % 97) / 96 })
      let scores = try ClientScores(
        clients: table.clients, horizon: 52, probabilityAlive: alive,
        expectedPurchases: ContiguousArray(repeating: 1, count: alive.count))
      let evidence = try AtRiskEvidence(rhythm: rhythm, table: table, scores: scores)
      return try StandardAtRisk(maximumListed: 500).atRisk(in: evidence, threadCount: threads)
    }
    let one = try list(base.log, threads: 1)
    #expect(one.atRiskCount > 500)
    for threads in [2, 3] {
      let other = try list(base.log, threads: threads)
      #expect(other.ranked == one.ranked)
      #expect(other.valuesAtRisk == one.valuesAtRisk)
      #expect(other.totalValueAtRisk == one.totalValueAtRisk)
    }
    var rng = SeededGenerator(seed: 3)
    let shuffled = try list(PurchaseLog(base.purchases.shuffled(using: &rng)), threads: 2)
    #expect(shuffled.ranked.map { shuffled.ids[$0] } == one.ranked.map { one.ids[$0] })
    #expect(shuffled.atRiskCount == one.atRiskCount)
    #expect(abs(shuffled.totalValueAtRisk - one.totalValueAtRisk) <= 1e-9 * one.totalValueAtRisk)
    // Ranked best first.
    let values = one.ranked.map { one.valuesAtRisk[$0] }
    #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
  }
}
