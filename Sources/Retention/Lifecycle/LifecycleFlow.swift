/// How the clients moved between lifecycle stages over a period: the stage of every client on
/// the period's first day against its stage on the last, as a matrix of counts — the numbers
/// behind a flow (Sankey) picture.
///
/// ```swift
/// let flow = try stages.flow(from: try Day(iso8601: "2026-01-01"), to: stages.asOf)
/// flow[.regular, .atRisk]     // regular on 1 January, at risk now
/// flow[.prospect, .new]       // not yet clients on 1 January, new now
/// flow.moved                  // clients whose stage differs
/// ```
///
/// Every client of the result is counted once. A client whose first purchase came after the
/// first day is counted from ``LifecycleStage/prospect`` (not yet a client then, contacted or
/// not); the prospects who never bought are not rows and are not counted.
public struct LifecycleFlow: Hashable, Sendable, Codable {
  /// The first day of the period.
  public let start: Day
  /// The last day of the period.
  public let end: Day
  /// The clients in each pair of stages, from-stage major over `LifecycleStage.allCases`:
  /// `counts[from × 8 + to]`.
  public let counts: [Int]

  /// Creates a flow from its counts.
  ///
  /// - Parameters:
  ///   - start: The first day.
  ///   - end: The last day.
  ///   - counts: 64 counts, from-stage major over `LifecycleStage.allCases`; missing ones
  ///     are 0, extra ones ignored.
  public init(start: Day, end: Day, counts: [Int]) {
    self.start = start
    self.end = end
    var matrix = [Int](repeating: 0, count: 64)
    for index in 0..<Swift.min(64, counts.count) { matrix[index] = counts[index] }
    self.counts = matrix
  }

  private enum CodingKeys: String, CodingKey {
    case start, end, counts
  }

  /// Decodes a flow through ``init(start:end:counts:)``, so the matrix always has 64 counts.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      start: try container.decode(Day.self, forKey: .start),
      end: try container.decode(Day.self, forKey: .end),
      counts: try container.decode([Int].self, forKey: .counts))
  }

  /// The stages of the matrix's rows and columns: `LifecycleStage.allCases`.
  public var stages: [LifecycleStage] { LifecycleStage.allCases }

  /// The clients in stage `from` on ``start`` and in stage `to` on ``end``.
  ///
  /// - Parameters:
  ///   - from: The stage on the first day.
  ///   - to: The stage on the last day.
  public subscript(from: LifecycleStage, to: LifecycleStage) -> Int {
    counts[Int(from.index) * 8 + Int(to.index)]
  }

  /// The clients counted.
  public var total: Int { counts.reduce(0, +) }

  /// The clients whose stage on ``end`` differs from their stage on ``start``.
  public var moved: Int {
    var sum = 0
    for from in 0..<8 {
      for to in 0..<8 where from != to { sum += counts[from * 8 + to] }
    }
    return sum
  }

  /// The clients in each stage on ``start``, over `LifecycleStage.allCases`.
  public var startCounts: [Int] {
    (0..<8).map { from in (0..<8).reduce(0) { $0 + counts[from * 8 + $1] } }
  }

  /// The clients in each stage on ``end``, over `LifecycleStage.allCases`.
  public var endCounts: [Int] {
    (0..<8).map { to in (0..<8).reduce(0) { $0 + counts[$1 * 8 + to] } }
  }
}

extension LifecycleStages {
  /// How the clients moved between stages from one day to another.
  ///
  /// - Parameters:
  ///   - start: The first day of the period.
  ///   - end: The last day, on or after `start` and on or before ``asOf`` (the stages after
  ///     it are not known).
  /// - Returns: The stage-to-stage counts, adding up to the number of rows.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` when `end` precedes `start` or
  ///   follows ``asOf``.
  /// - Complexity: O(*n* + *t*) for *t* transitions.
  public func flow(from start: Day, to end: Day) throws(RetentionError) -> LifecycleFlow {
    guard start <= end else {
      throw .invalidParameter("end", reason: "\(end) precedes the start \(start)")
    }
    guard end <= asOf else {
      throw .invalidParameter(
        "end", reason: "\(end) follows the as-of day \(asOf): the stages then are not known")
    }
    var counts = [Int](repeating: 0, count: 64)
    transitionOffsets.withUnsafeBufferPointer { offsets in
      transitionDays.withUnsafeBufferPointer { days in
        transitionStages.withUnsafeBufferPointer { entered in
          for row in 0..<count {
            var from = 0
            var to = 0
            var position = offsets[row]
            let last = offsets[row + 1]
            while position < last, days[position] <= end {
              let stage = Int(entered[position].index)
              if days[position] <= start { from = stage }
              to = stage
              position += 1
            }
            counts[from &* 8 &+ to] &+= 1
          }
        }
      }
    }
    return LifecycleFlow(start: start, end: end, counts: counts)
  }
}
