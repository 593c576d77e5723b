import ClientBase
import ClientBaseTesting
import Testing

/// The README's short tour, run on a synthetic export so the README cannot drift from the API.
@Suite("README tour")
struct ReadmeTourTests {
  @Test("the tour's calls compile and give sensible numbers")
  func tour() throws {
    // An export of a seeded synthetic base, in the CSV shape the tour decodes.
    let base = try SyntheticBase(
      configuration: SyntheticBaseConfiguration(
        clients: 2_000, seed: 11, contactsPerYear: 0, lifeEventsPerYear: 0))
    var text = "client_id,date,amount\n"
    for i in 0..<base.log.count {
      text += "c-\(base.log.clientIndices[i]),\(base.log.days[i].iso8601),\(base.log.amounts[i])\n"
    }
    let bytes = Array(text.utf8)

    let log = try PurchaseCSVDecoder().decode(bytes)
    let asOf = base.configuration.asOf
    let table = try Summarizer().summarize(log, through: asOf)
    let row = try #require(table.row(for: table.ids[0]))
    #expect(table[row].purchaseDays >= 1)
    let inputs = try table.repeatPurchaseSummary(asOf: asOf, unit: .week)
    let fit = try BGNBDModel.fit(PurchaseHistories(inputs))
    #expect(fit.converged && fit.reason == nil, "\(fit.reason ?? "")")
    let spend = try GammaGammaModel.fit(SpendHistories(inputs)).model
    let scores = try fit.model.scores(
      for: inputs, horizon: 52, spend: spend,
      value: try LifetimeValue.monthly(in: .week), fallbackSpend: 30)
    #expect((0...1).contains(scores.probabilityAlive[row]))
    let abc = StandardABC.standard.classification(of: ClientValues.netSpend(of: table))
    let rfm = try StandardRFM.standard.classification(of: table, asOf: asOf)
    #expect(abc.reason(forRow: row).hasPrefix(abc.classes[row].description))
    #expect(!rfm.segment(forRow: row).name.isEmpty)
    let threaded = try fit.model.scores(
      for: inputs, horizon: 52, spend: spend,
      value: try LifetimeValue.monthly(in: .week), fallbackSpend: 30, threadCount: 4)
    #expect(threaded.lifetimeValue == scores.lifetimeValue)

    // Every result shares the table's row space: one join.
    let client = table.ids[row]
    let view = table.clients.joined(abc, rfm, scores)
    let (abcClass, segment, score) = try #require(view[client: client])
    #expect(abcClass == abc.classes[row] && segment == rfm.segment(forRow: row))
    #expect(score?.probabilityAlive == scores.probabilityAlive[row])
  }

  @Test("a purchase log built from Swift values equals the one decoded from CSV")
  func logFromValues() throws {
    var fromValues = PurchaseLog<String>()
    fromValues.append(client: "c-1042", day: try Day(iso8601: "2026-10-03"), amount: 120)
    let purchases = [
      Purchase(client: "c-1042", day: try Day(iso8601: "2026-10-03"), amount: 120),
      Purchase(client: "c-7", day: try Day(iso8601: "2026-10-05"), amount: -15),
    ]
    let alsoFromValues = PurchaseLog(purchases)
    let decoded = try PurchaseCSVDecoder().decode(
      Array("client_id,date,amount\nc-1042,2026-10-03,120\nc-7,2026-10-05,-15\n".utf8))
    #expect(alsoFromValues.clientIDs == decoded.clientIDs)
    #expect(alsoFromValues.days == decoded.days && alsoFromValues.amounts == decoded.amounts)
    #expect(fromValues[0] == alsoFromValues[0])
  }
}
