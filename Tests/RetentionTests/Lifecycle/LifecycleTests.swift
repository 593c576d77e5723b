import ClientBaseTesting
import Foundation
import Testing

@testable import Retention

@Suite("Lifecycle stages")
struct LifecycleTests {
  typealias F = LifecycleFixtures

  /// Five clients as of day 754:
  /// - "p" buys every 31 days (25 purchase days, 0…744) and recommended "a" on day 200 and
  ///   "b" on day 400;
  /// - "q" buys the same way and recommended no one;
  /// - "once" bought on day 700 only; "twice" on days 600 and 650;
  /// - "r" buys weekly from day 720 (4 purchase days).
  static let base: [(String, [Int])] = [
    ("p", F.monthly(25)), ("q", F.monthly(25)), ("once", [700]), ("twice", [600, 650]),
    ("r", RhythmFixtures.every(7, count: 4, from: 720)),
  ]
  static let referrals = [("p", "a", 200), ("p", "b", 400)]

  /// The partner. "p"'s typical gap is 31 days: at risk after ⌈2.5 × 31⌉ = 78 days of
  /// silence. Its 7th purchase day, day 186, makes a run of 7 purchase days over 186 days (at
  /// least 5 over 180): regular on day 186. Its yearly spend is 25 × 350 × 365.25 / (744 + 31)
  /// = 4,123.79, tied with "q" for the top of five clients, so in the top 20% (rank ⌈0.2 × 5⌉
  /// = 1 sets the cut-off at 4,123.79). Its first recommendation, on day 200, comes 14 days
  /// after its last purchase, before it could be at risk: partner on day 200.
  @Test func monthlyBuyerWhoRecommendedTwoIsAPartner() throws {
    let stages = try F.stages(Self.base, asOf: 754, referrals: Self.referrals)
    #expect(stages[client: "p"]?.stage == .partner)
    #expect(F.transitions(stages, "p") == ["0 new", "31 repeat", "186 regular", "200 partner"])
    let yearly = 25 * 350 * 365.25 / 775
    #expect(abs(stages.evidence.values[stages.row(for: "p")!] - yearly) < 1e-9)
    #expect(stages.highValueCutoff.map { abs($0 - yearly) < 1e-9 } == true)
    #expect(
      stages.reason(for: "p")
        == "partner: 25 purchase days over 744 days, every 31 days; recommended 2 clients; "
        + "4,124 a year, top 20% from 4,124")
    // The same client without recommendations stays regular.
    #expect(F.transitions(stages, "q") == ["0 new", "31 repeat", "186 regular"])
    #expect(
      stages.reason(for: "q")
        == "regular: 25 purchase days over 744 days, every 31 days; recommended no one (a "
        + "partner has recommended at least 1); 4,124 a year")
    #expect(stages.stage(ofRow: stages.row(for: "p")!, on: F.day(199)) == .regular)
    #expect(stages.stage(ofRow: stages.row(for: "p")!, on: F.day(200)) == .partner)
    #expect(stages.stage(ofRow: stages.row(for: "p")!, on: F.day(-1)) == .prospect)
  }

  /// The rest of the base. The base's typical gap is the median of the own gaps 31, 31 and 7:
  /// 31 days, given to "once" and "twice". "once" is 54 days out, under 78: new. "twice" is
  /// 104 days out (3.4 gaps): at risk since day 650 + 78 = 728. "r" has 4 purchase days, too
  /// few for a regular: repeat. The counts add up to the five clients.
  @Test func theRestOfTheBase() throws {
    let stages = try F.stages(Self.base, asOf: 754, referrals: Self.referrals)
    #expect(F.transitions(stages, "once") == ["700 new"])
    #expect(stages.reason(for: "once") == "new: first purchase on \(F.day(700)), 54 days ago")
    #expect(F.transitions(stages, "twice") == ["600 new", "650 repeat", "728 atRisk"])
    #expect(
      stages.reason(for: "twice")
        == "at risk: 104 days since the last purchase, 3.4 of the base's gaps of 31 days (at "
        + "risk from 2.5 gaps); was repeat")
    #expect(F.transitions(stages, "r") == ["720 new", "727 repeat"])
    #expect(
      stages.reason(for: "r")
        == "repeat: 4 purchase days over 21 days, every 7 days; regular takes 5 over 180 days "
        + "on a rhythm of its own")
    let counts = stages.counts
    #expect(counts.labels == [.new, .repeat, .regular, .partner, .atRisk, .lapsed, .wonBack])
    #expect(counts.entries.map(\.count) == [1, 1, 1, 1, 1, 0, 0])
    #expect(counts.total == 5)
  }

  /// A monthly buyer 94 days after its last purchase is 3.0 gaps out: at risk (from 2.5
  /// gaps, day 744 + 78 = 822), not lapsed (from 4 gaps: ⌈124⌉ = 124 days, day 868). At 123
  /// days it is still at risk; at 124 it has lapsed.
  @Test func monthlyBuyerNinetyFourDaysOut() throws {
    let monthly = [("m", F.monthly(25))]
    let stages = try F.stages(monthly, asOf: 744 + 94)
    #expect(stages[client: "m"]?.stage == .atRisk)
    #expect(F.transitions(stages, "m") == ["0 new", "31 repeat", "186 regular", "822 atRisk"])
    #expect(
      stages.reason(for: "m")
        == "at risk: 94 days since the last purchase, 3.0 gaps of 31 days (at risk from 2.5 "
        + "gaps); was regular")
    #expect(try F.stages(monthly, asOf: 744 + 123)[client: "m"]?.stage == .atRisk)
    let lapsed = try F.stages(monthly, asOf: 744 + 124)
    #expect(
      F.transitions(lapsed, "m") == [
        "0 new", "31 repeat", "186 regular", "822 atRisk", "868 lapsed",
      ])
    #expect(
      lapsed.reason(for: "m")
        == "lapsed: 124 days since the last purchase, 4.0 gaps of 31 days, lapsed since "
        + "\(F.day(868)) (from 4 gaps); was regular")
  }

  /// A client who bought monthly 8 times (days 0…217), fell silent and bought again on day
  /// 500. Its gaps are seven of 31 days and one of 283: typical gap 31. At risk on day
  /// 217 + 78 = 295, lapsed on 217 + 124 = 341, won back on day 500. Its next purchase makes
  /// it repeat; the seventh of the new run (day 686, 186 days after 500) regular again.
  @Test func lapsedThenBoughtAgainIsWonBack() throws {
    let back = [("w", F.monthly(8) + [500])]
    let stages = try F.stages(back, asOf: 510)
    #expect(stages[client: "w"]?.stage == .wonBack)
    #expect(
      F.transitions(stages, "w") == [
        "0 new", "31 repeat", "186 regular", "295 atRisk", "341 lapsed", "500 wonBack",
      ])
    // 9 × 350 over 500 + 31 days.
    #expect(
      stages.reason(for: "w")
        == "won back: bought on \(F.day(500)) after 283 days without a purchase, lapsed since "
        + "\(F.day(341)); 2,167 a year")
    let again = try F.stages([("w", F.monthly(8) + F.monthly(7, from: 500))], asOf: 700)
    #expect(
      F.transitions(again, "w") == [
        "0 new", "31 repeat", "186 regular", "295 atRisk", "341 lapsed", "500 wonBack",
        "531 repeat", "686 regular",
      ])
    #expect(
      again.reason(for: "w")?.hasPrefix(
        "regular: 7 purchase days over 186 days, every 31 days since won back on \(F.day(500))")
        == true)
  }

  /// A purchase on the very day the client would become at risk comes first: 78 days after
  /// the last purchase it is not at risk that day; 79 days after, it was at risk the day
  /// before.
  @Test func purchaseOnTheAtRiskDayComesFirst() throws {
    let onTime = try F.stages([("c", [0, 31, 62, 93, 171])], asOf: 171)
    #expect(F.transitions(onTime, "c") == ["0 new", "31 repeat"])
    let late = try F.stages([("c", [0, 31, 62, 93, 172])], asOf: 172)
    #expect(F.transitions(late, "c") == ["0 new", "31 repeat", "171 atRisk", "172 repeat"])
  }

  /// Recommendations made before a client is regular make it a partner on the day it becomes
  /// regular; with two needed, the second recommendation's day (400) counts.
  @Test func partnerDayIsTheLaterOfRegularAndRecommendation() throws {
    let early = try F.stages(Self.base, asOf: 754, referrals: [("p", "a", 100), ("p", "b", 150)])
    #expect(F.transitions(early, "p") == ["0 new", "31 repeat", "186 partner"])
    let two = try StandardLifecycle(partnerMinimumReferrals: 2)
    let late = try F.stages(Self.base, asOf: 754, referrals: Self.referrals, policy: two)
    #expect(F.transitions(late, "p") == ["0 new", "31 repeat", "186 regular", "400 partner"])
    // A recommendation while at risk waits for the next purchase: "p" silent from day 744,
    // at risk from day 822, recommends on day 830 and buys again on day 840 ("q", a one-off
    // buyer, makes "p" the top 20% of two).
    let waiting = try F.stages(
      [("p", F.monthly(25) + [840]), ("q", [0])], asOf: 845,
      referrals: [("p", "a", 830)])
    #expect(
      F.transitions(waiting, "p") == [
        "0 new", "31 repeat", "186 regular", "822 atRisk", "840 partner",
      ])
  }

  /// A client below the top 20% is not a partner however many people it recommended; a host
  /// amount works the same way, and a share of 0 makes no one high value.
  @Test func highValueDecides() throws {
    // "rich" spends the same days as "p" but 5 times as much per purchase day.
    var clients = Self.base
    clients.append(("rich", F.monthly(25)))
    var log = RhythmFixtures.log(clients)
    for day in F.monthly(25) { log.append(client: "rich", day: F.day(day), amount: 1_400) }
    let table = try Summarizer().summarize(log, through: F.day(754))
    let days = try PurchaseDays(log, table: table, asOf: F.day(754))
    let rhythm = StandardRhythm.standard.rhythm(of: days)
    let evidence = try LifecycleEvidence(
      days: days, rhythm: rhythm, table: table,
      referrals: Self.referrals.map { Referral(client: $0.0, referred: $0.1, day: F.day($0.2)) })
    // Six clients: the top 20% is rank ⌈1.2⌉ = 2, "rich" and then "p"/"q" tied at 4,123.79.
    let standard = StandardLifecycle.standard.stages(for: evidence)
    #expect(standard[client: "p"]?.stage == .partner)
    let strict = try StandardLifecycle(highValue: .topShare(0.1)).stages(for: evidence)
    #expect(strict[client: "p"]?.stage == .regular)
    #expect(
      strict.reason(for: "p")
        == "regular: 25 purchase days over 744 days, every 31 days; recommended 2 clients; "
        + "4,124 a year, below the top 10% (from 20,619)")
    let amount = try StandardLifecycle(highValue: .atLeast(5_000)).stages(for: evidence)
    #expect(amount[client: "p"]?.stage == .regular)
    #expect(amount.reason(for: "p")?.hasSuffix("4,124 a year, below 5,000") == true)
    let none = try StandardLifecycle(highValue: .topShare(0)).stages(for: evidence)
    #expect(none[client: "p"]?.stage == .regular)
    #expect(none.highValueCutoff == nil)
    #expect(none.reason(for: "p")?.hasSuffix("4,124 a year, not high value") == true)
  }

  /// The radix selection finds the same order statistic as a sort, with ties, zeros, signed
  /// zeros, negatives and values far apart.
  @Test func highValueCutoffIsTheOrderStatistic() {
    var rng = SeededGenerator(seed: 3)
    for trial in 0..<40 {
      let count = 1 + rng.nextInt(below: 400)
      var values: [Double] = []
      for _ in 0..<count {
        switch rng.nextInt(below: 6) {
        case 0: values.append(0)
        case 1: values.append(-0.0)
        case 2: values.append(-Double(rng.nextInt(below: 1_000)))
        case 3: values.append(Double(rng.nextInt(below: 5)) * 100)  // many ties
        case 4: values.append(rng.nextUnitDouble() * 1e12)
        default: values.append(rng.nextUnitDouble() * 5_000)
        }
      }
      let sorted = values.sorted(by: >)
      for rank in [1, count / 2 + 1, count, (trial % count) + 1] {
        let found = values.withUnsafeBufferPointer { largest(rank: rank, in: $0) }
        #expect(found == sorted[rank - 1], "rank \(rank) of \(count)")
      }
      #expect(values.withUnsafeBufferPointer { largest(rank: 0, in: $0) } == nil)
      #expect(values.withUnsafeBufferPointer { largest(rank: count + 1, in: $0) } == nil)
    }
  }

  /// Clients with a single purchase day are new; with no gap anywhere in the base (every
  /// client bought once) nothing measures silence, so they stay new however long ago.
  @Test func onePurchaseClientsAreNew() throws {
    let stages = try F.stages([("a", [0]), ("b", [5])], asOf: 1_000)
    #expect(stages.stages.allSatisfy { $0 == .new })
    #expect(stages.reason(for: "a") == "new: first purchase on \(F.day(0)), 1,000 days ago")
    #expect(stages.reason(for: "b") == "new: first purchase on \(F.day(5)), 995 days ago")
    let today = try F.stages([("a", [9])], asOf: 9)
    #expect(today.reason(for: "a") == "new: first purchase on \(F.day(9)), today")
  }

  /// Referrals are cleaned: a duplicate counts once, on its first day; a self-referral, a
  /// referral after the as-of day and one by a client who is not a row are left out; a
  /// referral of someone unknown counts.
  @Test func referralsAreCleaned() throws {
    let clients = try ClientIndex(["p", "q"])
    let raw: [(String, String, Int)] = [
      ("p", "a", 200), ("p", "a", 100), ("p", "p", 50), ("x", "p", 60), ("p", "b", 900),
      ("q", "p", 300), ("q", "zz", 310), ("q", "zz", 290),
    ]
    let referrals = ClientReferrals(
      raw.map { Referral(client: $0.0, referred: $0.1, day: F.day($0.2)) }, clients: clients,
      asOf: F.day(754))
    #expect(Array(referrals.days(ofRow: 0)) == [F.day(100)])
    #expect(Array(referrals.days(ofRow: 1)) == [F.day(290), F.day(300)])
    #expect(referrals.count(ofRow: 1) == 2)
    #expect(
      referrals.ignored
        == ClientReferrals<String>.Ignored(
          afterAsOf: 1, selfReferrals: 1, unknownReferrers: 1, duplicates: 2))
    #expect(referrals.ignored.total == 5)
    // With two recommendations needed, "p"'s duplicate and self-referral do not make it a
    // partner; a second, different person does.
    let two = try StandardLifecycle(partnerMinimumReferrals: 2)
    let dirty: [(String, String, Int)] = [("p", "a", 200), ("p", "a", 300), ("p", "p", 350)]
    let stages = try F.stages(Self.base, asOf: 754, referrals: dirty, policy: two)
    #expect(stages[client: "p"]?.stage == .regular)
    let clean = try F.stages(
      Self.base, asOf: 754, referrals: dirty + [("p", "c", 500)], policy: two)
    #expect(F.transitions(clean, "p") == ["0 new", "31 repeat", "186 regular", "500 partner"])
  }

  /// Prospects are the contacted identifiers that never bought, each once, by their text;
  /// contacts after the as-of day do not count.
  @Test func prospects() throws {
    let evidence = try F.evidence(
      Self.base, asOf: 754, contacted: ["zed", "p", "amy", "zed"])
    #expect(evidence.prospects == ["amy", "zed"])
    let stages = StandardLifecycle.standard.stages(for: evidence)
    #expect(stages.prospects == ["amy", "zed"])
    #expect(stages.counts.total == 5)
    let log = RhythmFixtures.log(Self.base)
    let (table, rhythm) = try RhythmFixtures.rhythm(log, asOf: 754)
    let days = try PurchaseDays(log, table: table, asOf: F.day(754))
    let late = try LifecycleEvidence(
      days: days, rhythm: rhythm, table: table,
      contacts: [
        Contact(client: "later", day: F.day(755), manager: "m", channel: .phone, outcome: .reached)
      ])
    #expect(late.prospects.isEmpty)
  }

  /// The flow from day 150 to the as-of day: "p" repeat → partner, "q" repeat → regular, and
  /// the three clients whose first purchase came later counted from prospect.
  @Test func flowBetweenTwoDays() throws {
    let stages = try F.stages(Self.base, asOf: 754, referrals: Self.referrals)
    let flow = try stages.flow(from: F.day(150), to: F.day(754))
    #expect(flow[.repeat, .partner] == 1)
    #expect(flow[.repeat, .regular] == 1)
    #expect(flow[.prospect, .new] == 1)
    #expect(flow[.prospect, .atRisk] == 1)
    #expect(flow[.prospect, .repeat] == 1)
    #expect(flow.total == 5)
    #expect(flow.moved == 5)
    #expect(flow.startCounts == [3, 0, 2, 0, 0, 0, 0, 0])
    #expect(Array(flow.endCounts.dropFirst()) == stages.counts.entries.map(\.count))
    let still = try stages.flow(from: F.day(754), to: F.day(754))
    #expect(still.moved == 0)
    #expect(still.total == 5)
    #expect(throws: RetentionError.self) { try stages.flow(from: F.day(200), to: F.day(100)) }
    #expect(throws: RetentionError.self) { try stages.flow(from: F.day(0), to: F.day(755)) }
    let decoded = try JSONDecoder().decode(
      LifecycleFlow.self, from: try JSONEncoder().encode(flow))
    #expect(decoded == flow)
    let short = try JSONDecoder().decode(
      LifecycleFlow.self,
      from: Data(#"{"start":"2023-01-01","end":"2023-02-01","counts":[4]}"#.utf8))
    #expect(short.counts.count == 64)
    #expect(short[.prospect, .prospect] == 4)
  }

  /// An empty base gives an empty result: no stages, zero counts, an empty flow; prospects
  /// are still listed.
  @Test func emptyBase() throws {
    let evidence = try F.evidence([], asOf: 10, contacted: ["amy"])
    let stages = StandardLifecycle.standard.stages(for: evidence, threadCount: 2)
    #expect(stages.isEmpty)
    #expect(stages.transitionOffsets == [0])
    #expect(stages.counts.total == 0)
    #expect(stages.counts.entries.count == 7)
    #expect(stages.prospects == ["amy"])
    #expect(try stages.flow(from: F.day(0), to: F.day(10)).total == 0)
  }

  /// Evidence that does not line up is refused.
  @Test func badEvidence() throws {
    let log = RhythmFixtures.log(Self.base)
    let (table, rhythm) = try RhythmFixtures.rhythm(log, asOf: 754)
    let days = try PurchaseDays(log, table: table, asOf: F.day(754))
    let later = try PurchaseDays(log, table: table, asOf: F.day(800))
    #expect(throws: RetentionError.self) {
      _ = try LifecycleEvidence(days: later, rhythm: rhythm, values: [1, 2, 3, 4, 5])
    }
    #expect(throws: RetentionError.self) {
      _ = try LifecycleEvidence(days: days, rhythm: rhythm, values: [1, 2, 3])
    }
    #expect(throws: RetentionError.invalidHistory(row: 2, reason: "value nan is not finite")) {
      _ = try LifecycleEvidence(days: days, rhythm: rhythm, values: [1, 2, .nan, 4, 5])
    }
    let elsewhere = ClientReferrals<String>(clients: try ClientIndex(["x"]), asOf: F.day(754))
    #expect(throws: RetentionError.self) {
      _ = try LifecycleEvidence(
        days: days, rhythm: rhythm, values: [1, 2, 3, 4, 5], referrals: elsewhere)
    }
  }

  /// The settings are checked, decoding checks them the same way, and a policy round-trips.
  @Test func settingsAreChecked() throws {
    #expect(throws: RetentionError.self) { _ = try StandardLifecycle(atRiskFrom: 4, lapsedFrom: 4) }
    #expect(throws: RetentionError.self) { _ = try StandardLifecycle(atRiskFrom: .nan) }
    #expect(throws: RetentionError.self) {
      _ = try StandardLifecycle(regularMinimumPurchaseDays: 1)
    }
    #expect(throws: RetentionError.self) { _ = try StandardLifecycle(regularMinimumSpanDays: -1) }
    #expect(throws: RetentionError.self) { _ = try StandardLifecycle(partnerMinimumReferrals: 0) }
    #expect(throws: RetentionError.self) { _ = try StandardLifecycle(highValue: .topShare(1.5)) }
    #expect(throws: RetentionError.self) {
      _ = try StandardLifecycle(highValue: .atLeast(.infinity))
    }
    #expect(StandardLifecycle.standard == (try StandardLifecycle()))
    let policy = try StandardLifecycle(lapsedFrom: 6, highValue: .atLeast(5_000))
    let data = try JSONEncoder().encode(policy)
    #expect(String(decoding: data, as: UTF8.self).contains(#""highValue":{"atLeast":5000}"#))
    #expect(try JSONDecoder().decode(StandardLifecycle.self, from: data) == policy)
    let bad = #"""
      {"atRiskFrom":3,"lapsedFrom":2,"regularMinimumPurchaseDays":5,
       "regularMinimumSpanDays":180,"partnerMinimumReferrals":1,"highValue":{"topShare":0.2}}
      """#
    #expect(throws: DecodingError.self) {
      _ = try JSONDecoder().decode(StandardLifecycle.self, from: Data(bad.utf8))
    }
    let both = #"{"topShare":0.2,"atLeast":4}"#
    #expect(throws: DecodingError.self) {
      _ = try JSONDecoder().decode(HighValueRule.self, from: Data(both.utf8))
    }
    // A huge multiple does not overflow: the silence is held at a billion days.
    let patient = try StandardLifecycle(atRiskFrom: 1e300, lapsedFrom: .greatestFiniteMagnitude)
    #expect(patient.silenceDays(forGap: 31) == (1_000_000_000, 1_000_000_001))
    let stages = try F.stages(Self.base, asOf: 754, policy: patient)
    #expect(stages.counts[.atRisk] == 0)
  }

  /// A host's result is checked against the state machine; a valid one is accepted and
  /// counted.
  @Test func hostResultsAreChecked() throws {
    let evidence = try F.evidence(Self.base, asOf: 754)
    let first = { (row: Int) in evidence.days.days(ofRow: row).first! }
    #expect(throws: RetentionError.self) {
      _ = try LifecycleStages(evidence: evidence) { _ in [] }
    }
    #expect(throws: RetentionError.self) {
      _ = try LifecycleStages(evidence: evidence) { row in
        [LifecycleTransition(day: first(row), stage: .repeat)]
      }
    }
    #expect(throws: RetentionError.self) {
      _ = try LifecycleStages(evidence: evidence) { row in
        [
          LifecycleTransition(day: first(row), stage: .new),
          LifecycleTransition(day: first(row).adding(days: 1), stage: .lapsed),
        ]
      }
    }
    #expect(throws: RetentionError.self) {
      _ = try LifecycleStages(evidence: evidence) { row in
        [
          LifecycleTransition(day: first(row), stage: .new),
          LifecycleTransition(day: first(row), stage: .repeat),
        ]
      }
    }
    #expect(throws: RetentionError.self) {
      _ = try LifecycleStages(evidence: evidence) { row in
        [
          LifecycleTransition(day: first(row), stage: .new),
          LifecycleTransition(day: F.day(755), stage: .atRisk),
        ]
      }
    }
    let mine = try LifecycleStages(evidence: evidence) { row in
      [LifecycleTransition(day: first(row), stage: .new)]
    }
    #expect(mine.counts[.new] == 5)
    #expect(mine.policy == nil)
    #expect(mine.reason(for: "p") == "new: first purchase on \(F.day(0)), 754 days ago")
  }

  /// The state machine's table, as documented.
  @Test func allowedTransitions() {
    #expect(LifecycleStage.prospect.allowedNextStages == [.new])
    #expect(LifecycleStage.lapsed.allowedNextStages == [.wonBack])
    #expect(LifecycleStage.partner.allowedNextStages == [.atRisk])
    for stage in LifecycleStage.allCases {
      #expect(!stage.allows(stage))
      #expect(!stage.allows(.prospect))
      #expect(stage.allows(.new) == (stage == .prospect))
      #expect(stage.allows(.lapsed) == (stage == .atRisk))
      #expect(stage.allows(.wonBack) == (stage == .lapsed))
      for next in LifecycleStage.allCases {
        #expect(stage.allows(next) == stage.allowedNextStages.contains(next))
      }
    }
    #expect(
      LifecycleStage.allCases.map(\.rawValue) == [
        "prospect", "new", "repeat", "regular", "partner", "atRisk", "lapsed", "wonBack",
      ])
    #expect(LifecycleStage.buyingStages == Array(LifecycleStage.allCases.dropFirst()))
  }
}
