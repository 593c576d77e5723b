import BaseGrowth
import ClientBaseTesting
import Retention

/// Hand-made histories for the base-growth tests.
enum GrowthFixtures {
  /// 2026-01-01.
  static let start = Day(daysSince1970: 20_454)

  /// A log of clients, each with purchases on `start` plus the given offsets (days), 100 each.
  static func log(_ clients: [(String, [Int])]) -> PurchaseLog<String> {
    var log = PurchaseLog<String>()
    for (client, offsets) in clients {
      for offset in offsets {
        log.append(client: client, day: start.adding(days: offset), amount: 100)
      }
    }
    return log
  }

  /// Purchase days every `gap` days, `count` of them, from `first`.
  static func every(_ gap: Int, count: Int, from first: Int = 0) -> [Int] {
    (0..<count).map { first + $0 * gap }
  }

  /// The gaps of a log as of `start + asOf` days, with its table.
  static func gaps(_ log: PurchaseLog<String>, asOf: Int) throws -> (
    ClientTable<String>, PurchaseGaps
  ) {
    let day = start.adding(days: asOf)
    let table = try Summarizer().summarize(log, through: day)
    return (table, PurchaseGaps(try PurchaseDays(log, table: table, asOf: day)))
  }

  /// A seeded synthetic base (CDNOW-like BG/NBD process), no contacts or life events.
  static func syntheticBase(clients: Int, seed: UInt64) throws -> SyntheticBase {
    try SyntheticBase(
      configuration: SyntheticBaseConfiguration(
        clients: clients, seed: seed, contactsPerYear: 0, lifeEventsPerYear: 0))
  }

  /// A month: the practice's characteristic period.
  static func month() throws -> CharacteristicPeriod { try .given(days: 30) }
}
