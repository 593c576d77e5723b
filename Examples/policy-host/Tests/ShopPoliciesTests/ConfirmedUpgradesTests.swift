import ClientBase
import ClientBaseTesting
import ShopPolicies
import Testing

@Suite("ConfirmedUpgrades")
struct ConfirmedUpgradesTests {
  /// Month ends from January 2026.
  func monthEnds(_ count: Int) throws -> [Day] {
    try (1...count).map { month in
      try Day(year: 2026, month: month, day: 1).adding(months: 1).adding(days: -1)
    }
  }

  @Test("an upgrade waits for a second month at the entry level; a dip resets the wait")
  func upgradesWaitForConfirmation() throws {
    // Gold's entry is 200,000 and its keep level 180,000. Ana reaches gold in February, dips
    // to 190,000 in March and is back above 200,000 in April and May: the standard rule gives
    // her gold from February (190,000 keeps it); this rule waits for April and May.
    // Ben jumps from 100,000 to 600,000 and 550,000: platinum after two months at its entry.
    // Cleo jumps to 600,000 and then holds 300,000: the level she held throughout is gold's.
    let history = try BalanceHistory(
      ids: ["ana", "ben", "cleo"], periods: try monthEnds(5),
      balancesByClient: [
        [150_000, 210_000, 190_000, 220_000, 230_000],
        [100_000, 600_000, 550_000, 560_000, 570_000],
        [100_000, 600_000, 300_000, 300_000, 300_000],
      ])
    let confirmed = try ConfirmedUpgrades().assignments(for: history, threadCount: 2)
    let standard = StandardTiers.standard.assignments(for: history)
    func path(_ tiers: TierAssignments<String>, _ row: Int) -> [String] {
      (0..<5).map { tiers.tier(forRow: row, period: $0).name }
    }
    #expect(path(confirmed, 0) == ["standard", "standard", "standard", "standard", "gold"])
    #expect(path(standard, 0) == ["standard", "gold", "gold", "gold", "gold"])
    #expect(path(confirmed, 1) == ["standard", "standard", "platinum", "platinum", "platinum"])
    #expect(path(confirmed, 2) == ["standard", "standard", "gold", "gold", "gold"])
    #expect(confirmed.counts.labels.map(\.name) == ["standard", "gold", "platinum", "black"])
    #expect(confirmed.counts[confirmed.ladder.tiers[1]] == 2)
  }

  @Test("keeps the tier laws, with its own state, on seeded random walks")
  func keepsTheLaws() throws {
    let violations = TierLaws.violations(of: try ConfirmedUpgrades(), seed: 11)
    #expect(violations.isEmpty, "\(violations)")
  }

  @Test("a confirmation of zero periods is refused when the rule is made")
  func badSettingIsRefused() {
    #expect(throws: SegmentationError.self) { try ConfirmedUpgrades(confirmationPeriods: 0) }
  }
}
