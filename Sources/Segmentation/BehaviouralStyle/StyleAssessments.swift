/// The behavioural styles of many clients: one assessment per client, in the order the
/// clients were given, with counts per style.
///
/// Made by ``BehaviouralStylePolicy/assessments(for:observations:)``.
public struct StyleAssessments<ID: Hashable & Sendable>: Sendable {
  /// The client of each row.
  public let ids: [ID]
  /// Each client's assessment, aligned with ``ids``.
  public let assessments: ContiguousArray<StyleAssessment>
  /// The number of clients of each style; styles with no clients are absent.
  ///
  /// ``counts`` holds the same numbers with every style present, zero when empty.
  public let styleCounts: [BehaviouralStyle: Int]
  /// The number of clients whose style is undetermined.
  public let undeterminedCount: Int

  init(ids: [ID], assessments: ContiguousArray<StyleAssessment>) {
    self.ids = ids
    self.assessments = assessments
    // Counted in an array in the loop; the dictionary is built once from four numbers.
    var tally = [0, 0, 0, 0]
    var undetermined = 0
    for assessment in assessments {
      switch assessment.style {
      case .dominant: tally[0] += 1
      case .expressive: tally[1] += 1
      case .amiable: tally[2] += 1
      case .analytical: tally[3] += 1
      case nil: undetermined += 1
      }
    }
    var counts: [BehaviouralStyle: Int] = [:]
    for (style, count) in zip(
      [BehaviouralStyle.dominant, .expressive, .amiable, .analytical], tally)
    where count > 0 {
      counts[style] = count
    }
    self.styleCounts = counts
    self.undeterminedCount = undetermined
  }

  /// The number of clients.
  public var count: Int { ids.count }

  /// The number of clients of each style, with all four styles present (zero when no client
  /// has it).
  ///
  /// Unlike ``styleCounts``, which leaves out empty styles, every key is there so reports list
  /// the same styles each time. Clients whose style is undetermined are not a style and stay in
  /// ``undeterminedCount``, so the counts add up to ``count`` less ``undeterminedCount``.
  ///
  /// - Complexity: O(1): the counting was done when assessing.
  public var counts: [BehaviouralStyle: Int] {
    var counts = [BehaviouralStyle: Int](minimumCapacity: BehaviouralStyle.allCases.count)
    for style in BehaviouralStyle.allCases { counts[style] = styleCounts[style] ?? 0 }
    return counts
  }

  /// The row of a client, or `nil` when it is not among the rows.
  ///
  /// - Parameter id: The client.
  /// - Returns: Its row.
  /// - Complexity: O(*n*): a scan, since no index is kept; build a dictionary for many
  ///   look-ups.
  public func row(for id: ID) -> Int? { ids.firstIndex(of: id) }

  /// Why a row has its style.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The row's reason.
  public func reason(forRow row: Int) -> String { assessments[row].reason }
}

extension BehaviouralStylePolicy {
  /// Averages each client's observations and reads its style.
  ///
  /// Observations are averaged per client, each observation counting once; a client without
  /// observations gets means of 0 and a count of 0.
  ///
  /// - Parameters:
  ///   - clients: The clients to assess; each once.
  ///   - observations: Observations of those clients, in any order.
  /// - Returns: One assessment per client, aligned with `clients`.
  /// - Throws: ``SegmentationError/empty(_:)`` for no clients,
  ///   ``SegmentationError/duplicateClient(_:)``, ``SegmentationError/nonFiniteValue(row:value:)``
  ///   for a non-finite score (row = the observation's position),
  ///   ``SegmentationError/invalidParameter(_:reason:)`` for a score outside −1…+1, and
  ///   ``SegmentationError/unknownClients(count:example:)`` for observations of clients not
  ///   listed.
  /// - Complexity: O(*n* + *m*) with one hash look-up per client and per observation.
  public func assessments<ID>(
    for clients: [ID], observations: some Sequence<BehaviourObservation<ID>>
  ) throws(SegmentationError) -> StyleAssessments<ID> {
    guard !clients.isEmpty else { throw .empty("clients") }
    var rows = [ID: Int](minimumCapacity: clients.count)
    for (row, client) in clients.enumerated() {
      guard rows.updateValue(row, forKey: client) == nil else {
        throw .duplicateClient(String(describing: client))
      }
    }
    var sumsA = ContiguousArray<Double>(repeating: 0, count: clients.count)
    var sumsR = ContiguousArray<Double>(repeating: 0, count: clients.count)
    var counts = ContiguousArray<Int>(repeating: 0, count: clients.count)
    var unknown = 0
    var example: ID?
    for (index, observation) in observations.enumerated() {
      try Self.check(observation.assertiveness, row: index)
      try Self.check(observation.responsiveness, row: index)
      guard let row = rows[observation.client] else {
        unknown += 1
        if example == nil { example = observation.client }
        continue
      }
      sumsA[row] += observation.assertiveness
      sumsR[row] += observation.responsiveness
      counts[row] += 1
    }
    if let example {
      throw .unknownClients(count: unknown, example: String(describing: example))
    }
    var assessments = ContiguousArray<StyleAssessment>()
    assessments.reserveCapacity(clients.count)
    for row in clients.indices {
      let count = counts[row]
      let meanA = count > 0 ? sumsA[row] / Double(count) : 0
      let meanR = count > 0 ? sumsR[row] / Double(count) : 0
      assessments.append(
        assessment(assertiveness: meanA, responsiveness: meanR, observationCount: count))
    }
    return StyleAssessments(ids: clients, assessments: assessments)
  }

  private static func check(_ value: Double, row: Int) throws(SegmentationError) {
    guard value.isFinite else { throw .nonFiniteValue(row: row, value: value) }
    guard abs(value) <= 1 else {
      throw .invalidParameter("observation \(row)", reason: "score \(value) is outside −1…+1")
    }
  }
}
