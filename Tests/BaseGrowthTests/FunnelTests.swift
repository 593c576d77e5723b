import ClientBaseTesting
import Foundation
import Testing

@testable import BaseGrowth

@Suite("Acquisition funnel and contact capacity")
struct FunnelTests {
  static func day(_ offset: Int) -> Day { GrowthFixtures.start.adding(days: offset) }

  static func call(
    _ client: String, _ offset: Int, _ outcome: ContactOutcome, _ channel: Channel = .phone
  ) -> Contact<String> {
    Contact(client: client, day: day(offset), manager: "m-1", channel: channel, outcome: outcome)
  }

  /// A hand-made month (days 0 to 30) of calls:
  /// - p1: not reached on day 1, interested on day 2, bought on days 5 and 20 — every stage;
  /// - p2: reached on day 1, declined on day 3, never bought — reached;
  /// - p3: not reached on days 2 and 4 — contacted only;
  /// - p4: not reached on day 3, bought on day 10 — the purchase makes it reached and
  ///   interested too;
  /// - p5: interested on day 4, bought on day 40, after the month — interested;
  /// - p6: interested on day −5, before the month — not counted;
  /// - p7: a sale on day 6, bought that day, once — first purchase, no repeat;
  /// - p8: reached by a mailing on day 7 — reached;
  /// - c1: a client since day −10, called on day 5 — relationship work, not acquisition.
  static let contacts: [Contact<String>] = [
    call("p1", 1, .notReached), call("p1", 2, .interested), call("p2", 1, .reached),
    call("p2", 3, .declined), call("p3", 2, .notReached), call("p3", 4, .notReached),
    call("p4", 3, .notReached), call("p5", 4, .interested), call("p6", -5, .interested),
    call("p7", 6, .sale), call("p8", 7, .reached, .mailing), call("c1", 5, .reached),
  ]

  static func table() throws -> ClientTable<String> {
    let log = GrowthFixtures.log([
      ("p1", [5, 20]), ("p4", [10]), ("p5", [40]), ("p7", [6]), ("c1", [-10]),
    ])
    return try Summarizer().summarize(log, through: day(30))
  }

  /// 10 calls on 6 days (1, 2, 3, 4, 6, 7) to 7 prospects: 6 reached, 4 interested (p1, p4,
  /// p5, p7), 3 bought (p1, p4, p7), 1 bought again (p1); 4 interested of 10 calls.
  @Test func handMadeLog() throws {
    let funnel = try StandardFunnel.standard.funnel(
      of: Self.contacts, clients: Self.table(), from: Self.day(0), through: Self.day(30))
    #expect(funnel.calls == 10)
    #expect(funnel.callDays == 6)
    #expect(funnel.clientContacts == 1)
    #expect(funnel.stageCounts == [7, 6, 4, 3, 1])
    #expect(funnel.rate(into: .contacted) == nil)
    #expect(funnel.rate(into: .reached)?.rate == 6.0 / 7)
    #expect(funnel.rate(into: .interested)?.rate == 4.0 / 6)
    #expect(funnel.rate(into: .firstPurchase)?.rate == 3.0 / 4)
    #expect(funnel.rate(into: .repeatPurchase)?.rate == 1.0 / 3)
    #expect(funnel.interestedPerCall.rate == 0.4)
    #expect(funnel.callsPerDay == 10.0 / 6)
    #expect(
      funnel.reason
        == "10 calls on 6 days (1.7 a day) to 7 prospects: 6 reached (85.7%), 4 interested "
        + "(66.7%), 3 bought (75%), 1 bought again (33.3%); 40% of calls found an interested "
        + "prospect")
    // The order of the contacts does not matter.
    var generator = SeededGenerator(seed: 8)
    let shuffled = Self.contacts.shuffled(using: &generator)
    let again = try StandardFunnel.standard.funnel(
      of: shuffled, clients: Self.table(), from: Self.day(0), through: Self.day(30))
    #expect(again == funnel)
    // Phone calls only: the mailing to p8 is left out.
    let phone = try StandardFunnel(channels: [.phone]).funnel(
      of: Self.contacts, clients: Self.table(), from: Self.day(0), through: Self.day(30))
    #expect(phone.calls == 9 && phone.stageCounts == [6, 5, 4, 3, 1])
    let laws = FunnelLaws.violations(
      of: StandardFunnel.standard, contacts: Self.contacts, clients: try Self.table(),
      from: Self.day(0), through: Self.day(30), seed: 2)
    #expect(laws.isEmpty, "\(laws)")
  }

  /// Wilson's interval by hand: 15 of 70 at 95% (z = 1.95996): centre (0.21429 + 0.02744) /
  /// 1.05488 = 0.22915, half-width 1.85801 · √(0.0024052 + 0.00019599) = 0.09476, so
  /// 0.1344…0.3239; 0 of 20 reaches up to 0.1611 and 20 of 20 down to 0.8389.
  @Test func wilsonIntervals() throws {
    let practice = try FunnelRate(successes: 15, trials: 70)
    let interval = try #require(practice.interval)
    #expect(abs(interval.lowerBound - 0.1344) < 1e-4)
    #expect(abs(interval.upperBound - 0.3239) < 1e-4)
    #expect(practice.reason == "21.4% (15 of 70; 95% interval 13.4–32.4%)")
    let none = try #require(try FunnelRate(successes: 0, trials: 20).interval)
    #expect(none.lowerBound == 0 && abs(none.upperBound - 0.1611) < 1e-4)
    let all = try #require(try FunnelRate(successes: 20, trials: 20).interval)
    #expect(all.upperBound == 1 && abs(all.lowerBound - 0.8389) < 1e-4)
    #expect(try FunnelRate(successes: 0, trials: 0).rate == nil)
    #expect(throws: GrowthError.self) { try FunnelRate(successes: 3, trials: 2) }
    #expect(throws: GrowthError.self) { try FunnelRate(successes: -1, trials: 2) }
  }

  /// Zero conversion: calls that never find interest give a rate of 0 with an interval, and
  /// a capacity plan with no call figure (not an infinite one) and a reason.
  @Test func zeroConversion() throws {
    let cold = (0..<20).map { Self.call("q\($0)", 1 + $0 % 5, .notReached) }
    let funnel = try StandardFunnel.standard.funnel(
      of: cold, clients: Self.table(), from: Self.day(0), through: Self.day(30))
    #expect(funnel.stageCounts == [20, 0, 0, 0, 0])
    #expect(funnel.interestedPerCall.rate == 0)
    #expect(funnel.rate(into: .interested)?.rate == nil)  // nobody reached: no trials
    let target = try StandardGrowthTarget.standard.target(
      for: GrowthSituation(baseSize: 400, period: GrowthFixtures.month()))
    let plan = try StandardContactCapacity.standard.plan(
      for: target, interestedPerCall: funnel.interestedPerCall.rate ?? 0, base: 400, managers: 1)
    #expect(plan.acquisitionCallsPerDay == nil)
    #expect(!plan.isAcquisitionFeasible)
    #expect(plan.reason.hasPrefix("no call has found an interested prospect yet"))
    // No contact at all: an empty funnel, every rate unknown.
    let empty = try StandardFunnel.standard.funnel(
      of: [Contact<String>](), clients: Self.table(), from: Self.day(0), through: Self.day(30))
    #expect(empty.calls == 0 && empty.callsPerDay == nil && empty.interestedPerCall.rate == nil)
    #expect(empty.reason == "no call to a prospect from 2026-01-01 to 2026-01-31")
  }

  /// The practice's figures: a target of 20 a month at 15 interested in 70 calls takes
  /// 20 / (15/70) = 93.3 calls a month, over 30 · 5/7 = 21.43 working days 4.36 a day; the
  /// 65.64 contacts a day left keep ⌊65.64 · 21.43⌋ = 1,406 clients in personal contact, so a
  /// base of 2,000 sends 594 to mailings; two managers halve the calls each makes.
  @Test func capacityByHand() throws {
    let month = try GrowthFixtures.month()
    let target = try StandardGrowthTarget.standard.target(
      for: GrowthSituation(baseSize: 400, period: month))
    let capacity = StandardContactCapacity.standard
    let plan = try capacity.plan(for: target, interestedPerCall: 15.0 / 70, base: 400, managers: 1)
    let calls = try #require(plan.acquisitionCallsPerDay)
    #expect(abs(calls - 20.0 * 70 / 15 / (30.0 * 5 / 7)) < 1e-12)
    #expect(abs(calls - 4.3556) < 1e-4)
    #expect(plan.clientsPerManager == 1_406)
    #expect(plan.mailingClients == 0 && plan.personalClients == 400)
    #expect(plan.isAcquisitionFeasible)
    #expect(
      plan.reason
        == "4.4 acquisition calls a working day meet 20 new prospects every 30 days at 21.4% "
        + "interested per call (21.4 working days a period, 1 manager); 65.6 contacts a day are "
        + "left for 1,406 clients in personal contact each: all 400 clients kept in personal "
        + "contact")
    let crowded = try capacity.plan(
      for: target, interestedPerCall: 15.0 / 70, base: 2_000, managers: 1)
    #expect(crowded.personalClients == 1_406 && crowded.mailingClients == 594)
    #expect(
      crowded.reason.hasSuffix(
        "1,406 of 2,000 clients in personal contact, 594 move to "
          + "mailings and reminders"))
    let pair = try capacity.plan(
      for: target, interestedPerCall: 15.0 / 70, base: 2_000, managers: 2)
    #expect(abs((pair.acquisitionCallsPerDay ?? 0) - calls / 2) < 1e-12)
    #expect(pair.mailingClients == 0)
    // When a growing base passes one manager's capacity: from 1,000 at 100 new and 2% lost a
    // month the expected base is 1,080, 1,158.4, 1,235.2, 1,310.5, 1,384.3, 1,456.6 …, so
    // beyond 1,406 in period 6.
    let rates = try GrowthRates(acquisitionPerPeriod: 100, lossRate: 0.02, periodDays: 30)
    let forecast = try StandardBaseForecast(draws: 200).forecast(
      from: 1_000, rates: rates, periods: 12, seed: 1, threadCount: 1)
    #expect(plan.firstPeriodBeyondCapacity(in: forecast) == 6)
    let laws = ContactCapacityLaws.violations(of: capacity, target: target)
    #expect(laws.isEmpty, "\(laws)")
  }

  @Test func badInput() throws {
    let target = try StandardGrowthTarget.standard.target(
      for: GrowthSituation(baseSize: 400, period: GrowthFixtures.month()))
    let capacity = StandardContactCapacity.standard
    #expect(throws: GrowthError.self) {
      try capacity.plan(for: target, interestedPerCall: -0.1, base: 400, managers: 1)
    }
    #expect(throws: GrowthError.self) {
      try capacity.plan(for: target, interestedPerCall: 1.5, base: 400, managers: 1)
    }
    #expect(throws: GrowthError.self) {
      try capacity.plan(for: target, interestedPerCall: 0.2, base: -1, managers: 1)
    }
    #expect(throws: GrowthError.self) {
      try capacity.plan(for: target, interestedPerCall: 0.2, base: 400, managers: 0)
    }
    #expect(throws: GrowthError.self) { try StandardContactCapacity(contactsPerDay: -70) }
    #expect(throws: GrowthError.self) { try StandardContactCapacity(workingDaysPerWeek: 8) }
    #expect(throws: GrowthError.self) {
      try StandardFunnel(notReachedOutcomes: [.notReached], interestedOutcomes: [.notReached])
    }
    #expect(throws: GrowthError.self) {
      try StandardFunnel.standard.funnel(
        of: Self.contacts, clients: Self.table(), from: Self.day(5), through: Self.day(1))
    }
    #expect(throws: GrowthError.self) {
      try AcquisitionFunnel(
        from: Self.day(0), through: Self.day(1), calls: 3, callDays: 1,
        stageCounts: [3, 4, 0, 0, 0], clientContacts: 0)
    }
    let bad = Data(
      #"{"contactsPerDay": 0, "workingDaysPerWeek": 5, "contactsPerClientPerPeriod": 1}"#.utf8)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(StandardContactCapacity.self, from: bad)
    }
  }
}
