/// One client's entry in a win-back list: what ``WinBackList`` holds per row.
public struct WinBackEntry: Hashable, Sendable {
  /// Whether the client is a candidate (lapsed).
  public var isCandidate: Bool
  /// What the client is worth if won back, 0 or more.
  public var worth: Double
  /// The chance it comes back, within 0...1.
  public var chance: Double
  /// ``worth`` × ``chance``.
  public var expectedValue: Double
  /// The client's place in the ranked list, from 0, or `nil` when not listed.
  public var rank: Int?

  /// Creates an entry.
  ///
  /// - Parameters:
  ///   - isCandidate: Whether the client is a candidate.
  ///   - worth: What it is worth if won back.
  ///   - chance: The chance it comes back.
  ///   - expectedValue: Worth times chance.
  ///   - rank: The place in the ranked list, or `nil`.
  public init(isCandidate: Bool, worth: Double, chance: Double, expectedValue: Double, rank: Int?) {
    self.isCandidate = isCandidate
    self.worth = worth
    self.chance = chance
    self.expectedValue = expectedValue
    self.rank = rank
  }
}

/// The lapsed clients worth winning back, in columns aligned with the lifecycle's rows, the
/// most valuable ranked, with the total expected value.
///
/// ```swift
/// let list = StandardWinBack.standard.winBack(from: stages)
/// for row in list.ranked { print(list.ids[row], list.reason(forRow: row)) }
/// // c-7  lapsed since 2026-06-05, 210 days without a purchase; was regular; 4,124 a year;
/// //      chance of coming back 27% (12 of 40 lapsed regular clients came back within
/// //      365 days); 1,113 expected
/// list.totalExpectedValue    // over every candidate, listed or not
/// ```
public struct WinBackList<ID: Hashable & Sendable>: ClientResult {
  /// The lifecycle the candidates come from; its row space is the list's.
  public let lifecycle: LifecycleStages<ID>
  /// The base's record of lapses and returns the chances rest on, or `nil` when the policy
  /// does not say (reasons then give the chance alone).
  public let history: WinBackHistory?
  /// Whether each row is a candidate.
  public let isCandidate: ContiguousArray<Bool>
  /// What each row is worth if won back, 0 or more (0 for rows that are not candidates).
  public let worth: ContiguousArray<Double>
  /// The chance each row comes back, within 0...1.
  public let chance: ContiguousArray<Double>
  /// Each row's worth × chance.
  public let expectedValues: ContiguousArray<Double>
  /// The candidates with the largest expected values, largest first, at most the policy's
  /// number listed. Ties go to the larger worth, then the identifier's text, so the list does
  /// not depend on the row order.
  public let ranked: [Int]
  /// The number of candidates, listed or not.
  public let candidateCount: Int
  /// The expected value summed over every candidate, listed or not (compensated, so
  /// independent of the row order up to rounding).
  public let totalExpectedValue: Double
  /// The rank of each listed row, −1 for the others.
  let rankOfRow: ContiguousArray<Int32>

  /// Builds a list from a policy's per-row answers: the way a host's own ``WinBackPolicy``
  /// makes its result. The expected values, the ranking and the total are computed here.
  ///
  /// - Parameters:
  ///   - lifecycle: The lifecycle the candidates come from.
  ///   - maximumListed: The most clients in ``ranked``, 0 or more.
  ///   - history: The base's lapses and returns behind the chances, for reasons, or `nil`.
  ///   - assessment: For each row, whether it is a candidate, its worth if won back and its
  ///     chance of coming back.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for a negative `maximumListed`,
  ///   a candidate that is not lapsed, a worth that is negative or not finite, or a chance
  ///   outside 0...1.
  /// - Complexity: O(*n* log *k*) for *k* listed.
  public init(
    lifecycle: LifecycleStages<ID>, maximumListed: Int, history: WinBackHistory? = nil,
    assessment: (Int) -> (isCandidate: Bool, worth: Double, chance: Double)
  ) throws(RetentionError) {
    guard maximumListed >= 0 else {
      throw .invalidParameter("maximumListed", reason: "must be 0 or more, got \(maximumListed)")
    }
    let n = lifecycle.count
    var flags = ContiguousArray<Bool>()
    var worth = ContiguousArray<Double>()
    var chance = ContiguousArray<Double>()
    var values = ContiguousArray<Double>()
    for row in 0..<n {
      let answer = assessment(row)
      guard !answer.isCandidate || lifecycle.stages[row] == .lapsed else {
        throw .invalidParameter(
          "assessment",
          reason: "row \(row): a candidate must be lapsed, this one is \(lifecycle.stages[row])")
      }
      guard answer.worth >= 0, answer.worth.isFinite else {
        throw .invalidParameter(
          "assessment", reason: "row \(row): worth \(answer.worth) is negative or not finite")
      }
      guard answer.chance >= 0, answer.chance <= 1 else {
        throw .invalidParameter(
          "assessment", reason: "row \(row): chance \(answer.chance) is outside 0...1")
      }
      flags.append(answer.isCandidate)
      worth.append(answer.worth)
      chance.append(answer.chance)
      values.append(answer.worth * answer.chance)
    }
    self.init(
      trusted: lifecycle, history: history, maximumListed: maximumListed, isCandidate: flags,
      worth: worth, chance: chance, expectedValues: values)
  }

  /// Ranks and totals columns already checked.
  init(
    trusted lifecycle: LifecycleStages<ID>, history: WinBackHistory?, maximumListed: Int,
    isCandidate: ContiguousArray<Bool>, worth: ContiguousArray<Double>,
    chance: ContiguousArray<Double>, expectedValues: ContiguousArray<Double>
  ) {
    self.lifecycle = lifecycle
    self.history = history
    self.isCandidate = isCandidate
    self.worth = worth
    self.chance = chance
    self.expectedValues = expectedValues
    var sum = 0.0
    var compensation = 0.0
    var count = 0
    var heap = RankHeap(capacity: maximumListed)
    let ids = lifecycle.clients.ids
    // Whether row a ranks above row b.
    let above: (Int, Int) -> Bool = { a, b in
      if expectedValues[a] != expectedValues[b] { return expectedValues[a] > expectedValues[b] }
      if worth[a] != worth[b] { return worth[a] > worth[b] }
      return String(describing: ids[a]) < String(describing: ids[b])
    }
    for row in 0..<isCandidate.count where isCandidate[row] {
      count += 1
      let value = expectedValues[row]
      // Neumaier's compensated sum.
      let next = sum + value
      compensation += abs(sum) >= abs(value) ? (sum - next) + value : (value - next) + sum
      sum = next
      heap.offer(row, above: above)
    }
    let ranked = heap.sorted(above: above)
    var rankOfRow = ContiguousArray<Int32>(repeating: -1, count: isCandidate.count)
    for (rank, row) in ranked.enumerated() { rankOfRow[row] = Int32(truncatingIfNeeded: rank) }
    self.ranked = ranked
    self.rankOfRow = rankOfRow
    self.candidateCount = count
    self.totalExpectedValue = sum + compensation
  }

  /// The row space: the lifecycle's clients.
  public var clients: ClientIndex<ID> { lifecycle.clients }

  /// The entry of a row.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> WinBackEntry {
    WinBackEntry(
      isCandidate: isCandidate[row], worth: worth[row], chance: chance[row],
      expectedValue: expectedValues[row],
      rank: rankOfRow[row] < 0 ? nil : Int(rankOfRow[row]))
  }

  /// Why a row is worth winning back, naming the evidence: "lapsed since 2026-06-05, 210 days
  /// without a purchase; was regular; 4,124 a year; chance of coming back 27% (12 of 40
  /// lapsed regular clients came back within 365 days); 1,113 expected".
  ///
  /// With no lapse of the client's former stage old enough to judge, the parenthesis reads
  /// "(no lapsed regular client to learn from yet)". A row that is not a candidate reads "not
  /// lapsed: " and its stage.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    guard isCandidate[row] else {
      return lifecycle.stages[row] == .lapsed
        ? "lapsed, not a candidate" : "not lapsed: \(lifecycle.stages[row])"
    }
    let end = lifecycle.transitionOffsets[row + 1]
    let start = lifecycle.transitionOffsets[row]
    let since = Int(lifecycle.evidence.rhythm.daysSinceLast[row])
    var text = "lapsed"
    if end - 1 >= start { text += " since \(lifecycle.transitionDays[end - 1])" }
    text += ", \(LifecycleStages<ID>.daysText(since)) without a purchase"
    let was = end - 3 >= start ? lifecycle.transitionStages[end - 3] : nil
    if let was { text += "; was \(was)" }
    let measure = lifecycle.evidence.measure
    text += "; \(measure.text(worth[row])); chance of coming back "
    text += NumberText.percent(chance[row], places: 0)
    if let history, let was {
      let (lapses, returns) = history[was]
      if lapses == 0 {
        text += " (no lapsed \(was) client to learn from yet)"
      } else {
        text +=
          " (\(NumberText.grouped(returns)) of \(NumberText.grouped(lapses)) lapsed \(was) "
          + "clients came back within \(LifecycleStages<ID>.daysText(history.windowDays)))"
      }
    }
    return text + "; \(NumberText.decimal(expectedValues[row], places: 0)) expected"
  }
}
