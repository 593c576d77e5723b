import ClientBaseTesting
import Foundation
import Testing

@testable import BaseGrowth
@testable import Retention

@Suite("Characteristic period")
struct CharacteristicPeriodTests {
  /// The issue's worked answer: 400 clients who all buy every 30 days have 30-day gaps only,
  /// so the median gap — and its interval — is 30 days.
  @Test func aBaseBuyingEveryThirtyDaysHasAThirtyDayPeriod() throws {
    let clients = (0..<400).map { ("c\($0)", GrowthFixtures.every(30, count: 4, from: $0 % 30)) }
    let (_, gaps) = try GrowthFixtures.gaps(GrowthFixtures.log(clients), asOf: 150)
    #expect(gaps.count == 1_200)
    #expect(gaps.clientsWithGaps == 400)
    let period = try StandardCharacteristicPeriod.standard.characteristicPeriod(of: gaps)
    #expect(period.days == 30)
    #expect(period.interval == 30...30)
    #expect(period.gapCount == 1_200)
    #expect(period.clientCount == 400)
    #expect(
      period.reason
        == "30 days: the median of 1,200 gaps between consecutive purchase days of 400 clients "
        + "(95% interval 30–30 days)")
  }

  /// Gaps 1, 2, …, 100, once each: the median is (50 + 51) / 2 = 50.5; the 95% interval has
  /// the 1-based ranks round(50 − 1.96 · 5) = round(40.2) = 40 and round(1 + 50 + 9.8) =
  /// round(60.8) = 61 (Campbell & Gardner 1988), the gaps 40 and 61.
  @Test func medianAndIntervalFromTheOrderStatistics() throws {
    let gaps = try PurchaseGaps(gapsByClient: (1...100).map { [$0] })
    let period = try StandardCharacteristicPeriod.standard.characteristicPeriod(of: gaps)
    #expect(period.days == 50.5)
    #expect(period.interval == 40...61)
    // The 90th percentile of the same gaps by type 7: rank 0.9 · 99 = 89.1 → 90 + 0.1 = 90.1.
    let high = try StandardCharacteristicPeriod(quantile: 0.9)
    #expect(abs(try high.characteristicPeriod(of: gaps).days - 90.1) < 1e-9)
    #expect(try high.characteristicPeriod(of: gaps).basis.hasPrefix("the 90th percentile of 100"))
  }

  /// One long pause among the gaps does not move the median; per client, each client's own
  /// median gap counts once: a weekly buyer (10 gaps of 7) and two slow clients (60 and 90)
  /// give 7 by gap and 60 by client.
  @Test func weighting() throws {
    let gaps = try PurchaseGaps(gapsByClient: [Array(repeating: 7, count: 10), [60], [90], []])
    #expect(gaps.clientCount == 4)
    #expect(gaps.clientsWithGaps == 3)
    let byGap = try StandardCharacteristicPeriod.standard.characteristicPeriod(of: gaps)
    #expect(byGap.days == 7)
    let perClient = try StandardCharacteristicPeriod(weighting: .perClient)
    let byClient = try perClient.characteristicPeriod(of: gaps)
    #expect(byClient.days == 60)
    #expect(byClient.interval.contains(60))
    #expect(byClient.basis.contains("each client's median gap"))
    // A client's median of an even count of gaps is the mean of the middle two: 10 and 21
    // give 15.5, kept exactly in half days.
    let half = try perClient.characteristicPeriod(of: PurchaseGaps(gapsByClient: [[10, 21]]))
    #expect(half.days == 15.5)
  }

  /// Gaps longer than the histogram (16,384 days and more) are sorted apart and still found.
  @Test func longGaps() throws {
    let gaps = try PurchaseGaps(gapsByClient: [[20_000], [30_000], [40_000]])
    let period = try StandardCharacteristicPeriod.standard.characteristicPeriod(of: gaps)
    #expect(period.days == 30_000)
    #expect(period.interval.lowerBound >= 20_000 && period.interval.upperBound <= 40_000)
  }

  @Test func badInput() throws {
    // Empty histories: no client at all.
    let empty = try PurchaseGaps(gapsByClient: [[Int]]())
    #expect(throws: GrowthError.noData("no clients: the purchase gaps are empty")) {
      try StandardCharacteristicPeriod.standard.characteristicPeriod(of: empty)
    }
    // One purchase per client: no gap to measure.
    let (_, once) = try GrowthFixtures.gaps(
      GrowthFixtures.log([("a", [0]), ("b", [3]), ("c", [9])]), asOf: 10)
    #expect(once.clientCount == 3 && once.isEmpty)
    #expect(throws: GrowthError.noGaps(clients: 3)) {
      try StandardCharacteristicPeriod.standard.characteristicPeriod(of: once)
    }
    #expect(GrowthError.noGaps(clients: 3).description.contains("CharacteristicPeriod.given"))
    // Gaps below a day, bad settings, bad periods.
    #expect(throws: GrowthError.self) { try PurchaseGaps(gapsByClient: [[3, 0]]) }
    #expect(throws: GrowthError.self) { try StandardCharacteristicPeriod(quantile: 1) }
    #expect(throws: GrowthError.self) { try StandardCharacteristicPeriod(confidence: .nan) }
    #expect(throws: GrowthError.self) { try CharacteristicPeriod.given(days: 0) }
    #expect(throws: GrowthError.self) { try CharacteristicPeriod.given(days: -.infinity) }
    #expect(throws: GrowthError.self) {
      try CharacteristicPeriod(
        days: 30, interval: 31...40, confidence: 0.95, gapCount: 3, clientCount: 1, basis: "")
    }
    #expect(throws: GrowthError.self) {
      try StandardCharacteristicPeriod.standard.characteristicPeriod(
        of: PurchaseGaps(gapsByClient: [[1]]), threadCount: 0)
    }
  }

  /// The period of a synthetic base does not depend on the thread count, nor on the order of
  /// the clients; the standard policy keeps its laws there.
  @Test func threadAndOrderIndependence() throws {
    let base = try GrowthFixtures.syntheticBase(clients: 3_000, seed: 41)
    let asOf = base.configuration.asOf
    let table = try Summarizer().summarize(base.log, through: asOf)
    let gaps = PurchaseGaps(try PurchaseDays(base.log, table: table, asOf: asOf))
    #expect(gaps.count > 1_000)
    let policies = [
      StandardCharacteristicPeriod.standard,
      try StandardCharacteristicPeriod(weighting: .perClient),
    ]
    for policy in policies {
      let one = try policy.characteristicPeriod(of: gaps, threadCount: 1)
      for threads in [2, 3] {
        #expect(try policy.characteristicPeriod(of: gaps, threadCount: threads) == one)
      }
      var byClient = (0..<gaps.clientCount).map { gaps.gaps(ofClient: $0).map(Int.init) }
      var generator = SeededGenerator(seed: 5)
      byClient.shuffle(using: &generator)
      #expect(try policy.characteristicPeriod(of: PurchaseGaps(gapsByClient: byClient)) == one)
      #expect(one.interval.contains(one.days))
      #expect(CharacteristicPeriodLaws.violations(of: policy, seed: 3).isEmpty)
    }
  }

  @Test func codable() throws {
    let policy = try StandardCharacteristicPeriod(quantile: 0.6, weighting: .perClient)
    let data = try JSONEncoder().encode(policy)
    #expect(try JSONDecoder().decode(StandardCharacteristicPeriod.self, from: data) == policy)
    let bad = Data(#"{"quantile": 1.5, "confidence": 0.9, "weighting": "perGap"}"#.utf8)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(StandardCharacteristicPeriod.self, from: bad)
    }
    let month = try CharacteristicPeriod.given(days: 30, reason: "a month, as the team plans")
    #expect(month.reason == "30 days: a month, as the team plans")
    let decoded = try JSONDecoder().decode(
      CharacteristicPeriod.self, from: JSONEncoder().encode(month))
    #expect(decoded == month)
    #expect(abs(month.length(in: .week) - 30.0 / 7) < 1e-12)
  }
}
