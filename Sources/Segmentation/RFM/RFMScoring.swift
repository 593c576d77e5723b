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
    var scratch = values
    return (1...4).map { step in
      let position = (step * count + 4) / 5
      return ValueClassKernels.kthLargest(&scratch, count - position + 1)
    }
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
          var score: UInt8 = 1
          if value > c1 { score += 1 }
          if value > c2 { score += 1 }
          if value > c3 { score += 1 }
          if value > c4 { score += 1 }
          out[row] = score
        }
      }
    }
    return scores
  }

  /// Scores of a recency column (lower days are better).
  func recencyScores(_ days: ContiguousArray<Int32>) -> ContiguousArray<UInt8> {
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
