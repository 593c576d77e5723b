import ClientBaseTesting
import Testing

@testable import Retention

/// Hand-made histories for the rhythm and at-risk tests.
enum RhythmFixtures {
  /// 2023-01-01.
  static let start = Day(daysSince1970: 19_358)

  /// A log of clients, each with purchases on `start` plus the given offsets (days), 350 each.
  static func log(_ clients: [(String, [Int])]) -> PurchaseLog<String> {
    var log = PurchaseLog<String>()
    for (client, offsets) in clients {
      for offset in offsets {
        log.append(client: client, day: start.adding(days: offset), amount: 350)
      }
    }
    return log
  }

  /// Purchase days every `gap` days, `count` of them, from `start`.
  static func every(_ gap: Int, count: Int, from first: Int = 0) -> [Int] {
    (0..<count).map { first + $0 * gap }
  }

  /// The rhythm of a log as of `start + asOf` days.
  static func rhythm(
    _ log: PurchaseLog<String>, asOf: Int, policy: StandardRhythm = .standard
  ) throws -> (ClientTable<String>, PurchaseRhythm<String>) {
    let day = start.adding(days: asOf)
    let table = try Summarizer().summarize(log, through: day)
    let days = try PurchaseDays(log, table: table, asOf: day)
    return (table, policy.rhythm(of: days))
  }

  /// A seeded synthetic base (CDNOW-like BG/NBD process), no contacts or life events.
  static func syntheticBase(clients: Int, seed: UInt64) throws -> SyntheticBase {
    try SyntheticBase(
      configuration: SyntheticBaseConfiguration(
        clients: clients, seed: seed, contactsPerYear: 0, lifeEventsPerYear: 0))
  }
}
