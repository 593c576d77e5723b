import ClientBaseCore
import ClientBaseTesting
import Foundation
import Segmentation
import Testing

/// The first day of each month of 2026, `count` of them, as period labels.
private func months(_ count: Int) -> [Day] {
  (0..<count).map { Day(daysSince1970: 20_454).adding(months: $0) }  // 2026-01-01
}

/// One client's ranks, period by period, under the standard policy on the bank-card ladder.
private func ranks(_ series: [Double], ladder: TierLadder = .bankCards) throws -> [Int] {
  let history = try BalanceHistory(
    ids: ["x"], periods: months(series.count), balancesByClient: [series])
  let tiers = StandardTiers(ladder: ladder).assignments(for: history)
  return (0..<series.count).map { tiers.tier(forRow: 0, period: $0).rank }
}

/// A straightforward per-client re-statement of the documented rule, to compare the kernel with.
private func referenceRanks(_ series: [Double], ladder: TierLadder) -> [Int] {
  let defs = ladder.definitions
  func entered(_ b: Double) -> Int { defs.filter { b >= $0.entryThreshold }.count }
  var rank = entered(series[0])
  var below = 0
  var out = [rank]
  for b in series.dropFirst() {
    if entered(b) > rank {
      rank = entered(b)
      below = 0
    } else if rank > 0, b < defs[rank - 1].keepLevel {
      below += 1
      if below > defs[rank - 1].gracePeriods {
        var landing = rank - 1
        while landing > 0, b < defs[landing - 1].keepLevel { landing -= 1 }
        rank = landing
        below = 0
      }
    } else {
      below = 0
    }
    out.append(rank)
  }
  return out
}

@Suite("Value tiers")
struct TierTests {
  // The bank-card ladder: gold 200,000 (kept to 180,000), platinum 500,000 (kept to 450,000),
  // black 3,000,000 (kept to 2,700,000); grace 2 periods each.

  @Test("the default ladder is the issue's bank cards, ordered and with entitlements")
  func defaultLadder() throws {
    let ladder = TierLadder.bankCards
    #expect(ladder.tiers.map(\.name) == ["standard", "gold", "platinum", "black"])
    #expect(ladder.definitions.map(\.entryThreshold) == [200_000, 500_000, 3_000_000])
    #expect(ladder.definitions.map(\.keepLevel) == [180_000, 450_000, 2_700_000])
    let tiers = ladder.tiers
    #expect(tiers[0] < tiers[1] && tiers[1] < tiers[2] && tiers[2] < tiers[3])
    #expect(tiers.sorted(by: >).map(\.rank) == [3, 2, 1, 0])
    #expect(ladder.entitlements(of: tiers[2]).contains("no queueing"))
    #expect(ladder.entitlements(of: Tier(rank: 2, name: "gold")).isEmpty)  // not this ladder's
    // The constant is built without the checks; its definitions pass them.
    let checked = try TierLadder(
      baseName: ladder.baseName, baseEntitlements: ladder.baseEntitlements,
      tiers: ladder.definitions)
    #expect(checked == ladder)
  }

  @Test("crossing up upgrades immediately, to the highest tier reached")
  func crossingUp() throws {
    // 150k standard; 190k still below gold's 200k; 205k gold at once; 520k platinum at once.
    #expect(try ranks([150_000, 190_000, 205_000, 520_000]) == [0, 0, 1, 2])
    // A jump past two thresholds lands on the higher one directly.
    #expect(try ranks([100_000, 3_200_000]) == [0, 3])
  }

  @Test("a balance hovering within the band never moves the client")
  func hoveringWithinBand() throws {
    // Platinum at 510k; every later balance is between the keep level 450k and the entry
    // 500k or just above it: the hysteresis band keeps platinum throughout.
    #expect(
      try ranks([510_000, 460_000, 499_000, 455_000, 505_000, 450_000]) == [2, 2, 2, 2, 2, 2])
  }

  @Test("dropping below for fewer than the grace periods, then recovering, keeps the tier")
  func shortDipRecovers() throws {
    // 440k and 430k are below the keep level: periods 1 and 2 use the grace of 2; 470k is
    // back above 450k and resets the count; the dip at period 4 starts a fresh count of 1.
    let series: [Double] = [600_000, 440_000, 430_000, 470_000, 440_000]
    #expect(try ranks(series) == [2, 2, 2, 2, 2])
    let history = try BalanceHistory(ids: ["x"], periods: months(5), balancesByClient: [series])
    let tiers = StandardTiers().assignments(for: history)
    #expect(tiers.periodsBelowKeep[0] == 1)
    #expect(
      tiers.reason(forRow: 0)
        == "platinum, downgrade pending: 1 month below platinum's keep level 450,000 "
        + "(balance 440,000), grace 2")
  }

  @Test("staying below for more than the grace downgrades exactly then, to the supported tier")
  func downgradeAfterGrace() throws {
    // Periods 1 and 2 below 450k are the grace; period 3 is the third consecutive period
    // below, so the downgrade happens there — not at period 2. 400k keeps gold (≥ 180k).
    let series: [Double] = [600_000, 400_000, 400_000, 400_000, 400_000]
    #expect(try ranks(series) == [2, 2, 2, 1, 1])
    let history = try BalanceHistory(ids: ["x"], periods: months(5), balancesByClient: [series])
    let tiers = StandardTiers().assignments(for: history)
    #expect(tiers.enteredPeriods[0] == 3)
    #expect(tiers.previousRanks[0] == 2)
    #expect(
      tiers.reason(forRow: 0)
        == "gold: balance 400,000 ≥ 200,000 since 2026-04; downgraded from platinum in 2026-04")
  }

  @Test("a downgrade goes directly to the tier the balance keeps, several steps if needed")
  func directDowngrade() throws {
    // Black to standard in one step: 100k keeps no tier.
    #expect(try ranks([3_100_000, 100_000, 100_000, 100_000]) == [3, 3, 3, 0])
    // Platinum falling to 190k lands in gold: 190k is below gold's entry but at or above its
    // keep level 180k, the level a gold member would keep it at.
    #expect(try ranks([600_000, 190_000, 190_000, 190_000]) == [2, 2, 2, 1])
  }

  @Test("an upgrade during grace cancels the pending downgrade")
  func upgradeDuringGrace() throws {
    // Gold pending after two periods below 180k, then 520k: platinum immediately.
    #expect(try ranks([250_000, 100_000, 100_000, 520_000, 100_000]) == [1, 1, 1, 2, 2])
  }

  @Test("grace 0 downgrades at the first period below the keep level")
  func zeroGrace() throws {
    let ladder = try TierLadder(tiers: [
      TierDefinition(name: "gold", entryThreshold: 100, exitMargin: 0.2, gracePeriods: 0)
    ])
    // 85 is within the band (keep level 80); 79 is below it.
    #expect(try ranks([100, 85, 79], ladder: ladder) == [1, 1, 0])
  }

  @Test("negative balances are below every tier, with the overdraft named")
  func negativeBalance() throws {
    let history = try BalanceHistory(
      ids: ["x"], periods: months(2), balancesByClient: [[-5_000, -12_500.4]])
    let tiers = StandardTiers().assignments(for: history)
    #expect(tiers.tier(forRow: 0).name == "standard")
    #expect(
      tiers.reason(forRow: 0) == "standard: balance -12,500 (overdraft) below gold's entry 200,000")
  }

  @Test("reasons name the tier, the balance, the threshold and since when")
  func reasons() throws {
    let history = try BalanceHistory(
      ids: ["a", "b"], periods: months(4),
      balancesByClient: [
        [100_000, 300_000, 512_300, 530_000], [520_000, 520_000, 470_000, 480_000],
      ])
    let tiers = StandardTiers().assignments(for: history)
    #expect(tiers.row(for: "b") == 1)
    #expect(tiers.row(for: "zz") == nil)
    #expect(
      tiers.reason(forRow: 0)
        == "platinum: balance 530,000 ≥ 500,000 since 2026-03; upgraded from gold in 2026-03")
    #expect(
      tiers.reason(forRow: 1)
        == "platinum: balance 480,000 within the band, keep level 450,000, entry 500,000; "
        + "platinum since 2026-01")
    #expect(
      tiers.entitlements(forRow: 1) == ["no queueing", "fee discount 50%", "personal manager"])
    #expect(tiers.counts.entries.map(\.count) == [0, 0, 2, 0])
    let snapshot = tiers.snapshot()
    #expect(snapshot.day == months(4)[3])
    #expect(snapshot.labels["a"] == Tier(rank: 2, name: "platinum"))
  }

  @Test("the kernel agrees with a plain re-statement of the rule on random walks")
  func matchesReference() throws {
    var generator = SeededGenerator(seed: 41)
    let ladder = TierLadder.bankCards
    let periods = 18
    var series = [[Double]]()
    for _ in 0..<400 {
      // Start near a random threshold and wander by up to ±15% a month.
      let anchors: [Double] = [150_000, 200_000, 480_000, 2_900_000]
      var balance = anchors[generator.nextInt(below: anchors.count)]
      var one = [Double]()
      for _ in 0..<periods {
        balance *= 0.85 + 0.3 * generator.nextUnitDouble()
        one.append(balance)
      }
      series.append(one)
    }
    let ids = (0..<series.count).map { "c\($0)" }
    let history = try BalanceHistory(ids: ids, periods: months(periods), balancesByClient: series)
    let tiers = StandardTiers().assignments(for: history)
    var changes = 0
    for row in series.indices {
      let expected = referenceRanks(series[row], ladder: ladder)
      let actual = (0..<periods).map { tiers.tier(forRow: row, period: $0).rank }
      #expect(actual == expected, "client \(row)")
      changes += zip(expected, expected.dropFirst()).filter { $0 != $1 }.count
    }
    // The walks really do cross thresholds, so the comparison exercises every branch.
    #expect(changes > 100)
  }

  @Test("under the grace rule no client is downgraded sooner than grace + 1 periods below")
  func noFlapping() throws {
    var generator = SeededGenerator(seed: 7)
    let ladder = TierLadder.bankCards
    let periods = 24
    var matrix = [Double]()
    let count = 300
    for _ in 0..<count {
      var balance = 150_000 + 500_000 * generator.nextUnitDouble()
      for _ in 0..<periods {
        balance += 60_000 * (generator.nextUnitDouble() - 0.5)
        matrix.append(balance)
      }
    }
    let history = try BalanceHistory(
      ids: Array(0..<count), periods: months(periods), balances: matrix)
    let tiers = StandardTiers().assignments(for: history)
    var downgrades = 0
    for row in 0..<count {
      for period in 1..<periods {
        let before = tiers.tier(forRow: row, period: period - 1).rank
        let after = tiers.tier(forRow: row, period: period).rank
        guard after < before, let held = ladder.definition(ofRank: before) else { continue }
        downgrades += 1
        // The downgrade period and the grace periods before it were all below the keep
        // level, with the tier held throughout.
        let run = held.gracePeriods + 1
        #expect(period - run + 1 >= 0)
        for earlier in max(period - run + 1, 0)...period {
          #expect(history.balance(forRow: row, period: earlier) < held.keepLevel)
          if earlier < period { #expect(tiers.tier(forRow: row, period: earlier).rank == before) }
        }
      }
    }
    #expect(downgrades > 10)
  }

  @Test("every client gets exactly one tier, and the result does not depend on client order")
  func orderIndependence() throws {
    var generator = SeededGenerator(seed: 2026)
    let count = 500
    let periods = 12
    var series = [[Double]]()
    for _ in 0..<count {
      var balance = 4_000_000 * generator.nextUnitDouble() * generator.nextUnitDouble()
      series.append(
        (0..<periods).map { _ in
          balance *= 0.8 + 0.4 * generator.nextUnitDouble()
          return balance - 20_000
        })
    }
    let ids = (0..<count).map { "client-\($0)" }
    let tiers = StandardTiers().assignments(
      for: try BalanceHistory(ids: ids, periods: months(periods), balancesByClient: series))
    #expect(tiers.counts.total == count && tiers.counts.unlabeled == 0)
    #expect(tiers.tiers.allSatisfy { TierLadder.bankCards.tiers.contains($0) })
    // A seeded Fisher–Yates shuffle of the rows.
    var order = Array(0..<count)
    for index in stride(from: count - 1, to: 0, by: -1) {
      order.swapAt(index, generator.nextInt(below: index + 1))
    }
    let shuffled = StandardTiers().assignments(
      for: try BalanceHistory(
        ids: order.map { ids[$0] }, periods: months(periods),
        balancesByClient: order.map { series[$0] }))
    for (newRow, oldRow) in order.enumerated() {
      #expect(shuffled.tier(forRow: newRow) == tiers.tier(forRow: oldRow))
      #expect(shuffled.reason(forRow: newRow) == tiers.reason(forRow: oldRow))
    }
  }

  @Test("a prefix of the history is what was known at the end of that period")
  func prefix() throws {
    let series: [Double] = [600_000, 400_000, 400_000, 400_000]
    let history = try BalanceHistory(ids: ["x"], periods: months(4), balancesByClient: [series])
    let early = StandardTiers().assignments(for: history.prefix(periods: 3))
    #expect(early.tier(forRow: 0).name == "platinum")
    #expect(early.day == months(3)[2])
    #expect(history.prefix(periods: 99).periodCount == 4)
    #expect(history.prefix(periods: 0).periodCount == 1)
  }

  @Test("ladders are data: they round-trip through Codable and decoding checks them")
  func ladderCodable() throws {
    let ladder = TierLadder.bankCards
    let data = try JSONEncoder().encode(ladder)
    #expect(try JSONDecoder().decode(TierLadder.self, from: data) == ladder)
    var broken = ladder.definitions
    broken[1].entryThreshold = 100_000
    let bad = try JSONEncoder().encode(
      LadderShape(baseName: "standard", baseEntitlements: [], tiers: broken))
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(TierLadder.self, from: bad) }
  }

  @Test(
    "bad ladders are typed errors",
    arguments: [
      (
        [
          TierDefinition(name: "gold", entryThreshold: 200),
          .init(name: "plat", entryThreshold: 200),
        ], "entryThreshold"
      ),
      ([TierDefinition(name: "gold", entryThreshold: 200, gracePeriods: -1)], "gracePeriods"),
      ([TierDefinition(name: "gold", entryThreshold: .nan)], "entryThreshold"),
      ([TierDefinition(name: "gold", entryThreshold: -5)], "entryThreshold"),
      ([TierDefinition(name: "gold", entryThreshold: 200, exitMargin: 1)], "exitMargin"),
      (
        [
          TierDefinition(name: "gold", entryThreshold: 200),
          .init(name: "gold", entryThreshold: 300),
        ], "name"
      ),
      // Platinum's keep level (210) would fall below gold's (216).
      (
        [
          TierDefinition(name: "gold", entryThreshold: 240),
          .init(name: "plat", entryThreshold: 300, exitMargin: 0.3),
        ],
        "exitMargin"
      ),
    ])
  func badLadders(tiers: [TierDefinition], parameter: String) {
    do {
      _ = try TierLadder(tiers: tiers)
      Issue.record("expected an error")
    } catch {
      guard case .invalidParameter(let name, _) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(name == parameter)
    }
    #expect(throws: SegmentationError.empty("tiers")) { try TierLadder(tiers: []) }
  }

  @Test("a history with no clients gives empty assignments")
  func emptyHistory() throws {
    let history = try BalanceHistory<String>(ids: [], periods: months(2), balances: [])
    let tiers = StandardTiers.standard.assignments(for: history, threadCount: 2)
    #expect(tiers.isEmpty && tiers.path.isEmpty && tiers.tiers.isEmpty)
    #expect(tiers.counts.entries.map(\.count) == [0, 0, 0, 0] && tiers.counts.total == 0)
    #expect(tiers.snapshot().labels.isEmpty && tiers.risingStars().isEmpty)
    #expect(tiers.day == months(2)[1])
  }

  @Test("bad histories are typed errors")
  func badHistories() {
    #expect(throws: SegmentationError.empty("periods")) {
      try BalanceHistory(ids: ["a"], periods: [], balances: [])
    }
    let infinite = SegmentationError.nonFiniteValue(
      at: .period(1, client: "b", row: 1), value: .infinity)
    #expect(throws: infinite) {
      try BalanceHistory(
        ids: ["a", "b"], periods: months(2), balancesByClient: [[1, 2], [3, .infinity]])
    }
    #expect(infinite.description == "client b (row 1), period 1: value inf is not a finite number")
    #expect(throws: SegmentationError.duplicateClient("a")) {
      try BalanceHistory(ids: ["a", "a"], periods: months(1), balances: [1, 2])
    }
    #expect(throws: SegmentationError.lengthMismatch(what: "balances", expected: 4, actual: 3)) {
      try BalanceHistory(ids: ["a", "b"], periods: months(2), balances: [1, 2, 3])
    }
    #expect(
      throws: SegmentationError.lengthMismatch(
        what: "balances of client b (row 1)", expected: 2, actual: 1)
    ) {
      try BalanceHistory(ids: ["a", "b"], periods: months(2), balancesByClient: [[1, 2], [3]])
    }
    #expect(throws: SegmentationError.self) {
      try BalanceHistory(ids: ["a"], periods: months(2).reversed(), balances: [1, 2])
    }
    // NaN is caught too (NaN ≠ NaN, so match the case rather than the value).
    do {
      _ = try BalanceHistory(ids: ["a"], periods: months(1), balances: [.nan])
      Issue.record("expected an error")
    } catch {
      guard case .nonFiniteValue(at: .period(0, client: "a", row: 0), _) = error else {
        Issue.record("unexpected \(error)")
        return
      }
    }
  }
}

@Suite("Value tiers: a host's own ranks")
struct HostTierAssignmentsTests {
  @Test("assignments from a host's ranks: clamped, with the facts worked out by hand")
  func hostRanks() throws {
    let history = try BalanceHistory(
      ids: ["ana", "ben", "cy"], periods: months(5),
      balancesByClient: [
        [100_000, 250_000, 600_000, 440_000, 430_000],
        [100, 100, 100, 100, 100],
        [-3_000, -3_000, -3_000, -3_000, -3_000],
      ])
    let hostRanks = [[0, 1, 2, 2, 2], [7, 7, -3, 1, 1], [0, 0, 0, 0, 0]]
    var asked: [[Int]] = []
    let tiers = TierAssignments(history: history, ladder: .bankCards) { row, period in
      asked.append([row, period])
      return hostRanks[row][period]
    }
    // Asked once per client and period, row by row, oldest period first.
    #expect(asked == (0..<3).flatMap { row in (0..<5).map { [row, $0] } })
    // ben's 7 is above black (3) and his -3 below the base: clamped onto the ladder.
    #expect(Array(tiers.path) == [0, 1, 2, 2, 2, 3, 3, 0, 1, 1, 0, 0, 0, 0, 0])
    // ana: platinum since period 2 (gold before it); 440,000 and 430,000 are both below
    // platinum's keep level of 450,000 and 600,000 is not: 2 periods below.
    // ben: gold since period 3 (standard before it); 100 is below gold's 180,000 in periods
    // 3 and 4, and period 2 was not gold: 2 periods below.
    // cy: standard throughout, which has no keep level.
    #expect(Array(tiers.enteredPeriods) == [2, 3, 0])
    #expect(Array(tiers.previousRanks) == [1, 0, 0])
    #expect(Array(tiers.periodsBelowKeep) == [2, 2, 0])
    #expect(
      tiers.reason(for: "ana")
        == "platinum, downgrade pending: 2 months below platinum's keep level 450,000 "
        + "(balance 430,000), grace 2; upgraded from gold in 2026-03")
    #expect(
      tiers.reason(for: "cy") == "standard: balance -3,000 (overdraft) below gold's entry 200,000")
    #expect(tiers.counts.map(\.count) == [1, 1, 1, 0])
    #expect(tiers.clients == history.clients)
  }
}

/// The ladder's coding shape, to write an invalid ladder that decoding must refuse.
private struct LadderShape: Codable {
  var baseName: String
  var baseEntitlements: [String]
  var tiers: [TierDefinition]
}
