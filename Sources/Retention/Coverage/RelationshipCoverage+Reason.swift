public import ClientBaseCore

/// A manager's counted contacts with one client: on how many days, the first and the last.
///
/// Contacts are counted once per day, so a duplicate row or a call and its follow-up on one
/// day count as one.
public struct ContactSpan: Hashable, Sendable, CustomStringConvertible {
  /// The days with a counted contact, at least 1.
  public var days: Int
  /// The first such day.
  public var first: Day
  /// The last such day.
  public var last: Day

  /// Creates a span.
  ///
  /// - Parameters:
  ///   - days: The days with a counted contact.
  ///   - first: The first.
  ///   - last: The last.
  public init(days: Int, first: Day, last: Day) {
    self.days = days
    self.first = first
    self.last = last
  }

  /// "3 contacts since 2026-03-01", or "1 contact on 2026-05-02".
  public var description: String {
    days == 1
      ? "1 contact on \(first)" : "\(NumberText.grouped(days)) contacts since \(first)"
  }
}

extension RelationshipCoverage {
  /// A manager's counted contacts with the client of a row: those of a counted kind in the
  /// counted days.
  ///
  /// - Parameters:
  ///   - row: A row, `0..<count`.
  ///   - manager: A manager.
  /// - Returns: The span, or `nil` when the manager has no counted contact with the client
  ///   (or is not on the team).
  /// - Complexity: O(*k* log *k*) for the row's *k* contacts.
  public func contactSpan(ofRow row: Int, by manager: ManagerID) -> ContactSpan? {
    team.index(of: manager).flatMap { contactSpan(ofRow: row, member: $0) }
  }

  /// The span of a team member's counted contacts with a row's client.
  func contactSpan(ofRow row: Int, member: Int) -> ContactSpan? {
    let log = input.contacts
    let first = countedDays.lowerBound
    let last = countedDays.upperBound
    var days: [Day] = []
    for contact in log.range(ofRow: row) {
      let day = log.days[contact]
      guard day >= first, day <= last, memberOfKind[Int(log.kindIndices[contact])] == member
      else { continue }
      days.append(day)
    }
    guard !days.isEmpty else { return nil }
    days.sort()
    var distinct = 1
    for i in 1..<days.count where days[i] != days[i - 1] { distinct += 1 }
    return ContactSpan(days: distinct, first: days[0], last: days[days.count - 1])
  }

  /// A person as a reason names them: "m-01 (owner; 3 contacts since 2026-01-04)".
  func personClause(row: Int, member: Int) -> String {
    let isOwner = input.owners[row] == Int32(truncatingIfNeeded: member)
    let name = team[member].manager.rawValue
    switch (isOwner, contactSpan(ofRow: row, member: member)) {
    case (true, let span?): return "\(name) (owner; \(span.description))"
    case (true, nil): return "\(name) (owner, no counted contact)"
    case (false, let span?): return "\(name) (\(span.description))"
    case (false, nil): return name
    }
  }

  /// Who deals with a row's client, naming each person with their counted contacts.
  ///
  /// - "dealt with by 2 people: m-01 (owner; 3 contacts since 2026-01-04), m-04 (1 contact on
  ///   2026-05-02)"
  /// - "dealt with by m-07 alone (owner; 3 contacts since 2026-03-01): leaves with m-07"
  /// - "dealt with by nobody on the team: no owner on it and no counted contact from
  ///   2025-11-01 to 2026-10-31"
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    let members = members(ofRow: row).map(Int.init).sorted {
      team[$0].manager < team[$1].manager
    }
    switch members.count {
    case 0:
      let span = "from \(countedDays.lowerBound) to \(countedDays.upperBound)"
      if let owner = input.owner(ofRow: row) {
        return "dealt with by nobody on the team: owned by \(owner), but owners count only "
          + "with contacts, and no counted contact \(span)"
      }
      return "dealt with by nobody on the team: no owner on it and no counted contact \(span)"
    case 1:
      let name = team[members[0]].manager
      let clause = personClause(row: row, member: members[0])
      let detail = clause.dropFirst(name.rawValue.count)
      return "dealt with by \(name) alone\(detail): leaves with \(name)"
    default:
      let names = members.map { personClause(row: row, member: $0) }.joined(separator: ", ")
      return "dealt with by \(members.count) people: \(names)"
    }
  }
}
