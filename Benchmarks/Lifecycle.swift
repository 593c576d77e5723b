import ClientBase
import ClientBaseTesting

/// Lifecycle stages and win-back over the 1M-client synthetic base of the `rhythm` benchmark
/// (issue 11's budget: rhythm, at-risk and lifecycle together within 50 ms), with seeded
/// referrals: one client in twenty recommends one to three others.
///
/// Figures: `lifecycle.referrals` (grouping the referrals by row: the input's cost, reported
/// apart as `rhythm.purchase-days` is), then on 1 and 2 threads `lifecycle.evidence` (the
/// yearly spend column and the checks), `lifecycle` (the replay), `win-back`, and
/// `rhythm+at-risk+lifecycle` (everything from the grouped purchase days and referrals: the
/// rhythm, the at-risk list, the lifecycle evidence and the stages).
func lifecycleBenchmark() throws {
  for clients in Settings.current.clients ?? [1_000_000] {
    try lifecycleBenchmark(clients: clients)
  }
}

/// The lifecycle figures on a base of `clients` clients.
private func lifecycleBenchmark(clients: Int) throws {
  let base = try SyntheticBase(
    configuration: SyntheticBaseConfiguration(
      clients: clients, process: .cdnowBGNBD, unit: .week, seed: 23, contactsPerYear: 0,
      lifeEventsPerYear: 0))
  let asOf = base.configuration.asOf
  let table = try Summarizer().summarize(base.log, through: asOf)
  let summary = try table.repeatPurchaseSummary(asOf: asOf, unit: .week)
  let model = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
  let scores = try model.scores(for: summary, horizon: 52)
  let days = try PurchaseDays(base.log, table: table, asOf: asOf)
  var rng = SeededGenerator(seed: 29)
  var referrals: [Referral<Int>] = []
  for row in 0..<table.count where rng.nextInt(below: 20) == 0 {
    let first = table.firstDays[row]
    let span = Swift.max(first.days(to: asOf), 1)
    for _ in 0...rng.nextInt(below: 3) {
      referrals.append(
        Referral(
          client: table.ids[row], referred: rng.nextInt(below: clients),
          day: first.adding(days: rng.nextInt(below: span))))
    }
  }
  let extra = ["clients": table.count, "events": base.log.count, "referrals": referrals.count]
  var stats = try measure(runs: 7) {
    blackHole(ClientReferrals(referrals, clients: table.clients, asOf: asOf).days.count)
  }
  report(
    "lifecycle.referrals", stats, work: Double(referrals.count), unit: "referrals/s",
    extra: extra)
  let grouped = ClientReferrals(referrals, clients: table.clients, asOf: asOf)
  for threads in Settings.current.threads ?? [1, 2] {
    let threaded = extra.merging(["threads": threads]) { $1 }
    let rhythm = StandardRhythm.standard.rhythm(of: days, threadCount: threads)
    stats = try measure(runs: 9) {
      let values = try LifecycleEvidence.yearlySpend(table: table, rhythm: rhythm)
      blackHole(
        try LifecycleEvidence(
          days: days, rhythm: rhythm, values: values, measure: .yearlySpend, referrals: grouped
        ).count)
    }
    report(
      "lifecycle.evidence", stats, work: Double(table.count), unit: "clients/s", extra: threaded)
    let evidence = try LifecycleEvidence(
      days: days, rhythm: rhythm,
      values: try LifecycleEvidence.yearlySpend(table: table, rhythm: rhythm),
      measure: .yearlySpend, referrals: grouped)
    stats = try measure(runs: 9) {
      blackHole(StandardLifecycle.standard.stages(for: evidence, threadCount: threads).count)
    }
    let stages = StandardLifecycle.standard.stages(for: evidence, threadCount: threads)
    report(
      "lifecycle", stats, work: Double(table.count), unit: "clients/s",
      extra: threaded.merging(
        [("transitions", stages.transitionDays.count)]
          + stages.counts.map { ("stage.\($0.label.rawValue)", $0.count) }
      ) { $1 })
    stats = try measure(runs: 9) {
      blackHole(StandardWinBack.standard.winBack(from: stages, threadCount: threads).count)
    }
    let list = StandardWinBack.standard.winBack(from: stages, threadCount: threads)
    report(
      "win-back", stats, work: Double(table.count), unit: "clients/s",
      extra: threaded.merging(["candidates": list.candidateCount]) { $1 })
    stats = try measure(runs: 9) {
      let rhythm = StandardRhythm.standard.rhythm(of: days, threadCount: threads)
      let atRiskEvidence = try AtRiskEvidence(rhythm: rhythm, table: table, scores: scores)
      blackHole(StandardAtRisk.standard.atRisk(in: atRiskEvidence, threadCount: threads).count)
      let values = try LifecycleEvidence.yearlySpend(table: table, rhythm: rhythm)
      let evidence = try LifecycleEvidence(
        days: days, rhythm: rhythm, values: values, measure: .yearlySpend, referrals: grouped)
      blackHole(StandardLifecycle.standard.stages(for: evidence, threadCount: threads).count)
    }
    report(
      "rhythm+at-risk+lifecycle", stats, work: Double(table.count), unit: "clients/s",
      extra: threaded)
  }
}
