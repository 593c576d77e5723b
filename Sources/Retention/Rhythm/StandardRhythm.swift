/// What a ``StandardRhythm`` does for a client with fewer gaps than its
/// ``StandardRhythm/minimumGaps``.
public enum RhythmFallback: String, Hashable, Sendable, Codable, CaseIterable {
  /// Judge the client on the base's typical gap: the median of the typical gaps of the
  /// clients who have enough gaps of their own (or, when no client has, the median of the
  /// typical gaps of every client with at least one gap).
  case baseTypicalGap
  /// Leave the client's rhythm ``RhythmVerdict/unknown``.
  case none
}

/// The purchase rhythm by the median gap between a client's purchase days.
///
/// A client's **typical gap** is the median of the gaps between its consecutive distinct
/// purchase days — the middle gap, or the mean of the two middle ones — so one odd gap (a
/// holiday, a stock-up) does not move it once the client has three gaps: a monthly buyer with
/// gaps 31, 31 and 200 days has a typical gap of 31 days. The client needs at least
/// ``minimumGaps`` gaps (3 by default) for a gap of its own.
///
/// A client with fewer gaps — a single purchase day, or two or three days — is judged on the
/// **base's typical gap** with ``RhythmFallback/baseTypicalGap`` (the default): the median of
/// the typical gaps of the clients who have their own, that is the rhythm of the base's
/// established buyers; when no client has enough gaps, the median of the typical gaps of
/// every client with at least one gap. With no gap anywhere (every client bought on one day
/// only) or with ``RhythmFallback/none``, the client's rhythm is ``RhythmVerdict/unknown``.
///
/// The **overdue ratio** is the days from the last purchase day to the as-of day over the
/// typical gap (1 = on rhythm, 3 = three gaps late). The verdict cuts it: below
/// ``lateFrom`` (1.5) on rhythm, below ``overdueFrom`` (2.5) late, below ``lostFrom`` (4)
/// overdue, lost from there. A monthly buyer 94 days out is 3.0 gaps late: overdue.
///
/// The result does not depend on the order of the rows or of the events, nor on the thread
/// count: every number is a function of the client's own days and of a median over the base.
public struct StandardRhythm: RhythmPolicy, Hashable, Codable {
  /// The fewest gaps a client needs for a typical gap of its own, at least 1; 3 by default
  /// (the fewest for which the median ignores one odd gap).
  public let minimumGaps: Int
  /// What to do for a client with fewer gaps; ``RhythmFallback/baseTypicalGap`` by default.
  public let fallback: RhythmFallback
  /// The overdue ratio from which a client is late, positive; 1.5 by default.
  public let lateFrom: Double
  /// The overdue ratio from which a client is overdue, at least ``lateFrom``; 2.5 by default.
  public let overdueFrom: Double
  /// The overdue ratio from which a client is lost, at least ``overdueFrom``; 4 by default.
  public let lostFrom: Double

  /// Creates the policy, checking its settings.
  ///
  /// - Parameters:
  ///   - minimumGaps: The fewest gaps for a typical gap of its own; 3 by default.
  ///   - fallback: What to do for clients with fewer gaps; the base's typical gap by default.
  ///   - lateFrom: The ratio from which a client is late; 1.5 by default.
  ///   - overdueFrom: The ratio from which a client is overdue; 2.5 by default.
  ///   - lostFrom: The ratio from which a client is lost; 4 by default.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` when `minimumGaps` is below 1,
  ///   a threshold is not positive and finite, or the thresholds are not in order.
  public init(
    minimumGaps: Int = 3, fallback: RhythmFallback = .baseTypicalGap, lateFrom: Double = 1.5,
    overdueFrom: Double = 2.5, lostFrom: Double = 4
  ) throws(RetentionError) {
    guard minimumGaps >= 1 else {
      throw .invalidParameter("minimumGaps", reason: "must be at least 1, got \(minimumGaps)")
    }
    try checkPositive(["lateFrom": lateFrom, "overdueFrom": overdueFrom, "lostFrom": lostFrom])
    guard lateFrom <= overdueFrom else {
      throw .invalidParameter(
        "overdueFrom", reason: "must be at least lateFrom (\(lateFrom)), got \(overdueFrom)")
    }
    guard overdueFrom <= lostFrom else {
      throw .invalidParameter(
        "lostFrom", reason: "must be at least overdueFrom (\(overdueFrom)), got \(lostFrom)")
    }
    self.init(unchecked: minimumGaps, fallback, lateFrom, overdueFrom, lostFrom)
  }

  private init(
    unchecked minimumGaps: Int, _ fallback: RhythmFallback, _ lateFrom: Double,
    _ overdueFrom: Double, _ lostFrom: Double
  ) {
    self.minimumGaps = minimumGaps
    self.fallback = fallback
    self.lateFrom = lateFrom
    self.overdueFrom = overdueFrom
    self.lostFrom = lostFrom
  }

  private enum CodingKeys: String, CodingKey {
    case minimumGaps, fallback, lateFrom, overdueFrom, lostFrom
  }

  /// Decodes a policy and checks it as
  /// ``init(minimumGaps:fallback:lateFrom:overdueFrom:lostFrom:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``RetentionError``
  ///   text when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let minimumGaps = try container.decode(Int.self, forKey: .minimumGaps)
    let fallback = try container.decode(RhythmFallback.self, forKey: .fallback)
    let late = try container.decode(Double.self, forKey: .lateFrom)
    let overdue = try container.decode(Double.self, forKey: .overdueFrom)
    let lost = try container.decode(Double.self, forKey: .lostFrom)
    do {
      try self.init(
        minimumGaps: minimumGaps, fallback: fallback, lateFrom: late, overdueFrom: overdue,
        lostFrom: lost)
    } catch {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description)
      )
    }
  }

  /// The defaults: own gap from 3 gaps, the base's typical gap otherwise, late from 1.5,
  /// overdue from 2.5, lost from 4.
  static let defaults = StandardRhythm(unchecked: 3, .baseTypicalGap, 1.5, 2.5, 4)

  /// The verdict for an overdue ratio.
  ///
  /// - Parameter ratio: Days since the last purchase over the typical gap, 0 or more.
  /// - Returns: On rhythm below ``lateFrom``, late below ``overdueFrom``, overdue below
  ///   ``lostFrom``, lost from there.
  @inlinable
  public func verdict(forOverdue ratio: Double) -> RhythmVerdict {
    if ratio < lateFrom { return .onRhythm }
    if ratio < overdueFrom { return .late }
    if ratio < lostFrom { return .overdue }
    return .lost
  }

  /// Judges every client's rhythm, splitting the rows over up to `threadCount` threads.
  ///
  /// - Parameters:
  ///   - days: Each client's distinct purchase days, as of a day.
  ///   - threadCount: The most threads to use, the calling thread included; the result does
  ///     not depend on it.
  /// - Returns: One rhythm per row of `days`, over its row space.
  /// - Complexity: O(*n* + *c*) for *n* purchase days and *c* clients, plus a sort of the
  ///   gaps of each client with more than two.
  public func rhythm<ID>(of days: PurchaseDays<ID>, threadCount: Int) -> PurchaseRhythm<ID> {
    let n = days.count
    let parts = ParallelWork.partCount(for: n, grain: 16_384)
    let policy = self
    var gaps = ContiguousArray<Double>(repeating: 0, count: n)
    var sources = ContiguousArray<GapSource>(repeating: .none, count: n)
    var counts = ContiguousArray<Int32>(repeating: 0, count: n)
    var spans = ContiguousArray<Int32>(repeating: 0, count: n)
    var since = ContiguousArray<Int32>(repeating: 0, count: n)
    var ratios = ContiguousArray<Double>(repeating: 0, count: n)
    var verdicts = ContiguousArray<RhythmVerdict>(repeating: .unknown, count: n)
    var fallbackGap: Double? = nil
    days.offsets.withUnsafeBufferPointer { offsets in
      days.days.withUnsafeBufferPointer { purchaseDays in
        gaps.withUnsafeMutableBufferPointer { gaps in
          sources.withUnsafeMutableBufferPointer { sources in
            counts.withUnsafeMutableBufferPointer { counts in
              spans.withUnsafeMutableBufferPointer { spans in
                since.withUnsafeMutableBufferPointer { since in
                  ratios.withUnsafeMutableBufferPointer { ratios in
                    verdicts.withUnsafeMutableBufferPointer { verdicts in
                      let columns = RhythmColumns(
                        offsets: offsets, days: purchaseDays, asOf: days.asOf.daysSince1970,
                        gaps: gaps, sources: sources, counts: counts, spans: spans,
                        since: since, ratios: ratios, verdicts: verdicts)
                      _ = ParallelWork.map(parts: parts, threads: threadCount) { part in
                        columns.measure(rows: ParallelWork.range(of: part, in: parts, count: n))
                      }
                      let base = policy.baseGap(columns, count: n)
                      fallbackGap = base
                      _ = ParallelWork.map(parts: parts, threads: threadCount) { part in
                        columns.judge(
                          rows: ParallelWork.range(of: part, in: parts, count: n),
                          policy: policy, fallbackGap: base)
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return PurchaseRhythm(
      trusted: days.clients, asOf: days.asOf, fallbackGap: fallbackGap, typicalGaps: gaps,
      gapSources: sources, purchaseDayCounts: counts, spanDays: spans, daysSinceLast: since,
      overdue: ratios, verdicts: verdicts)
  }

  /// The base's typical gap for clients with too few gaps, from the measured own gaps; `nil`
  /// with ``RhythmFallback/none`` or when no client has a gap.
  fileprivate func baseGap(_ columns: RhythmColumns, count: Int) -> Double? {
    guard fallback == .baseTypicalGap else { return nil }
    let established = Int32(clamping: Swift.min(minimumGaps, Int(Int32.max) - 1) + 1)
    return medianGap(columns, count: count, minimumDays: established)
      ?? medianGap(columns, count: count, minimumDays: 2)
  }

  /// The median own gap of the rows with at least `minimumDays` purchase days, or `nil` when
  /// there is none.
  ///
  /// Own gaps are whole or half days, so twice each is an integer: they are counted in a
  /// histogram (gaps under 8,192 days) and the rare longer ones sorted, which selects the
  /// median in O(*n*) without sorting the base.
  private func medianGap(_ columns: RhythmColumns, count: Int, minimumDays: Int32) -> Double? {
    let bins = 16_384
    var histogram = [Int](repeating: 0, count: bins)
    var longer: [Int] = []
    var total = 0
    for row in 0..<count where columns.counts[row] >= minimumDays {
      let doubled = Int(columns.gaps[row] * 2)
      if doubled < bins { histogram[doubled] += 1 } else { longer.append(doubled) }
      total += 1
    }
    guard total > 0 else { return nil }
    longer.sort()
    func element(_ rank: Int) -> Int {
      var seen = 0
      for bin in 0..<bins {
        seen += histogram[bin]
        if rank < seen { return bin }
      }
      return longer[rank - seen]
    }
    return Double(element((total - 1) / 2) + element(total / 2)) / 4
  }
}

/// The kernel's view of the input and of the result's columns; each part writes only its own
/// rows.
private struct RhythmColumns: @unchecked Sendable {
  let offsets: UnsafeBufferPointer<Int>
  let days: UnsafeBufferPointer<Day>
  let asOf: Int32
  let gaps: UnsafeMutableBufferPointer<Double>
  let sources: UnsafeMutableBufferPointer<GapSource>
  let counts: UnsafeMutableBufferPointer<Int32>
  let spans: UnsafeMutableBufferPointer<Int32>
  let since: UnsafeMutableBufferPointer<Int32>
  let ratios: UnsafeMutableBufferPointer<Double>
  let verdicts: UnsafeMutableBufferPointer<RhythmVerdict>

  /// Counts, spans, days since the last purchase and the own median gap (0 without a gap).
  func measure(rows: Range<Int>) {
    var widest = 0
    for row in rows { widest = Swift.max(widest, offsets[row + 1] - offsets[row] - 1) }
    var scratch = ContiguousArray<Int32>(repeating: 0, count: Swift.max(widest, 1))
    scratch.withUnsafeMutableBufferPointer { scratch in
      for row in rows {
        let start = offsets[row]
        let end = offsets[row + 1]
        let first = days[start].daysSince1970
        let last = days[end - 1].daysSince1970
        counts[row] = Int32(truncatingIfNeeded: end - start)
        spans[row] = last &- first
        since[row] = asOf &- last
        let gapCount = end - start - 1
        switch gapCount {
        case 0:
          gaps[row] = 0
        case 1:
          gaps[row] = Double(last &- first)
        case 2:
          let a = days[start + 1].daysSince1970 &- first
          let b = last &- days[start + 1].daysSince1970
          gaps[row] = (Double(a) + Double(b)) / 2
        default:
          for k in 0..<gapCount {
            scratch[k] = days[start + k + 1].daysSince1970 &- days[start + k].daysSince1970
          }
          let run = UnsafeMutableBufferPointer(rebasing: scratch[0..<gapCount])
          sortRun(run)
          let middle = gapCount / 2
          gaps[row] =
            gapCount % 2 == 1
            ? Double(run[middle]) : (Double(run[middle - 1]) + Double(run[middle])) / 2
        }
      }
    }
  }

  /// Each row's typical gap, its source, the overdue ratio and the verdict.
  func judge(rows: Range<Int>, policy: StandardRhythm, fallbackGap: Double?) {
    let minimumGaps = policy.minimumGaps
    for row in rows {
      let gap: Double
      let source: GapSource
      if Int(counts[row]) - 1 >= minimumGaps {
        gap = gaps[row]
        source = .own
      } else if let fallbackGap {
        gap = fallbackGap
        source = .fallback
      } else {
        gap = 0
        source = .none
      }
      gaps[row] = gap
      sources[row] = source
      if source == .none {
        ratios[row] = 0
        verdicts[row] = .unknown
      } else {
        let ratio = Double(since[row]) / gap
        ratios[row] = ratio
        verdicts[row] = policy.verdict(forOverdue: ratio)
      }
    }
  }
}
