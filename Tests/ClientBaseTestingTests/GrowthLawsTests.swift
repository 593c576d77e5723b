import BaseGrowth
import ClientBaseCore
import Testing

@testable import ClientBaseTesting

/// A period past the longest gap. Breaks "within the gaps".
private struct BeyondTheGaps: CharacteristicPeriodPolicy {
  func characteristicPeriod(of gaps: PurchaseGaps, threadCount: Int) throws(GrowthError)
    -> CharacteristicPeriod
  {
    guard let longest = gaps.days.max() else { throw .noGaps(clients: gaps.clientCount) }
    let days = Double(longest) + 1
    return try CharacteristicPeriod(
      days: days, interval: days...days, confidence: 0.95, gapCount: gaps.count,
      clientCount: gaps.clientsWithGaps, basis: "past the gaps")
  }
}

/// A month when there is nothing to measure, and the median on two threads is the 60th
/// percentile. Breaks "no gaps, no period" and "thread independence".
private struct CarelessPeriod: CharacteristicPeriodPolicy {
  func characteristicPeriod(of gaps: PurchaseGaps, threadCount: Int) throws(GrowthError)
    -> CharacteristicPeriod
  {
    if gaps.isEmpty { return try .given(days: 30) }
    let policy = threadCount == 1 ? .standard : try StandardCharacteristicPeriod(quantile: 0.6)
    return try policy.characteristicPeriod(of: gaps, threadCount: threadCount)
  }
}

/// The standard forecast with its band collapsed onto the median, and a seed that moves with
/// the thread count. Breaks "bands" and "seeded".
private struct SloppyForecast: BaseForecastPolicy {
  func projection(from base: Double, rates: GrowthRates, periods: Int) throws(GrowthError)
    -> [Double]
  {
    try StandardBaseForecast.standard.projection(from: base, rates: rates, periods: periods)
  }

  func forecast(from base: Int, rates: GrowthRates, periods: Int, seed: UInt64, threadCount: Int)
    throws(GrowthError) -> BaseForecast
  {
    let policy = try StandardBaseForecast(draws: 300)
    let forecast = try policy.forecast(
      from: base, rates: rates, periods: periods, seed: seed &+ UInt64(threadCount),
      threadCount: 1)
    let collapsed = try forecast.periods.map { (period) throws(GrowthError) in
      try ForecastPeriod(
        period: period.period, days: period.days, expected: period.expected, mean: period.mean,
        standardError: period.standardError, low: period.median + 0.5,
        median: period.median + 0.5, high: period.median + 0.5)
    }
    return try BaseForecast(
      start: base, rates: rates, periods: collapsed, draws: forecast.draws,
      bandQuantiles: forecast.bandQuantiles, seed: seed)
  }
}

/// Reads every contact, whatever its day. Breaks "in the window".
private struct WindowlessFunnel: FunnelPolicy {
  func funnel<ID>(
    of contacts: some Sequence<Contact<ID>>, clients: ClientTable<ID>, from: Day, through: Day
  ) throws(GrowthError) -> AcquisitionFunnel {
    let all = Array(contacts)
    let first = all.map(\.day).min() ?? from
    let last = all.map(\.day).max() ?? through
    return try StandardFunnel.standard.funnel(
      of: all, clients: clients, from: Swift.min(first, from), through: Swift.max(last, through))
  }
}

/// Infinitely many calls when no call converts. Breaks "conversion helps".
private struct InfiniteCalls: ContactCapacityPolicy {
  func plan(for target: GrowthTarget, interestedPerCall: Double, base: Int, managers: Int)
    throws(GrowthError) -> CapacityPlan
  {
    let plan = try StandardContactCapacity.standard.plan(
      for: target, interestedPerCall: interestedPerCall, base: base, managers: managers)
    return CapacityPlan(
      target: target, managers: managers, workingDaysPerPeriod: plan.workingDaysPerPeriod,
      interestedPerCall: interestedPerCall, contactsPerDay: plan.contactsPerDay,
      acquisitionCallsPerDay: plan.acquisitionCallsPerDay ?? .infinity,
      clientsPerManager: plan.clientsPerManager, base: base, personalClients: plan.personalClients)
  }
}

/// Counts one client too many in every period. Breaks "counts".
private struct OffByOneMonitor: TargetShareMonitorPolicy {
  func review<ID>(
    _ mix: TargetMix<ID>, contacts: some Sequence<Contact<ID>>, asOf: Day,
    period: CharacteristicPeriod, periods: Int
  ) throws(GrowthError) -> TargetShareReview {
    let review = try StandardTargetShareMonitor.standard.review(
      mix, contacts: contacts, asOf: asOf, period: period, periods: periods)
    let shifted = review.periods.map {
      TargetSharePeriod(
        from: $0.from, through: $0.through, baseClients: $0.baseClients + 1,
        baseTargets: $0.baseTargets, newClients: $0.newClients, newTargets: $0.newTargets,
        newClientValue: $0.newClientValue, targetCalls: $0.targetCalls, otherCalls: $0.otherCalls)
    }
    return try TargetShareReview(periods: shifted, bands: review.bands, flags: review.flags)
  }
}

@Suite("Base-growth law checks")
struct GrowthLawsTests {
  @Test func characteristicPeriodLaws() {
    #expect(CharacteristicPeriodLaws.violations(of: StandardCharacteristicPeriod.standard).isEmpty)
    let beyond = CharacteristicPeriodLaws.violations(of: BeyondTheGaps())
    #expect(Set(beyond.map(\.law)) == ["within the gaps"])
    let careless = CharacteristicPeriodLaws.violations(of: CarelessPeriod())
    #expect(Set(careless.map(\.law)) == ["no gaps, no period", "thread independence"])
  }

  @Test func forecastLaws() {
    #expect(BaseForecastLaws.violations(of: StandardBaseForecast.standard, trials: 3).isEmpty)
    let sloppy = Set(BaseForecastLaws.violations(of: SloppyForecast()).map(\.law))
    #expect(sloppy == ["bands", "seeded"])
  }

  @Test func funnelCapacityAndMonitorLaws() throws {
    let start = Day(daysSince1970: 20_454)
    let contacts = (0..<40).map {
      Contact(
        client: "p\($0 % 25)", day: start.adding(days: $0 - 5), manager: "m-1", channel: .phone,
        outcome: $0 % 3 == 0 ? .interested : .notReached)
    }
    var log = PurchaseLog<String>()
    for index in 0..<10 { log.append(client: "p\(index)", day: start.adding(days: 20), amount: 5) }
    let table = try Summarizer().summarize(log, through: start.adding(days: 30))
    let through = start.adding(days: 30)
    #expect(
      FunnelLaws.violations(
        of: StandardFunnel.standard, contacts: contacts, clients: table, from: start,
        through: through
      ).isEmpty)
    let leaky = FunnelLaws.violations(
      of: WindowlessFunnel(), contacts: contacts, clients: table, from: start, through: through)
    #expect(Set(leaky.map(\.law)) == ["in the window"])
    let target = try StandardGrowthTarget.standard.target(
      for: GrowthSituation(baseSize: 400, period: .given(days: 30)))
    #expect(
      ContactCapacityLaws.violations(of: StandardContactCapacity.standard, target: target)
        .isEmpty)
    let infinite = ContactCapacityLaws.violations(of: InfiniteCalls(), target: target)
    #expect(Set(infinite.map(\.law)) == ["conversion helps"])
    let mix = try TargetMix(table: table, targets: ["p1", "p2", "p20"])
    let period = try CharacteristicPeriod.given(days: 7)
    #expect(
      TargetShareMonitorLaws.violations(
        of: StandardTargetShareMonitor.standard, on: mix, contacts: contacts, asOf: through,
        period: period
      ).isEmpty)
    let shifted = TargetShareMonitorLaws.violations(
      of: OffByOneMonitor(), on: mix, contacts: contacts, asOf: through, period: period)
    #expect(Set(shifted.map(\.law)) == ["counts"])
  }
}
