import ClientBaseTesting
import Testing

@testable import Retention

/// Hand-made histories for the lifecycle and win-back tests: days are offsets from
/// `RhythmFixtures.start` (2023-01-01), every purchase 350.
enum LifecycleFixtures {
  /// `start + offset` days.
  static func day(_ offset: Int) -> Day { RhythmFixtures.start.adding(days: offset) }

  /// The evidence of some clients' purchase days, referrals `(from, to, day)` and contacted
  /// clients, as of `start + asOf`.
  static func evidence(
    _ clients: [(String, [Int])], asOf: Int, referrals: [(String, String, Int)] = [],
    contacted: [String] = []
  ) throws -> LifecycleEvidence<String> {
    let log = RhythmFixtures.log(clients)
    let (table, rhythm) = try RhythmFixtures.rhythm(log, asOf: asOf)
    let days = try PurchaseDays(log, table: table, asOf: day(asOf))
    #expect(rhythm.clients.isSameRowSpace(as: days.clients))
    return try LifecycleEvidence(
      days: days, rhythm: rhythm, table: table,
      referrals: referrals.map { Referral(client: $0.0, referred: $0.1, day: day($0.2)) },
      contacts: contacted.map {
        Contact(client: $0, day: day(0), manager: "m-1", channel: .phone, outcome: .reached)
      })
  }

  /// The stages of some clients as of `start + asOf`.
  static func stages(
    _ clients: [(String, [Int])], asOf: Int, referrals: [(String, String, Int)] = [],
    contacted: [String] = [], policy: StandardLifecycle = .standard, threadCount: Int = 1
  ) throws -> LifecycleStages<String> {
    policy.stages(
      for: try evidence(clients, asOf: asOf, referrals: referrals, contacted: contacted),
      threadCount: threadCount)
  }

  /// A client's transitions as `(offset, stage)` pairs.
  static func transitions(_ stages: LifecycleStages<String>, _ client: String) -> [String] {
    guard let row = stages.row(for: client) else { return [] }
    return stages.transitions(ofRow: row).map {
      "\(RhythmFixtures.start.days(to: $0.day)) \($0.stage.rawValue)"
    }
  }

  /// Monthly purchase days: every 31 days, `count` of them, from `first`.
  static func monthly(_ count: Int, from first: Int = 0) -> [Int] {
    RhythmFixtures.every(31, count: count, from: first)
  }
}
