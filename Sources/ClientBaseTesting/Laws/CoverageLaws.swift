import ClientBaseCore
public import Retention

/// Law checks for a host's `CoveragePolicy`: a plain function that returns the violations
/// found, so any test framework can assert that the list is empty.
///
/// ```swift
/// let violations = CoverageLaws.violations(of: FaceTime())
/// #expect(violations.isEmpty, "\(violations)")
/// let onOurs = CoverageLaws.violations(of: FaceTime(), on: input)
/// #expect(onOurs.isEmpty, "\(onOurs)")
/// ```
///
/// The laws, each checked client by client and naming the client:
///
/// - **window**: the counted days end on or before the as-of day;
/// - **pure**: the rule gives the same answers when asked again;
/// - **people**: a client's people are exactly its owner on the team (when the rule counts
///   owners) and the team members with a contact of a counted kind in the counted days —
///   worked out here with plain sets from the contacts, so the engine is checked against the
///   rule it runs;
/// - **tallies**: each manager's clients, owned clients, sole clients and sole value add up
///   from the clients';
/// - **thread independence**: one thread and three give the same result;
/// - **order independence**: the same data with the rows, contacts and profiles shuffled and
///   the roster reversed gives each client the same people and each manager the same tallies
///   (sole values within rounding).
public enum CoverageLaws: Sendable {
  /// Every law, on a seeded ``CoverageSample``.
  ///
  /// - Parameters:
  ///   - policy: The rule under test.
  ///   - seed: The sample's seed (default 1).
  ///   - clients: The sample's clients (default 600).
  /// - Returns: The violations, at most a few per law.
  /// - Complexity: O(*n* + *c*) for the sample's clients and contacts, a few times over.
  public static func violations<Policy: CoveragePolicy>(
    of policy: Policy, seed: UInt64 = 1, clients: Int = 600
  ) -> [LawViolation] {
    do {
      let input = try CoverageSample.input(seed: seed, clients: clients, managers: 11)
      return violations(of: policy, on: input, seed: seed)
    } catch {
      return [LawViolation(law: "sample", message: "the sample failed: \(error)")]
    }
  }

  /// Every law, on the host's own input.
  ///
  /// - Parameters:
  ///   - policy: The rule under test.
  ///   - input: The host's contacts, owners, team and values.
  ///   - seed: The seed of the shuffle for order independence (default 1).
  /// - Returns: The violations, at most a few per law.
  /// - Complexity: O(*n* + *c*) for *n* clients and *c* contacts, a few times over.
  public static func violations<Policy: CoveragePolicy, ID>(
    of policy: Policy, on input: CoverageInput<ID>, seed: UInt64 = 1
  ) -> [LawViolation] {
    var report = LawReport()
    let asOf = input.asOf
    let window = policy.countedDays(asOf: asOf)
    if window.upperBound > asOf {
      report.add(
        LawViolation(
          law: "window", values: [.init("counted days", "\(window)")],
          message: "the counted days end after the as-of day \(asOf)"))
    }
    if policy.countedDays(asOf: asOf) != window {
      report.add(LawViolation(law: "pure", message: "the counted days changed when asked again"))
    }
    let log = input.contacts
    let counted = log.kinds.map { policy.counts($0) }
    for (index, kind) in log.kinds.enumerated() where policy.counts(kind) != counted[index] {
      report.add(
        LawViolation(
          law: "pure", values: [.init("kind", "\(kind)")],
          message: "the rule changed its answer about a kind when asked again"))
    }
    let coverage = policy.coverage(of: input)
    checkPeople(coverage, counted: counted, window: window, into: &report)
    checkTallies(coverage, into: &report)
    let threaded = policy.coverage(of: input, threadCount: 3)
    if threaded.peopleCounts != coverage.peopleCounts || threaded.people != coverage.people
      || threaded.managers != coverage.managers
    {
      report.add(
        LawViolation(
          law: "thread independence", message: "three threads gave another result than one"))
    }
    if let shuffled = shuffledCopy(of: input, seed: seed) {
      checkOrder(coverage, policy.coverage(of: shuffled), into: &report)
    }
    return report.violations
  }

  /// Each client's people against the rule worked out with sets.
  private static func checkPeople<ID>(
    _ coverage: RelationshipCoverage<ID>, counted: [Bool], window: ClosedRange<Day>,
    into report: inout LawReport
  ) {
    let input = coverage.input
    let log = input.contacts
    let team = input.team
    for row in 0..<input.count {
      var expected = Set<ManagerID>()
      if coverage.countsOwner, let owner = input.owner(ofRow: row) { expected.insert(owner) }
      for contact in log.range(ofRow: row) {
        let kind = Int(log.kindIndices[contact])
        let manager = log.kinds[kind].manager
        if window.contains(log.days[contact]), counted[kind], team.index(of: manager) != nil {
          expected.insert(manager)
        }
      }
      let found = coverage.people(ofRow: row)
      if Set(found) != expected || found.count != expected.count
        || Int(coverage.peopleCounts[row]) != found.count
      {
        report.add(
          LawViolation(
            law: "people", client: input.clients[row],
            values: [
              .init("people", found.map(\.rawValue).joined(separator: " ")),
              .init("expected", expected.sorted().map(\.rawValue).joined(separator: " ")),
            ],
            message: "the people found are not the owner and the counted contacts' managers"))
      }
    }
  }

  /// Each manager's tallies against the clients'.
  private static func checkTallies<ID>(
    _ coverage: RelationshipCoverage<ID>, into report: inout LawReport
  ) {
    let input = coverage.input
    let m = input.team.count
    var clients = [Int](repeating: 0, count: m)
    var owned = [Int](repeating: 0, count: m)
    var sole = [Int](repeating: 0, count: m)
    var soleValue = [Double](repeating: 0, count: m)
    var scale = 0.0
    for row in 0..<input.count {
      scale += abs(input.values[row])
      let people = coverage.people(ofRow: row).compactMap { input.team.index(of: $0) }
      for member in people { clients[member] += 1 }
      if people.count == 1 {
        sole[people[0]] += 1
        soleValue[people[0]] += input.values[row]
      }
      if let owner = input.owner(ofRow: row), let member = input.team.index(of: owner) {
        owned[member] += 1
      }
    }
    for member in 0..<m {
      let found = coverage.managers[member]
      guard
        found.manager == input.team[member].manager, found.clients == clients[member],
        found.ownedClients == owned[member], found.soleClients == sole[member],
        closeSums(found.soleValue, soleValue[member], scale: scale)
      else {
        report.add(
          LawViolation(
            law: "tallies",
            values: [
              .init("manager", found.manager.rawValue),
              .init(
                "clients, owned, sole, sole value",
                "\(found.clients), \(found.ownedClients), \(found.soleClients), "
                  + "\(found.soleValue)"),
              .init(
                "from the clients",
                "\(clients[member]), \(owned[member]), \(sole[member]), \(soleValue[member])"),
            ],
            message: "a manager's tallies do not add up from the clients'"))
        continue
      }
    }
  }

  /// The coverage of the shuffled input against the original's, by identifier.
  private static func checkOrder<ID>(
    _ original: RelationshipCoverage<ID>, _ shuffled: RelationshipCoverage<ID>,
    into report: inout LawReport
  ) {
    let scale = original.input.values.reduce(0) { $0 + abs($1) }
    for row in 0..<original.count {
      let id = original.clients[row]
      guard let other = shuffled.row(for: id) else { continue }
      if original.people(ofRow: row) != shuffled.people(ofRow: other) {
        report.add(
          LawViolation(
            law: "order independence", client: id,
            values: [
              .init("people", original.people(ofRow: row).map(\.rawValue).joined(separator: " ")),
              .init(
                "shuffled", shuffled.people(ofRow: other).map(\.rawValue).joined(separator: " ")),
            ],
            message: "the client's people changed when the input was shuffled"))
      }
    }
    for summary in original.managers {
      guard let other = shuffled.coverage(of: summary.manager) else { continue }
      if other.clients != summary.clients || other.ownedClients != summary.ownedClients
        || other.soleClients != summary.soleClients
        || !closeSums(other.soleValue, summary.soleValue, scale: scale)
      {
        report.add(
          LawViolation(
            law: "order independence",
            values: [.init("manager", summary.manager.rawValue)],
            message: "the manager's tallies changed when the input was shuffled"))
      }
    }
  }
}
