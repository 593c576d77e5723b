import ClientBaseCore
import ClientBaseTesting
import Testing

@testable import Segmentation

/// The standard policy's fast kernel must give exactly what the policy's own state machine
/// gives client by client, on any number of threads.
@Suite("Tier kernel")
struct TierKernelTests {
  @Test("the standard kernel equals the state machine, on 1, 2 and 3 threads")
  func kernelEqualsStateMachine() throws {
    var rng = SeededGenerator(seed: 77)
    let clients = 40_000
    let months = 12
    var balances: [Double] = []
    for _ in 0..<clients {
      // Random walks from 1,000 to 8M, with dips below zero now and then, so that every rule
      // (entry, hysteresis band, grace, multi-step downgrade, overdraft) is exercised.
      var balance = 1_000 * pow2(13 * rng.nextUnitDouble())
      for _ in 0..<months {
        balance *= 0.6 + 0.8 * rng.nextUnitDouble()
        balances.append(rng.nextUnitDouble() < 0.01 ? -balance : balance)
      }
    }
    let periods = (0..<months).map { Day(daysSince1970: 20_000 + 30 * Int32($0)) }
    let history = try BalanceHistory(
      ids: Array(0..<clients), periods: periods, balances: balances)
    let ladder = try TierLadder(
      baseName: "basic", baseEntitlements: [],
      tiers: [
        TierDefinition(name: "silver", entryThreshold: 50_000, exitMargin: 0.2, gracePeriods: 0),
        TierDefinition(name: "gold", entryThreshold: 200_000, gracePeriods: 1),
        TierDefinition(name: "platinum", entryThreshold: 500_000, gracePeriods: 3),
        TierDefinition(name: "black", entryThreshold: 3_000_000, exitMargin: 0.3),
      ])
    for policy in [StandardTierPolicy(), StandardTierPolicy(ladder: ladder)] {
      let reference = policy.serialAssignments(for: history)
      for threads in [1, 2, 3] {
        let fast = policy.assignments(for: history, threadCount: threads)
        #expect(fast.path == reference.path)
        #expect(fast.periodsBelowKeep == reference.periodsBelowKeep)
        #expect(fast.enteredPeriods == reference.enteredPeriods)
        #expect(fast.previousRanks == reference.previousRanks)
      }
      // Every rank occurs, so the comparison above covered every rule.
      #expect(reference.countsByRank.allSatisfy { $0 > 0 })
    }
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
