/// Which clients and prospects are target clients, taken as values from Segmentation's target
/// profile (or the host's own judgement), with when each client joined and, optionally, what
/// each is worth: the input of a ``TargetShareMonitorPolicy``.
///
/// ```swift
/// let evaluation = StandardTargetProfile(...).evaluation(of: profiles)
/// let mix = try TargetMix(
///   table: table, isTarget: evaluation.aligned(to: table.clients).map { $0 == true },
///   values: margins, targetProspects: targetLeads)
/// // or, from a set of target ids covering clients and prospects alike:
/// let mix = try TargetMix(table: table, targets: targetIDs)
/// ```
///
/// The monitor never re-runs the profile: a Bool per row (or a set of ids) is all it needs,
/// so any rule a host trusts — Segmentation's `TargetProfilePolicy`, a CRM flag — feeds it.
public struct TargetMix<ID: Hashable & Sendable>: Sendable {
  /// The row space: the table's clients.
  public let clients: ClientIndex<ID>
  /// Each client's first purchase day: when it joined the base.
  public let firstDays: ContiguousArray<Day>
  /// Whether each client is a target client.
  public let isTarget: ContiguousArray<Bool>
  /// What each client is worth (a margin, a profit, a spend), or empty when not given.
  public let values: ContiguousArray<Double>
  /// The target clients among the prospects (contacted people who are not rows of the table).
  public let targetProspects: Set<ID>

  /// A mix from a Bool per row of a table.
  ///
  /// - Parameters:
  ///   - table: The base's per-client summary: the row space and the first purchase days.
  ///   - isTarget: Whether each row is a target client, in the table's row order.
  ///   - values: What each row is worth, finite, in row order; `nil` (the default) when not
  ///     known, which leaves out the check for falling value per client.
  ///   - targetProspects: The target clients among the prospects; none by default.
  /// - Throws: ``GrowthError/lengthMismatch(what:expected:actual:)`` for a column of another
  ///   length than the table, ``GrowthError/invalidParameter(_:reason:)`` naming the first
  ///   client whose value is not finite.
  /// - Complexity: O(*n*).
  public init(
    table: ClientTable<ID>, isTarget: some Collection<Bool>, values: [Double]? = nil,
    targetProspects: Set<ID> = []
  ) throws(GrowthError) {
    guard isTarget.count == table.count else {
      throw .lengthMismatch(what: "isTarget", expected: table.count, actual: isTarget.count)
    }
    var column = ContiguousArray<Double>()
    if let values {
      guard values.count == table.count else {
        throw .lengthMismatch(what: "values", expected: table.count, actual: values.count)
      }
      if let bad = values.firstIndex(where: { !$0.isFinite }) {
        throw .invalidParameter(
          "values", reason: "client \(table.clients.ids[bad]) has a value of \(values[bad])")
      }
      column = ContiguousArray(values)
    }
    self.clients = table.clients
    self.firstDays = table.firstDays
    self.isTarget = ContiguousArray(isTarget)
    self.values = column
    self.targetProspects = targetProspects
  }

  /// A mix from a set of target ids, covering clients and prospects alike.
  ///
  /// - Parameters:
  ///   - table: The base's per-client summary.
  ///   - targets: The target clients' and prospects' ids.
  ///   - values: What each row is worth, or `nil`.
  /// - Throws: As ``init(table:isTarget:values:targetProspects:)``.
  /// - Complexity: O(*n* + *t*) hash look-ups.
  public init(table: ClientTable<ID>, targets: Set<ID>, values: [Double]? = nil)
    throws(GrowthError)
  {
    let flags = table.clients.ids.map { targets.contains($0) }
    let prospects = targets.filter { table.clients.row(for: $0) == nil }
    try self.init(table: table, isTarget: flags, values: values, targetProspects: prospects)
  }

  /// The number of clients.
  public var count: Int { clients.count }

  /// Whether a contacted person is a target: a target row, or one of the target prospects.
  ///
  /// - Parameter id: The person.
  /// - Returns: Whether it is a target.
  public func isTarget(_ id: ID) -> Bool {
    if let row = clients.row(for: id) { return isTarget[row] }
    return targetProspects.contains(id)
  }
}
