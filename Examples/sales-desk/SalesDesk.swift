import ClientBase
import ClientBaseTesting

/// The practice's own figures: what a seller on the phone does in a day and what the team
/// sees after a month, and the base the team runs.
enum Practice {
  /// Calls a seller makes a working day.
  static let callsPerDay = 70
  /// Interested prospects those calls find.
  static let interestedPerDay = 15
  /// Prospects in the seller's base after one month of that…
  static let baseAfterOneMonth = 300.0
  /// …and after two.
  static let baseAfterTwoMonths = 400.0
  /// The team's client base.
  static let clients = 400
  /// Days between contracts: a month.
  static let daysBetweenContracts = 30.0

  /// The share of prospects who go cold in a month, read off the practice's figures: of the
  /// 300 found in the first month only 400 − 300 = 100 are still warm after the second, so
  /// two in three go cold (written 2/3 so that 300 · (1 − 2/3) + 300 rounds to 400, not just
  /// below).
  static let coldShare = 2.0 / 3

  /// The share of calls that find an interested prospect: 15 in 70, 21.4%.
  static var interestedPerCall: Double { Double(interestedPerDay) / Double(callsPerDay) }

  /// Working days in the practice's month: four weeks of five days.
  static let workingDaysPerMonth = 20
}

/// The month planned: February 2027, four weeks of five working days.
func plannedMonth() -> [Day] {
  let first = Day(daysSince1970: 20_850)  // 2027-02-01, a Monday
  return (0..<28).map { first.adding(days: $0) }.filter { !$0.weekday.isWeekend }
}

/// A seeded month of the seller's calls as they could come out: 70 new prospects a working
/// day, each interested with the practice's chance (15 in 70), reached but declining or not
/// reached otherwise; one interested prospect in five buys within days, and one buyer in
/// three comes back before the month is out.
func simulatedMonth(seed: UInt64) -> (contacts: [Contact<String>], purchases: PurchaseLog<String>) {
  var generator = SeededGenerator(seed: seed)
  var contacts: [Contact<String>] = []
  var purchases = PurchaseLog<String>()
  let interested = Double(Practice.interestedPerDay) / Double(Practice.callsPerDay)
  let days = plannedMonth()
  for (index, day) in days.enumerated() {
    for call in 0..<Practice.callsPerDay {
      let id = "lead-\(index + 1)-\(call + 1)"
      let draw = generator.nextUnitDouble()
      let outcome: ContactOutcome =
        draw < interested ? .interested : draw < interested + 0.45 ? .declined : .notReached
      contacts.append(
        Contact(client: id, day: day, manager: "seller-1", channel: .phone, outcome: outcome))
      guard outcome == .interested, generator.nextUnitDouble() < 0.2 else { continue }
      let first = day.adding(days: 1 + generator.nextInt(below: 10))
      purchases.append(client: id, day: first, amount: 120)
      if generator.nextUnitDouble() < 1.0 / 3 {
        purchases.append(client: id, day: first.adding(days: 7), amount: 90)
      }
    }
  }
  return (contacts, purchases)
}

/// The month's plan and what it leads to.
struct SalesDeskPlan: Sendable {
  /// The planned month's working days.
  var workingDays: [Day]
  /// The funnel of the simulated month.
  var funnel: AcquisitionFunnel
  /// The √n target of the team's base.
  var target: GrowthTarget
  /// The calls a day that target takes at the practice's conversion.
  var targetPlan: CapacityPlan
  /// The rates of the seller's base of prospects, from the practice's figures.
  var rates: GrowthRates
  /// The seller's base after one, two and three months.
  var forecast: BaseForecast
  /// When the seller's base first reaches 400 prospects.
  var milestone: BaseMilestone
  /// The seller's day when all of it goes to finding prospects: who can be kept in personal
  /// contact after two months, and who moves to mailings.
  var sellerPlan: CapacityPlan
}

/// Plans the seller's month from the practice's figures, checks it against a seeded month of
/// calls, and forecasts the seller's base of prospects.
func planSalesDesk(seed: UInt64 = 2027) throws -> SalesDeskPlan {
  let days = plannedMonth()
  let (contacts, purchases) = simulatedMonth(seed: seed)
  let monthEnd = days[days.count - 1].adding(days: 2)
  let table = try Summarizer().summarize(purchases, through: monthEnd)
  let funnel = try StandardFunnel.standard.funnel(
    of: contacts, clients: table, from: days[0], through: monthEnd)
  let period = try CharacteristicPeriod.given(
    days: Practice.daysBetweenContracts, reason: "a month between contracts, as the team plans")
  let target = try StandardGrowthTarget.standard.target(
    for: GrowthSituation(baseSize: Practice.clients, period: period))
  let capacity = try StandardContactCapacity(contactsPerDay: Double(Practice.callsPerDay))
  let targetPlan = try capacity.plan(
    for: target, interestedPerCall: Practice.interestedPerCall, base: Practice.clients,
    managers: 1)
  let rates = try GrowthRates(
    acquisitionPerPeriod: Double(Practice.interestedPerDay * Practice.workingDaysPerMonth),
    lossRate: Practice.coldShare, periodDays: period.days,
    acquisitionBasis:
      "\(Practice.interestedPerDay) interested a working day, \(Practice.workingDaysPerMonth) "
      + "working days",
    lossBasis:
      "two in three go cold, read off the practice's 300 after one month and 400 after two")
  let forecast = try StandardBaseForecast.standard.forecast(
    from: 0, rates: rates, periods: 3, seed: seed, threadCount: 2)
  let milestone = try StandardBaseForecast.standard.periods(
    toReach: Practice.baseAfterTwoMonths, from: 0, rates: rates)
  let sellerTarget = try FixedGrowthTarget(
    prospectsPerPeriod: rates.acquisitionPerPeriod,
    because: "the seller's \(Practice.interestedPerDay) interested a working day"
  ).target(for: GrowthSituation(baseSize: Practice.clients, period: period))
  let twoMonths = Int(forecast.periods[1].expected.rounded())
  let sellerPlan = try capacity.plan(
    for: sellerTarget, interestedPerCall: Practice.interestedPerCall, base: twoMonths,
    managers: 1)
  return SalesDeskPlan(
    workingDays: days, funnel: funnel, target: target, targetPlan: targetPlan, rates: rates,
    forecast: forecast, milestone: milestone, sellerPlan: sellerPlan)
}

/// The report as text.
func salesDeskReport(seed: UInt64 = 2027) throws -> String {
  let plan = try planSalesDesk(seed: seed)
  let days = plan.workingDays
  let calls = days.count * Practice.callsPerDay
  let expected = days.count * Practice.interestedPerDay
  var lines = [
    "sales-desk: a seller's month from the practice's own figures (seed \(seed))",
    "practice: \(Practice.callsPerDay) calls a working day find \(Practice.interestedPerDay) "
      + "interested; a month between contracts; a base of \(Practice.clients) clients",
    "",
    "plan for \(days[0].iso8601) to \(days[days.count - 1].iso8601): \(days.count) working days, "
      + "\(NumberText.grouped(calls)) calls, about \(NumberText.grouped(expected)) interested",
  ]
  for week in 0..<(days.count + 4) / 5 {
    let slice = days[(week * 5)..<min(week * 5 + 5, days.count)]
    lines.append(
      "  week \(week + 1) (\(slice.first?.iso8601 ?? "")–\(slice.last?.iso8601 ?? "")): "
        + "\(slice.count * Practice.callsPerDay) calls, about "
        + "\(slice.count * Practice.interestedPerDay) interested")
  }
  lines += [
    "",
    "a month of calls as it could come out (seeded):",
    "  \(plan.funnel.reason)",
    "  interested per call: \(plan.funnel.interestedPerCall.reason); the plan's "
      + "\(NumberText.percent(Practice.interestedPerCall)) is "
      + (plan.funnel.interestedPerCall.interval?.contains(Practice.interestedPerCall) == true
        ? "within it" : "outside it"),
    "",
    "growth target of the team's base:",
    "  \(plan.target.rule): \(plan.target.reason)",
    "  calls: \(plan.targetPlan.reason)",
    "",
    "the seller's base of prospects, from 0: \(plan.rates.reason)",
  ]
  for period in plan.forecast.periods {
    let months = period.period == 1 ? "1 month" : "\(period.period) months"
    lines.append(
      "  after \(months): \(NumberText.decimal(period.expected, places: 0)) expected "
        + "(90% band \(NumberText.decimal(period.low, places: 0))–"
        + "\(NumberText.decimal(period.high, places: 0)))")
  }
  lines.append("  \(plan.milestone.reason)")
  if let steady = plan.rates.steadyState {
    lines.append(
      "  gains and losses balance at \(NumberText.decimal(steady, places: 0)) prospects")
  }
  lines += [
    "",
    "the seller's day after two months, all calls on new prospects:",
    "  \(plan.sellerPlan.reason)",
  ]
  return lines.joined(separator: "\n") + "\n"
}
