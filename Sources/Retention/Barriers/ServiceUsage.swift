/// Which of the company's non-commodity services each client uses, over a row space: the
/// input of a ``BarrierPolicy``.
///
/// The services are an open set that the host names: its catalogue (``services``), or, when
/// it names none, every service its uses mention. Each client's services are kept as a sorted
/// list of positions in the catalogue, all the lists in one contiguous column, so a base of a
/// million clients costs two arrays, not a set per client.
///
/// ```swift
/// let uses = try ServiceCSVDecoder().decode(servicesFile)
/// let usage = try ServiceUsage(clients: table.clients, uses: uses)
/// usage.services                  // the catalogue: every service named, by name
/// usage[client: "c-7"]            // [.creditLine, .onlineOrdering]
/// usage.reason(for: "c-7")        // "uses 2 of 4 services: credit-line, online-ordering"
/// ```
///
/// A use repeated is one use. Uses of clients outside the row space — prospects, clients
/// without a purchase — and, with a catalogue given, of services outside it are left out and
/// counted (``usesOfOtherClients``, ``usesOfOtherServices``): the catalogue is what the host
/// counts as a barrier, and the row space is the base being judged.
public struct ServiceUsage<ID: Hashable & Sendable>: ClientResult {
  /// The row space: the client of each row.
  public let clients: ClientIndex<ID>
  /// The catalogue: every service that counts, each once. Given by the host, or every
  /// service the uses named, ordered by name.
  public let services: [Service]
  /// Where each row's services start in ``serviceIndices``; row *r*'s are
  /// `serviceIndices[offsets[r] ..< offsets[r + 1]]`. `count + 1` entries.
  public let offsets: ContiguousArray<Int>
  /// Each row's services as positions in ``services``, ascending and distinct, row after
  /// row.
  public let serviceIndices: ContiguousArray<Int32>
  /// How many clients use each service of the catalogue, in its order.
  public let uptake: [Int]
  /// Uses left out because their client is not in the row space.
  public let usesOfOtherClients: Int
  /// Uses left out because their service is not in the catalogue given.
  public let usesOfOtherServices: Int

  /// Gathers each client's services over a row space.
  ///
  /// - Parameters:
  ///   - clients: The row space, usually the table's clients.
  ///   - uses: The uses, in any order; repeats count once.
  ///   - services: The catalogue: the services that count as barriers, each once; `nil`
  ///     (the default) for every service the uses name, ordered by name.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` naming `services` when the
  ///   catalogue lists a service twice.
  /// - Complexity: O(*u* + *n*) for *u* uses and *n* clients: one hash of the client and one
  ///   of the service per use (none for a use of the same client as the use before it), then
  ///   a sort of each client's own few services.
  @inlinable
  public init(
    clients: ClientIndex<ID>, uses: some Sequence<ServiceUse<ID>>, services: [Service]? = nil
  ) throws(RetentionError) {
    let uses = Array(uses)
    let catalogue: [Service]
    if let services {
      catalogue = services
    } else {
      var named = Set<Service>()
      for k in uses.indices { named.insert(uses[k].service) }
      catalogue = named.sorted()
    }
    var position = [Service: Int32](minimumCapacity: catalogue.count)
    for (index, service) in catalogue.enumerated() {
      guard position.updateValue(Int32(truncatingIfNeeded: index), forKey: service) == nil else {
        throw .invalidParameter("services", reason: "lists '\(service)' more than once")
      }
    }
    // Each use's client row and service, −1 when left out; then a counting sort by row.
    let n = clients.count
    var rows = ContiguousArray<Int32>(repeating: -1, count: uses.count)
    var picked = ContiguousArray<Int32>(repeating: -1, count: uses.count)
    var counts = ContiguousArray<Int>(repeating: 0, count: n + 1)
    var otherClients = 0
    var otherServices = 0
    for k in uses.indices {
      let use = uses[k]
      // A services file lists a client's services together: a use of the same client as the
      // use before it needs no look-up.
      if k > 0, uses[k - 1].client == use.client {
        rows[k] = rows[k - 1]
      } else if let row = clients.row(for: use.client) {
        rows[k] = Int32(truncatingIfNeeded: row)
      }
      guard rows[k] >= 0 else {
        otherClients += 1
        continue
      }
      guard let service = position[use.service] else {
        otherServices += 1
        continue
      }
      picked[k] = service
      counts[Int(rows[k]) + 1] += 1
    }
    for row in 0..<n { counts[row + 1] += counts[row] }
    var slots = ContiguousArray<Int32>(repeating: 0, count: counts[n])
    var next = counts
    for k in 0..<uses.count where picked[k] >= 0 {
      let row = Int(rows[k])
      slots[next[row]] = picked[k]
      next[row] += 1
    }
    // Sort each row's services and drop repeats, compacting in place.
    var offsets = ContiguousArray<Int>(repeating: 0, count: n + 1)
    var uptake = [Int](repeating: 0, count: catalogue.count)
    var written = 0
    slots.withUnsafeMutableBufferPointer { slots in
      for row in 0..<n {
        let start = counts[row]
        let end = counts[row + 1]
        if end - start > 1 { slots[start..<end].sort() }
        var previous: Int32 = -1
        for k in start..<end where slots[k] != previous {
          previous = slots[k]
          slots[written] = previous
          written += 1
          uptake[Int(previous)] += 1
        }
        offsets[row + 1] = written
      }
    }
    slots.removeLast(slots.count - written)
    self.clients = clients
    self.services = catalogue
    self.offsets = offsets
    self.serviceIndices = slots
    self.uptake = uptake
    self.usesOfOtherClients = otherClients
    self.usesOfOtherServices = otherServices
  }

  /// The number of distinct services of the catalogue a row uses.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: From 0 to the catalogue's size.
  public func serviceCount(forRow row: Int) -> Int { offsets[row + 1] - offsets[row] }

  /// Whether a row uses the service at a position of the catalogue.
  ///
  /// - Parameters:
  ///   - row: A row, `0..<count`.
  ///   - service: A position in ``services``.
  /// - Returns: `true` when the row uses it.
  /// - Complexity: O(*k*) for the row's *k* services.
  public func uses(row: Int, service: Int) -> Bool {
    serviceIndices[offsets[row]..<offsets[row + 1]].contains(Int32(truncatingIfNeeded: service))
  }

  /// The services a row uses, in the catalogue's order.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> [Service] {
    serviceIndices[offsets[row]..<offsets[row + 1]].map { services[Int($0)] }
  }

  /// What a row uses: "uses 2 of 4 services: credit-line, online-ordering", or "uses none
  /// of the 4 services".
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    let used = self[row]
    let total = services.count
    let noun = total == 1 ? "service" : "services"
    guard !used.isEmpty else { return "uses none of the \(total) \(noun)" }
    return "uses \(used.count) of \(total) \(noun): "
      + used.map(\.rawValue).joined(separator: ", ")
  }
}
