import ClientBaseCore
import Testing

@testable import ClientBaseTesting
@testable import Retention

/// A host's rhythm that keeps the laws: the mean of the client's own gaps, no fallback.
private struct MeanGap: RhythmPolicy {
  func rhythm<ID>(of days: PurchaseDays<ID>, threadCount: Int) -> PurchaseRhythm<ID> {
    do {
      return try PurchaseRhythm(days: days, fallbackGap: nil) { row in
        let own = days.days(ofRow: row)
        guard let first = own.first, let last = own.last, own.count > 1 else {
          return (nil, .none, .unknown)
        }
        let gap = Double(first.days(to: last)) / Double(own.count - 1)
        let ratio = Double(last.days(to: days.asOf)) / gap
        return (gap, .own, ratio < 2 ? .onRhythm : ratio < 3 ? .late : .lost)
      }
    } catch {
      preconditionFailure("\(error)")
    }
  }
}

/// Judges the rows in reverse order. Breaks the row-space law.
private struct Reversed: RhythmPolicy {
  func rhythm<ID>(of days: PurchaseDays<ID>, threadCount: Int) -> PurchaseRhythm<ID> {
    do {
      let reversed = try RhythmLawSupport.reordered(
        ids: days.clients.ids, order: Array((0..<days.count).reversed()), asOf: days.asOf,
        days: { Array(days.days(ofRow: $0)) }, netSpend: { _ in 0 }
      ).days
      return StandardRhythm.standard.rhythm(of: reversed, threadCount: threadCount)
    } catch {
      preconditionFailure("\(error)")
    }
  }
}

/// Keeps the base's gap for clients with too few gaps of their own but calls them unknown
/// (a result the public initialiser refuses, built here with the internal one). Breaks the
/// gap-and-verdict law only.
private struct UnknownOnFallback: RhythmPolicy {
  func rhythm<ID>(of days: PurchaseDays<ID>, threadCount: Int) -> PurchaseRhythm<ID> {
    let s = StandardRhythm.standard.rhythm(of: days, threadCount: threadCount)
    var verdicts = s.verdicts
    for row in verdicts.indices where s.gapSources[row] == .fallback { verdicts[row] = .unknown }
    return PurchaseRhythm(
      trusted: s.clients, asOf: s.asOf, fallbackGap: s.fallbackGap, typicalGaps: s.typicalGaps,
      gapSources: s.gapSources, purchaseDayCounts: s.purchaseDayCounts, spanDays: s.spanDays,
      daysSinceLast: s.daysSinceLast, overdue: s.overdue, verdicts: verdicts)
  }
}

/// The standard verdicts upside down: on rhythm is lost, late is overdue. Breaks monotone.
private struct UpsideDown: RhythmPolicy {
  func rhythm<ID>(of days: PurchaseDays<ID>, threadCount: Int) -> PurchaseRhythm<ID> {
    let s = StandardRhythm.standard.rhythm(of: days, threadCount: threadCount)
    let flipped: [RhythmVerdict: RhythmVerdict] = [
      .onRhythm: .lost, .late: .overdue, .overdue: .late, .lost: .onRhythm, .unknown: .unknown,
    ]
    do {
      return try PurchaseRhythm(days: days, fallbackGap: s.fallbackGap) { row in
        let rhythm = s[row]
        return (rhythm.typicalGap, rhythm.gapSource, flipped[rhythm.verdict] ?? .unknown)
      }
    } catch {
      preconditionFailure("\(error)")
    }
  }
}

/// Takes the first established client's gap, in row order, as the base's. Breaks order
/// independence only.
private struct FirstClientsGap: RhythmPolicy {
  func rhythm<ID>(of days: PurchaseDays<ID>, threadCount: Int) -> PurchaseRhythm<ID> {
    let s = StandardRhythm.standard.rhythm(of: days, threadCount: threadCount)
    let base = (0..<s.count).first { s.gapSources[$0] == .own }.map { s.typicalGaps[$0] }
    do {
      return try PurchaseRhythm(days: days, fallbackGap: base) { row in
        guard s.gapSources[row] == .fallback, let base else {
          return (s[row].typicalGap, s.gapSources[row], s.verdicts[row])
        }
        let ratio = Double(s.daysSinceLast[row]) / base
        return (base, .fallback, StandardRhythm.standard.verdict(forOverdue: ratio))
      }
    } catch {
      preconditionFailure("\(error)")
    }
  }
}

/// Late sooner on more threads. Breaks thread independence only.
private struct Hurried: RhythmPolicy {
  func rhythm<ID>(of days: PurchaseDays<ID>, threadCount: Int) -> PurchaseRhythm<ID> {
    do {
      return try StandardRhythm(lateFrom: threadCount > 1 ? 1.2 : 1.5)
        .rhythm(of: days, threadCount: threadCount)
    } catch {
      preconditionFailure("\(error)")
    }
  }
}

@Suite("RhythmLaws")
struct RhythmLawsTests {
  /// 2023-01-01.
  static let start = Day(daysSince1970: 19_358)

  /// Two monthly buyers as of day 214: "a" last bought on day 120 (94 days out, 3.1 gaps:
  /// overdue), "b" on day 204 (10 days out: on rhythm); "c" bought once.
  static func days() throws -> PurchaseDays<String> {
    var log = PurchaseLog<String>()
    for day in stride(from: 0, through: 120, by: 30) {
      log.append(client: "a", day: start.adding(days: day), amount: 100)
    }
    for day in stride(from: 84, through: 204, by: 30) {
      log.append(client: "b", day: start.adding(days: day), amount: 100)
    }
    log.append(client: "c", day: start.adding(days: 200), amount: 100)
    let asOf = start.adding(days: 214)
    return try PurchaseDays(
      log, table: try Summarizer().summarize(log, through: asOf), asOf: asOf)
  }

  @Test("the standard rhythm, tuned ones and a host's own keep every law")
  func keptLaws() throws {
    let standard = RhythmLaws.violations(of: StandardRhythm.standard)
    #expect(standard.isEmpty, "\(standard)")
    let tuned = RhythmLaws.violations(
      of: try StandardRhythm(minimumGaps: 1, fallback: .none, lateFrom: 2, overdueFrom: 2),
      clients: 500, seed: 4)
    #expect(tuned.isEmpty, "\(tuned)")
    let mean = RhythmLaws.violations(of: MeanGap(), clients: 500)
    #expect(mean.isEmpty, "\(mean)")
    let small = RhythmLaws.violations(of: StandardRhythm.standard, on: try Self.days())
    #expect(small.isEmpty, "\(small)")
  }

  @Test("each broken rhythm is caught by the law it breaks, and by no other")
  func brokenLaws() {
    for (policy, law) in [
      (Reversed() as any RhythmPolicy, "row space"), (UnknownOnFallback(), "gap and verdict"),
      (UpsideDown(), "monotone"), (FirstClientsGap(), "order independence"),
      (Hurried(), "thread independence"),
    ] {
      let violations = RhythmLaws.violations(of: policy, clients: 500)
      #expect(Set(violations.map(\.law)) == [law], "\(type(of: policy)): \(violations)")
    }
  }

  /// On the hand-made days the upside-down rule calls "b" (10 days out) lost and "a" (94 days
  /// out, same 30-day gap) late: "a" is named, compared with "b".
  @Test("a violation names the client and the one it was compared with")
  func namesTheClient() throws {
    let violations = RhythmLaws.violations(of: UpsideDown(), on: try Self.days())
    #expect(violations.count == 1)
    #expect(
      violations.first?.description
        == "monotone: client a: more overdue than client b on the same typical gap but a more "
        + "recent verdict (typical gap = 30.0, days since the last = 94, verdict = late, days "
        + "since the last of client b = 10, verdict of client b = lost)")
  }
}
