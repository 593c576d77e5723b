public import ClientBaseCore

/// A contact apart from its client and day: who made it, how, and what came of it.
///
/// A ``ContactLog`` stores each distinct kind once and every contact as a day and the index of
/// its kind, so a coverage pass over millions of contacts reads two columns of integers and
/// asks a ``CoveragePolicy`` about each kind once, not about each contact.
public struct ContactKind: Hashable, Sendable, Codable {
  /// The manager who made the contact.
  public var manager: ManagerID
  /// How the contact was made.
  public var channel: Channel
  /// What came of it.
  public var outcome: ContactOutcome

  /// Creates a kind.
  ///
  /// - Parameters:
  ///   - manager: The manager who made the contact.
  ///   - channel: How it was made.
  ///   - outcome: What came of it.
  public init(manager: ManagerID, channel: Channel, outcome: ContactOutcome) {
    self.manager = manager
    self.channel = channel
    self.outcome = outcome
  }
}

/// Contacts grouped by the rows of a row space (a `ClientTable`'s clients), stored as columns:
/// the input of relationship coverage.
///
/// Built once from the host's contacts: each contact's client is found in the row space (one
/// hash), its kind — manager, channel, outcome — is interned, and the contacts are grouped by
/// row with a counting sort (no dictionary per client). Everything after that, the coverage
/// pass included, works on plain integers:
///
/// ```swift
/// let table = try Summarizer().summarize(log, through: asOf)
/// let contacts = try ContactLog(hostContacts, clients: table.clients, threadCount: 2)
/// contacts.prospectContactCount     // contacts of clients who never bought: not rows
/// contacts.contacts(ofRow: 0)       // the first buyer's contacts, as values
/// ```
///
/// **Prospects.** A contact whose client is not in the row space — someone contacted who never
/// bought — is not a row: it is left out and counted in ``prospectContactCount``.
///
/// **Duplicates.** Contacts may repeat; the log keeps them all. Coverage counts *people*, so a
/// repeat changes nothing there, and the reasons count a manager's contacts with a client once
/// per day (a call and its follow-up e-mail on one day, or the same row twice, are one).
///
/// **Order.** Contacts may come in any order. Within a row they keep their input order; every
/// result computed from the log depends only on each row's contacts as a set.
public struct ContactLog<ID: Hashable & Sendable>: Sendable {
  /// The row space: the clients the contacts are grouped by.
  public let clients: ClientIndex<ID>
  /// The distinct kinds of the contacts, in order of first appearance.
  public let kinds: [ContactKind]
  /// The distinct managers of the contacts kept, in order of first appearance.
  public let managers: [ManagerID]
  /// The position in ``managers`` of each kind's manager; −1 for a kind no kept contact has
  /// (possible only with ``init(clients:kinds:rows:days:kindIndices:)``).
  public let managerOfKind: ContiguousArray<Int32>
  /// Where each row's contacts start in ``days`` and ``kindIndices``; `offsets[row + 1]` is
  /// where they end. One more element than there are rows.
  public let offsets: ContiguousArray<Int>
  /// The day of each contact, row after row.
  public let days: ContiguousArray<Day>
  /// The position in ``kinds`` of each contact's kind, row after row.
  public let kindIndices: ContiguousArray<Int32>
  /// The number of contacts left out because their client is not in the row space
  /// (prospects).
  public let prospectContactCount: Int
  /// The position, in the input, of the first contact of each manager of ``managers``.
  public let firstContactOfManager: [Int]

  /// Groups contacts by the rows of a row space.
  ///
  /// - Parameters:
  ///   - contacts: The contacts, in any order; repeats are kept (see the type's discussion).
  ///   - clients: The row space, usually the clients of the `ClientTable` the coverage is
  ///     about. Contacts of other clients are counted as prospects' and left out.
  ///   - threadCount: The most threads to use for finding the clients and interning the
  ///     kinds, the calling thread included; the log does not depend on it.
  /// - Throws: ``CoverageError/invalidParameter(_:reason:)`` for more than 2³¹ − 1 contacts.
  /// - Complexity: O(*n* + *r*) for *n* contacts and *r* rows: one hash per row to index
  ///   them, then per contact one hash look-up of the client and one of the manager (each
  ///   skipped when it repeats the previous contact's), then a counting sort by row.
  @inlinable
  public init(_ contacts: [Contact<ID>], clients: ClientIndex<ID>, threadCount: Int = 1)
    throws(CoverageError)
  {
    guard contacts.count <= Int(Int32.max) else {
      throw .invalidParameter("contacts", reason: "more than \(Int32.max) contacts")
    }
    // Inlined into the caller, so the identifiers are hashed by code specialised for them.
    let rows = rowMap(of: clients)
    let scans = scanContacts(count: contacts.count, threadCount: threadCount) { range in
      ContactScan(contacts, range: range, rows: rows)
    }
    self.init(merging: scans, clients: clients)
  }

  /// Merges the parts' scans, in part order, and groups the contacts by row.
  @usableFromInline
  init(merging scans: [ContactScan], clients: ClientIndex<ID>) {
    // The parts' kinds, interned again in part order: the order of first appearance overall.
    var kinds: [ContactKind] = []
    var kindIndex: [ContactKind: Int32] = [:]
    var firstOfKind: [Int] = []
    var rows = ContiguousArray<Int32>()
    var kindColumn = ContiguousArray<Int32>()
    var dayColumn = ContiguousArray<Day>()
    let total = scans.reduce(0) { $0 + $1.rows.count }
    rows.reserveCapacity(total)
    kindColumn.reserveCapacity(total)
    dayColumn.reserveCapacity(total)
    var prospects = 0
    for scan in scans {
      var map = ContiguousArray<Int32>()
      map.reserveCapacity(scan.kinds.count)
      for (local, kind) in scan.kinds.enumerated() {
        if let known = kindIndex[kind] {
          map.append(known)
        } else {
          let index = Int32(truncatingIfNeeded: kinds.count)
          kindIndex[kind] = index
          kinds.append(kind)
          firstOfKind.append(scan.firstPositions[local])
          map.append(index)
        }
      }
      prospects += scan.prospects
      rows.append(contentsOf: scan.rows)
      dayColumn.append(contentsOf: scan.days)
      for local in scan.kindIndices { kindColumn.append(local < 0 ? -1 : map[Int(local)]) }
    }
    self.init(
      grouping: clients, kinds: kinds, firstOfKind: firstOfKind, rows: rows, days: dayColumn,
      kindIndices: kindColumn, prospects: prospects)
  }

  /// Groups contacts by the rows of a row space.
  ///
  /// - Parameters:
  ///   - contacts: The contacts, in any order.
  ///   - clients: The row space.
  /// - Throws: ``CoverageError/invalidParameter(_:reason:)`` for more than 2³¹ − 1 contacts.
  /// - Complexity: O(*n*); see ``init(_:clients:threadCount:)``.
  public init(_ contacts: some Sequence<Contact<ID>>, clients: ClientIndex<ID>)
    throws(CoverageError)
  {
    try self.init(Array(contacts), clients: clients, threadCount: 1)
  }

  /// Groups contacts given as columns whose clients and kinds are already interned: the way a
  /// reader that parses a host's file straight into integers fills the log.
  ///
  /// - Parameters:
  ///   - clients: The row space.
  ///   - kinds: The kinds the contacts refer to (a kind may repeat; each is its own entry).
  ///   - rows: Each contact's row in `clients`, or −1 for a prospect's contact (left out and
  ///     counted).
  ///   - days: Each contact's day.
  ///   - kindIndices: Each contact's position in `kinds`.
  /// - Throws: ``CoverageError/invalidParameter(_:reason:)`` when the columns differ in
  ///   length, or a row or kind index is out of range (naming the first such contact).
  /// - Complexity: O(*n*): a check and a counting sort by row.
  public init(
    clients: ClientIndex<ID>, kinds: [ContactKind], rows: ContiguousArray<Int32>,
    days: ContiguousArray<Day>, kindIndices: ContiguousArray<Int32>
  ) throws(CoverageError) {
    guard rows.count == days.count, days.count == kindIndices.count else {
      throw .invalidParameter(
        "columns", reason: "\(rows.count) rows, \(days.count) days, \(kindIndices.count) kinds")
    }
    let rowCount = clients.count
    let kindCount = kinds.count
    for contact in 0..<rows.count {
      let row = Int(rows[contact])
      guard row >= -1, row < rowCount else {
        throw .invalidParameter(
          "rows", reason: "contact \(contact): row \(row) is outside -1..<\(rowCount)")
      }
      let kind = Int(kindIndices[contact])
      guard kind >= 0, kind < kindCount else {
        throw .invalidParameter(
          "kindIndices", reason: "contact \(contact): kind \(kind) is outside 0..<\(kindCount)")
      }
    }
    var firstOfKind = [Int](repeating: Int.max, count: kindCount)
    for contact in (0..<rows.count).reversed() where rows[contact] >= 0 {
      firstOfKind[Int(kindIndices[contact])] = contact
    }
    var prospects = 0
    for row in rows where row < 0 { prospects += 1 }
    self.init(
      grouping: clients, kinds: kinds, firstOfKind: firstOfKind, rows: rows, days: days,
      kindIndices: kindIndices, prospects: prospects)
  }

  /// Groups checked columns by row (a stable counting sort) and interns the kinds' managers.
  private init(
    grouping clients: ClientIndex<ID>, kinds: [ContactKind], firstOfKind: [Int],
    rows: ContiguousArray<Int32>, days: ContiguousArray<Day>, kindIndices: ContiguousArray<Int32>,
    prospects: Int
  ) {
    let rowCount = clients.count
    var offsets = ContiguousArray<Int>(repeating: 0, count: rowCount + 1)
    rows.withUnsafeBufferPointer { rows in
      offsets.withUnsafeMutableBufferPointer { offsets in
        for row in rows where row >= 0 { offsets[Int(row) + 1] &+= 1 }
        for row in 0..<rowCount { offsets[row + 1] &+= offsets[row] }
      }
    }
    let kept = offsets[rowCount]
    var cursor = offsets
    var groupedDays = ContiguousArray<Day>(repeating: Day(daysSince1970: 0), count: kept)
    var groupedKinds = ContiguousArray<Int32>(repeating: 0, count: kept)
    rows.withUnsafeBufferPointer { rows in
      days.withUnsafeBufferPointer { days in
        kindIndices.withUnsafeBufferPointer { kindIndices in
          groupedDays.withUnsafeMutableBufferPointer { groupedDays in
            groupedKinds.withUnsafeMutableBufferPointer { groupedKinds in
              cursor.withUnsafeMutableBufferPointer { cursor in
                for contact in 0..<rows.count {
                  let row = Int(rows[contact])
                  guard row >= 0 else { continue }
                  let slot = cursor[row]
                  groupedDays[slot] = days[contact]
                  groupedKinds[slot] = kindIndices[contact]
                  cursor[row] = slot &+ 1
                }
              }
            }
          }
        }
      }
    }
    // Managers in order of their first contact, whatever order the kinds are listed in.
    let byFirst = kinds.indices.sorted { (firstOfKind[$0], $0) < (firstOfKind[$1], $1) }
    var managers: [ManagerID] = []
    var managerIndex: [ManagerID: Int32] = [:]
    var firstOfManager: [Int] = []
    var managerOfKind = ContiguousArray<Int32>(repeating: -1, count: kinds.count)
    for kind in byFirst where firstOfKind[kind] != Int.max {
      let manager = kinds[kind].manager
      if let known = managerIndex[manager] {
        managerOfKind[kind] = known
      } else {
        let index = Int32(truncatingIfNeeded: managers.count)
        managerIndex[manager] = index
        managers.append(manager)
        firstOfManager.append(firstOfKind[kind])
        managerOfKind[kind] = index
      }
    }
    self.clients = clients
    self.kinds = kinds
    self.managers = managers
    self.managerOfKind = managerOfKind
    self.offsets = offsets
    self.days = groupedDays
    self.kindIndices = groupedKinds
    self.prospectContactCount = prospects
    self.firstContactOfManager = firstOfManager
  }

  /// The number of contacts kept (those of clients in the row space).
  public var count: Int { days.count }

  /// Whether no contact was kept.
  public var isEmpty: Bool { days.isEmpty }

  /// The positions of a row's contacts in ``days`` and ``kindIndices``.
  ///
  /// - Parameter row: A row, `0..<clients.count`.
  /// - Returns: The range of its contacts; empty when it has none.
  public func range(ofRow row: Int) -> Range<Int> { offsets[row]..<offsets[row + 1] }

  /// A row's contacts as values, in the order they were given.
  ///
  /// - Parameter row: A row, `0..<clients.count`.
  /// - Returns: The contacts.
  /// - Complexity: O(*k*) for the row's *k* contacts.
  public func contacts(ofRow row: Int) -> [Contact<ID>] {
    range(ofRow: row).map { contact in
      let kind = kinds[Int(kindIndices[contact])]
      return Contact(
        client: clients[row], day: days[contact], manager: kind.manager, channel: kind.channel,
        outcome: kind.outcome)
    }
  }
}

/// Each client's row in a row space, for look-ups by code specialised for the identifier.
@inlinable
func rowMap<ID>(of clients: ClientIndex<ID>) -> [ID: Int32] {
  var rows = [ID: Int32](minimumCapacity: clients.count)
  for (row, id) in clients.ids.enumerated() { rows[id] = Int32(truncatingIfNeeded: row) }
  return rows
}

/// Runs a scan of `count` contacts in parts, on up to `threadCount` threads, and returns the
/// parts' scans in part order.
@usableFromInline
func scanContacts(
  count: Int, threadCount: Int, _ body: @Sendable (Range<Int>) -> ContactScan
) -> [ContactScan] {
  let parts = ParallelWork.partCount(for: count, grain: 65_536)
  return ParallelWork.map(parts: parts, threads: threadCount) { part in
    body(ParallelWork.range(of: part, in: parts, count: count))
  }
}

/// One part's scan of the contacts: each contact's row (−1 for a prospect's), day and kind
/// interned locally, in part order.
@usableFromInline
struct ContactScan: Sendable {
  @usableFromInline var rows = ContiguousArray<Int32>()
  @usableFromInline var days = ContiguousArray<Day>()
  @usableFromInline var kindIndices = ContiguousArray<Int32>()
  @usableFromInline var kinds: [ContactKind] = []
  @usableFromInline var firstPositions: [Int] = []
  @usableFromInline var prospects = 0

  /// Scans `contacts[range]`. Managers are interned by hash; channels and outcomes, of which
  /// there are few, by comparing with those seen; a kind by its three small indices.
  @inlinable
  init<ID>(_ contacts: [Contact<ID>], range: Range<Int>, rows rowOf: [ID: Int32]) {
    rows.reserveCapacity(range.count)
    days.reserveCapacity(range.count)
    kindIndices.reserveCapacity(range.count)
    var managers = SmallInterner<ManagerID>()
    var channels = SmallInterner<Channel>()
    var outcomes = SmallInterner<ContactOutcome>()
    var kindOfKey: [KindKey: Int32] = [:]
    var last: (manager: ManagerID, index: Int32)?
    // Exports often list a client's contacts together: compare with the last client before
    // hashing.
    var lastClient: (id: ID, row: Int32?)?
    for position in range {
      let contact = contacts[position]
      let found: Int32?
      if let lastClient, lastClient.id == contact.client {
        found = lastClient.row
      } else {
        found = rowOf[contact.client]
        lastClient = (contact.client, found)
      }
      guard let row = found else {
        prospects += 1
        rows.append(-1)
        days.append(contact.day)
        kindIndices.append(-1)
        continue
      }
      rows.append(row)
      days.append(contact.day)
      // And one manager's contacts together.
      let manager: Int32
      if let last, last.manager == contact.manager {
        manager = last.index
      } else {
        manager = managers.index(of: contact.manager)
        last = (contact.manager, manager)
      }
      let key = KindKey(
        manager: manager, channel: channels.index(of: contact.channel),
        outcome: outcomes.index(of: contact.outcome))
      if let known = kindOfKey[key] {
        kindIndices.append(known)
      } else {
        let index = Int32(truncatingIfNeeded: kinds.count)
        kindOfKey[key] = index
        kinds.append(
          ContactKind(manager: contact.manager, channel: contact.channel, outcome: contact.outcome))
        firstPositions.append(position)
        kindIndices.append(index)
      }
    }
  }
}

/// A kind as the positions of its manager, channel and outcome among those interned.
@usableFromInline
struct KindKey: Hashable, Sendable {
  @usableFromInline var manager: Int32
  @usableFromInline var channel: Int32
  @usableFromInline var outcome: Int32

  @inlinable
  init(manager: Int32, channel: Int32, outcome: Int32) {
    self.manager = manager
    self.channel = channel
    self.outcome = outcome
  }
}

/// Interns values, comparing with the few seen so far before resorting to a hash.
@usableFromInline
struct SmallInterner<Value: Hashable & Sendable>: Sendable {
  @usableFromInline var values: [Value] = []
  @usableFromInline var index: [Value: Int32] = [:]

  @inlinable
  init() {}

  /// The position of `value`, interning it if it is new.
  @inlinable
  mutating func index(of value: Value) -> Int32 {
    if values.count <= 8 {
      for (position, seen) in values.enumerated() where seen == value {
        return Int32(truncatingIfNeeded: position)
      }
    } else if let known = index[value] {
      return known
    }
    let position = Int32(truncatingIfNeeded: values.count)
    values.append(value)
    index[value] = position
    return position
  }
}
