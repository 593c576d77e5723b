/// Purchases in columns: a dense client index, a day and an amount per event, with the
/// clients' identifiers interned once.
///
/// The shape the ``Summarizer`` and the CSV decoder share: three contiguous arrays and no
/// per-event allocation. Events may be in any order and may repeat.
///
/// ```swift
/// var log = PurchaseLog<String>()
/// log.append(client: "c-1", day: try Day(iso8601: "2024-03-01"), amount: 120)
/// log.append(client: "c-1", day: try Day(iso8601: "2024-04-11"), amount: 80)
/// log.clientIDs        // ["c-1"]
/// ```
public struct PurchaseLog<ID: Hashable & Sendable>: Sendable {
  /// The distinct clients, in order of first appearance; a client's index is its position.
  public private(set) var clientIDs: [ID]
  /// Finds each client's position in ``clientIDs``.
  private(set) var identifierIndex: IdentifierIndex
  /// For each event, the index of its client in ``clientIDs``.
  public private(set) var clientIndices: ContiguousArray<Int32>
  /// For each event, its day.
  public private(set) var days: ContiguousArray<Day>
  /// For each event, its amount (negative for a refund).
  public private(set) var amounts: ContiguousArray<Double>

  /// Creates an empty log.
  public init() {
    clientIDs = []
    identifierIndex = IdentifierIndex()
    clientIndices = []
    days = []
    amounts = []
  }

  /// Creates a log from purchases, interning their clients.
  ///
  /// - Parameter purchases: The purchases, in any order.
  /// - Complexity: O(*n*) with one hash look-up per purchase.
  public init(_ purchases: some Sequence<Purchase<ID>>) {
    self.init()
    reserveCapacity(purchases.underestimatedCount)
    for purchase in purchases {
      append(client: purchase.client, day: purchase.day, amount: purchase.amount)
    }
  }

  /// Creates a log from columns that are already interned.
  ///
  /// - Parameters:
  ///   - clientIDs: The distinct clients; event client indices refer to positions here.
  ///   - clientIndices: The client index of each event.
  ///   - days: The day of each event.
  ///   - amounts: The amount of each event.
  /// - Throws: ``InputError/duplicateClient(_:)`` when an identifier repeats,
  ///   ``InputError/unknownClientIndex(event:index:)`` when an index is out of range, and
  ///   ``InputError/invalidParameter(_:reason:)`` when the columns differ in length.
  public init(
    clientIDs: [ID], clientIndices: ContiguousArray<Int32>, days: ContiguousArray<Day>,
    amounts: ContiguousArray<Double>
  ) throws(InputError) {
    guard clientIndices.count == days.count, days.count == amounts.count else {
      throw .invalidParameter(
        "columns",
        reason:
          "\(clientIndices.count) client indices, \(days.count) days, \(amounts.count) amounts")
    }
    guard clientIDs.count <= Int(Int32.max) else {
      throw .invalidParameter("clientIDs", reason: "more than \(Int32.max) clients")
    }
    let index: IdentifierIndex
    switch IdentifierIndex.build(clientIDs) {
    case .success(let built): index = built
    case .failure(let repeated):
      throw .duplicateClient(String(describing: clientIDs[repeated.position]))
    }
    let count = UInt32(clientIDs.count)
    // One unsigned comparison per event catches negative and too-large indices alike.
    let firstBad = clientIndices.withUnsafeBufferPointer { indices -> Int? in
      for i in 0..<indices.count where UInt32(bitPattern: indices[i]) >= count { return i }
      return nil
    }
    if let event = firstBad {
      throw .unknownClientIndex(event: event, index: clientIndices[event])
    }
    self.clientIDs = clientIDs
    self.identifierIndex = index
    self.clientIndices = clientIndices
    self.days = days
    self.amounts = amounts
  }

  /// The row space of the log's clients: every client it has seen, refund-only ones
  /// included, in order of first appearance.
  ///
  /// Columns computed per client of the log (spend in a window, a period matrix) are aligned
  /// with it; ``Summarizer`` tables keep the same index for their buyers.
  ///
  /// - Complexity: O(1): the index shares the log's storage.
  public var clients: ClientIndex<ID> { ClientIndex(ids: clientIDs, lookup: identifierIndex) }

  /// The number of events.
  public var count: Int { days.count }

  /// Whether the log holds no event.
  public var isEmpty: Bool { days.isEmpty }

  /// Reserves room for `capacity` events.
  ///
  /// - Parameter capacity: The number of events expected.
  public mutating func reserveCapacity(_ capacity: Int) {
    clientIndices.reserveCapacity(capacity)
    days.reserveCapacity(capacity)
    amounts.reserveCapacity(capacity)
  }

  /// The index of `client`, interning it if it is new.
  ///
  /// A log holds at most 2^31 − 1 clients (positions are `Int32`); interning one more is a
  /// programming error that stops the program.
  ///
  /// - Parameter client: The client's identifier.
  /// - Returns: Its position in ``clientIDs``.
  @discardableResult
  public mutating func intern(_ client: ID) -> Int32 {
    if let index = clientIndex(of: client) { return index }
    precondition(clientIDs.count < Int(Int32.max), "a purchase log holds at most 2^31 - 1 clients")
    let index = Int32(truncatingIfNeeded: clientIDs.count)
    clientIDs.append(client)
    identifierIndex.insert(Int(index), of: client, in: clientIDs)
    return index
  }

  /// The position of a client in ``clientIDs``, or `nil` when the log has no such client.
  ///
  /// - Parameter client: The client's identifier.
  /// - Complexity: O(1) on average: one hash of `client`.
  public func clientIndex(of client: ID) -> Int32? {
    identifierIndex.position(of: client, in: clientIDs)
  }

  /// Every client's position in ``clientIDs``, as a dictionary.
  ///
  /// Built anew on each access, so a loop that reads it once per client takes quadratic time;
  /// to find one client, use ``clientIndex(of:)``.
  ///
  /// - Complexity: O(*n*) in the number of clients.
  @available(*, deprecated, message: "built anew on each access; use clientIndex(of:)")
  public var indexByID: [ID: Int32] {
    var index = [ID: Int32](minimumCapacity: clientIDs.count)
    for (position, id) in clientIDs.enumerated() { index[id] = Int32(truncatingIfNeeded: position) }
    return index
  }

  /// Appends one event.
  ///
  /// - Parameters:
  ///   - client: The client's identifier.
  ///   - day: The day.
  ///   - amount: The amount; negative for a refund.
  public mutating func append(client: ID, day: Day, amount: Double) {
    let index = intern(client)
    clientIndices.append(index)
    days.append(day)
    amounts.append(amount)
  }

  /// Appends one event of a client already interned.
  ///
  /// - Parameters:
  ///   - clientIndex: The client's index from ``intern(_:)``.
  ///   - day: The day.
  ///   - amount: The amount; negative for a refund.
  /// - Throws: ``InputError/unknownClientIndex(event:index:)`` when the index names no client;
  ///   the log is then unchanged.
  public mutating func append(clientIndex: Int32, day: Day, amount: Double) throws(InputError) {
    guard clientIndex >= 0, Int(clientIndex) < clientIDs.count else {
      throw .unknownClientIndex(event: count, index: clientIndex)
    }
    clientIndices.append(clientIndex)
    days.append(day)
    amounts.append(amount)
  }

  /// The event at `position` as a purchase.
  ///
  /// - Parameter position: The event's position, `0..<count`.
  public subscript(position: Int) -> Purchase<ID> {
    Purchase(
      client: clientIDs[Int(clientIndices[position])], day: days[position],
      amount: amounts[position])
  }
}
