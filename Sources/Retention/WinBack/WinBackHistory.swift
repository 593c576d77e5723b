/// How often the base's lapsed clients came back: for each stage a client held before it
/// lapsed, how many lapses are old enough to judge and how many of them ended in a win-back
/// within a window.
///
/// Read from a ``LifecycleStages``' transitions: a lapse is an ``LifecycleStage/lapsed``
/// transition (always preceded by ``LifecycleStage/atRisk``, itself preceded by the stage the
/// client held while it still bought); it is **old enough** when the window after it ends on
/// or before the as-of day, and it **came back** when the next transition is
/// ``LifecycleStage/wonBack`` within the window. Lapses too recent to judge are left out, so
/// the rate is not dragged down by clients who have not had the time to come back.
///
/// ```swift
/// let history = WinBackHistory(of: stages, windowDays: 365)
/// history[.regular]     // (lapses: 40, returns: 12): 12 of 40 lapsed regulars came back
/// ```
public struct WinBackHistory: Hashable, Sendable, Codable {
  /// The days after a lapse within which a return counts.
  public let windowDays: Int
  /// Lapses old enough to judge, per stage held before the lapse, over
  /// `LifecycleStage.allCases`.
  public let lapses: [Int]
  /// Of those, the lapses that ended in a win-back within the window, per stage held before.
  public let returns: [Int]

  /// Counts the lapses and returns in a lifecycle's transitions.
  ///
  /// - Parameters:
  ///   - stages: The lifecycle.
  ///   - windowDays: The days after a lapse within which a return counts; 1 or more (a
  ///     smaller value is taken as 1).
  ///   - threadCount: The most threads to use; the counts do not depend on it.
  /// - Complexity: O(*n* + *t*) for *t* transitions.
  public init<ID>(of stages: LifecycleStages<ID>, windowDays: Int, threadCount: Int = 1) {
    let window = Swift.max(windowDays, 1)
    let n = stages.count
    let parts = Swift.max(1, Swift.min(threadCount, n / 16_384))
    let asOf = Int(stages.asOf.daysSince1970)
    let tallies = stages.transitionOffsets.withUnsafeBufferPointer { offsets in
      stages.transitionDays.withUnsafeBufferPointer { days in
        stages.transitionStages.withUnsafeBufferPointer { entered in
          let view = TransitionView(offsets: offsets, days: days, stages: entered)
          return ParallelWork.map(parts: parts, threads: threadCount) { part in
            view.tally(
              rows: ParallelWork.range(of: part, in: parts, count: n), window: window, asOf: asOf)
          }
        }
      }
    }
    var lapses = [Int](repeating: 0, count: 8)
    var returns = [Int](repeating: 0, count: 8)
    for tally in tallies {
      for stage in 0..<8 {
        lapses[stage] += tally[stage]
        returns[stage] += tally[8 + stage]
      }
    }
    self.init(windowDays: window, lapses: lapses, returns: returns)
  }

  /// Creates a history from its counts.
  ///
  /// - Parameters:
  ///   - windowDays: The window in days.
  ///   - lapses: Lapses per stage over `LifecycleStage.allCases`; missing ones are 0, negative
  ///     ones taken as 0.
  ///   - returns: Returns per stage; each held within 0...lapses.
  public init(windowDays: Int, lapses: [Int], returns: [Int]) {
    self.windowDays = windowDays
    var keptLapses = [Int](repeating: 0, count: 8)
    var keptReturns = [Int](repeating: 0, count: 8)
    for stage in 0..<8 {
      keptLapses[stage] = stage < lapses.count ? Swift.max(lapses[stage], 0) : 0
      let back = stage < returns.count ? returns[stage] : 0
      keptReturns[stage] = Swift.min(Swift.max(back, 0), keptLapses[stage])
    }
    self.lapses = keptLapses
    self.returns = keptReturns
  }

  private enum CodingKeys: String, CodingKey {
    case windowDays, lapses, returns
  }

  /// Decodes a history through ``init(windowDays:lapses:returns:)``.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      windowDays: try container.decode(Int.self, forKey: .windowDays),
      lapses: try container.decode([Int].self, forKey: .lapses),
      returns: try container.decode([Int].self, forKey: .returns))
  }

  /// The lapses old enough to judge and the returns among them, of clients who held `stage`
  /// before they lapsed.
  ///
  /// - Parameter stage: The stage held before the lapse.
  public subscript(stage: LifecycleStage) -> (lapses: Int, returns: Int) {
    (lapses[Int(stage.index)], returns[Int(stage.index)])
  }

  /// Every lapse old enough to judge.
  public var totalLapses: Int { lapses.reduce(0, +) }

  /// Every return among them.
  public var totalReturns: Int { returns.reduce(0, +) }
}

/// The transitions, read by parts.
private struct TransitionView: @unchecked Sendable {
  let offsets: UnsafeBufferPointer<Int>
  let days: UnsafeBufferPointer<Day>
  let stages: UnsafeBufferPointer<LifecycleStage>

  /// Lapses (first 8) and returns (last 8) per stage held before the lapse.
  func tally(rows: Range<Int>, window: Int, asOf: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: 16)
    for row in rows {
      let start = offsets[row]
      let end = offsets[row + 1]
      var position = start + 2
      while position < end {
        if stages[position] == .lapsed {
          let lapsedOn = Int(days[position].daysSince1970)
          if lapsedOn + window <= asOf {
            let before = Int(stages[position - 2].index)
            counts[before] &+= 1
            if position + 1 < end, stages[position + 1] == .wonBack,
              Int(days[position + 1].daysSince1970) - lapsedOn <= window
            {
              counts[8 + before] &+= 1
            }
          }
        }
        position += 1
      }
    }
    return counts
  }
}
