import ClientBaseCore
import Testing

private func day(_ text: String) -> Day {
  // Test fixtures are literals; a typo fails the test through the sentinel below.
  (try? Day(iso8601: text)) ?? Day.min
}

/// A random purchase log: `clients` clients, purchases on days within a year, some on the same
/// day, some refunds. Amounts are multiples of 0.25 so every sum is exact in binary and merged
/// shards can be compared bit for bit.
private func randomEvents(seed: UInt64, clients: Int, events: Int) -> [Purchase<Int>] {
  var rng = SplitMix(seed: seed)
  return (0..<events).map { _ in
    let client = rng.below(clients)
    let d = Day(daysSince1970: 19_000 + Int32(rng.below(60)))
    let refund = rng.below(10) == 0
    let amount = Double(rng.below(4000) + 1) / 4 * (refund ? -1 : 1)
    return Purchase(client: client, day: d, amount: amount)
  }
}

@Suite("ClientSummary and Summarizer")
struct SummaryTests {
  @Test("a hand-worked client")
  func handWorked() throws {
    // Day 1: 10 + 5 (one purchase day). Day 3: 20 and a refund of 4. Day 7: 30.
    let purchases = [
      Purchase(client: "a", day: day("2024-01-07"), amount: 30),
      Purchase(client: "a", day: day("2024-01-01"), amount: 10),
      Purchase(client: "a", day: day("2024-01-03"), amount: -4),
      Purchase(client: "a", day: day("2024-01-03"), amount: 20),
      Purchase(client: "a", day: day("2024-01-01"), amount: 5),
    ]
    let table = try Summarizer().summarize(purchases)
    let s = try #require(table[client: "a"])
    #expect(s.first == day("2024-01-01"))
    #expect(s.last == day("2024-01-07"))
    #expect(s.purchaseDays == 3)
    #expect(s.repeatPurchaseDays == 2)
    #expect(s.grossSpend == 65)
    #expect(s.firstDaySpend == 15)
    #expect(s.refunded == 4)
    #expect(s.netSpend == 61)
    #expect(s.meanRepeatSpend == 25)  // (20 + 30) / 2: the first day is left out
    #expect(s.tenure(asOf: day("2024-01-31")) == 30)

    // The same purchases added one by one in day order give the same summary.
    var streamed = ClientSummary.empty
    for p in purchases.sorted(by: { ($0.day, $0.amount) < ($1.day, $1.amount) }) {
      streamed.add(day: p.day, amount: p.amount)
    }
    #expect(streamed == s)

    let inputs = try table.repeatPurchaseSummary(asOf: day("2024-01-15"), unit: .week)
    #expect(inputs.frequency == [2])
    #expect(inputs.recencyDays == [6])
    #expect(inputs.ageDays == [14])
    #expect(inputs.age(at: 0) == 2)
    #expect(inputs.recency(at: 0) == 6.0 / 7.0)
    #expect(inputs.monetaryValue == [25])
  }

  @Test("refund handling: separate, ignore, reject")
  func refunds() throws {
    let purchases = [
      Purchase(client: 1, day: day("2024-01-01"), amount: 10),
      Purchase(client: 1, day: day("2024-01-05"), amount: -3),
      Purchase(client: 2, day: day("2024-01-05"), amount: -3),  // refunds only
    ]
    let separate = try Summarizer().summarize(purchases)
    #expect(separate.count == 1)  // a refund alone is not a purchase
    #expect(separate[client: 1]?.refunded == 3)
    #expect(separate[client: 1]?.purchaseDays == 1)
    // A client with refunds only is no row, but its refunds are kept.
    #expect(separate.row(for: 2) == nil)
    #expect(separate.refundsWithoutPurchase == [2: 3])
    #expect(separate[client: 2]?.purchaseDays == 0)
    #expect(separate[client: 2]?.refunded == 3)
    #expect(separate[client: 3] == nil)
    let ignored = try Summarizer(refunds: .ignore).summarize(purchases)
    #expect(ignored[client: 1]?.refunded == 0)
    #expect(throws: InputError.negativeAmount(event: 1, amount: -3)) {
      try Summarizer(refunds: .reject).summarize(purchases)
    }
  }

  @Test("bad events give typed errors naming the event")
  func badInput() throws {
    let good = Purchase(client: "a", day: day("2024-01-01"), amount: 1)
    #expect(throws: InputError.nonFiniteAmount(event: 1, amount: .infinity)) {
      try Summarizer().summarize([good, Purchase(client: "a", day: good.day, amount: .infinity)])
    }
    #expect(throws: InputError.self) {
      try Summarizer().summarize([Purchase(client: "a", day: good.day, amount: .nan)])
    }
    let ancient = Day(daysSince1970: -80_000)
    #expect(
      throws: InputError.dayOutOfRange(
        event: 0, day: ancient, accepted: Summarizer.defaultAcceptedDays)
    ) {
      try Summarizer().summarize([Purchase(client: "a", day: ancient, amount: 1)])
    }
    let table = try Summarizer().summarize([good])
    #expect(
      throws: InputError.eventAfterAsOf(
        client: "a", day: day("2024-01-01"), asOf: day("2023-12-31"))
    ) {
      try table.repeatPurchaseSummary(asOf: day("2023-12-31"))
    }
    // An empty base is a valid, empty table.
    #expect(try Summarizer().summarize([Purchase<String>]()).isEmpty)
  }

  @Test("the order of events never changes a summary", arguments: 0..<20)
  func orderIndependence(seed: UInt64) throws {
    var events = randomEvents(seed: seed, clients: 30, events: 600)
    // Arbitrary amounts (not multiples of 0.25): sums would differ by order if the summarizer
    // did not fix the order itself.
    var rng = SplitMix(seed: seed &+ 99)
    for i in events.indices { events[i].amount *= 1 + Double(rng.below(1000)) / 997 }
    let reference = try Summarizer().summarize(events)
    for _ in 0..<3 {
      events.shuffle(using: &rng)
      let shuffled = try Summarizer().summarize(events)
      #expect(shuffled.count == reference.count)
      for (id, summary) in reference {
        #expect(shuffled[client: id] == summary)
      }
    }
  }

  @Test("summaries of random shards merge into the one-pass summary", arguments: 0..<25)
  func shardMerge(seed: UInt64) throws {
    let events = randomEvents(seed: seed, clients: 25, events: 500)
    let whole = try Summarizer().summarize(events)
    // Shard by (client, day): a database partitioning the log never splits a purchase day.
    var rng = SplitMix(seed: seed &* 31 &+ 7)
    let shardCount = 1 + rng.below(6)
    var shardOf: [Int32: Int] = [:]
    var shards = Array(repeating: [Purchase<Int>](), count: shardCount)
    for event in events {
      let key = event.day.daysSince1970 &* 64 &+ Int32(event.client)
      let shard = shardOf[key] ?? rng.below(shardCount)
      shardOf[key] = shard
      shards[shard].append(event)
    }
    var tables = try shards.map { try Summarizer().summarize($0) }
    tables.shuffle(using: &rng)
    let merged = tables.reduce(try ClientTable<Int>([])) { $0.merging($1) }
    #expect(merged.count == whole.count)
    for (id, summary) in whole {
      #expect(merged[client: id] == summary)
    }
    // Per client, the ClientSummary monoid itself: identity and commutativity.
    for (_, summary) in whole {
      #expect(summary.merging(.empty) == summary)
      #expect(ClientSummary.empty.merging(summary) == summary)
    }
  }

  @Test("merging recognises shared first and last days")
  func sharedEndDays() throws {
    // A day-sorted stream cut in the middle of a day: both halves hold 2024-01-03.
    let a = ClientSummary.empty.adding(day: day("2024-01-01"), amount: 1)
      .adding(day: day("2024-01-03"), amount: 2)
    let b = ClientSummary.empty.adding(day: day("2024-01-03"), amount: 4)
      .adding(day: day("2024-01-09"), amount: 8)
    let whole = ClientSummary.empty.adding(day: day("2024-01-01"), amount: 1)
      .adding(day: day("2024-01-03"), amount: 2).adding(day: day("2024-01-03"), amount: 4)
      .adding(day: day("2024-01-09"), amount: 8)
    #expect(a.merging(b) == whole)
    #expect(b.merging(a) == whole)
    #expect(whole.purchaseDays == 3)
    // Two single-day summaries of the same day are one purchase day, spend added.
    let single = ClientSummary.empty.adding(day: day("2024-01-01"), amount: 5)
    let double = single.merging(single)
    #expect(double.purchaseDays == 1)
    #expect(double.firstDaySpend == 10)
  }

  @Test("a calibration split counts holdout purchase days per client")
  func calibrationSplit() throws {
    let log = PurchaseLog([
      Purchase(client: "a", day: day("2024-01-01"), amount: 10),
      Purchase(client: "a", day: day("2024-01-20"), amount: 10),
      Purchase(client: "a", day: day("2024-02-05"), amount: 7),
      Purchase(client: "a", day: day("2024-02-05"), amount: 3),
      Purchase(client: "a", day: day("2024-02-09"), amount: -2),
      Purchase(client: "a", day: day("2024-02-20"), amount: 4),
      Purchase(client: "b", day: day("2024-01-15"), amount: 50),
      Purchase(client: "c", day: day("2024-02-10"), amount: 5),  // new in the holdout
      Purchase(client: "a", day: day("2024-03-10"), amount: 4),  // after the observation end
    ])
    let split = try Summarizer().split(
      log, calibrationEnd: day("2024-01-31"), observationEnd: day("2024-02-29"))
    #expect(split.calibration.ids == ["a", "b"])
    // "c" is in the log but not a calibration row: look-ups by identifier still land right.
    #expect(split.calibration.row(for: "a") == 0)
    #expect(split.calibration.row(for: "b") == 1)
    #expect(split.calibration.row(for: "c") == nil)
    #expect(split.calibration.merging(split.calibration)[client: "b"]?.grossSpend == 100)
    #expect(split.holdoutPurchaseDays == [2, 0])
    #expect(split.holdoutSpend == [14, 0])
    #expect(split.calibration[client: "a"]?.refunded == 0)  // the refund is in the holdout
    #expect(split.newClientsInHoldout == 1)
    #expect(split.newClientPurchaseDaysInHoldout == 1)
    #expect(split.holdoutDays == 29)
    let inputs = split.calibrationSummary(unit: .day)
    #expect(inputs.frequency == [1, 0])
    #expect(inputs.recencyDays == [19, 0])
    #expect(inputs.ageDays == [30, 16])

    #expect(throws: InputError.self) {
      try Summarizer().split(
        log, calibrationEnd: day("2024-02-01"), observationEnd: day("2024-01-01"))
    }
    #expect(throws: InputError.self) {
      try Summarizer().split(
        log, calibrationEnd: day("2023-01-01"), observationEnd: day("2024-01-01"))
    }
  }

  @Test(
    "a large base with absent, refund-only and late clients matches a per-client reference",
    arguments: 0..<3)
  func largeBaseAgainstReference(seed: UInt64) throws {
    // Enough clients for the summarizer to work in blocks of clients; many clients of the log
    // have no event at all, some refunds only, some buy only after the cut.
    var rng = SplitMix(seed: seed &+ 1_000)
    let clientCount = 40_000
    var events: [Purchase<Int>] = []
    for client in 0..<clientCount {
      switch rng.below(8) {
      case 0: continue  // in the log's identifiers only (see below), never an event
      case 1:
        events.append(Purchase(client: client, day: Day(daysSince1970: 19_010), amount: -2.5))
      case 2:
        events.append(
          Purchase(
            client: client, day: Day(daysSince1970: 19_100 + Int32(rng.below(30))), amount: 4))
      default:
        for _ in 0..<(1 + rng.below(6)) {
          let amount = Double(rng.below(800) + 1) / 4 * (rng.below(12) == 0 ? -1 : 1)
          events.append(
            Purchase(
              client: client, day: Day(daysSince1970: 19_000 + Int32(rng.below(120))),
              amount: amount))
        }
      }
    }
    events.shuffle(using: &rng)
    // The log knows every client, in a shuffled order, including those without events.
    var ids = Array(0..<clientCount)
    ids.shuffle(using: &rng)
    let slot = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, Int32($0)) })
    let log = try PurchaseLog(
      clientIDs: ids, clientIndices: ContiguousArray(events.map { slot[$0.client]! }),
      days: ContiguousArray(events.map(\.day)), amounts: ContiguousArray(events.map(\.amount)))
    let cut = Day(daysSince1970: 19_090)
    let end = Day(daysSince1970: 19_115)

    // The reference: each client's events up to a day, in day and amount order, added one by
    // one to a ClientSummary.
    var byClient: [Int: [Purchase<Int>]] = [:]
    for event in events { byClient[event.client, default: []].append(event) }
    func reference(_ client: Int, through last: Day) -> ClientSummary {
      let own = (byClient[client] ?? []).filter { $0.day <= last }
        .sorted { ($0.day, $0.amount) < ($1.day, $1.amount) }
      return own.reduce(ClientSummary.empty) { $0.adding(day: $1.day, amount: $1.amount) }
    }

    let table = try Summarizer().summarize(log, through: cut)
    let expectedRows = ids.filter { !reference($0, through: cut).isEmpty }
    #expect(table.ids == expectedRows)
    for id in ids {
      let summary = reference(id, through: cut)
      if summary.isEmpty {
        #expect(table.row(for: id) == nil)
        #expect(table.refundsWithoutPurchase[id] == (summary.refunded > 0 ? summary.refunded : nil))
      } else {
        let row = try #require(table.row(for: id))
        #expect(table.ids[row] == id)
        #expect(table[row] == summary)
      }
    }

    let split = try Summarizer().split(log, calibrationEnd: cut, observationEnd: end)
    #expect(split.calibration.ids == expectedRows)
    var newClients = 0
    var newClientDays = 0
    for id in ids {
      let later = Set(
        (byClient[id] ?? []).filter { $0.day > cut && $0.day <= end && $0.amount >= 0 }
          .map(\.day))
      let laterSpend = (byClient[id] ?? []).filter {
        $0.day > cut && $0.day <= end && $0.amount >= 0
      }
      .sorted { ($0.day, $0.amount) < ($1.day, $1.amount) }.reduce(0) { $0 + $1.amount }
      if let row = split.calibration.row(for: id) {
        #expect(split.holdoutPurchaseDays[row] == Int32(later.count))
        #expect(split.holdoutSpend[row] == laterSpend)
      } else if !later.isEmpty {
        newClients += 1
        newClientDays += later.count
      }
    }
    #expect(split.holdoutPurchaseDays.count == expectedRows.count)
    #expect(split.newClientsInHoldout == newClients)
    #expect(split.newClientPurchaseDaysInHoldout == newClientDays)
    #expect(newClients > 0)
  }

  @Test("summaries built by hand are validated")
  func handBuiltSummaries() throws {
    let s = try ClientSummary(
      first: day("2024-01-01"), last: day("2024-01-10"), purchaseDays: 3, grossSpend: 30,
      firstDaySpend: 10)
    #expect(s.meanRepeatSpend == 10)
    #expect(throws: InputError.self) {
      try ClientSummary(
        first: day("2024-01-10"), last: day("2024-01-01"), purchaseDays: 2, grossSpend: 1,
        firstDaySpend: 1)
    }
    #expect(throws: InputError.self) {  // 12 days do not fit in a 10-day span
      try ClientSummary(
        first: day("2024-01-01"), last: day("2024-01-10"), purchaseDays: 12, grossSpend: 1,
        firstDaySpend: 1)
    }
    #expect(throws: InputError.self) {
      try ClientSummary(
        first: day("2024-01-01"), last: day("2024-01-01"), purchaseDays: 1, grossSpend: .nan,
        firstDaySpend: 1)
    }
    #expect(throws: InputError.duplicateClient("x")) {
      try ClientTable([("x", s), ("x", s)])
    }
    #expect(throws: InputError.self) {
      try RepeatPurchaseSummary(
        clients: ClientIndex(["a"]), asOf: day("2024-01-01"), unit: .day, frequency: [2],
        recencyDays: [5], ageDays: [3], monetaryValue: [1])
    }
  }

  @Test("purchase logs built from columns are validated")
  func logValidation() throws {
    #expect(throws: InputError.duplicateClient("a")) {
      try PurchaseLog(clientIDs: ["a", "a"], clientIndices: [], days: [], amounts: [])
    }
    #expect(throws: InputError.unknownClientIndex(event: 1, index: 5)) {
      try PurchaseLog(
        clientIDs: ["a"], clientIndices: [0, 5], days: [.epoch, .epoch], amounts: [1, 1])
    }
    #expect(throws: InputError.self) {
      try PurchaseLog(clientIDs: ["a"], clientIndices: [0], days: [], amounts: [1])
    }
    var log = PurchaseLog<String>()
    #expect(throws: InputError.unknownClientIndex(event: 0, index: 0)) {
      try log.append(clientIndex: 0, day: .epoch, amount: 1)
    }
    let index = log.intern("a")
    try log.append(clientIndex: index, day: .epoch, amount: 2)
    #expect(log.count == 1)
    #expect(log[0] == Purchase(client: "a", day: .epoch, amount: 2))
  }

  @Test("a log finds its clients by identifier, however it was built", arguments: [0, 1, 2])
  func clientLookUp(seed: UInt64) throws {
    var rng = SplitMix(seed: seed)
    // Interned one by one (the index grows many times over) and built from columns at once.
    var interned = PurchaseLog<String>()
    var ids: [String] = []
    for k in 0..<5_000 {
      let id = "client-\(k)-\(rng.below(1_000_000))"
      ids.append(id)
      #expect(interned.intern(id) == Int32(k))
    }
    // Interning a known client gives its index back and adds nobody.
    #expect(interned.intern(ids[1_234]) == 1_234)
    #expect(interned.clientIDs.count == 5_000)
    let built = try PurchaseLog(clientIDs: ids, clientIndices: [], days: [], amounts: [])
    for log in [interned, built] {
      for _ in 0..<500 {
        let k = rng.below(ids.count)
        #expect(log.clientIndex(of: ids[k]) == Int32(k))
      }
      #expect(log.clientIndex(of: "nobody") == nil)
      #expect(log.clientIndex(of: ids[0] + " ") == nil)
      #expect(ids.indices.allSatisfy { log.clientIndex(of: ids[$0]) == Int32($0) })
    }
    // A repeat anywhere is named, not only next to its twin.
    var repeated = ids
    repeated.append(ids[77])
    #expect(throws: InputError.duplicateClient(ids[77])) {
      try PurchaseLog(clientIDs: repeated, clientIndices: [], days: [], amounts: [])
    }
    // Strings equal as Swift strings are one identifier, whatever their bytes.
    #expect(throws: InputError.duplicateClient("cafe\u{301}")) {
      try PurchaseLog(
        clientIDs: ["caf\u{E9}", "cafe\u{301}"], clientIndices: [], days: [], amounts: [])
    }
  }
}
