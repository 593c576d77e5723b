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
    let values = input.values
    var rows = exposedRows(
      member: Int32(truncatingIfNeeded: member), owners: input.owners,
      peopleCounts: peopleCounts, peopleOffsets: peopleOffsets, people: people, values: values)
    // Equal values: by the identifier's text, so the order does not follow the rows'.
    var start = 0
    while start < rows.count {
      var end = start + 1
      while end < rows.count, values[rows[end]] == values[rows[start]] { end += 1 }
      if end - start > 1 {
        let run = rows[start..<end].map { (String(describing: clients[$0]), $0) }.sorted {
          $0 < $1
        }
        for (offset, entry) in run.enumerated() { rows[start + offset] = entry.1 }
      }
      start = end
    }
    let totals = exposureTotals(
      rows: rows, member: Int32(truncatingIfNeeded: member), peopleCounts: peopleCounts,
      peopleOffsets: peopleOffsets, people: people, values: values)
    return Exposure(
      coverage: self, manager: manager, member: member, rows: rows, isSole: totals.isSole,
      value: totals.value, soleCount: totals.soleCount, soleValue: totals.soleValue)
  }
}

/// The rows exposed to a member — owned by it, or owned by no one on the team and dealt with
/// by it alone — by value descending, then by row.
private func exposedRows(
  member: Int32, owners: ContiguousArray<Int32>, peopleCounts: ContiguousArray<Int32>,
  peopleOffsets: ContiguousArray<Int>, people: ContiguousArray<Int32>,
  values: ContiguousArray<Double>
) -> [Int] {
  var rows: [Int] = []
  for row in 0..<owners.count {
    let owner = owners[row]
    if owner == member
      || (owner < 0 && peopleCounts[row] == 1 && people[peopleOffsets[row]] == member)
    {
      rows.append(row)
    }
  }
  rows.sort { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
  return rows
}

/// Which exposed rows are sole, and the exposed and sole totals, summed in the exposure's
/// order.
private func exposureTotals(
  rows: [Int], member: Int32, peopleCounts: ContiguousArray<Int32>,
  peopleOffsets: ContiguousArray<Int>, people: ContiguousArray<Int32>,
  values: ContiguousArray<Double>
) -> (isSole: [Bool], value: Double, soleCount: Int, soleValue: Double) {
  var isSole: [Bool] = []
  isSole.reserveCapacity(rows.count)
  var total = CompensatedSum()
  var sole = CompensatedSum()
  var soleCount = 0
  for row in rows {
    let alone = peopleCounts[row] == 1 && people[peopleOffsets[row]] == member
    isSole.append(alone)
    total.add(values[row])
    if alone {
      sole.add(values[row])
      soleCount += 1
    }
  }
  return (isSole, total.value, soleCount, sole.value)
}
