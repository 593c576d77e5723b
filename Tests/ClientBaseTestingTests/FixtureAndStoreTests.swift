import ClientBaseCore
import ClientBaseTesting
import Testing

func day(_ text: String) -> Day {
  // Test literals are valid dates; a typo fails the test that uses it, not the process.
  (try? Day(iso8601: text)) ?? .min
}

@Suite("PurchaseHistoryBuilder")
struct PurchaseHistoryBuilderTests {
  @Test func buildsPurchasesFromISOText() throws {
    var history = PurchaseHistoryBuilder<String>()
    try history.client("a", bought: [("2024-01-03", 10), ("2024-02-01", 20)])
    try history.purchase(
      by: "b", on: "2024-01-05", amount: 99.5, manager: "m-001", channel: .online)
    history.client("c", bought: [(day("2024-03-01"), 5)])
    #expect(
      history.purchases == [
        Purchase(client: "a", day: day("2024-01-03"), amount: 10),
        Purchase(client: "a", day: day("2024-02-01"), amount: 20),
        Purchase(
          client: "b", day: day("2024-01-05"), amount: 99.5, manager: "m-001", channel: .online),
        Purchase(client: "c", day: day("2024-03-01"), amount: 5),
      ])
    let log = history.log
    #expect(log.clientIDs == ["a", "b", "c"])
    #expect(log.count == 4)
    #expect(log.amounts == [10, 20, 99.5, 5])
  }

  /// Bad text is an error naming the entry, and the builder is left as it was.
  @Test func badDayTextThrowsAndAddsNothing() {
    var history = PurchaseHistoryBuilder<String>()
    history.client("x", bought: [(day("2024-01-01"), 1)])
    #expect(
      throws: FixtureError.invalidDay(
        text: "2024-13-01", position: 1, reason: .invalidDate(year: 2024, month: 13, day: 1))
    ) {
      try history.client("a", bought: [("2024-01-03", 10), ("2024-13-01", 20)])
    }
    #expect(history.purchases.count == 1)
    do {
      try history.purchase(by: "a", on: "3 March 2024", amount: 1)
      Issue.record("expected an error")
    } catch {
      guard case .invalidDay(let text, let position, .malformed) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(text == "3 March 2024" && position == 0)
      #expect(error.description.contains("3 March 2024"))
    }
    #expect(history.purchases.count == 1)
  }

  @Test func steadyRhythm() {
    var history = PurchaseHistoryBuilder<Int>()
    history.client(7, buying: 25, every: 30, from: day("2024-01-01"), times: 4)
    history.client(8, buying: 1, every: 30, from: day("2024-01-01"), times: 0)
    #expect(
      history.purchases.map(\.day) == [
        day("2024-01-01"), day("2024-01-31"), day("2024-03-01"), day("2024-03-31"),
      ])
    #expect(history.purchases.allSatisfy { $0.client == 7 && $0.amount == 25 })
  }
}

@Suite("In-memory stores")
struct InMemoryStoreTests {
  /// The range is inclusive at both ends, results are in day order, and same-day purchases
  /// keep the order they were given.
  @Test func purchaseSourceFiltersByClosedDayRange() async {
    let purchases = [
      Purchase(client: "a", day: day("2024-03-10"), amount: 1),
      Purchase(client: "b", day: day("2024-01-01"), amount: 2),
      Purchase(client: "c", day: day("2024-02-01"), amount: 3),
      Purchase(client: "d", day: day("2024-02-01"), amount: 4),
      Purchase(client: "e", day: day("2024-02-29"), amount: 5),
      Purchase(client: "f", day: day("2024-03-01"), amount: 6),
    ]
    let source = InMemoryPurchaseSource(purchases)
    #expect(source.count == 6)
    let february = await source.purchases(in: day("2024-02-01")...day("2024-02-29"))
    #expect(february.map(\.client) == ["c", "d", "e"])
    let single = await source.purchases(in: day("2024-03-01")...day("2024-03-01"))
    #expect(single.map(\.client) == ["f"])
    let none = await source.purchases(in: day("2023-01-01")...day("2023-12-31"))
    #expect(none.isEmpty)
    let all = await source.purchases(in: Day.min...Day.max)
    #expect(all.map(\.client) == ["b", "c", "d", "e", "f", "a"])
    // Through the protocol, as a host's orchestration would call it.
    let generic: any PurchaseSource<String> = source
    let viaProtocol = try? await generic.purchases(in: day("2024-03-01")...day("2024-12-31"))
    #expect(viaProtocol?.map(\.client) == ["f", "a"])
  }

  @Test func purchaseSourceFromLog() async {
    var history = PurchaseHistoryBuilder<Int>()
    history.client(1, bought: [(day("2024-05-02"), 10), (day("2024-05-01"), 20)])
    let source = InMemoryPurchaseSource(history.log)
    let may = await source.purchases(in: day("2024-05-01")...day("2024-05-31"))
    #expect(may.map(\.amount) == [20, 10])
  }

  @Test func clientDirectoryLooksUpProfiles() async throws {
    let birthday = try MonthDay(month: 2, day: 29)
    let directory = InMemoryClientDirectory([
      ClientProfile(id: "a", birthday: birthday, manager: "m-001"),
      ClientProfile(id: "b", region: "north"),
      ClientProfile(id: "a", birthday: birthday, manager: "m-002"),
    ])
    #expect(directory.count == 2)
    #expect(await directory.profile(for: "a")?.manager == "m-002")  // the last one given
    #expect(await directory.profile(for: "zzz") == nil)
    let some = await directory.profiles(for: ["b", "zzz", "a"])
    #expect(Set(some.keys) == ["a", "b"])
    #expect(some["b"]?.region == "north")
  }

  /// Saving replaces a snapshot of the same name and day, results come oldest first whatever
  /// the order of saving, names are independent, and the protocol's `latestSnapshot` finds
  /// the last one strictly before a day.
  @Test func snapshotStoreReplacesOrdersAndFindsTheLatest() async throws {
    let concrete = InMemorySnapshotStore<String, String>()
    // Exercised through the protocol, as a host's orchestration layer would call it.
    let store: some SnapshotStore<String, String> = concrete
    try await store.save(Snapshot(day: day("2024-03-01"), labels: ["a": "B"]), named: "abc")
    try await store.save(Snapshot(day: day("2024-01-01"), labels: ["a": "C"]), named: "abc")
    try await store.save(Snapshot(day: day("2024-02-01"), labels: ["a": "A"]), named: "abc")
    try await store.save(Snapshot(day: day("2024-02-01"), labels: ["a": "A+"]), named: "abc")
    try await store.save(Snapshot(day: day("2024-02-15"), labels: ["z": "gold"]), named: "tier")

    let all = try await store.snapshots(named: "abc", in: Day.min...Day.max)
    #expect(all.map(\.day) == [day("2024-01-01"), day("2024-02-01"), day("2024-03-01")])
    #expect(all[1].labels == ["a": "A+"])
    let window = try await store.snapshots(named: "abc", in: day("2024-01-02")...day("2024-03-01"))
    #expect(window.map(\.day) == [day("2024-02-01"), day("2024-03-01")])
    #expect(try await store.snapshots(named: "none", in: Day.min...Day.max).isEmpty)
    #expect(await concrete.names == ["abc", "tier"])

    let previous = try await store.latestSnapshot(named: "abc", before: day("2024-03-01"))
    #expect(previous?.day == day("2024-02-01"))
    let latest = try await store.latestSnapshot(named: "abc", before: day("2025-01-01"))
    #expect(latest?.day == day("2024-03-01"))
    #expect(try await store.latestSnapshot(named: "abc", before: day("2024-01-01")) == nil)
    #expect(try await store.latestSnapshot(named: "abc", before: .min) == nil)
  }

  /// Concurrent saves from many tasks all land (the actor serialises them).
  @Test func snapshotStoreIsSafeUnderConcurrentSaves() async throws {
    let store: some SnapshotStore<Int, Int> = InMemorySnapshotStore<Int, Int>()
    try await withThrowingTaskGroup(of: Void.self) { group in
      for offset in 0..<100 {
        group.addTask {
          try await store.save(
            Snapshot(day: day("2024-01-01").adding(days: offset), labels: [offset: offset]),
            named: "n")
        }
      }
      try await group.waitForAll()
    }
    let all = try await store.snapshots(named: "n", in: Day.min...Day.max)
    #expect(all.count == 100)
    #expect(all.map(\.day) == (0..<100).map { day("2024-01-01").adding(days: $0) })
  }
}
