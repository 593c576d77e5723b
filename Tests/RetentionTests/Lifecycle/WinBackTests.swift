import ClientBaseTesting
import Foundation
import Testing

@testable import Retention

@Suite("Win-back")
struct WinBackTests {
  typealias F = LifecycleFixtures

  /// As of day 2,000:
  /// - "a" bought monthly 8 times (days 0…217): regular, lapsed on day 341, never back;
  /// - "b" the same, won back on day 500, regular again from day 686, silent since day 717:
  ///   lapsed again on day 841;
  /// - "c" bought every 10 days 4 times (0…30): repeat, at risk on day 55, lapsed on day 70;
  /// - "d" buys monthly from day 1,900: repeat, not lapsed.
  ///
  /// Every lapse is more than 365 days old. Lapsed regulars: 3 (a, b twice), 1 back (b's
  /// first); lapsed repeats: 1 (c), none back. Pooled: (1 + 10 × 0.1) / (4 + 10) = 1/7;
  /// regular: (1 + 10/7) / 13 = 0.186813; repeat: (0 + 10/7) / 11 = 0.129870.
  static let base: [(String, [Int])] = [
    ("a", F.monthly(8)), ("b", F.monthly(8) + F.monthly(8, from: 500)), ("c", [0, 10, 20, 30]),
    ("d", F.monthly(4, from: 1_900)),
  ]

  @Test func rankedByExpectedValueFromTheBasesHistory() throws {
    let stages = try F.stages(Self.base, asOf: 2_000)
    #expect(stages.counts[.lapsed] == 3)
    #expect(
      F.transitions(stages, "b") == [
        "0 new", "31 repeat", "186 regular", "295 atRisk", "341 lapsed", "500 wonBack",
        "531 repeat", "686 regular", "795 atRisk", "841 lapsed",
      ])
    let list = StandardWinBack.standard.winBack(from: stages)
    let history = try #require(list.history)
    #expect(history[.regular] == (lapses: 3, returns: 1))
    #expect(history[.repeat] == (lapses: 1, returns: 0))
    #expect(history.totalLapses == 4)
    let pooled = 2.0 / 14
    let regular = (1 + 10 * pooled) / 13
    let repeatChance = (10 * pooled) / 11
    let a = try #require(list[client: "a"])
    #expect(a.isCandidate)
    #expect(abs(a.worth - 2_800) < 1e-9)
    #expect(abs(a.chance - regular) < 1e-12)
    #expect(abs(a.expectedValue - 2_800 * regular) < 1e-9)
    let bWorth = 16 * 350 * 365.25 / (717 + 31)
    #expect(abs(list[client: "b"]!.expectedValue - bWorth * regular) < 1e-9)
    #expect(abs(list[client: "c"]!.expectedValue - 1_400 * repeatChance) < 1e-9)
    #expect(list[client: "d"]?.isCandidate == false)
    #expect(list.ranked.map { list.ids[$0] } == ["a", "b", "c"])
    #expect(list.candidateCount == 3)
    let total = (2_800 + bWorth) * regular + 1_400 * repeatChance
    #expect(abs(list.totalExpectedValue - total) < 1e-9)
    #expect(
      list.reason(for: "a")
        == "lapsed since \(F.day(341)), 1,783 days without a purchase; was regular; 2,800 a "
        + "year; chance of coming back 19% (1 of 3 lapsed regular clients came back within "
        + "365 days); 523 expected")
    #expect(list.reason(for: "d") == "not lapsed: repeat")
    // Only the top one listed; the total still covers all three.
    let short = try StandardWinBack(maximumListed: 1).winBack(from: stages)
    #expect(short.ranked.map { short.ids[$0] } == ["a"])
    #expect(abs(short.totalExpectedValue - total) < 1e-9)
  }

  /// Lapses too recent to judge are left out: a monthly buyer lapsed 6 days ago gives no
  /// history, so its chance is the prior, 10%, and the reason says there is nothing to learn
  /// from. A shorter window counts it.
  @Test func recentLapsesAreNotJudged() throws {
    let stages = try F.stages([("m", F.monthly(25))], asOf: 744 + 130)
    let list = StandardWinBack.standard.winBack(from: stages)
    #expect(list.history?.totalLapses == 0)
    #expect(abs(list[client: "m"]!.chance - 0.1) < 1e-12)
    #expect(
      list.reason(for: "m")?.contains(
        "chance of coming back 10% (no lapsed regular client to learn from yet)") == true)
    let short = try StandardWinBack(returnWindowDays: 5).winBack(from: stages)
    let shortHistory = try #require(short.history)
    #expect(shortHistory[.regular] == (lapses: 1, returns: 0))
    // (0 + 10 × 1/11) / 11
    #expect(abs(short[client: "m"]!.chance - (10.0 / 11) / 11) < 1e-12)
  }

  /// A base with no lapsed client gives an empty list; so does an empty base.
  @Test func nothingToWinBack() throws {
    let stages = try F.stages([("d", F.monthly(4))], asOf: 100)
    let list = StandardWinBack.standard.winBack(from: stages)
    #expect(list.candidateCount == 0)
    #expect(list.ranked.isEmpty)
    #expect(list.totalExpectedValue == 0)
    let empty = StandardWinBack.standard.winBack(
      from: try F.stages([], asOf: 10), threadCount: 2)
    #expect(empty.isEmpty)
    #expect(empty.totalExpectedValue == 0)
  }

  /// The settings are checked, decoding checks them the same way; a host's list is checked.
  @Test func settingsAndHostListsAreChecked() throws {
    #expect(throws: RetentionError.self) { _ = try StandardWinBack(returnWindowDays: 0) }
    #expect(throws: RetentionError.self) { _ = try StandardWinBack(priorChance: 1.2) }
    #expect(throws: RetentionError.self) { _ = try StandardWinBack(priorWeight: -1) }
    #expect(throws: RetentionError.self) { _ = try StandardWinBack(maximumListed: -1) }
    #expect(StandardWinBack.standard == (try StandardWinBack()))
    let policy = try StandardWinBack(returnWindowDays: 180, priorWeight: 0)
    #expect(
      try JSONDecoder().decode(StandardWinBack.self, from: try JSONEncoder().encode(policy))
        == policy)
    let bad = #"{"returnWindowDays":0,"priorChance":0.1,"priorWeight":10,"maximumListed":5}"#
    #expect(throws: DecodingError.self) {
      _ = try JSONDecoder().decode(StandardWinBack.self, from: Data(bad.utf8))
    }
    // With no prior weight and no history the chance is the prior itself.
    let noHistory = try F.stages([("m", F.monthly(25))], asOf: 744 + 130)
    #expect(policy.winBack(from: noHistory)[client: "m"]?.chance == 0.1)
    let stages = try F.stages(Self.base, asOf: 2_000)
    #expect(throws: RetentionError.self) {
      _ = try WinBackList(lifecycle: stages, maximumListed: 5) { _ in (true, 1, 0.5) }
    }
    let lapsed = { (row: Int) in stages.stages[row] == .lapsed }
    #expect(throws: RetentionError.self) {
      _ = try WinBackList(lifecycle: stages, maximumListed: 5) { (lapsed($0), 1, 1.5) }
    }
    #expect(throws: RetentionError.self) {
      _ = try WinBackList(lifecycle: stages, maximumListed: 5) { (lapsed($0), -1, 0.5) }
    }
    let mine = try WinBackList(lifecycle: stages, maximumListed: 5) { (lapsed($0), 100, 0.5) }
    #expect(mine.candidateCount == 3)
    #expect(mine.totalExpectedValue == 150)
    #expect(mine.reason(for: "a")?.hasSuffix("chance of coming back 50%; 50 expected") == true)
  }

  /// The standard rule keeps the win-back laws on a generated sample, and its history agrees
  /// with a count made the obvious way; the laws catch a rule that depends on the threads.
  @Test func lawsOnASample() throws {
    let evidence = try LifecycleSample(clients: 40_000, seed: 3).evidence()
    let stages = StandardLifecycle.standard.stages(for: evidence, threadCount: 2)
    let violations = WinBackLaws.violations(of: StandardWinBack.standard, on: stages)
    #expect(violations.isEmpty, "\(violations)")
    let list = StandardWinBack.standard.winBack(from: stages, threadCount: 2)
    #expect(list.candidateCount == stages.counts[.lapsed])
    #expect(list.candidateCount > 100)
    var lapses = [Int](repeating: 0, count: 8)
    var returns = [Int](repeating: 0, count: 8)
    for row in 0..<stages.count {
      let steps = stages.transitions(ofRow: row)
      for (index, step) in steps.enumerated() where step.stage == .lapsed {
        guard step.day.adding(days: 365) <= stages.asOf else { continue }
        let before = LifecycleStage.allCases.firstIndex(of: steps[index - 2].stage)!
        lapses[before] += 1
        if index + 1 < steps.count, steps[index + 1].stage == .wonBack,
          step.day.days(to: steps[index + 1].day) <= 365
        {
          returns[before] += 1
        }
      }
    }
    #expect(list.history?.lapses == lapses)
    #expect(list.history?.returns == returns)
    #expect(returns.reduce(0, +) > 10)
    let broken = WinBackLaws.violations(of: ThreadDependentWinBack(), on: stages)
    #expect(broken.contains { $0.law == "thread independence" }, "\(broken)")
    // The guide's host rule keeps the laws.
    let flat = WinBackLaws.violations(of: FlatWinBack(chance: 0.1), on: stages)
    #expect(flat.isEmpty, "\(flat)")
    #expect(FlatWinBack(chance: 0.1).winBack(from: stages).candidateCount == list.candidateCount)
  }
}

/// The host rule of RetentionInPractice.md: lapsed clients, worth their value, all equally
/// likely to come back.
struct FlatWinBack: WinBackPolicy {
  let chance: Double  // within 0...1

  func winBack<ID>(from lifecycle: LifecycleStages<ID>, threadCount: Int) -> WinBackList<ID> {
    try! WinBackList(lifecycle: lifecycle, maximumListed: 50) { row in
      (lifecycle.stages[row] == .lapsed, max(lifecycle.evidence.values[row], 0), chance)
    }
  }
}

/// A broken host rule: worth 1 on one thread, 2 on more.
struct ThreadDependentWinBack: WinBackPolicy {
  func winBack<ID>(from lifecycle: LifecycleStages<ID>, threadCount: Int) -> WinBackList<ID> {
    try! WinBackList(lifecycle: lifecycle, maximumListed: 10) { row in
      (lifecycle.stages[row] == .lapsed, threadCount == 1 ? 1 : 2, 0.5)
    }
  }
}
