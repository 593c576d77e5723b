import ClientBaseCore
import ClientBaseTesting
import Segmentation
import Testing

/// Tiers, target evaluations, credit ratings, styles, reclassifications and class histories
/// find a client's row through their row space, in O(1): the answer must be the linear scan's
/// on seeded bases, for clients present and absent; and an empty base is an empty result.
@Suite("Whole-base results: rows by client and empty bases")
struct ClientRowTests {
  /// `count` distinct identifiers in a seeded order, and a few that are not among them.
  private func ids(_ count: Int, seed: UInt64) -> (present: [String], absent: [String]) {
    var generator = SeededGenerator(seed: seed)
    let all = (0..<count).map { "c\($0 * 7 + 3)" }.shuffled(using: &generator)
    return (all, ["nobody", "c1", "c\(count * 7 + 10)"])
  }

  /// Every client's row, and each absent client's, by the result's look-up and by a scan.
  private func checkRows<Result: ClientResult<String, Entry>, Entry>(
    _ result: Result, _ present: [String], _ absent: [String]
  ) {
    #expect(result.ids == present)
    for id in present + absent {
      #expect(result.row(for: id) == result.ids.firstIndex(of: id), "\(id)")
      #expect((result[client: id] == nil) == (result.ids.firstIndex(of: id) == nil))
    }
  }

  @Test(arguments: [1 as UInt64, 2])
  func rowsAgreeWithALinearScan(seed: UInt64) throws {
    let (present, absent) = ids(400, seed: seed)
    var generator = SeededGenerator(seed: seed + 10)
    let periods = (0..<6).map { Day(daysSince1970: 20_454).adding(months: $0) }
    let history = try BalanceHistory(
      ids: present, periods: periods,
      balances: (0..<present.count * 6).map { _ in 900_000 * generator.nextUnitDouble() })
    let tiers = StandardTiers.standard.assignments(for: history, threadCount: 2)
    checkRows(tiers, present, absent)

    let profiles = try ClientProfiles(
      present.map {
        ClientProfile(id: $0, region: generator.nextInt(below: 2) == 0 ? "north" : nil)
      })
    let profile = try StandardTargetProfile(criteria: [.region(isOneOf: ["north"])])
    checkRows(profile.evaluation(of: profiles), present, absent)

    let inputs = try CreditInputs(
      ids: present,
      columns: [
        "paymentDelayDays": ContiguousArray(
          present.map { _ in Double(generator.nextInt(below: 40)) })
      ])
    let card = try StandardCreditScorecard(factors: [BandedCreditFactor.paymentDelayDays])
    checkRows(card.ratings(for: inputs), present, absent)

    let observations = try BehaviourObservations(
      clients: present,
      observations: present.map {
        BehaviourObservation(client: $0, assertiveness: 0.5, responsiveness: -0.5)
      })
    checkRows(StandardStyles.standard.assessments(for: observations), present, absent)

    let moves = Reclassification(from: tiers.snapshot(on: periods[0]), to: tiers, on: periods[5])
    checkRows(moves, present, absent)
    let classes = try ClassHistory(snapshots: [tiers.snapshot()], clients: tiers.clients)
    checkRows(classes, present, absent)

    // Results over the same clients join in one call, row by row.
    let join = history.clients.joined(tiers, card.ratings(for: inputs))
    let (tier, grade) = join[7]
    #expect(tier == tiers[7] && grade == card.ratings(for: inputs)[7])
  }

  @Test func emptyBasesAreEmptyResults() throws {
    let periods = [Day(daysSince1970: 20_454)]
    let history = try BalanceHistory(ids: [Int](), periods: periods, balances: [])
    let tiers = StandardTiers.standard.assignments(for: history)
    #expect(tiers.isEmpty && tiers.counts.total == 0)
    #expect(tiers.risingStars().isEmpty)
    let evaluation = try StandardTargetProfile(criteria: [.region(isOneOf: ["north"])])
      .evaluation(of: try ClientProfiles([ClientProfile<Int>]()))
    #expect(evaluation.isEmpty && evaluation.counts.total == 0)
    let ratings = StandardCreditScorecard.standard.ratings(
      for: try CreditInputs(ids: [Int](), columns: [:]))
    #expect(ratings.isEmpty && ratings.counts.total == 0)
    let styles = StandardStyles.standard.assessments(
      for: try BehaviourObservations(clients: [Int](), observations: []))
    #expect(styles.isEmpty && styles.counts.total == 0)
    let moves = Reclassification(from: nil, to: tiers, on: periods[0])
    #expect(moves.isEmpty && moves.counts.total == 0 && moves.exits.isEmpty)
    let classes = try ClassHistory(snapshots: [tiers.snapshot()], clients: [Int]())
    #expect(classes.isEmpty && classes.classes.isEmpty)
    let summary = try ReclassificationSummary(moves, title: "empty")
    #expect(summary.description.hasSuffix("entries 0, exits 0"))
  }
}
