import ClientBaseCore
import Foundation
import Testing

private func day(_ text: String) -> Day {
  // Test fixtures are literals; a typo fails the test through the sentinel below.
  (try? Day(iso8601: text)) ?? Day.min
}

/// The mean repeat spend summed from the repeat days themselves, and the one range of days
/// every path accepts.
@Suite("Repeat spend without cancellation, and the supported days")
struct SpendAndDayRangeTests {
  /// A first purchase so large that gross − first day's spend loses the repeat purchase
  /// (1e16 + 1 rounds to 1e16), and one where the subtraction leaves noise in the 11th digit.
  static let cancellationCases: [(first: Double, repeat: Double)] = [
    (1e16, 1), (12_345_678.91, 0.07),
  ]

  @Test("the mean repeat spend is the repeat days' own spend, on every path")
  func meanRepeatSpendWithoutCancellation() throws {
    for (first, repeatAmount) in Self.cancellationCases {
      let purchases = [
        Purchase(client: "a", day: day("2024-03-01"), amount: first),
        Purchase(client: "a", day: day("2024-03-09"), amount: repeatAmount),
      ]
      // The summarizer's kernel and its table's columns.
      let table = try Summarizer().summarize(purchases)
      let summary = try #require(table[client: "a"])
      #expect(summary.repeatSpend == repeatAmount)
      #expect(summary.meanRepeatSpend == repeatAmount)
      #expect(table.repeatSpend == [repeatAmount])
      #expect(table.firstDaySpend == [first])
      // The models' inputs.
      let inputs = try table.repeatPurchaseSummary(asOf: day("2024-03-31"))
      #expect(inputs.monetaryValue == [repeatAmount])
      // One purchase at a time, in day order and in reverse (the later first day moves the
      // old one's spend to the repeat days).
      let streamed = ClientSummary.empty.adding(day: day("2024-03-01"), amount: first)
        .adding(day: day("2024-03-09"), amount: repeatAmount)
      #expect(streamed.meanRepeatSpend == repeatAmount)
      let reversed = ClientSummary.empty.adding(day: day("2024-03-09"), amount: repeatAmount)
        .adding(day: day("2024-03-01"), amount: first)
      #expect(reversed.meanRepeatSpend == repeatAmount)
      #expect(reversed.firstDaySpend == first)
      // Merged from shards, either way round.
      let shardA = ClientSummary.empty.adding(day: day("2024-03-01"), amount: first)
      let shardB = ClientSummary.empty.adding(day: day("2024-03-09"), amount: repeatAmount)
      #expect(shardA.merging(shardB).meanRepeatSpend == repeatAmount)
      #expect(shardB.merging(shardA).meanRepeatSpend == repeatAmount)
      // Built by a host from a database's split of the spend.
      let built = try ClientSummary(
        first: day("2024-03-01"), last: day("2024-03-09"), purchaseDays: 2,
        firstDaySpend: first, repeatSpend: repeatAmount)
      #expect(built.meanRepeatSpend == repeatAmount)
    }
  }

  @Test("merging keeps the split of spend between first and repeat days, in any grouping")
  func mergeSplitsSpend() throws {
    // Three shards of one client on disjoint days, amounts exact in binary: every grouping
    // and order gives the summary of the whole.
    let a = ClientSummary.empty.adding(day: day("2024-01-05"), amount: 8)
      .adding(day: day("2024-01-09"), amount: 2)
    let b = ClientSummary.empty.adding(day: day("2024-01-02"), amount: 16)
      .adding(day: day("2024-01-06"), amount: 1)
    let c = ClientSummary.empty.adding(day: day("2024-01-20"), amount: 4)
    let whole = ClientSummary.empty.adding(day: day("2024-01-02"), amount: 16)
      .adding(day: day("2024-01-05"), amount: 8).adding(day: day("2024-01-06"), amount: 1)
      .adding(day: day("2024-01-09"), amount: 2).adding(day: day("2024-01-20"), amount: 4)
    #expect(whole.firstDaySpend == 16)
    #expect(whole.repeatSpend == 15)
    for merged in [
      a.merging(b).merging(c), a.merging(b.merging(c)), c.merging(b).merging(a),
      b.merging(c.merging(a)), ClientSummary.empty.merging(c).merging(a).merging(b),
    ] {
      #expect(merged == whole)
    }
    // Two shards that share the first day (a day-sorted stream cut on it): both first days'
    // spend is the first day's, and only the later days are repeat days.
    let morning = ClientSummary.empty.adding(day: day("2024-01-02"), amount: 16)
    let evening = ClientSummary.empty.adding(day: day("2024-01-02"), amount: 2)
      .adding(day: day("2024-01-06"), amount: 1)
    let sameDay = morning.merging(evening)
    #expect(sameDay.purchaseDays == 2)
    #expect(sameDay.firstDaySpend == 18)
    #expect(sameDay.repeatSpend == 1)
    #expect(evening.merging(morning) == sameDay)
  }

  @Test("a host's summary cannot spend on repeat days it does not have")
  func handBuiltRepeatSpend() throws {
    #expect(throws: InputError.self) {
      try ClientSummary(
        first: day("2024-01-01"), last: day("2024-01-01"), purchaseDays: 1, firstDaySpend: 5,
        repeatSpend: 2)
    }
    #expect(throws: InputError.self) {
      try ClientSummary(
        first: day("2024-01-01"), last: day("2024-01-03"), purchaseDays: 2, firstDaySpend: 5,
        repeatSpend: .infinity)
    }
    // The gross-and-first form still works, its repeat spend the difference.
    let legacy = try ClientSummary(
      first: day("2024-01-01"), last: day("2024-01-03"), purchaseDays: 2, grossSpend: 30,
      firstDaySpend: 10)
    #expect(legacy.repeatSpend == 20)
  }

  @Test("summaries encoded before repeatSpend existed still decode")
  func decodesOldSummaries() throws {
    let old = """
      {"firstDay":"2024-01-01","lastDay":"2024-01-03","purchaseDays":2,"grossSpend":30,\
      "firstDaySpend":10,"refunded":0}
      """
    let decoded = try JSONDecoder().decode(ClientSummary.self, from: Data(old.utf8))
    #expect(decoded.repeatSpend == 20)
    #expect(decoded.meanRepeatSpend == 20)
    let summary = ClientSummary.empty.adding(day: day("2024-01-01"), amount: 1e16)
      .adding(day: day("2024-01-02"), amount: 1)
    let data = try JSONEncoder().encode(summary)
    #expect(try JSONDecoder().decode(ClientSummary.self, from: data) == summary)
  }

  // MARK: - The supported days

  @Test("every day argument is checked against the supported days")
  func dayArgumentsOutsideTheSupportedDays() throws {
    let supported = Summarizer.supportedDays
    #expect(supported.lowerBound == day("1900-01-01"))
    #expect(supported.upperBound == day("9999-12-31"))
    let purchases = [
      Purchase(client: "a", day: day("2024-01-01"), amount: 10),
      Purchase(client: "a", day: day("2024-02-01"), amount: 10),
    ]
    let table = try Summarizer().summarize(purchases)
    let log = PurchaseLog(purchases)
    let farFuture = try Day(year: 1_000_000, month: 1, day: 1)
    let farPast = try Day(year: 1_000, month: 1, day: 1)
    for bad in [farFuture, farPast, Day.max, Day.min] {
      #expect(throws: InputError.self) {
        try table.repeatPurchaseSummary(asOf: bad, unit: .week)
      }
      #expect(throws: InputError.self) {
        try Summarizer().summarize(log, through: bad)
      }
      #expect(throws: InputError.self) {
        try Summarizer().split(log, calibrationEnd: day("2024-01-15"), observationEnd: bad)
      }
      #expect(throws: InputError.self) {
        try Summarizer().split(log, calibrationEnd: bad, observationEnd: day("2024-03-01"))
      }
      #expect(throws: InputError.self) {
        try RepeatPurchaseSummary(
          clients: ClientIndex(["a"]), asOf: bad, unit: .day, frequency: [0], recencyDays: [0],
          ageDays: [0], monetaryValue: [0])
      }
    }
    // The error names the argument.
    do {
      _ = try table.repeatPurchaseSummary(asOf: farFuture)
      Issue.record("accepted \(farFuture)")
    } catch {
      guard case .invalidParameter(let name, _) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(name == "asOf")
    }
    // The last supported day is fine, and gives ages of up to 8,100 years, no more.
    let last = try table.repeatPurchaseSummary(asOf: supported.upperBound)
    #expect(last.ageDays[0] == Int32(day("2024-01-01").days(to: supported.upperBound)))
    // A host's summary whose first purchase would fall before 1900.
    #expect(throws: InputError.self) {
      try RepeatPurchaseSummary(
        clients: ClientIndex(["a"]), asOf: day("2024-01-01"), unit: .day, frequency: [0],
        recencyDays: [0], ageDays: [Int32.max], monetaryValue: [0])
    }
    let early = try ClientSummary(
      first: farPast, last: farPast, purchaseDays: 1, grossSpend: 1, firstDaySpend: 1)
    #expect(throws: InputError.self) {
      try ClientTable([("old", early)]).repeatPurchaseSummary(asOf: day("2024-01-01"))
    }
  }

  @Test("a summarizer accepting every day still rejects purchases outside the supported days")
  func widenedAcceptedDays() throws {
    let farFuture = try Day(year: 1_000_000, month: 1, day: 1)
    let purchases = [
      Purchase(client: "a", day: day("2024-01-01"), amount: 10),
      Purchase(client: "a", day: farFuture, amount: 10),
    ]
    let everything = Summarizer(acceptedDays: Day.min...Day.max)
    do {
      _ = try everything.summarize(purchases)
      Issue.record("accepted a purchase in the year 1,000,000")
    } catch {
      guard case .dayOutOfRange(let event, let rejected, let accepted) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(event == 1)
      #expect(rejected == farFuture)
      #expect(accepted == Summarizer.supportedDays)
    }
  }
}
