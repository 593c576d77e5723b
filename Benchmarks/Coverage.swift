import ClientBase
import ClientBaseTesting

/// Relationship coverage over 10M contacts of 1M clients and 200 managers, and the hand-over
/// plan of the manager who owns 100k of them (issue 11's budgets: coverage ≤ 300 ms, the plan
/// ≤ 100 ms). Building the contact log from `Contact` values (a hash of each client and kind)
/// and the input from the profiles are the input's cost, reported apart, as the rhythm group
/// reports `PurchaseDays`; the log is built from the contacts in random order and again with
/// them listed client by client, as CRM exports often are.
///
/// The base, seeded: m-001 owns a tenth of the clients, the other 199 managers share the rest
/// evenly (about 4,520 each, capacity 5,000, so about 95k of m-001's clients fit); 8 regions;
/// ten contacts per client on average, half by the owner, over the last 540 days, four
/// channels and four outcomes.
func runCoverageBenchmarks() throws {
  let clients = Settings.current.clients?.first ?? 1_000_000
  let events = clients * 10
  let managers = (1...200).map { ManagerID("m-" + String(1_000 + $0).dropFirst()) }
  let regions = (1...8).map { "region-\($0)" }
  let asOf = try Day(iso8601: "2026-10-31")
  var g = SeededGenerator(seed: 29)
  var owners = [Int](repeating: 0, count: clients)
  var profiles: [ClientProfile<Int>] = []
  profiles.reserveCapacity(clients)
  var values = ContiguousArray<Double>()
  values.reserveCapacity(clients)
  for client in 0..<clients {
    owners[client] = g.nextInt(below: 10) == 0 ? 0 : 1 + g.nextInt(below: managers.count - 1)
    profiles.append(
      ClientProfile(
        id: client, manager: managers[owners[client]],
        region: regions[g.nextInt(below: regions.count)]))
    values.append(Double(g.nextInt(below: 1_000_000)) / 100)
  }
  let channels: [Channel] = [.phone, .email, .inPerson, .mailing]
  let outcomes: [ContactOutcome] = [.reached, .interested, .sale, .notReached]
  var contacts: [Contact<Int>] = []
  contacts.reserveCapacity(events)
  for _ in 0..<events {
    let client = g.nextInt(below: clients)
    let manager = g.nextInt(below: 2) == 0 ? owners[client] : g.nextInt(below: managers.count)
    contacts.append(
      Contact(
        client: client, day: asOf.adding(days: -g.nextInt(below: 540)), manager: managers[manager],
        channel: channels[g.nextInt(below: channels.count)],
        outcome: outcomes[g.nextInt(below: outcomes.count)]))
  }
  let index = try ClientIndex(Array(0..<clients))
  let team = try Team(
    managers.enumerated().map { member, manager in
      TeamMember(
        manager, capacity: member == 0 ? clients : 5_000, region: regions[member % regions.count])
    })
  let extra = ["clients": clients, "contacts": events, "managers": managers.count]
  let threadCounts = Settings.current.threads ?? [1, 2]
  for threads in threadCounts {
    let stats = try measure(runs: 3) {
      blackHole(try ContactLog(contacts, clients: index, threadCount: threads).count)
    }
    report(
      "coverage.contact-log", stats, work: Double(events), unit: "contacts/s",
      extra: extra.merging(["threads": threads]) { $1 })
  }
  // The same contacts as a CRM export often lists them: client by client.
  contacts.sort { $0.client < $1.client }
  var stats = try measure(runs: 3) {
    blackHole(try ContactLog(contacts, clients: index, threadCount: 2).count)
  }
  report(
    "coverage.contact-log.by-client", stats, work: Double(events), unit: "contacts/s",
    extra: extra.merging(["threads": 2]) { $1 })
  let log = try ContactLog(contacts, clients: index, threadCount: 2)
  contacts = []
  stats = try measure(runs: 5) {
    blackHole(
      try CoverageInput(contacts: log, profiles: profiles, team: team, values: values, asOf: asOf)
        .count)
  }
  report("coverage.input", stats, work: Double(clients), unit: "clients/s", extra: extra)
  let input = try CoverageInput(
    contacts: log, profiles: profiles, team: team, values: values, asOf: asOf)
  for threads in threadCounts {
    stats = try measure(runs: 9) {
      blackHole(StandardCoverage.standard.coverage(of: input, threadCount: threads).count)
    }
    report(
      "coverage", stats, work: Double(events), unit: "contacts/s",
      extra: extra.merging(["threads": threads]) { $1 })
  }
  let coverage = StandardCoverage.standard.coverage(of: input, threadCount: 2)
  let leaving = managers[0]
  let exposure = try coverage.exposure(of: leaving)
  let plan = StandardHandover.standard.plan(for: exposure)
  let planExtra = [
    "exposed": exposure.count, "managers": managers.count, "assigned": plan.assignments.count,
    "unassigned": plan.unassigned.count,
  ]
  stats = try measure(runs: 9) { blackHole(try coverage.exposure(of: leaving).count) }
  report(
    "coverage.exposure", stats, work: Double(exposure.count), unit: "clients/s", extra: planExtra)
  stats = try measure(runs: 9) {
    blackHole(StandardHandover.standard.plan(for: exposure).assignments.count)
  }
  report(
    "coverage.handover", stats, work: Double(exposure.count), unit: "clients/s", extra: planExtra)
  stats = try measure(runs: 9) {
    let exposure = try coverage.exposure(of: leaving)
    blackHole(StandardHandover.standard.plan(for: exposure).assignments.count)
  }
  report(
    "coverage.exposure+handover", stats, work: Double(exposure.count), unit: "clients/s",
    extra: planExtra)
}
