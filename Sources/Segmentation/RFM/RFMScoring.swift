/// How one RFM measure becomes a score from 1 (worst) to 5 (best).
public enum RFMScoring: Hashable, Sendable, Codable {
  /// Quintiles of the base: about a fifth of the clients per score.
  ///
  /// With *n* clients in order from worst to best, the client at position *i* (from 0) would
  /// score 1 + ⌊5*i*/*n*⌋. Equal values always get equal scores: a tie group takes the score
  /// of its *worst* position. A large tie group therefore fills its score and can leave the
  /// scores it spans empty — when 60% of clients bought once, all of them score F 1 and F 2
  /// and F 3 stay empty. Each score holds *n*/5 clients, give or take the size of the largest
  /// tie group.
  case quintiles
  /// Fixed edges a host chose: four increasing numbers.
  ///
  /// Frequency and money score 1 plus the number of edges at or below the value
  /// (edges `[2, 3, 5, 8]`: 8 or more purchase days score 5, one scores 1). Recency scores
  /// 5 minus the number of edges the days exceed (edges `[30, 90, 180, 365]`: up to 30 days
  /// scores 5, more than a year scores 1).
  case edges([Double])

  /// Checks the settings.
  func validate(_ name: String) throws(SegmentationError) {
    guard case .edges(let edges) = self else { return }
    guard edges.count == 4 else {
      throw .invalidParameter(name, reason: "needs 4 edges, got \(edges.count)")
    }
    for index in edges.indices where !edges[index].isFinite {
      throw .invalidParameter(name, reason: "edge \(edges[index]) is not finite")
    }
    for index in 1..<4 where !(edges[index - 1] < edges[index]) {
      throw .invalidParameter(name, reason: "edges must increase, got \(edges)")
    }
  }

  /// Scores where a higher value is better.
  ///
  /// - Complexity: O(*n*) expected: four selections for quintiles, no sort.
  func scoresHigherIsBetter(_ values: ContiguousArray<Double>) -> ContiguousArray<UInt8> {
    let cutoffs: [Double]
    switch self {
    case .edges(let edges):
      // A value at an edge reaches it: `v > c` with c just below the edge.
      cutoffs = edges.map { $0.nextDown }
    case .quintiles:
      cutoffs = Self.quintileCutoffs(values)
    }
    return Self.scores(values, above: cutoffs)
  }

  /// The quintile cut-offs: the ⌈*s n* / 5⌉-th smallest value for *s* = 1...4; a value
  /// scores one more than the number of cut-offs it exceeds.
  static func quintileCutoffs(_ values: ContiguousArray<Double>) -> [Double] {
    let count = values.count
    guard count > 0 else { return [] }
    let ranks = (1...4).map { step in count - (step * count + 4) / 5 + 1 }
    return ValueClassKernels.largest(values, ranks: ranks, positiveOnly: false)
  }

  /// One plus the number of cut-offs each value exceeds.
  static func scores(_ values: ContiguousArray<Double>, above cutoffs: [Double])
    -> ContiguousArray<UInt8>
  {
    var scores = ContiguousArray<UInt8>(repeating: 1, count: values.count)
    guard cutoffs.count == 4 else { return scores }
    let (c1, c2, c3, c4) = (cutoffs[0], cutoffs[1], cutoffs[2], cutoffs[3])
    scores.withUnsafeMutableBufferPointer { out in
      values.withUnsafeBufferPointer { source in
        for row in source.indices {
          let value = source[row]
          // Conditional increments rather than branches: scores of shuffled clients are
          // unpredictable, and a mispredicted branch costs more than the comparison.
          let score =
            1 + (value > c1 ? 1 : 0) + (value > c2 ? 1 : 0) + (value > c3 ? 1 : 0)
            + (value > c4 ? 1 : 0)
          out[row] = UInt8(truncatingIfNeeded: score)
        }
      }
    }
    return scores
  }

  /// Quintile scores of whole numbers by counting: when the values span a modest range, a
  /// count per value gives each value's score directly, with no selection and no conversion.
  ///
  /// A value's score is 1 plus the number of quintile positions ⌈*s n* / 5⌉ that the count
  /// of strictly worse values reaches — the same rule as ``quintileCutoffs(_:)``.
  ///
  /// - Returns: The scores, or `nil` when the range is too wide to count.
  static func countedQuintileScores(_ values: ContiguousArray<Int32>, lowerIsBetter: Bool)
    -> ContiguousArray<UInt8>?
  {
    let count = values.count
    guard let lowest = values.min(), let highest = values.max() else { return [] }
    let span = Int(highest) - Int(lowest) + 1
    guard span <= Swift.max(1 << 16, 2 * count) else { return nil }
    var tally = ContiguousArray<Int>(repeating: 0, count: span)
    tally.withUnsafeMutableBufferPointer { tally in
      values.withUnsafeBufferPointer { source in
        for value in source { tally[Int(value) - Int(lowest)] += 1 }
      }
    }
    let positions = (1...4).map { ($0 * count + 4) / 5 }
    var scoreOfValue = ContiguousArray<UInt8>(repeating: 1, count: span)
    var worse = 0
    for step in 0..<span {
      let index = lowerIsBetter ? span - 1 - step : step
      scoreOfValue[index] = UInt8(truncatingIfNeeded: 1 + positions.filter { worse >= $0 }.count)
      worse += tally[index]
    }
    var scores = ContiguousArray<UInt8>(repeating: 1, count: count)
    scores.withUnsafeMutableBufferPointer { out in
      scoreOfValue.withUnsafeBufferPointer { table in
        values.withUnsafeBufferPointer { source in
          for row in source.indices { out[row] = table[Int(source[row]) - Int(lowest)] }
        }
      }
    }
    return scores
  }

  /// Scores of a whole-number column where a higher value is better (frequency).
  func scoresHigherIsBetter(_ values: ContiguousArray<Int32>) -> ContiguousArray<UInt8> {
    if case .quintiles = self,
      let scores = Self.countedQuintileScores(values, lowerIsBetter: false)
    {
      return scores
    }
    return scoresHigherIsBetter(ContiguousArray(values.lazy.map { Double($0) }))
  }

  /// Scores of a recency column (lower days are better).
  func recencyScores(_ days: ContiguousArray<Int32>) -> ContiguousArray<UInt8> {
    if case .quintiles = self,
      let scores = Self.countedQuintileScores(days, lowerIsBetter: true)
    {
      return scores
    }
    // Negated days turn "fewer days is better" into "higher is better"; Int32 → Double is
    // exact, and negation cannot overflow in Double.
    let negated = ContiguousArray(days.lazy.map { -Double($0) })
    switch self {
    case .quintiles:
      return Self.scores(negated, above: Self.quintileCutoffs(negated))
    case .edges(let edges):
      // Days ≤ edge reach it: −days ≥ −edge.
      return Self.scores(negated, above: edges.reversed().map { (-$0).nextDown })
    }
  }
}
