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
    var abc = try ABCByValueShare.standard.classification(of: spend)
    abc.measureName = "12-month spend"
    #expect(abc.counts.values.reduce(0, +) == spend.count)
    let row = 0
    #expect(abc.reason(forRow: row).contains("12-month spend"))
    let months = try PeriodMatrix(spendIn: log, grid: lastYear)
    let xyz = try StandardXYZ.standard.classification(of: months)
    let grid = try ABCXYZMatrix(abc: abc, xyz: xyz)
    #expect(grid[.a, .x].count >= 0)
    #expect(grid[.a, nil].value >= 0)
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
  }
}
