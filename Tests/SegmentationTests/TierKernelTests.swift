import ClientBaseCore
import ClientBaseTesting
import Testing

@testable import Segmentation

/// A host rule with its own state: an upgrade only after two periods in a row at or above the
/// higher tier's entry; everything else as the standard rule (the example of `TierPolicy`'s
/// documentation).
struct PatientUpgrades: TierPolicy {
  struct State: TierPolicyState {
    var standard: TierState
    var periodsAboveEntry = 0
    var rank: Int { standard.rank }
    var periodsBelowKeep: Int { standard.periodsBelowKeep }
  }
  let rule = StandardTiers.standard
  var ladder: TierLadder { rule.ladder }

  func initialState(balance: Double) -> State {
    State(standard: rule.initialState(balance: balance))
  }

  func nextState(after state: State, balance: Double) -> State {
    let next = rule.nextState(after: state.standard, balance: balance)
    guard next.rank > state.rank, state.periodsAboveEntry == 0 else {
      return State(standard: next)
    }
    return State(standard: TierState(rank: state.rank), periodsAboveEntry: 1)
  }
}

/// The engine runs each policy's own rule: the standard rule's output is what its state machine
/// gives client by client, on any number of threads, and a host rule with its own state gets
/// its own answer from the same engine.
@Suite("Tier engine")
struct TierEngineTests {
  /// Every client's ranks, the periods below the keep level at the end, the period the final
  /// tier was entered and the rank before it, worked out by walking the policy's state machine
  /// by hand.
  private func walked<Policy: TierPolicy>(_ policy: Policy, _ series: [Double])
    -> (path: [UInt8], below: Int32, entered: Int32, previous: UInt8)
  {
    let states = TierLaws.states(of: policy, on: series)
    let path = states.map { UInt8(min(max($0.rank, 0), policy.ladder.topRank)) }
    var entered = 0
    for period in path.indices.dropFirst() where path[period] != path[period - 1] {
      entered = period
    }
    let previous = entered > 0 ? path[entered - 1] : path[0]
    let below = Int32(states.last?.periodsBelowKeep ?? 0)
    return (path, below, Int32(entered), previous)
  }

  /// Random walks from 1,000 to 8M, with dips below zero now and then, so that every rule
  /// (entry, hysteresis band, grace, multi-step downgrade, overdraft) is exercised.
  private func randomWalks(clients: Int, months: Int, seed: UInt64) -> [[Double]] {
    var rng = SeededGenerator(seed: seed)
    var series: [[Double]] = []
    for _ in 0..<clients {
      var balance = 1_000 * pow2(13 * rng.nextUnitDouble())
      series.append(
        (0..<months).map { _ in
          balance *= 0.6 + 0.8 * rng.nextUnitDouble()
          return rng.nextUnitDouble() < 0.01 ? -balance : balance
        })
    }
    return series
  }

  @Test("the engine gives each client what the rule gives it by hand, on 1, 2 and 3 threads")
  func engineEqualsTheRule() throws {
    let clients = 40_000
    let months = 12
    let series = randomWalks(clients: clients, months: months, seed: 77)
    let periods = (0..<months).map { Day(daysSince1970: 20_000 + 30 * Int32($0)) }
    let history = try BalanceHistory(
      ids: Array(0..<clients), periods: periods, balancesByClient: series)
    let ladder = try TierLadder(
      baseName: "basic", baseEntitlements: [],
      tiers: [
        TierDefinition(name: "silver", entryThreshold: 50_000, exitMargin: 0.2, gracePeriods: 0),
        TierDefinition(name: "gold", entryThreshold: 200_000, gracePeriods: 1),
        TierDefinition(name: "platinum", entryThreshold: 500_000, gracePeriods: 3),
        TierDefinition(name: "black", entryThreshold: 3_000_000, exitMargin: 0.3),
      ])
    for policy in [StandardTiers(), StandardTiers(ladder: ladder)] {
      let one = policy.assignments(for: history, threadCount: 1)
      // Every 7th client by hand: the columns are the state machine's.
      for row in stride(from: 0, to: clients, by: 7) {
        let expected = walked(policy, series[row])
        #expect(Array(one.path[row * months..<(row + 1) * months]) == expected.path)
        #expect(one.periodsBelowKeep[row] == expected.below)
        #expect(one.enteredPeriods[row] == expected.entered)
        #expect(one.previousRanks[row] == expected.previous)
      }
      for threads in [2, 3] {
        let many = policy.assignments(for: history, threadCount: threads)
        #expect(many.path == one.path)
        #expect(many.periodsBelowKeep == one.periodsBelowKeep)
        #expect(many.enteredPeriods == one.enteredPeriods)
        #expect(many.previousRanks == one.previousRanks)
      }
      // Every rank occurs, so the comparison above covered every rule.
      #expect(one.counts.entries.allSatisfy { $0.count > 0 })
    }
  }

  @Test("assignments built from ranks read back the engine's columns from the engine's path")
  func assignmentsFromRanksAgreeWithTheEngine() throws {
    let clients = 5_000
    let months = 12
    let periods = (0..<months).map { Day(daysSince1970: 20_000 + 30 * Int32($0)) }
    let history = try BalanceHistory(
      ids: Array(0..<clients), periods: periods,
      balancesByClient: randomWalks(clients: clients, months: months, seed: 78))
    let engine = StandardTiers.standard.assignments(for: history, threadCount: 2)
    // The standard rule's state counts the periods below the keep level of the tier held; the
    // ranks alone, with the balances, give the same count.
    let rebuilt = TierAssignments(history: history, ladder: engine.ladder) { row, period in
      Int(engine.path[row * months + period])
    }
    #expect(rebuilt.path == engine.path)
    #expect(rebuilt.periodsBelowKeep == engine.periodsBelowKeep)
    #expect(rebuilt.enteredPeriods == engine.enteredPeriods)
    #expect(rebuilt.previousRanks == engine.previousRanks)
    #expect(engine.periodsBelowKeep.contains { $0 > 0 })  // pending downgrades were compared
    #expect(rebuilt.reasons(forRows: 0..<100) == engine.reasons(forRows: 0..<100))
  }

  @Test("a host rule with its own state runs through the engine and gives the hand-worked path")
  func hostStateRunsThroughTheEngine() throws {
    // 100,000 standard; 250,000 reaches gold's entry but a first period above waits; 260,000
    // is the second in a row: gold. 600,000 reaches platinum's entry: waits; 610,000: platinum.
    // The standard rule upgrades at once: standard, gold, gold, platinum, platinum.
    let series: [Double] = [100_000, 250_000, 260_000, 600_000, 610_000]
    let days = (0..<5).map { Day(daysSince1970: 20_454).adding(months: $0) }  // from 2026-01-01
    let history = try BalanceHistory(
      ids: (0..<300).map { "c\($0)" }, periods: days,
      balancesByClient: Array(repeating: series, count: 300))
    let patient = PatientUpgrades().assignments(for: history, threadCount: 2)
    let standard = StandardTiers.standard.assignments(for: history, threadCount: 2)
    #expect((0..<5).map { patient.tier(forRow: 0, period: $0).rank } == [0, 0, 1, 1, 2])
    #expect((0..<5).map { standard.tier(forRow: 0, period: $0).rank } == [0, 1, 1, 2, 2])
    #expect(patient.enteredPeriods[299] == 4 && patient.previousRanks[299] == 1)
    #expect(
      patient.reason(for: "c17")
        == "platinum: balance 610,000 ≥ 500,000 since 2026-05; upgraded from gold in 2026-05")
    #expect(patient.counts[TierLadder.bankCards.tiers[2]] == 300)
  }

  @Test("a rank off the ladder is clamped by the rule and by the engine, never trapped on")
  func ranksOffTheLadder() throws {
    let rule = StandardTiers.standard
    // Off the top: treated as black (keep level 2,700,000): 2,800,000 keeps it.
    #expect(rule.nextState(after: TierState(rank: 99), balance: 2_800_000) == TierState(rank: 3))
    // Below the base: treated as standard; 250,000 enters gold.
    #expect(rule.nextState(after: TierState(rank: -4), balance: 250_000) == TierState(rank: 1))
    struct Wild: TierPolicy {
      let ladder = TierLadder.bankCards
      func initialState(balance: Double) -> TierState { TierState(rank: -7) }
      func nextState(after state: TierState, balance: Double) -> TierState {
        TierState(rank: 40)
      }
    }
    let history = try BalanceHistory(
      ids: ["w"], periods: (0..<3).map { Day(daysSince1970: 20_000 + 31 * Int32($0)) },
      balances: [1, 2, 3])
    let tiers = Wild().assignments(for: history)
    #expect((0..<3).map { tiers.tier(forRow: 0, period: $0).rank } == [0, 3, 3])
  }

  private func pow2(_ x: Double) -> Double {
    var result = 1.0
    var remaining = x
    while remaining >= 1 {
      result *= 2
      remaining -= 1
    }
    return result * (1 + remaining)
  }
}

@Suite("XYZ on several threads")
struct XYZThreadingTests {
  @Test("classes and coefficients are identical on 1, 2 and 3 threads")
  func threadsChangeNothing() throws {
    var rng = SeededGenerator(seed: 3)
    let rows = 50_000
    let periods = 6
    var values: [Double] = []
    for _ in 0..<rows {
      for _ in 0..<periods {
        values.append(rng.nextUnitDouble() < 0.2 ? 0 : 100 * rng.nextUnitDouble())
      }
    }
    let matrix = try PeriodMatrix(ids: Array(0..<rows), periodCount: periods, values: values)
    for policy in [StandardXYZ.standard, try StandardXYZ(startsAtFirstActivePeriod: true)] {
      let one = policy.classification(of: matrix, threadCount: 1)
      for threads in [2, 3] {
        let many = policy.classification(of: matrix, threadCount: threads)
        #expect(many.classes == one.classes)
        for row in Swift.stride(from: 0, to: rows, by: 101) {
          #expect(many.outcome(forRow: row) == one.outcome(forRow: row))
        }
      }
      // Every kind of outcome occurred, so all branches were compared.
      #expect(Set(one.classes.compactMap { $0 }).count == 3)
    }
  }
}
