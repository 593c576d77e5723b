import ClientBaseCore

extension CoveragePolicy {
  /// Computes the coverage of every client on the calling thread.
  ///
  /// - Parameter input: The contacts, owners, team, values and as-of day.
  /// - Returns: The coverage, over the input's row space.
  /// - Complexity: O(*n* + *c*) for *n* clients and *c* contacts.
  public func coverage<ID>(of input: CoverageInput<ID>) -> RelationshipCoverage<ID> {
    coverage(of: input, threadCount: 1)
  }

  /// The engine: computes the coverage of every client on up to `threadCount` threads.
  ///
  /// The rule is asked about each distinct contact kind once and for its counted days once;
  /// then one pass over the contact log's columns finds each row's people with a stamp per
  /// team member (no set, no sort of contacts), and tallies each member's clients, sole
  /// clients and sole value. Rows are cut into parts by their number alone and the parts'
  /// tallies are added in part order, so the result is identical on any number of threads;
  /// it depends on each row's contacts as a set, not on their order. Sole values are summed
  /// with Neumaier's compensation, so another row order changes them at most in the last
  /// bits.
  ///
  /// - Parameters:
  ///   - input: The contacts, owners, team, values and as-of day.
  ///   - threadCount: The most threads to use, the calling thread included.
  /// - Returns: The coverage, over the input's row space.
  /// - Complexity: O(*n* + *c* + *k*) for *n* clients, *c* contacts and *k* distinct kinds,
  ///   divided over the threads, plus O(*m*) per part for *m* team members.
  public func coverage<ID>(of input: CoverageInput<ID>, threadCount: Int)
    -> RelationshipCoverage<ID>
  {
    let log = input.contacts
    let window = countedDays(asOf: input.asOf)
    let countsOwner = countsOwner
    var memberOfKind = ContiguousArray<Int32>()
    memberOfKind.reserveCapacity(log.kinds.count)
    for (kind, value) in log.kinds.enumerated() {
      let manager = Int(log.managerOfKind[kind])
      let member = manager >= 0 ? input.memberOfLogManager[manager] : -1
      memberOfKind.append(member >= 0 && counts(value) ? member : -1)
    }
    let rows = input.count
    let members = input.team.count
    let parts = ParallelWork.partCount(for: rows, grain: 16_384)
    var peopleCounts = ContiguousArray<Int32>(repeating: 0, count: Swift.max(rows, 1))
    let results = peopleCounts.withUnsafeMutableBufferPointer { counts in
      let kernel = CoverageKernel(
        offsets: log.offsets, days: log.days, kinds: log.kindIndices, memberOfKind: memberOfKind,
        owners: input.owners, values: input.values, first: window.lowerBound.daysSince1970,
        last: window.upperBound.daysSince1970, countsOwner: countsOwner, members: members,
        counts: CoverageCounts(buffer: counts))
      return ParallelWork.map(parts: parts, threads: threadCount) { part in
        kernel.run(rows: ParallelWork.range(of: part, in: parts, count: rows))
      }
    }
    if rows == 0 { peopleCounts.removeAll() }
    // Stitch the parts: people one after another, tallies added in part order.
    var peopleOffsets = ContiguousArray<Int>()
    peopleOffsets.reserveCapacity(rows + 1)
    peopleOffsets.append(0)
    var people = ContiguousArray<Int32>()
    people.reserveCapacity(results.reduce(0) { $0 + $1.people.count })
    var clients = [Int](repeating: 0, count: members)
    var owned = [Int](repeating: 0, count: members)
    var sole = [Int](repeating: 0, count: members)
    var soleValue = [CompensatedSum](repeating: CompensatedSum(), count: members)
    var total = CompensatedSum()
    for part in results {
      var running = people.count
      for count in part.rowPeopleCounts {
        running += Int(count)
        peopleOffsets.append(running)
      }
      people.append(contentsOf: part.people)
      for member in 0..<members {
        clients[member] += part.clients[member]
        owned[member] += part.owned[member]
        sole[member] += part.sole[member]
        soleValue[member].add(part.soleValue[member].value)
      }
      total.add(part.total.value)
    }
    let summaries = (0..<members).map { member in
      ManagerCoverage(
        manager: input.team[member].manager, clients: clients[member],
        ownedClients: owned[member], soleClients: sole[member],
        soleValue: soleValue[member].value)
    }
    return RelationshipCoverage(
      trusted: input, countedDays: window, countsOwner: countsOwner, memberOfKind: memberOfKind,
      peopleCounts: peopleCounts, peopleOffsets: peopleOffsets, people: people,
      managers: summaries, totalSoleValue: total.value)
  }
}

/// Neumaier's compensated sum.
struct CompensatedSum: Sendable {
  private var sum = 0.0
  private var compensation = 0.0

  mutating func add(_ value: Double) {
    let next = sum + value
    compensation += abs(sum) >= abs(value) ? (sum - next) + value : (value - next) + sum
    sum = next
  }

  var value: Double { sum + compensation }
}

/// The output column each part writes its own rows of.
private struct CoverageCounts: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<Int32>
}

/// One part's people and tallies.
private struct CoveragePart: Sendable {
  var rowPeopleCounts = ContiguousArray<Int32>()
  var people = ContiguousArray<Int32>()
  var clients: [Int]
  var owned: [Int]
  var sole: [Int]
  var soleValue: [CompensatedSum]
  var total = CompensatedSum()

  init(members: Int) {
    clients = [Int](repeating: 0, count: members)
    owned = clients
    sole = clients
    soleValue = [CompensatedSum](repeating: CompensatedSum(), count: members)
  }
}

/// The coverage pass over a range of rows.
private struct CoverageKernel: Sendable {
  let offsets: ContiguousArray<Int>
  let days: ContiguousArray<Day>
  let kinds: ContiguousArray<Int32>
  let memberOfKind: ContiguousArray<Int32>
  let owners: ContiguousArray<Int32>
  let values: ContiguousArray<Double>
  let first: Int32
  let last: Int32
  let countsOwner: Bool
  let members: Int
  let counts: CoverageCounts

  func run(rows: Range<Int>) -> CoveragePart {
    var part = CoveragePart(members: members)
    part.rowPeopleCounts.reserveCapacity(rows.count)
    part.people.reserveCapacity(rows.count * 2)
    // The last row each member was found in, so a member counts once per row; slot `members`
    // is a sentinel that every contact that does not count lands on, stamped before each row,
    // so the loop over contacts has no branch but its own.
    let sentinel = Int32(truncatingIfNeeded: members)
    var stamp = ContiguousArray<Int32>(repeating: -1, count: members + 1)
    var found = ContiguousArray<Int32>(repeating: 0, count: members + 1)
    let target = ContiguousArray(memberOfKind.lazy.map { $0 < 0 ? sentinel : $0 })
    // Days in the window are those whose offset from the first lies within the span, as
    // unsigned 32-bit numbers; with an empty window every contact lands on the sentinel.
    let isEmptyWindow = last < first
    let span = UInt32(bitPattern: last &- first)
    stamp.withUnsafeMutableBufferPointer { stamp in
      found.withUnsafeMutableBufferPointer { found in
        offsets.withUnsafeBufferPointer { offsets in
          days.withUnsafeBufferPointer { days in
            kinds.withUnsafeBufferPointer { kinds in
              target.withUnsafeBufferPointer { target in
                for row in rows {
                  let mark = Int32(truncatingIfNeeded: row)
                  stamp[Int(sentinel)] = mark
                  var count = 0
                  let owner = owners[row]
                  if owner >= 0 {
                    part.owned[Int(owner)] += 1
                    if countsOwner {
                      stamp[Int(owner)] = mark
                      found[0] = owner
                      count = 1
                    }
                  }
                  if !isEmptyWindow {
                    for contact in offsets[row]..<offsets[row + 1] {
                      let offset = UInt32(bitPattern: days[contact].daysSince1970 &- first)
                      let member = offset <= span ? target[Int(kinds[contact])] : sentinel
                      let isNew = stamp[Int(member)] != mark
                      stamp[Int(member)] = mark
                      found[count] = member
                      count &+= isNew ? 1 : 0
                    }
                  }
                  if count > 1 { sortRun(UnsafeMutableBufferPointer(rebasing: found[0..<count])) }
                  counts.buffer[row] = Int32(truncatingIfNeeded: count)
                  part.rowPeopleCounts.append(Int32(truncatingIfNeeded: count))
                  for k in 0..<count {
                    part.people.append(found[k])
                    part.clients[Int(found[k])] += 1
                  }
                  if count == 1 {
                    let member = Int(found[0])
                    part.sole[member] += 1
                    part.soleValue[member].add(values[row])
                    part.total.add(values[row])
                  }
                }
              }
            }
          }
        }
      }
    }
    return part
  }
}
