import ClientBaseCore
import ClientBaseTesting
import Segmentation
import Testing

/// The code of Documentation/Segmentation.md's sections, compiled and run on synthetic data so
/// the guide cannot drift from the API.
@Suite("The Segmentation guide's snippets")
struct GuideSnippetTests {
  @Test("ABC, XYZ and RFM as the guide writes them")
  func valueClasses() throws {
    let base = try SyntheticBase(
      configuration: SyntheticBaseConfiguration(
        clients: 1_500, seed: 12, contactsPerYear: 0, lifeEventsPerYear: 0))
    let log = base.log
    let asOf = base.configuration.asOf
    let lastYear = try PeriodGrid.trailingMonths(12, before: asOf)
    let spend = try ClientValues.spend(in: log, over: lastYear.days)
    var abc = StandardABC.standard.classification(of: spend)
    abc.measureName = "12-month spend"
    #expect(abc.counts.total == spend.count)
    #expect(abc.counts[.a] + abc.counts[.b] + abc.counts[.c] == spend.count)
    let row = 0
    #expect(abc.reason(forRow: row).contains("12-month spend"))
    let months = try PeriodMatrix(spendIn: log, grid: lastYear)
    let xyz = StandardXYZ.standard.classification(of: months)
    #expect(xyz.counts.total == months.count)
    let grid = ABCXYZMatrix(abc: abc, xyz: xyz)
    // The grid counts every ABC client once, in the cell of its two classes; worked out here
    // client by client (both results are over the log's clients, so rows line up).
    #expect(grid.clientCount == abc.count)
    var aSteady = 0
    var aUnclassifiedValue = 0.0
    for row in 0..<abc.count where abc.classes[row] == .a {
      if xyz.classes[row] == .x { aSteady += 1 }
      if xyz.classes[row] == nil { aUnclassifiedValue += abc.measure.values[row] }
    }
    #expect(grid[.a, .x].count == aSteady)
    #expect(abs(grid[.a, nil].value - aUnclassifiedValue) <= 1e-9 * max(1, aUnclassifiedValue))
    let table = try Summarizer().summarize(log, through: asOf)
    let rfm = try StandardRFM.standard.classification(of: table, asOf: asOf)
    #expect(rfm.countsByName.values.reduce(0, +) == table.count)
    #expect(!rfm.reason(forRow: row).isEmpty)
  }

  @Test("the credit scorecard and the styles as the guide writes them")
  func ratingsAndStyles() throws {
    let ids = ["a", "b"]
    let inputs = try CreditInputs(
      ids: ids,
      columns: [
        "paymentDelayDays": [0, 45], "arrearsEpisodes": [0, 3], "tenureYears": [8, 1],
        "productsHeld": [4, 1],
      ])
    let ratings = StandardCreditScorecard.standard.ratings(for: inputs)
    let good = try #require(ratings.grade(forRow: 0))
    let poor = try #require(ratings.grade(forRow: 1))
    #expect(poor < good)
    #expect(!ratings.reason(forRow: 1).isEmpty)
    #expect(ratings.counts.total == 2 && ratings.counts.unlabeled == 0)
    #expect(ratings[client: "a"]??.name == good.name)

    let observationLog = (0..<3).map { _ in
      BehaviourObservation(client: "a", assertiveness: 0.6, responsiveness: 0.4)
    }
    let observations = try BehaviourObservations(clients: ids, observations: observationLog)
    let styles = StandardStyles.standard.assessments(for: observations)
    #expect(styles.counts[.expressive] == 1 && styles.counts.unlabeled == 1)
    #expect(styles.reason(forRow: 0).hasPrefix("expressive: assertiveness +0.6"))
    let plan = StylePlaybooks.standard[styles.assessments[0].style ?? .amiable]
    #expect(plan.closingPace == .fast)
  }

  @Test("tiers, the review and the summary as the guide writes them")
  func tiersAndReviews() async throws {
    let monthEnds = (1...12).map { Day(daysSince1970: 20_454).adding(months: $0).adding(days: -1) }
    let clientIDs = ["c-1042", "c-7"]
    let balances = [
      (0..<12).map { 150_000 + Double($0) * 10_000 }, (0..<12).map { _ in 520_000.0 },
    ]
    let history = try BalanceHistory(
      ids: clientIDs, periods: monthEnds,  // 12 month-end days, oldest first
      balancesByClient: balances)  // one [Double] per client
    let tiers = StandardTiers.standard.assignments(for: history, threadCount: 2)
    #expect(tiers[client: "c-1042"]?.name == "gold")
    #expect(tiers.counts[tiers.ladder.tiers[1]] == 1)
    let store = InMemorySnapshotStore<String, Tier>()
    let moves = try await store.reclassify(named: "vip-tier", to: tiers, on: tiers.day)
    let summary = try ReclassificationSummary(
      moves, title: "VIP tiers", risingStars: tiers.risingStars())
    #expect(summary.description.hasPrefix("VIP tiers, 2026-12-31 (first review)"))
    #expect(moves.counts[.entry] == 2)
  }
}
