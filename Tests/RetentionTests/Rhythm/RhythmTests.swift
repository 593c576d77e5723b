import ClientBaseTesting
import Testing

@testable import Retention

@Suite("Purchase rhythm")
struct RhythmTests {
  /// The example: a monthly buyer (25 purchase days 31 days apart, so 24 gaps over two
  /// years) 94 days after the last purchase is 94 / 31 = 3.03 gaps late, which lies between
  /// 2.5 and 4: overdue.
  @Test func monthlyBuyerNinetyFourDaysOutIsOverdue() throws {
    let log = RhythmFixtures.log([("monthly", RhythmFixtures.every(31, count: 25))])
    let (_, rhythm) = try RhythmFixtures.rhythm(log, asOf: 24 * 31 + 94)
    let entry = try #require(rhythm[client: "monthly"])
    #expect(entry.typicalGap == 31)
    #expect(entry.gapSource == .own)
    #expect(entry.purchaseDays == 25)
    #expect(entry.daysSinceLast == 94)
    #expect(abs(try #require(entry.overdue) - 94.0 / 31) < 1e-12)
    #expect(entry.verdict == .overdue)
    #expect(
      rhythm.reason(for: "monthly")
        == "bought every 31 days over 24 gaps; 94 days since the last: 3.0 gaps late — overdue")
    #expect(rhythm.counts[.overdue] == 1)
    #expect(rhythm.counts.entries.map(\.label) == RhythmVerdict.allCases)
  }

  /// The verdict moves with the ratio at the documented cuts 1.5, 2.5 and 4 (a 10-day rhythm:
  /// 14 days out is 1.4, 15 is 1.5, 24 is 2.4, 25 is 2.5, 39 is 3.9, 40 is 4.0).
  @Test(arguments: [
    (14, RhythmVerdict.onRhythm), (15, .late), (24, .late), (25, .overdue), (39, .overdue),
    (40, .lost), (0, .onRhythm),
  ])
  func verdictCuts(daysOut: Int, verdict: RhythmVerdict) throws {
    let log = RhythmFixtures.log([("c", RhythmFixtures.every(10, count: 6))])
    let (_, rhythm) = try RhythmFixtures.rhythm(log, asOf: 50 + daysOut)
    #expect(rhythm[0].verdict == verdict)
    #expect(rhythm.overdue[0] == Double(daysOut) / 10)
  }

  /// One odd gap does not move the median: gaps 31, 200, 31 give 31 (the mean would be 87.3),
  /// and gaps 31, 31, 200, 31 give (31 + 31) / 2 = 31 (the mean would be 73.25); with an even
  /// count of gaps the median is the mean of the middle two: 10, 20, 30, 40 give 25.
  @Test func oneOddGapDoesNotMoveTheTypicalGap() throws {
    let log = RhythmFixtures.log([
      ("odd-middle", [0, 31, 231, 262]),
      ("odd-of-four", [0, 31, 62, 262, 293]),
      ("even", [0, 10, 30, 60, 100]),
    ])
    let (_, rhythm) = try RhythmFixtures.rhythm(log, asOf: 300)
    #expect(rhythm[client: "odd-middle"]?.typicalGap == 31)
    #expect(rhythm[client: "odd-of-four"]?.typicalGap == 31)
    #expect(rhythm[client: "even"]?.typicalGap == 25)
    #expect(rhythm.gapSources.allSatisfy { $0 == .own })
  }

  /// Repeated events on one day are one purchase day, and refunds make none: a client with
  /// two events on day 0, a refund on day 5 and purchases on days 10, 20 and 30 has gaps 10,
  /// 10, 10.
  @Test func sameDayEventsAndRefundsAreNotGaps() throws {
    var log = RhythmFixtures.log([("c", [0, 0, 10, 20, 30])])
    log.append(client: "c", day: RhythmFixtures.start.adding(days: 5), amount: -20)
    let (table, rhythm) = try RhythmFixtures.rhythm(log, asOf: 40)
    #expect(table[0].purchaseDays == 4)
    #expect(rhythm[0].typicalGap == 10)
    #expect(rhythm[0].purchaseDays == 4)
  }

  /// A client with one purchase day is judged on the base's typical gap: the median of the
  /// own gaps of the clients who have one, here 10 and 31, so 20.5 days. 41 days out is 2.0
  /// gaps: late. With no fallback the same client is unknown, with no ratio.
  @Test func onePurchaseClientFallsBackToTheBase() throws {
    let log = RhythmFixtures.log([
      ("monthly", RhythmFixtures.every(31, count: 5)),
      ("ten", RhythmFixtures.every(10, count: 4, from: 93)),
      ("once", [83]),
      ("twice", [0, 100]),
    ])
    let (_, rhythm) = try RhythmFixtures.rhythm(log, asOf: 124)
    #expect(rhythm.fallbackGap == 20.5)
    let once = try #require(rhythm[client: "once"])
    #expect(once.gapSource == .fallback)
    #expect(once.typicalGap == 20.5)
    #expect(once.overdue == 2)
    #expect(once.verdict == .late)
    #expect(
      rhythm.reason(for: "once")
        == "1 purchase day, too few gaps of its own; the base's typical gap is 20.5 days; "
        + "41 days since the last: 2.0 gaps late — late")
    // Two purchase days (one gap of 100) is too few gaps of its own, too.
    #expect(rhythm[client: "twice"]?.gapSource == .fallback)
    #expect(rhythm[client: "twice"]?.typicalGap == 20.5)

    let strict = try StandardRhythm(fallback: .none)
    let (_, unknown) = try RhythmFixtures.rhythm(log, asOf: 124, policy: strict)
    let entry = try #require(unknown[client: "once"])
    #expect(entry.verdict == .unknown)
    #expect(entry.overdue == nil && entry.typicalGap == nil)
    #expect(unknown.fallbackGap == nil)
    #expect(
      unknown.reason(for: "once") == "1 purchase day and no typical gap to compare with; "
        + "41 days since the last — rhythm unknown")
    #expect(unknown.counts[.unknown] == 2)
    #expect(unknown.counts.entries.map(\.count).reduce(0, +) == 4)
  }

  /// When no client has three gaps, the fallback is the median over every client with a gap:
  /// one gap of 10 days and one of 30 give 20.
  @Test func youngBaseFallsBackToEveryGap() throws {
    let log = RhythmFixtures.log([("a", [0, 10]), ("b", [0, 30]), ("c", [5])])
    let (_, rhythm) = try RhythmFixtures.rhythm(log, asOf: 45)
    #expect(rhythm.fallbackGap == 20)
    #expect(rhythm[client: "c"]?.overdue == 2)
    #expect(rhythm.gapSources.allSatisfy { $0 == .fallback })
  }

  /// Every client bought on one day only: there is no gap anywhere, so every rhythm is
  /// unknown, with ratio 0 in the column and no NaN.
  @Test func noGapAnywhereIsUnknown() throws {
    let log = RhythmFixtures.log([("a", [0]), ("b", [3]), ("c", [3])])
    let (_, rhythm) = try RhythmFixtures.rhythm(log, asOf: 10)
    #expect(rhythm.verdicts.allSatisfy { $0 == .unknown })
    #expect(rhythm.overdue.allSatisfy { $0 == 0 })
    #expect(rhythm.fallbackGap == nil)
    #expect(rhythm[client: "a"]?.daysSinceLast == 10)
  }

  /// An empty log gives an empty rhythm: no rows, every count 0.
  @Test func emptyLogIsAnEmptyRhythm() throws {
    let log = PurchaseLog<String>()
    let (_, rhythm) = try RhythmFixtures.rhythm(log, asOf: 0)
    #expect(rhythm.isEmpty)
    #expect(rhythm.counts.entries.allSatisfy { $0.count == 0 })
    #expect(rhythm.fallbackGap == nil)
  }

  /// An as-of day before a client's last purchase is an error naming the client: summarise
  /// through that day instead.
  @Test func asOfBeforeTheLastPurchaseIsAnError() throws {
    let log = RhythmFixtures.log([("c", [0, 10, 20])])
    let table = try Summarizer().summarize(log)
    #expect {
      _ = try PurchaseDays(log, table: table, asOf: RhythmFixtures.start.adding(days: 15))
    } throws: { error in
      guard case RetentionError.invalidParameter("asOf", let reason) = error else { return false }
      return reason.contains("client c")
    }
    // Summarised through that day, the same log is judged on its first two purchase days.
    let day = RhythmFixtures.start.adding(days: 15)
    let cut = try Summarizer().summarize(log, through: day)
    let days = try PurchaseDays(log, table: cut, asOf: day)
    #expect(
      Array(days.days(ofRow: 0)) == [RhythmFixtures.start, RhythmFixtures.start.adding(days: 10)])
  }

  /// A table summarised from another log is refused rather than silently misread: the table
  /// has 3 purchase days up to day 10, the log only 2. (Days after a client's last day in the
  /// table are left out, as a table summarised through an earlier day needs.)
  @Test func tableFromAnotherLogIsAnError() throws {
    let log = RhythmFixtures.log([("c", [0, 10, 20])])
    let other = RhythmFixtures.log([("c", [0, 5, 10])])
    let table = try Summarizer().summarize(other)
    #expect(throws: RetentionError.self) {
      _ = try PurchaseDays(log, table: table, asOf: RhythmFixtures.start.adding(days: 30))
    }
  }

  /// The policy's settings are checked, and decoding checks them the same way.
  @Test func settingsAreChecked() throws {
    #expect(throws: RetentionError.self) { _ = try StandardRhythm(minimumGaps: 0) }
    #expect(throws: RetentionError.self) { _ = try StandardRhythm(lateFrom: 3, overdueFrom: 2) }
    #expect(throws: RetentionError.self) { _ = try StandardRhythm(lostFrom: .nan) }
    #expect(StandardRhythm.standard == (try StandardRhythm()))
  }

  /// A host's result is checked: a gap of 0 with a verdict is refused.
  @Test func hostResultsAreChecked() throws {
    let log = RhythmFixtures.log([("c", [0, 10])])
    let table = try Summarizer().summarize(log)
    let days = try PurchaseDays(log, table: table, asOf: RhythmFixtures.start.adding(days: 30))
    #expect(throws: RetentionError.self) {
      _ = try PurchaseRhythm(days: days, fallbackGap: nil) { _ in (0, .own, .late) }
    }
    let mine = try PurchaseRhythm(days: days, fallbackGap: nil) { _ in (10, .own, .lost) }
    #expect(mine.overdue[0] == 2)
    #expect(mine.daysSinceLast[0] == 20)
  }
}

@Suite("Purchase rhythm on a seeded base")
struct RhythmPropertyTests {
  /// The kernel's typical gap is the median of each client's gaps computed the slow, obvious
  /// way from the purchases themselves.
  @Test func typicalGapIsTheMedianOfEachClientsGaps() throws {
    let base = try RhythmFixtures.syntheticBase(clients: 3_000, seed: 11)
    let asOf = base.configuration.asOf
    let table = try Summarizer().summarize(base.log, through: asOf)
    let rhythm = StandardRhythm.standard.rhythm(
      of: try PurchaseDays(base.log, table: table, asOf: asOf))
    var daysOf: [Int: Set<Int32>] = [:]
    for purchase in base.purchases where purchase.amount >= 0 && purchase.day <= asOf {
      daysOf[purchase.client, default: []].insert(purchase.day.daysSince1970)
    }
    var checked = 0
    for row in 0..<rhythm.count where rhythm.gapSources[row] == .own {
      let days = daysOf[rhythm.ids[row]]!.sorted()
      let gaps = zip(days.dropFirst(), days).map { Double($0 - $1) }.sorted()
      let median =
        gaps.count % 2 == 1
        ? gaps[gaps.count / 2] : (gaps[gaps.count / 2 - 1] + gaps[gaps.count / 2]) / 2
      #expect(rhythm.typicalGaps[row] == median)
      #expect(Int(rhythm.daysSinceLast[row]) == Int(asOf.daysSince1970 - days.last!))
      checked += 1
    }
    #expect(checked > 100)
    #expect(rhythm.counts[.unknown] == 0)
  }

  /// The same clients give the same rhythm whatever the order of the events (and so of the
  /// rows) and the number of threads (50,000 clients: several parts).
  @Test func independentOfOrderAndThreads() throws {
    let base = try RhythmFixtures.syntheticBase(clients: 50_000, seed: 5)
    let asOf = base.configuration.asOf
    let table = try Summarizer().summarize(base.log, through: asOf)
    let days = try PurchaseDays(base.log, table: table, asOf: asOf)
    let one = StandardRhythm.standard.rhythm(of: days, threadCount: 1)
    for threads in [2, 3] {
      let other = StandardRhythm.standard.rhythm(of: days, threadCount: threads)
      #expect(other.typicalGaps == one.typicalGaps)
      #expect(other.verdicts == one.verdicts)
      #expect(other.overdue == one.overdue)
      #expect(other.fallbackGap == one.fallbackGap)
    }
    var rng = SeededGenerator(seed: 99)
    let shuffled = PurchaseLog(base.purchases.shuffled(using: &rng))
    let shuffledTable = try Summarizer().summarize(shuffled, through: asOf)
    let reordered = StandardRhythm.standard.rhythm(
      of: try PurchaseDays(shuffled, table: shuffledTable, asOf: asOf), threadCount: 2)
    #expect(!reordered.clients.isSameRowSpace(as: one.clients))
    #expect(reordered.fallbackGap == one.fallbackGap)
    for row in stride(from: 0, to: one.count, by: 7) {
      let id = one.ids[row]
      #expect(reordered[client: id] == one[row])
    }
    #expect(reordered.counts == one.counts)
  }
}
