import ClientBaseTesting
import Foundation
import Segmentation
import Testing

@testable import BaseGrowth

@Suite("Target-share monitor")
struct TargetShareTests {
  static let asOf = GrowthFixtures.start.adding(days: 119)

  /// A base reviewed over four 30-day periods ending on day 119 (periods start on days 0, 30,
  /// 60 and 90):
  /// - 10 clients from before (day −50), 8 of them targets;
  /// - period 0: 10 new (day 5), 8 targets; period 1: 10 new (day 35), 7 targets; periods 2
  ///   and 3: 20 new each (days 65 and 95), 10 targets each;
  /// - values 1,000 per new client in periods 0 and 1, 600 in periods 2 and 3 (and 800 for
  ///   the older clients).
  static func mix(
    targets: (Int, Int) -> Bool = { period, index in
      [8, 8, 7, 10, 10][period + 1] > index
    }, targetProspects: Set<String> = []
  ) throws -> (ClientTable<String>, TargetMix<String>) {
    let sizes = [10, 10, 10, 20, 20]
    let days = [-50, 5, 35, 65, 95]
    var clients: [(String, [Int])] = []
    var flags: [Bool] = []
    var values: [Double] = []
    for (period, size) in sizes.enumerated() {
      for index in 0..<size {
        clients.append(("k\(period)-\(index)", [days[period]]))
        flags.append(targets(period - 1, index))
        values.append(period == 0 ? 800 : period <= 2 ? 1_000 : 600)
      }
    }
    let log = GrowthFixtures.log(clients)
    let table = try Summarizer().summarize(log, through: asOf)
    // The table's rows are in its own order: align the flags and values by id.
    let order = Dictionary(uniqueKeysWithValues: clients.enumerated().map { ($1.0, $0) })
    let rowFlags = table.clients.ids.map { flags[order[$0] ?? 0] }
    let rowValues = table.clients.ids.map { values[order[$0] ?? 0] }
    let mix = try TargetMix(
      table: table, isTarget: rowFlags, values: rowValues, targetProspects: targetProspects)
    return (table, mix)
  }

  /// 20 calls to target prospects and 30 to others on day 100, and a call to a client who
  /// joined on day 5 (relationship work, not acquisition).
  static let contacts: [Contact<String>] =
    (0..<20).map { prospect("t\($0)") } + (0..<30).map { prospect("o\($0)") }
    + [
      Contact(
        client: "k1-0", day: GrowthFixtures.start.adding(days: 110), manager: "m-1",
        channel: .phone, outcome: .reached)
    ]

  static func prospect(_ id: String) -> Contact<String> {
    Contact(
      client: id, day: GrowthFixtures.start.adding(days: 100), manager: "m-1", channel: .phone,
      outcome: .reached)
  }

  /// The shares period by period: 16 of 20, 23 of 30, 33 of 50 and 43 of 70 target clients;
  /// 35 of 60 new clients on target; 20 of 50 calls on target — effort aimed elsewhere — and
  /// new clients up from 10 to 20 a period while each is worth 40% less (1,000 → 600).
  @Test func handMadeBase() throws {
    let targets = Set((0..<20).map { "t\($0)" })
    let (_, mix) = try Self.mix(targetProspects: targets)
    let review = try StandardTargetShareMonitor.standard.review(
      mix, contacts: Self.contacts, asOf: Self.asOf, period: GrowthFixtures.month(), periods: 4)
    #expect(review.periods.map(\.baseClients) == [20, 30, 50, 70])
    #expect(review.periods.map(\.baseTargets) == [16, 23, 33, 43])
    #expect(review.periods.map(\.newClients) == [10, 10, 20, 20])
    #expect(review.periods.map(\.newClientValue) == [1_000, 1_000, 600, 600])
    #expect(
      review.periods.map(\.from) == [0, 30, 60, 90].map { GrowthFixtures.start.adding(days: $0) })
    #expect(review.periods.last?.through == Self.asOf)
    #expect(review.periods.map(\.targetCalls) == [0, 0, 0, 20])
    #expect(review.periods.map(\.otherCalls) == [0, 0, 0, 30])
    #expect(abs(review.share - 43.0 / 70) < 1e-12)
    #expect(review.health == .watch)
    #expect(abs((review.newClientShare ?? 0) - 35.0 / 60) < 1e-12)
    #expect(review.effortShare == 0.4)
    #expect(review.flags.map(\.mistake) == [.effortOffTarget, .volumeOverValue])
    let off = try #require(review.flags.first)
    #expect(off[figure: "effortShare"] == 0.4)
    #expect(
      off.reason
        == "sales effort aimed at another group than the target: 40% of 50 acquisition calls "
        + "went to target prospects (focused from 70%)")
    let volume = review.flags[1]
    #expect(volume[figure: "earlierValuePerNewClient"] == 1_000)
    #expect(volume[figure: "laterValuePerNewClient"] == 600)
    #expect(
      volume.reason
        == "chasing the number of clients: new clients rose from 10.0 to 20.0 a period while "
        + "the value per new client fell 40% (from 1,000 to 600)")
    #expect(
      review.reason.hasPrefix(
        "watch: 61.4% of 70 clients are target clients (healthy from 70%); 58.3% of new clients and 40% of calls were on target; sales effort"
      ))
    let laws = TargetShareMonitorLaws.violations(
      of: StandardTargetShareMonitor.standard, on: mix, contacts: Self.contacts, asOf: Self.asOf,
      period: try GrowthFixtures.month(), seed: 4)
    #expect(laws.isEmpty, "\(laws)")
  }

  /// A well-built base: every client a target but one a period, effort 20 of 21 calls on
  /// target, values steady — healthy, nothing flagged.
  @Test func healthyBase() throws {
    let targets = Set((0..<20).map { "t\($0)" })
    let (table, _) = try Self.mix()
    let mix = try TargetMix(
      table: table, isTarget: table.clients.ids.map { !$0.hasSuffix("-0") },
      targetProspects: targets)
    let contacts = (0..<20).map { Self.prospect("t\($0)") } + [Self.prospect("o0")]
    let review = try StandardTargetShareMonitor.standard.review(
      mix, contacts: contacts, asOf: Self.asOf, period: GrowthFixtures.month(), periods: 4)
    #expect(review.health == .healthy)
    #expect(review.flags.isEmpty)
    #expect(review.reason.hasSuffix("no mistake found"))
  }

  /// No target at all, or everyone a target: no clear target, and the effort flag is left to
  /// it (effort cannot be on or off a target that does not exist).
  @Test func noClearTarget() throws {
    let (table, _) = try Self.mix()
    let nobody = try TargetMix(table: table, targets: [])
    let review = try StandardTargetShareMonitor.standard.review(
      nobody, contacts: Self.contacts, asOf: Self.asOf, period: GrowthFixtures.month(),
      periods: 4)
    #expect(review.flags.map(\.mistake) == [.noClearTarget])
    #expect(
      review.flags[0].reason
        == "no clear target: none of the 70 clients and 50 contacted prospects is a target "
        + "client, so the sales effort is scattered")
    let everyone = try TargetMix(
      table: table, targets: Set(table.clients.ids + Self.contacts.map(\.client)))
    let all = try StandardTargetShareMonitor.standard.review(
      everyone, contacts: Self.contacts, asOf: Self.asOf, period: GrowthFixtures.month(),
      periods: 4)
    #expect(all.has(.noClearTarget) && !all.has(.effortOffTarget))
    #expect(all.flags[0].reason.contains("every one of the 70 clients and 50 contacted prospects"))
  }

  @Test func badInput() throws {
    // A target share outside [0, 1] is refused wherever it is set.
    #expect(throws: GrowthError.self) { try StandardTargetShareMonitor(focusedEffortFrom: 1.2) }
    #expect(throws: GrowthError.self) { try StandardTargetShareMonitor(focusedEffortFrom: -0.1) }
    #expect(throws: SegmentationError.self) { try TargetShareBands(healthyFrom: 1.2) }
    #expect(throws: GrowthError.self) { try StandardTargetShareMonitor(valueDropFrom: 1) }
    #expect(throws: GrowthError.self) { try StandardTargetShareMonitor(minimumEvidence: 0) }
    let (table, mix) = try Self.mix()
    #expect(throws: GrowthError.self) { try TargetMix(table: table, isTarget: [true]) }
    #expect(throws: GrowthError.self) {
      try TargetMix(
        table: table, isTarget: Array(repeating: true, count: table.count),
        values: Array(repeating: .nan, count: table.count))
    }
    #expect(throws: GrowthError.self) {
      try StandardTargetShareMonitor.standard.review(
        mix, contacts: Self.contacts, asOf: Self.asOf, period: GrowthFixtures.month(),
        periods: 0)
    }
    let bad = Data(
      #"{"bands": {"poorBelow": 0.5, "healthyFrom": 0.7}, "focusedEffortFrom": 2, "valueDropFrom": 0.1, "minimumEvidence": 10}"#
        .utf8)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(StandardTargetShareMonitor.self, from: bad)
    }
  }
}
