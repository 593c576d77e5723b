/// What a client's worth in an at-risk list rests on.
public enum AtRiskValueBasis: String, Hashable, Sendable, Codable, CaseIterable {
  /// The model's lifetime value over P(alive): what the client is worth if still a client.
  case lifetimeValueIfAlive
  /// The model's lifetime value as it is.
  case lifetimeValue
  /// Past spend per year on the client's rhythm: mean net spend per purchase day times
  /// purchase days per year at the typical gap.
  case yearlySpend
  /// Past net spend in total (a client with no typical gap).
  case pastSpend
}

/// One client's entry in an at-risk list: what ``AtRiskList`` holds per row.
public struct AtRiskEntry: Hashable, Sendable {
  /// Whether the client is at risk.
  public var isAtRisk: Bool
  /// What the client is worth, 0 or more.
  public var worth: Double
  /// What ``worth`` rests on.
  public var basis: AtRiskValueBasis
  /// How likely the client is gone: 1 − P(alive), or 1 when no model's scores were given.
  public var probabilityGone: Double
  /// ``worth`` × ``probabilityGone``.
  public var valueAtRisk: Double
  /// The client's rhythm verdict.
  public var verdict: RhythmVerdict
  /// The client's place in the ranked list, from 0, or `nil` when not listed.
  public var rank: Int?

  /// Creates an entry.
  ///
  /// - Parameters:
  ///   - isAtRisk: Whether the client is at risk.
  ///   - worth: What the client is worth.
  ///   - basis: What the worth rests on.
  ///   - probabilityGone: How likely the client is gone.
  ///   - valueAtRisk: Worth times the chance of being gone.
  ///   - verdict: The rhythm verdict.
  ///   - rank: The place in the ranked list, or `nil`.
  public init(
    isAtRisk: Bool, worth: Double, basis: AtRiskValueBasis, probabilityGone: Double,
    valueAtRisk: Double, verdict: RhythmVerdict, rank: Int?
  ) {
    self.isAtRisk = isAtRisk
    self.worth = worth
    self.basis = basis
    self.probabilityGone = probabilityGone
    self.valueAtRisk = valueAtRisk
    self.verdict = verdict
    self.rank = rank
  }
}

/// The clients probably slipping away, in columns aligned with the evidence's rows, with the
/// most valuable of them ranked and the total value at risk.
///
/// ```swift
/// let list = StandardAtRisk.standard.atRisk(in: evidence)
/// list.ranked.first.map { list.reason(forRow: $0) }
/// // "bought every 31 days for 2 years, 94 days since the last: 3.0 gaps late — overdue;
/// //  P(alive) 12%; 4,200 a year at stake"
/// list.totalValueAtRisk    // over every client at risk, listed or not
/// ```
public struct AtRiskList<ID: Hashable & Sendable>: ClientResult {
  /// The evidence weighed; its row space is the list's.
  public let evidence: AtRiskEvidence<ID>
  /// Whether each row is at risk.
  public let isAtRisk: ContiguousArray<Bool>
  /// What each row is worth, 0 or more.
  public let worth: ContiguousArray<Double>
  /// What each row's worth rests on.
  public let bases: ContiguousArray<AtRiskValueBasis>
  /// How likely each row is gone: 1 − P(alive), or 1 without scores.
  public let probabilityGone: ContiguousArray<Double>
  /// Each row's worth × chance of being gone (whether at risk or not).
  public let valuesAtRisk: ContiguousArray<Double>
  /// The rows at risk with the largest values at risk, largest first, at most the policy's
  /// number listed. Ties go to the likelier gone, then the more overdue, then the identifier's
  /// text, so the list does not depend on the row order.
  public let ranked: [Int]
  /// The number of clients at risk, listed or not.
  public let atRiskCount: Int
  /// The value at risk summed over every client at risk, listed or not (compensated, so
  /// independent of the row order up to rounding).
  public let totalValueAtRisk: Double
  /// The rank of each listed row, −1 for the others.
  let rankOfRow: ContiguousArray<Int32>

  /// Builds a list from a policy's per-row answers: the way a host's own ``AtRiskPolicy``
  /// makes its result. The values at risk, the ranking and the total are computed here, so
  /// every policy ranks alike.
  ///
  /// - Parameters:
  ///   - evidence: The evidence weighed.
  ///   - maximumListed: The most clients in ``ranked``, 0 or more.
  ///   - assessment: For each row, whether it is at risk, its worth, what the worth rests on,
  ///     and how likely it is gone.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for a negative `maximumListed`,
  ///   a worth that is negative or not finite, or a chance of being gone outside 0...1.
  /// - Complexity: O(*n* log *k*) for *k* listed.
  public init(
    evidence: AtRiskEvidence<ID>, maximumListed: Int,
    assessment: (Int) -> (
      isAtRisk: Bool, worth: Double, basis: AtRiskValueBasis, probabilityGone: Double
    )
  ) throws(RetentionError) {
    guard maximumListed >= 0 else {
      throw .invalidParameter("maximumListed", reason: "must be 0 or more, got \(maximumListed)")
    }
    let n = evidence.count
    var flags = ContiguousArray<Bool>()
    var worth = ContiguousArray<Double>()
    var bases = ContiguousArray<AtRiskValueBasis>()
    var gone = ContiguousArray<Double>()
    var values = ContiguousArray<Double>()
    for row in 0..<n {
      let answer = assessment(row)
      guard answer.worth >= 0, answer.worth.isFinite else {
        throw .invalidParameter(
          "assessment", reason: "row \(row): worth \(answer.worth) is negative or not finite")
      }
      guard answer.probabilityGone >= 0, answer.probabilityGone <= 1 else {
        throw .invalidParameter(
          "assessment",
          reason: "row \(row): chance of being gone \(answer.probabilityGone) is outside 0...1")
      }
      flags.append(answer.isAtRisk)
      worth.append(answer.worth)
      bases.append(answer.basis)
      gone.append(answer.probabilityGone)
      values.append(answer.worth * answer.probabilityGone)
    }
    self.init(
      trusted: evidence, maximumListed: maximumListed, isAtRisk: flags, worth: worth,
      bases: bases, probabilityGone: gone, valuesAtRisk: values)
  }

  /// Ranks and totals columns already checked.
  init(
    trusted evidence: AtRiskEvidence<ID>, maximumListed: Int, isAtRisk: ContiguousArray<Bool>,
    worth: ContiguousArray<Double>, bases: ContiguousArray<AtRiskValueBasis>,
    probabilityGone: ContiguousArray<Double>, valuesAtRisk: ContiguousArray<Double>
  ) {
    self.evidence = evidence
    self.isAtRisk = isAtRisk
    self.worth = worth
    self.bases = bases
    self.probabilityGone = probabilityGone
    self.valuesAtRisk = valuesAtRisk
    var sum = 0.0
    var compensation = 0.0
    var count = 0
    var heap = RankHeap(capacity: maximumListed)
    let overdue = evidence.rhythm.overdue
    let ids = evidence.rhythm.clients.ids
    // Whether row a ranks above row b.
    let above: (Int, Int) -> Bool = { a, b in
      if valuesAtRisk[a] != valuesAtRisk[b] { return valuesAtRisk[a] > valuesAtRisk[b] }
      if probabilityGone[a] != probabilityGone[b] { return probabilityGone[a] > probabilityGone[b] }
      if overdue[a] != overdue[b] { return overdue[a] > overdue[b] }
      return String(describing: ids[a]) < String(describing: ids[b])
    }
    for row in 0..<isAtRisk.count where isAtRisk[row] {
      count += 1
      let value = valuesAtRisk[row]
      // Neumaier's compensated sum.
      let next = sum + value
      compensation += abs(sum) >= abs(value) ? (sum - next) + value : (value - next) + sum
      sum = next
      heap.offer(row, above: above)
    }
    let ranked = heap.sorted(above: above)
    var rankOfRow = ContiguousArray<Int32>(repeating: -1, count: isAtRisk.count)
    for (rank, row) in ranked.enumerated() { rankOfRow[row] = Int32(truncatingIfNeeded: rank) }
    self.ranked = ranked
    self.rankOfRow = rankOfRow
    self.atRiskCount = count
    self.totalValueAtRisk = sum + compensation
  }

  /// The row space: the evidence's clients.
  public var clients: ClientIndex<ID> { evidence.clients }

  /// The entry of a row.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> AtRiskEntry {
    AtRiskEntry(
      isAtRisk: isAtRisk[row], worth: worth[row], basis: bases[row],
      probabilityGone: probabilityGone[row], valueAtRisk: valuesAtRisk[row],
      verdict: evidence.rhythm.verdicts[row], rank: rankOfRow[row] < 0 ? nil : Int(rankOfRow[row]))
  }

  /// Why a row is at risk or not, naming the evidence: "bought every 31 days for 2 years, 94
  /// days since the last: 3.0 gaps late — overdue; P(alive) 12%; 4,200 a year at stake".
  ///
  /// A row that is not at risk reads "not at risk: " and the same evidence.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    let rhythm = evidence.rhythm
    var text =
      "\(rhythm.gapClause(forRow: row, span: true)), \(rhythm.recencyClause(forRow: row))"
    if evidence.hasScores {
      text += "; P(alive) \(NumberText.percent(evidence.probabilityAlive[row], places: 0))"
    }
    let atStake = NumberText.decimal(valuesAtRisk[row], places: 0)
    let worthText = NumberText.decimal(worth[row], places: 0)
    switch bases[row] {
    case .yearlySpend:
      text += "; \(atStake) a year at stake"
    case .pastSpend:
      text += "; \(atStake) of past spend at stake"
    case .lifetimeValueIfAlive:
      text += "; lifetime value if still a client \(worthText), \(atStake) at stake"
    case .lifetimeValue:
      text += "; lifetime value \(worthText), \(atStake) at stake"
    }
    return isAtRisk[row] ? text : "not at risk: " + text
  }
}

/// The best `capacity` rows seen so far, the worst of them on top.
struct RankHeap {
  let capacity: Int
  var rows: [Int] = []

  init(capacity: Int) {
    self.capacity = capacity
    rows.reserveCapacity(Swift.min(capacity, 1_024))
  }

  /// Keeps `row` when it ranks among the best `capacity`.
  mutating func offer(_ row: Int, above: (Int, Int) -> Bool) {
    guard capacity > 0 else { return }
    if rows.count < capacity {
      rows.append(row)
      var child = rows.count - 1
      // The heap's top is the worst row: a parent ranks below (or equal to) its children.
      while child > 0 {
        let parent = (child - 1) / 2
        guard above(rows[parent], rows[child]) else { break }
        rows.swapAt(parent, child)
        child = parent
      }
    } else if above(row, rows[0]) {
      rows[0] = row
      var parent = 0
      while true {
        let left = 2 * parent + 1
        guard left < rows.count else { break }
        var worst = left
        let right = left + 1
        if right < rows.count, above(rows[left], rows[right]) { worst = right }
        guard above(rows[parent], rows[worst]) else { break }
        rows.swapAt(parent, worst)
        parent = worst
      }
    }
  }

  /// The rows kept, best first.
  func sorted(above: (Int, Int) -> Bool) -> [Int] {
    rows.sorted(by: above)
  }
}
