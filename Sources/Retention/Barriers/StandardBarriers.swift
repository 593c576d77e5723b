/// Who counts as high value for ``StandardBarriers``.
///
/// A client worth 0 or less is never high value, whatever the cut.
public enum HighValueCut: Hashable, Sendable, Codable {
  /// The top share of clients by value, from 0 to 1: with *n* clients, those worth at least
  /// the ⌈share × *n*⌉-th largest value. Clients tied with it are all in, so ties can make the
  /// group a little larger than the share; it never depends on the row order.
  case topShare(Double)
  /// Every client worth at least this much (finite).
  case atLeast(Double)
}

/// The default barrier rule: a weighted count of the services a client uses, low at 1 or
/// less, judged for the top 20% of clients by value.
///
/// A client's **score** is the sum of the ``weights`` of the catalogue's services it uses,
/// each service not listed weighing ``defaultWeight`` (1): by default simply the number of
/// services. Weights say that some services bind harder than others — a credit line that
/// would have to be refinanced elsewhere weighs more than online ordering, which every
/// competitor has:
///
/// ```swift
/// let policy = try StandardBarriers(
///   weights: [.creditLine: 3, .tradeProgramme: 2, .onlineOrdering: 0.5], lowScoreAtMost: 2)
/// ```
///
/// A score at or below ``lowScoreAtMost`` (1) is **low**. The **high-value** clients are
/// those of ``highValue`` (the top 20% by value); a high-value client with low barriers is
/// **exposed** and flagged, with the services that would raise its score (see
/// ``SwitchingBarriers``).
public struct StandardBarriers: BarrierPolicy, Hashable, Codable {
  /// The weight of each service listed, finite and 0 or more; empty by default.
  public let weights: [Service: Double]
  /// The weight of a service not in ``weights``, finite and 0 or more; 1 by default.
  public let defaultWeight: Double
  /// The highest score that counts as low, finite; 1 by default (one service or none).
  public let lowScoreAtMost: Double
  /// Who counts as high value; the top 20% by value by default.
  public let highValue: HighValueCut

  /// Creates the policy, checking its settings.
  ///
  /// - Parameters:
  ///   - weights: The weight of each service listed; empty by default.
  ///   - defaultWeight: The weight of a service not listed; 1 by default.
  ///   - lowScoreAtMost: The highest low score; 1 by default.
  ///   - highValue: Who counts as high value; the top 20% by default.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for a weight that is negative
  ///   or not finite, a low mark that is not finite, a top share outside 0...1, or a value
  ///   threshold that is not finite.
  public init(
    weights: [Service: Double] = [:], defaultWeight: Double = 1, lowScoreAtMost: Double = 1,
    highValue: HighValueCut = .topShare(0.2)
  ) throws(RetentionError) {
    for service in weights.keys.sorted() {
      let weight = weights[service] ?? 0
      guard weight >= 0, weight.isFinite else {
        throw .invalidParameter(
          "weights",
          reason: "the weight of '\(service)' must be finite and 0 or more, got \(weight)")
      }
    }
    guard defaultWeight >= 0, defaultWeight.isFinite else {
      throw .invalidParameter(
        "defaultWeight", reason: "must be finite and 0 or more, got \(defaultWeight)")
    }
    guard lowScoreAtMost.isFinite else {
      throw .invalidParameter("lowScoreAtMost", reason: "must be finite, got \(lowScoreAtMost)")
    }
    switch highValue {
    case .topShare(let share):
      guard share >= 0, share <= 1 else {
        throw .invalidParameter(
          "highValue", reason: "the top share must be within 0...1, got \(share)")
      }
    case .atLeast(let threshold):
      guard threshold.isFinite else {
        throw .invalidParameter(
          "highValue", reason: "the threshold must be finite, got \(threshold)")
      }
    }
    self.init(unchecked: weights, defaultWeight, lowScoreAtMost, highValue)
  }

  private init(
    unchecked weights: [Service: Double], _ defaultWeight: Double, _ lowScoreAtMost: Double,
    _ highValue: HighValueCut
  ) {
    self.weights = weights
    self.defaultWeight = defaultWeight
    self.lowScoreAtMost = lowScoreAtMost
    self.highValue = highValue
  }

  private enum CodingKeys: String, CodingKey {
    case weights, defaultWeight, lowScoreAtMost, highValue
  }

  /// Decodes a policy and checks it as
  /// ``init(weights:defaultWeight:lowScoreAtMost:highValue:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``RetentionError``
  ///   text when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let weights = try container.decode([Service: Double].self, forKey: .weights)
    let defaultWeight = try container.decode(Double.self, forKey: .defaultWeight)
    let low = try container.decode(Double.self, forKey: .lowScoreAtMost)
    let highValue = try container.decode(HighValueCut.self, forKey: .highValue)
    do {
      try self.init(
        weights: weights, defaultWeight: defaultWeight, lowScoreAtMost: low,
        highValue: highValue)
    } catch {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description)
      )
    }
  }

  /// The defaults: every service weighs 1, low at 1 or less, the top 20% high value.
  static let defaults = StandardBarriers(unchecked: [:], 1, 1, .topShare(0.2))

  /// The weight of a service under this policy.
  ///
  /// - Parameter service: A service.
  /// - Returns: Its weight in ``weights``, or ``defaultWeight``.
  public func weight(of service: Service) -> Double {
    weights[service] ?? defaultWeight
  }

  /// The least value of a high-value client in `values`, or `nil` when none is high value.
  ///
  /// - Parameter values: What each client is worth, finite.
  /// - Returns: The threshold: a client is high value when worth at least this and more
  ///   than 0.
  /// - Complexity: O(*n*) on average (a selection, not a sort).
  public func highValueThreshold(in values: ContiguousArray<Double>) -> Double? {
    let cut: Double
    switch highValue {
    case .atLeast(let threshold):
      cut = threshold
    case .topShare(let share):
      let wanted = Int((share * Double(values.count)).rounded(.up))
      guard wanted > 0 else { return nil }
      cut = largestValue(Swift.min(wanted, values.count), in: values)
    }
    // A client worth 0 or less is never high value: the least high value is the least
    // value above 0 from the cut up.
    var least: Double?
    for value in values where value >= cut && value > 0 {
      if least.map({ value < $0 }) ?? true { least = value }
    }
    return least
  }

  /// Scores every client and flags the exposed ones, splitting the rows over up to
  /// `threadCount` threads.
  ///
  /// - Parameters:
  ///   - evidence: The services and value of every client.
  ///   - threadCount: The most threads to use, the calling thread included; the result does
  ///     not depend on it.
  /// - Returns: One entry per row, and the flagged clients.
  /// - Complexity: O(*n* + *u* + *f* log *f*) for *u* uses and *f* flagged clients.
  public func barriers<ID>(in evidence: BarrierEvidence<ID>, threadCount: Int)
    -> SwitchingBarriers<ID>
  {
    let usage = evidence.usage
    let serviceWeights = usage.services.map { weight(of: $0) }
    let threshold = highValueThreshold(in: evidence.value)
    let n = evidence.count
    var scores = ContiguousArray<Double>(repeating: 0, count: n)
    var high = ContiguousArray<Bool>(repeating: false, count: n)
    var low = ContiguousArray<Bool>(repeating: false, count: n)
    let parts = ParallelWork.partCount(for: n, grain: 16_384)
    let mark = lowScoreAtMost
    let weightColumn = ContiguousArray(serviceWeights)
    // The kernel reads and writes through plain pointers: in code generic over the client's
    // identifier, reaching the columns through the evidence on every row would retain and
    // release them each time.
    usage.offsets.withUnsafeBufferPointer { offsets in
      usage.serviceIndices.withUnsafeBufferPointer { services in
        weightColumn.withUnsafeBufferPointer { weights in
          evidence.value.withUnsafeBufferPointer { values in
            scores.withUnsafeMutableBufferPointer { scores in
              high.withUnsafeMutableBufferPointer { high in
                low.withUnsafeMutableBufferPointer { low in
                  let columns = BarrierColumns(
                    offsets: offsets, services: services, weights: weights, values: values,
                    scores: scores, high: high, low: low)
                  _ = ParallelWork.map(parts: parts, threads: threadCount) { part in
                    columns.score(
                      rows: ParallelWork.range(of: part, in: parts, count: n),
                      highFrom: threshold, lowAtMost: mark)
                  }
                }
              }
            }
          }
        }
      }
    }
    return SwitchingBarriers(
      trusted: evidence, serviceWeights: serviceWeights, highValueFrom: threshold,
      lowScoreAtMost: lowScoreAtMost, scores: scores, isHighValue: high, hasLowBarriers: low)
  }
}

/// The barrier kernel's columns: the usage and values it reads, and the columns it writes,
/// of which each part writes only its own rows.
private struct BarrierColumns: @unchecked Sendable {
  let offsets: UnsafeBufferPointer<Int>
  let services: UnsafeBufferPointer<Int32>
  let weights: UnsafeBufferPointer<Double>
  let values: UnsafeBufferPointer<Double>
  let scores: UnsafeMutableBufferPointer<Double>
  let high: UnsafeMutableBufferPointer<Bool>
  let low: UnsafeMutableBufferPointer<Bool>

  /// Scores `rows`: the sum of the weights of each row's services, whether it is worth at
  /// least `highFrom` (never when `nil`), and whether its score is at most `lowAtMost`.
  func score(rows: Range<Int>, highFrom: Double?, lowAtMost: Double) {
    let threshold = highFrom ?? .infinity
    let isAnyHigh = highFrom != nil
    for row in rows {
      var score = 0.0
      for k in offsets[row]..<offsets[row + 1] {
        score += weights[Int(services[k])]
      }
      scores[row] = score
      high[row] = isAnyHigh && values[row] >= threshold
      low[row] = score <= lowAtMost
    }
  }
}

/// The `k`-th largest of `values` (`k` from 1 to the count), by a three-way quickselect with
/// a median-of-three pivot that falls back to a sort when the partitions stop shrinking, so
/// it is O(*n*) on average and O(*n* log *n*) at worst. `values` must be free of NaN.
func largestValue(_ k: Int, in values: ContiguousArray<Double>) -> Double {
  var copy = values
  let target = k - 1
  return copy.withUnsafeMutableBufferPointer { a -> Double in
    var low = 0
    var high = a.count - 1
    var budget = 2 * (Int.bitWidth - a.count.leadingZeroBitCount) + 2
    while low < high {
      if budget == 0 {
        a[low...high].sort(by: >)
        return a[target]
      }
      budget -= 1
      let middle = low + (high - low) / 2
      let x = a[low]
      let y = a[middle]
      let z = a[high]
      let pivot = Swift.max(Swift.min(x, y), Swift.min(Swift.max(x, y), z))
      // Larger than the pivot, then equal, then smaller: descending order.
      var above = low
      var i = low
      var below = high
      while i <= below {
        if a[i] > pivot {
          a.swapAt(above, i)
          above += 1
          i += 1
        } else if a[i] < pivot {
          a.swapAt(i, below)
          below -= 1
        } else {
          i += 1
        }
      }
      if target < above {
        high = above - 1
      } else if target > below {
        low = below + 1
      } else {
        return pivot
      }
    }
    return a[target]
  }
}
