public import ClientBaseCore

/// The clients a manager's departure leaves without a relationship, most valuable first: the
/// input of a ``HandoverPolicy``.
///
/// A client is **exposed** to a manager when the manager owns it, or when no one on the team
/// owns it and the manager is the only person who deals with it. The clients who deal with the
/// manager alone — owned or not — are the **sole** ones: what walks out of the door with
/// them. An owned client that others deal with too is exposed (it needs a new owner) but not
/// sole.
///
/// ```swift
/// let exposure = try coverage.exposure(of: "m-07")
/// exposure.count, exposure.value          // 312 clients, 1,204,500
/// exposure.soleCount, exposure.soleValue  // 97 of them deal with m-07 alone
/// exposure.reason(at: 0)   // "owned by m-07, who alone deals with the client; value 41,200"
/// let plan = StandardHandover.standard.plan(for: exposure)
/// ```
///
/// The order — value descending, ties by the identifier's text — does not depend on the order
/// of the rows.
public struct Exposure<ID: Hashable & Sendable>: Sendable {
  /// The coverage the exposure was read from.
  public let coverage: RelationshipCoverage<ID>
  /// The leaving manager.
  public let manager: ManagerID
  /// The leaving manager's position in the team.
  public let member: Int
  /// The exposed clients' rows in the coverage, most valuable first.
  public let rows: [Int]
  /// Whether each exposed client (in ``rows`` order) deals with the leaving manager alone.
  public let isSole: [Bool]
  /// The value of the exposed clients.
  public let value: Double
  /// The number of exposed clients who deal with the leaving manager alone.
  public let soleCount: Int
  /// The value of those clients.
  public let soleValue: Double

  /// The number of exposed clients.
  public var count: Int { rows.count }

  /// Whether no client is exposed.
  public var isEmpty: Bool { rows.isEmpty }

  /// The client at a position of the exposure.
  ///
  /// - Parameter index: A position, `0..<count`.
  /// - Returns: The client.
  public func client(at index: Int) -> ID { coverage.clients[rows[index]] }

  /// Why the client at a position is exposed, with its value: "owned by m-07, who alone deals
  /// with the client; value 41,200", "owned by m-07, also dealt with by m-03; value 9,800",
  /// "no owner on the team, dealt with by m-07 alone; value 560".
  ///
  /// - Parameter index: A position, `0..<count`.
  /// - Returns: The reason.
  public func reason(at index: Int) -> String {
    let row = rows[index]
    let value = "value \(NumberText.decimal(coverage.input.values[row], places: 0))"
    let owned = coverage.input.owners[row] == Int32(truncatingIfNeeded: member)
    if isSole[index] {
      return owned
        ? "owned by \(manager), who alone deals with the client; \(value)"
        : "no owner on the team, dealt with by \(manager) alone; \(value)"
    }
    let others = coverage.people(ofRow: row).filter { $0 != manager }
    guard !others.isEmpty else {
      return "owned by \(manager), dealt with by nobody; \(value)"
    }
    let names = others.map(\.rawValue).joined(separator: ", ")
    return "owned by \(manager), also dealt with by \(names); \(value)"
  }
}

extension RelationshipCoverage {
  /// The clients a manager's departure leaves without a relationship: those the manager owns,
  /// and those no one on the team owns whom only the manager deals with.
  ///
  /// - Parameter manager: The leaving manager.
  /// - Returns: The exposure, most valuable client first.
  /// - Throws: ``CoverageError/notOnTeam(_:)`` when the manager is not on the team.
  /// - Complexity: O(*n* + *e* log *e*) for *n* clients and *e* exposed.
  public func exposure(of manager: ManagerID) throws(CoverageError) -> Exposure<ID> {
    guard let member = team.index(of: manager) else { throw .notOnTeam(manager) }
    var entries = exposedEntries(
      member: Int32(truncatingIfNeeded: member), owners: input.owners,
      peopleCounts: peopleCounts, peopleOffsets: peopleOffsets, people: people,
      values: input.values)
    // Equal values: by the identifier's text, so the order does not follow the rows'.
    var start = 0
    while start < entries.count {
      var end = start + 1
      while end < entries.count, entries[end].value == entries[start].value { end += 1 }
      if end - start > 1 {
        var run: [(text: String, entry: ExposedEntry)] = []
        for entry in entries[start..<end] {
          run.append((String(describing: clients[Int(entry.row)]), entry))
        }
        run.sort { (a, b) -> Bool in
          a.text < b.text || (a.text == b.text && a.entry.row < b.entry.row)
        }
        for (offset, item) in run.enumerated() { entries[start + offset] = item.entry }
      }
      start = end
    }
    var rows: [Int] = []
    var isSole: [Bool] = []
    rows.reserveCapacity(entries.count)
    isSole.reserveCapacity(entries.count)
    var total = CompensatedSum()
    var sole = CompensatedSum()
    var soleCount = 0
    for entry in entries {
      rows.append(Int(entry.row))
      isSole.append(entry.isSole)
      total.add(entry.value)
      if entry.isSole {
        sole.add(entry.value)
        soleCount += 1
      }
    }
    return Exposure(
      coverage: self, manager: manager, member: member, rows: rows, isSole: isSole,
      value: total.value, soleCount: soleCount, soleValue: sole.value)
  }
}

/// An exposed client as the exposure sorts it: its value, row, and whether it is sole.
private struct ExposedEntry {
  var value: Double
  var row: Int32
  var isSole: Bool
}

/// The clients exposed to a member — owned by it, or owned by no one on the team and dealt
/// with by it alone — by value descending, then by row. The columns are read in row order and
/// the sort moves the entries themselves, so nothing is looked up at random.
private func exposedEntries(
  member: Int32, owners: ContiguousArray<Int32>, peopleCounts: ContiguousArray<Int32>,
  peopleOffsets: ContiguousArray<Int>, people: ContiguousArray<Int32>,
  values: ContiguousArray<Double>
) -> [ExposedEntry] {
  var entries: [ExposedEntry] = []
  for row in 0..<owners.count {
    let owner = owners[row]
    guard owner == member || owner < 0 else { continue }
    let isSole = peopleCounts[row] == 1 && people[peopleOffsets[row]] == member
    if owner == member || isSole {
      entries.append(
        ExposedEntry(value: values[row], row: Int32(truncatingIfNeeded: row), isSole: isSole))
    }
  }
  entries.sort { $0.value > $1.value || ($0.value == $1.value && $0.row < $1.row) }
  return entries
}
