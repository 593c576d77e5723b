public import ClientBaseCore

/// Builds purchase histories by hand for tests, with days written as ISO-8601 text.
///
/// ```swift
/// var history = PurchaseHistoryBuilder<String>()
/// try history.client("a", bought: [("2024-01-03", 10), ("2024-02-01", 20)])
/// try history.purchase(by: "b", on: "2024-01-05", amount: 99.5, manager: "m-001")
/// history.client("c", buying: 25, every: 30, from: someDay, times: 6)
/// let log = history.log            // PurchaseLog<String>
/// let purchases = history.purchases  // [Purchase<String>], in the order added
/// ```
///
/// Bad day text never traps: it throws ``FixtureError/invalidDay(text:position:reason:)``
/// naming the entry, and a call that throws adds nothing, so the builder is never left half
/// updated.
public struct PurchaseHistoryBuilder<ID: Hashable & Sendable>: Sendable {
  /// The purchases added so far, in the order they were added.
  public private(set) var purchases: [Purchase<ID>]

  /// Creates an empty builder.
  public init() {
    purchases = []
  }

  /// Adds one purchase on a day given as text.
  ///
  /// - Parameters:
  ///   - client: The client.
  ///   - day: The day, `YYYY-MM-DD`.
  ///   - amount: The amount; negative for a refund.
  ///   - manager: The manager credited, if any.
  ///   - channel: The channel, if any.
  /// - Throws: ``FixtureError/invalidDay(text:position:reason:)`` (position 0) when `day` is
  ///   not a valid date; nothing is added.
  public mutating func purchase(
    by client: ID, on day: String, amount: Double, manager: ManagerID? = nil,
    channel: Channel? = nil
  ) throws(FixtureError) {
    let parsed = try Self.parse(day, position: 0)
    purchase(by: client, on: parsed, amount: amount, manager: manager, channel: channel)
  }

  /// Adds one purchase.
  ///
  /// - Parameters:
  ///   - client: The client.
  ///   - day: The day.
  ///   - amount: The amount; negative for a refund.
  ///   - manager: The manager credited, if any.
  ///   - channel: The channel, if any.
  public mutating func purchase(
    by client: ID, on day: Day, amount: Double, manager: ManagerID? = nil,
    channel: Channel? = nil
  ) {
    purchases.append(
      Purchase(client: client, day: day, amount: amount, manager: manager, channel: channel))
  }

  /// Adds a client's purchases, days given as text.
  ///
  /// - Parameters:
  ///   - client: The client.
  ///   - bought: Day and amount of each purchase, in any order.
  /// - Throws: ``FixtureError/invalidDay(text:position:reason:)`` for the first entry whose
  ///   day is not a valid date; nothing is added.
  /// - Complexity: O(*k*) for *k* entries.
  public mutating func client(_ client: ID, bought: [(String, Double)]) throws(FixtureError) {
    var parsed: [(Day, Double)] = []
    parsed.reserveCapacity(bought.count)
    for (position, entry) in bought.enumerated() {
      parsed.append((try Self.parse(entry.0, position: position), entry.1))
    }
    self.client(client, bought: parsed)
  }

  /// Adds a client's purchases.
  ///
  /// - Parameters:
  ///   - client: The client.
  ///   - bought: Day and amount of each purchase, in any order.
  /// - Complexity: O(*k*) for *k* entries.
  public mutating func client(_ client: ID, bought: [(Day, Double)]) {
    for (day, amount) in bought {
      purchases.append(Purchase(client: client, day: day, amount: amount))
    }
  }

  /// Adds a client who buys the same amount at a steady rhythm.
  ///
  /// - Parameters:
  ///   - client: The client.
  ///   - amount: The amount of each purchase.
  ///   - interval: Days between purchases (0 puts every purchase on `start`).
  ///   - start: The day of the first purchase.
  ///   - times: The number of purchases; 0 or less adds none.
  /// - Complexity: O(`times`).
  public mutating func client(
    _ client: ID, buying amount: Double, every interval: Int, from start: Day, times: Int
  ) {
    guard times > 0 else { return }
    for step in 0..<times {
      let offset = Int64(step) * Int64(interval)
      purchases.append(
        Purchase(client: client, day: start.adding(days: Int(clamping: offset)), amount: amount))
    }
  }

  /// The purchases as a column log, in the order added.
  ///
  /// - Complexity: O(*n*).
  public var log: PurchaseLog<ID> { PurchaseLog(purchases) }

  /// An in-memory purchase source serving the purchases.
  ///
  /// - Complexity: O(*n* log *n*).
  public var source: InMemoryPurchaseSource<ID> { InMemoryPurchaseSource(purchases) }

  private static func parse(_ text: String, position: Int) throws(FixtureError) -> Day {
    do {
      return try Day(iso8601: text)
    } catch {
      throw .invalidDay(text: text, position: position, reason: error)
    }
  }
}
