/// Where a client stands on switching barriers: high value or not, low barriers or not.
///
/// `allCases` lists the standings in the order counts are given, the flagged one first; the
/// coded form is the case name.
public enum BarrierStanding: String, Hashable, Sendable, Codable, CaseIterable,
  CustomStringConvertible
{
  /// High value with low barriers: flagged, nothing much keeps the client from leaving.
  case exposed
  /// High value with barriers above the low mark.
  case anchored
  /// Not high value, with low barriers.
  case loose
  /// Not high value, with barriers above the low mark.
  case bound

  /// The standing in words: "exposed (high value, low barriers)" and so on.
  public var description: String {
    switch self {
    case .exposed: return "exposed (high value, low barriers)"
    case .anchored: return "anchored (high value, barriers above low)"
    case .loose: return "loose (low barriers)"
    case .bound: return "bound (barriers above low)"
    }
  }
}

/// One client's entry in a ``SwitchingBarriers`` result.
public struct BarrierEntry: Hashable, Sendable {
  /// The barrier score: finite, 0 or more.
  public var score: Double
  /// The number of the catalogue's services the client uses.
  public var serviceCount: Int
  /// What the client is worth, as the evidence says.
  public var value: Double
  /// Whether the client is high value.
  public var isHighValue: Bool
  /// Whether the client's barriers are low.
  public var hasLowBarriers: Bool
  /// The standing.
  public var standing: BarrierStanding

  /// Creates an entry.
  ///
  /// - Parameters:
  ///   - score: The barrier score.
  ///   - serviceCount: The number of services used.
  ///   - value: What the client is worth.
  ///   - isHighValue: Whether the client is high value.
  ///   - hasLowBarriers: Whether its barriers are low.
  ///   - standing: The standing.
  public init(
    score: Double, serviceCount: Int, value: Double, isHighValue: Bool, hasLowBarriers: Bool,
    standing: BarrierStanding
  ) {
    self.score = score
    self.serviceCount = serviceCount
    self.value = value
    self.isHighValue = isHighValue
    self.hasLowBarriers = hasLowBarriers
    self.standing = standing
  }
}

/// Every client's switching barriers in columns aligned with the evidence's rows, with the
/// high-value clients whose barriers are low flagged and, for each, the services that would
/// raise them.
///
/// ```swift
/// let barriers = StandardBarriers.standard.barriers(in: evidence)
/// barriers.flagged.first.map { barriers.reason(forRow: $0) }
/// // "high value (4,200; high from 3,100) with low barriers: uses 1 of 4 services
/// //  (online-ordering), score 1, low at 1 or less; would rise with credit-line (used by
/// //  64% of high-value clients), personal-manager (41%), trade-programme (12%)"
/// barriers.counts[.exposed]      // how many are flagged
/// ```
///
/// **Suggestions.** The services that would raise a client's barriers are those of the
/// catalogue it does not use with a weight above 0, the most common among the high-value
/// clients first — what clients like the best ones already use is the easiest to offer —
/// then the heavier, then by name. The same order holds for every client, so it is computed
/// once (``suggestionOrder``).
public struct SwitchingBarriers<ID: Hashable & Sendable>: ClassifiedResult {
  /// The evidence weighed; its row space is the result's.
  public let evidence: BarrierEvidence<ID>
  /// Each row's barrier score, finite and 0 or more.
  public let scores: ContiguousArray<Double>
  /// Whether each row is high value.
  public let isHighValue: ContiguousArray<Bool>
  /// Whether each row's barriers are low.
  public let hasLowBarriers: ContiguousArray<Bool>
  /// Each row's standing.
  public let standings: ContiguousArray<BarrierStanding>
  /// The weight of each service of the catalogue, in its order: what using it adds to the
  /// score under the policy, 0 or more.
  public let serviceWeights: [Double]
  /// The least value that counts as high under the policy, for the reasons, or `nil` when
  /// the policy has no single threshold or no client is high value.
  public let highValueFrom: Double?
  /// The highest score that counts as low under the policy, for the reasons, or `nil` when
  /// the policy has no single mark.
  public let lowScoreAtMost: Double?
  /// The exposed rows — high value, low barriers — the most valuable first; ties go to the
  /// identifier's text, so the list does not depend on the row order.
  public let flagged: [Int]
  /// The number of high-value clients.
  public let highValueCount: Int
  /// How many high-value clients use each service of the catalogue, in its order.
  public let highValueUptake: [Int]
  /// The catalogue's services with a weight above 0, as positions in the catalogue, in the
  /// order suggestions are made: most used among high-value clients first, then heavier,
  /// then by name.
  public let suggestionOrder: [Int]

  /// Builds a result from a policy's per-row answers: the way a host's own
  /// ``BarrierPolicy`` makes its result. The standings, the flagged list, the uptake among
  /// high-value clients and the suggestions are computed here, so every policy reports alike.
  ///
  /// - Parameters:
  ///   - evidence: The evidence weighed.
  ///   - serviceWeights: What each service of the catalogue adds to the score, in its order,
  ///     each finite and 0 or more; a service of weight 0 is never suggested.
  ///   - highValueFrom: The least high value, for the reasons, or `nil`.
  ///   - lowScoreAtMost: The highest low score, for the reasons, or `nil`.
  ///   - assessment: For each row, its score, whether it is high value, and whether its
  ///     barriers are low.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for weights that are not one
  ///   per service, finite and 0 or more, a threshold that is not finite, or a score that
  ///   is negative or not finite.
  /// - Complexity: O(*n* + *f* log *f*) for *f* flagged clients.
  public init(
    evidence: BarrierEvidence<ID>, serviceWeights: [Double], highValueFrom: Double?,
    lowScoreAtMost: Double?,
    assessment: (Int) -> (score: Double, isHighValue: Bool, hasLowBarriers: Bool)
  ) throws(RetentionError) {
    let catalogue = evidence.usage.services
    guard serviceWeights.count == catalogue.count else {
      throw .invalidParameter(
        "serviceWeights",
        reason: "has \(serviceWeights.count) weights for \(catalogue.count) services")
    }
    for (index, weight) in serviceWeights.enumerated() where !(weight >= 0 && weight.isFinite) {
      throw .invalidParameter(
        "serviceWeights",
        reason: "the weight of '\(catalogue[index])' must be finite and 0 or more, got \(weight)")
    }
    for (name, threshold) in [("highValueFrom", highValueFrom), ("lowScoreAtMost", lowScoreAtMost)]
    where !(threshold?.isFinite ?? true) {
      throw .invalidParameter(name, reason: "must be finite, got \(threshold ?? .nan)")
    }
    var scores = ContiguousArray<Double>()
    var high = ContiguousArray<Bool>()
    var low = ContiguousArray<Bool>()
    scores.reserveCapacity(evidence.count)
    high.reserveCapacity(evidence.count)
    low.reserveCapacity(evidence.count)
    for row in 0..<evidence.count {
      let answer = assessment(row)
      guard answer.score >= 0, answer.score.isFinite else {
        throw .invalidParameter(
          "assessment", reason: "row \(row): score \(answer.score) is negative or not finite")
      }
      scores.append(answer.score)
      high.append(answer.isHighValue)
      low.append(answer.hasLowBarriers)
    }
    self.init(
      trusted: evidence, serviceWeights: serviceWeights, highValueFrom: highValueFrom,
      lowScoreAtMost: lowScoreAtMost, scores: scores, isHighValue: high, hasLowBarriers: low)
  }

  /// Completes columns already checked: standings, the flagged list, the uptake among
  /// high-value clients and the order of suggestions.
  init(
    trusted evidence: BarrierEvidence<ID>, serviceWeights: [Double], highValueFrom: Double?,
    lowScoreAtMost: Double?, scores: ContiguousArray<Double>, isHighValue: ContiguousArray<Bool>,
    hasLowBarriers: ContiguousArray<Bool>
  ) {
    let usage = evidence.usage
    let n = evidence.count
    let offsets = usage.offsets
    let serviceIndices = usage.serviceIndices
    var standings = ContiguousArray<BarrierStanding>(repeating: .bound, count: n)
    var uptake = [Int](repeating: 0, count: usage.services.count)
    var flagged: [Int] = []
    var highCount = 0
    for row in 0..<n {
      switch (isHighValue[row], hasLowBarriers[row]) {
      case (true, true): standings[row] = .exposed
      case (true, false): standings[row] = .anchored
      case (false, true): standings[row] = .loose
      case (false, false): standings[row] = .bound
      }
      guard isHighValue[row] else { continue }
      highCount += 1
      if hasLowBarriers[row] { flagged.append(row) }
      for k in offsets[row]..<offsets[row + 1] { uptake[Int(serviceIndices[k])] += 1 }
    }
    self.flagged = rankedByValue(flagged, value: evidence.value, ids: usage.clients.ids)
    let catalogue = usage.services
    self.suggestionOrder = catalogue.indices.filter { serviceWeights[$0] > 0 }.sorted { a, b in
      if uptake[a] != uptake[b] { return uptake[a] > uptake[b] }
      if serviceWeights[a] != serviceWeights[b] { return serviceWeights[a] > serviceWeights[b] }
      return catalogue[a] < catalogue[b]
    }
    self.evidence = evidence
    self.scores = scores
    self.isHighValue = isHighValue
    self.hasLowBarriers = hasLowBarriers
    self.standings = standings
    self.serviceWeights = serviceWeights
    self.highValueFrom = highValueFrom
    self.lowScoreAtMost = lowScoreAtMost
    self.highValueCount = highCount
    self.highValueUptake = uptake
  }

  /// The row space: the evidence's clients.
  public var clients: ClientIndex<ID> { evidence.clients }

  /// The entry of a row.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> BarrierEntry {
    BarrierEntry(
      score: scores[row], serviceCount: evidence.usage.serviceCount(forRow: row),
      value: evidence.value[row], isHighValue: isHighValue[row],
      hasLowBarriers: hasLowBarriers[row], standing: standings[row])
  }

  /// Every standing, the flagged one first.
  public var scale: [BarrierStanding] { BarrierStanding.allCases }

  /// The standing of a row.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The standing; every row has one.
  public func label(forRow row: Int) -> BarrierStanding? { standings[row] }

  /// How many clients have each standing, adding up to the base.
  ///
  /// - Complexity: O(*n*).
  public var counts: LabelCounts<BarrierStanding> {
    var counts = [Int](repeating: 0, count: BarrierStanding.allCases.count)
    for standing in standings {
      switch standing {
      case .exposed: counts[0] += 1
      case .anchored: counts[1] += 1
      case .loose: counts[2] += 1
      case .bound: counts[3] += 1
      }
    }
    return LabelCounts(scale: scale, counts: counts)
  }

  /// The services that would raise a row's barriers: those it does not use with a weight
  /// above 0, in ``suggestionOrder``.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The services, the likeliest to be taken up first; empty when the row uses
  ///   every service that counts.
  public func suggestions(forRow row: Int) -> [Service] {
    suggestedPositions(forRow: row).map { evidence.usage.services[$0] }
  }

  /// The catalogue positions of a row's suggestions, in ``suggestionOrder``.
  private func suggestedPositions(forRow row: Int) -> [Int] {
    let usage = evidence.usage
    return suggestionOrder.filter { !usage.uses(row: row, service: $0) }
  }

  /// Why a row has its standing, naming the evidence.
  ///
  /// "high value (4,200; high from 3,100) with low barriers: uses 1 of 4 services
  /// (online-ordering), score 1, low at 1 or less; would rise with credit-line (used by 64% of
  /// high-value clients), personal-manager (41%)" for a flagged client; the other standings
  /// give the value and the services the same way, without the suggestions.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    let usage = evidence.usage
    let worth = NumberText.decimal(evidence.value[row], places: 0)
    var text = (isHighValue[row] ? "high value (" : "not high value (") + worth
    if let highValueFrom {
      text += "; high from \(NumberText.decimal(highValueFrom, places: 0))"
    }
    text += ")"
    text += hasLowBarriers[row] ? " with low barriers: " : " with barriers above low: "
    let used = usage[row]
    let total = usage.services.count
    let noun = total == 1 ? "service" : "services"
    text +=
      used.isEmpty
      ? "uses none of the \(total) \(noun)"
      : "uses \(used.count) of \(total) \(noun) ("
        + used.map(\.rawValue).joined(separator: ", ") + ")"
    text += ", score \(NumberText.decimal(scores[row], places: 2, dropsTrailingZeros: true))"
    if let lowScoreAtMost {
      let mark = NumberText.decimal(lowScoreAtMost, places: 2, dropsTrailingZeros: true)
      text += ", low at \(mark) or less"
    }
    guard standings[row] == .exposed else { return text }
    let suggested = suggestedPositions(forRow: row)
    guard !suggested.isEmpty else { return text + "; no other service to offer" }
    let parts = suggested.enumerated().map { place, service -> String in
      let share =
        highValueCount > 0 ? Double(highValueUptake[service]) / Double(highValueCount) : 0
      let percent = NumberText.percent(share, places: 0)
      let name = usage.services[service].rawValue
      return place == 0
        ? "\(name) (used by \(percent) of high-value clients)" : "\(name) (\(percent))"
    }
    return text + "; would rise with " + parts.joined(separator: ", ")
  }
}

/// `rows` ordered by value, largest first, ties by the identifier's text.
///
/// The sort compares plain numbers (a comparison that reached the identifiers would run
/// generic code for every pair); only runs of equal values compare the identifiers' texts.
func rankedByValue<ID>(_ rows: [Int], value: ContiguousArray<Double>, ids: [ID]) -> [Int] {
  let precedes = textOrder(of: ids)
  var keyed = rows.map { (value: value[$0], row: $0) }
  keyed.sort { $0.value > $1.value || ($0.value == $1.value && $0.row < $1.row) }
  var ranked = keyed.map(\.row)
  var start = 0
  while start < keyed.count {
    var end = start + 1
    while end < keyed.count, keyed[end].value == keyed[start].value { end += 1 }
    if end - start > 1 { ranked[start..<end].sort(by: precedes) }
    start = end
  }
  return ranked
}

/// Whether one row's identifier comes before another's by its text, then by row: a direct
/// comparison for `String` and integer identifiers (integers by their decimal text), else
/// through `String(describing:)`.
func textOrder<ID>(of ids: [ID]) -> (Int, Int) -> Bool {
  // A check of the type, not a cast of every element.
  if ID.self == String.self {
    let texts = unsafeBitCast(ids, to: [String].self)
    return { a, b in texts[a] < texts[b] || (texts[a] == texts[b] && a < b) }
  }
  if ID.self == Int.self {
    let numbers = unsafeBitCast(ids, to: [Int].self)
    // The order of decimal texts: "10" < "9", "-1" < "0".
    return { a, b in
      let x = String(numbers[a])
      let y = String(numbers[b])
      return x < y || (x == y && a < b)
    }
  }
  return { a, b in
    let x = String(describing: ids[a])
    let y = String(describing: ids[b])
    return x < y || (x == y && a < b)
  }
}
