public import ClientBaseCore

/// The observations of a base's clients, averaged per client over a row space: the input of a
/// behavioural-style assessment.
///
/// Observations are checked once, here — every score finite and within −1…+1, every observed
/// client one of the clients — and reduced to each client's mean assertiveness, mean
/// responsiveness and number of observations, each observation counting once. A client
/// without observations has means of 0 and a count of 0.
///
/// ```swift
/// let observations = try BehaviourObservations(clients: clientIDs, observations: meetingLog)
/// let styles = StandardStyles.standard.assessments(for: observations)
/// ```
public struct BehaviourObservations<ID: Hashable & Sendable>: Sendable {
  /// The row space: the clients assessed.
  public let clients: ClientIndex<ID>
  /// Each row's mean assertiveness, −1…+1 (0 without observations).
  public let assertiveness: ContiguousArray<Double>
  /// Each row's mean responsiveness, −1…+1 (0 without observations).
  public let responsiveness: ContiguousArray<Double>
  /// Each row's number of observations.
  public let observationCounts: ContiguousArray<Int>

  /// Averages the observations of the host's clients.
  ///
  /// - Parameters:
  ///   - ids: The clients to assess, each once; none gives an empty input.
  ///   - observations: Observations of those clients, in any order.
  /// - Throws: ``SegmentationError/duplicateClient(_:)``,
  ///   ``SegmentationError/nonFiniteValue(at:value:)`` for a non-finite score (at
  ///   ``SegmentationError/ValuePosition/observation(_:client:)``: the observation's position
  ///   in `observations` and its client), ``SegmentationError/invalidParameter(_:reason:)`` for a score
  ///   outside −1…+1, and ``SegmentationError/unknownClients(count:example:)`` for
  ///   observations of clients not listed.
  /// - Complexity: O(*n* + *m*) with one hash per client and per observation.
  public init(clients ids: [ID], observations: some Sequence<BehaviourObservation<ID>>)
    throws(SegmentationError)
  {
    try self.init(clients: try SegmentationError.clientIndex(ids), observations: observations)
  }

  /// Averages the observations of the clients of an existing row space.
  ///
  /// - Parameters:
  ///   - clients: The row space of the clients to assess.
  ///   - observations: Observations of those clients, in any order.
  /// - Throws: As the initialiser over identifiers, never a duplicate client.
  /// - Complexity: O(*m*) with one hash per observation, plus O(*n*).
  public init(
    clients: ClientIndex<ID>, observations: some Sequence<BehaviourObservation<ID>>
  ) throws(SegmentationError) {
    var sumsA = ContiguousArray<Double>(repeating: 0, count: clients.count)
    var sumsR = ContiguousArray<Double>(repeating: 0, count: clients.count)
    var counts = ContiguousArray<Int>(repeating: 0, count: clients.count)
    var unknown = 0
    var example: ID?
    for (index, observation) in observations.enumerated() {
      try Self.check(observation.assertiveness, observation: index, of: observation.client)
      try Self.check(observation.responsiveness, observation: index, of: observation.client)
      guard let row = clients.row(for: observation.client) else {
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
    for row in counts.indices where counts[row] > 0 {
      sumsA[row] /= Double(counts[row])
      sumsR[row] /= Double(counts[row])
    }
    self.clients = clients
    self.assertiveness = sumsA
    self.responsiveness = sumsR
    self.observationCounts = counts
  }

  private static func check(_ value: Double, observation: Int, of client: ID)
    throws(SegmentationError)
  {
    guard value.isFinite else {
      throw .nonFiniteValue(
        at: .observation(observation, client: String(describing: client)), value: value)
    }
    guard abs(value) <= 1 else {
      throw .invalidParameter(
        "observation \(observation)", reason: "score \(value) is outside −1…+1")
    }
  }

  /// The number of clients.
  public var count: Int { clients.count }

  /// Whether there are no clients.
  public var isEmpty: Bool { clients.isEmpty }
}
