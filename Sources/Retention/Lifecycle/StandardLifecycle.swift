/// The default lifecycle: each client's purchase days replayed in order against its own
/// rhythm, with recommendations and value deciding who is a partner.
///
/// **The replay.** A client is ``LifecycleStage/new`` on its first purchase day. On each later
/// purchase day it climbs the ladder:
/// - ``LifecycleStage/repeat`` — bought again;
/// - ``LifecycleStage/regular`` — the current run of purchases (since the first purchase, or
///   since the purchase that ended the last lapse) has at least ``regularMinimumPurchaseDays``
///   purchase days (5) spanning at least ``regularMinimumSpanDays`` days (180: a rhythm that
///   has held for half a year), and the client has a typical gap of its own (the rhythm's
///   `GapSource.own`: a rhythm measured on its own gaps, not the base's);
/// - ``LifecycleStage/partner`` — regular, high value by ``highValue`` (the top 20% of the
///   base by the evidence's value column, and above 0), and has recommended at least
///   ``partnerMinimumReferrals`` different people (1). It becomes a partner on the later of
///   the day it became regular and the day of that recommendation; a recommendation made
///   between purchases makes a regular client a partner on the recommendation's day.
///
/// Silence moves it down, measured in the client's **typical gap** (the rhythm's, as of the
/// as-of day: the history is judged against the rhythm the client has now):
/// - ``LifecycleStage/atRisk`` on the day the days since its last purchase reach
///   ⌈``atRiskFrom`` × gap⌉ (2.5 gaps: the rhythm's "overdue");
/// - ``LifecycleStage/lapsed`` on the day they reach ⌈``lapsedFrom`` × gap⌉ (4 gaps: the
///   rhythm's "lost"), at least one day after it became at risk.
///
/// A purchase after a lapse makes it ``LifecycleStage/wonBack`` on that day and starts a new
/// run; the next purchase of the run makes it repeat again (or regular, or partner, once the
/// run qualifies). A purchase while at risk (not lapsed) returns it to the ladder stage its
/// run earns. A purchase on the very day the client would have become at risk comes first:
/// it is not at risk that day.
///
/// The stage on the as-of day follows the same rules: a client silent since its last
/// purchase is at risk or lapsed by the as-of day by the same multiples of its gap. A monthly
/// buyer (gap 31 days) 94 days after its last purchase is 3.0 gaps out: at risk since day 78,
/// lapsed from day 124.
///
/// **Edge cases.** A client with one purchase day is new until silence moves it (on the
/// base's typical gap, when the rhythm falls back to it); a client without any typical gap
/// (the rhythm's `GapSource.none`) is never at risk or lapsed, having nothing to measure
/// silence against, and never regular. Recommendations are cleaned by ``ClientReferrals``
/// (duplicates once, self-referrals and unknown recommenders left out).
///
/// The result does not depend on the order of the rows or on the thread count: every client
/// is replayed from its own days alone, and the high-value cut-off is an order statistic of
/// the base.
public struct StandardLifecycle: LifecyclePolicy, Hashable, Codable {
  /// The silence, in typical gaps, from which a client is at risk; positive, 2.5 by default.
  public let atRiskFrom: Double
  /// The silence, in typical gaps, from which a client is lapsed; above ``atRiskFrom``, 4 by
  /// default.
  public let lapsedFrom: Double
  /// The fewest purchase days in a run for a regular client; at least 2, 5 by default.
  public let regularMinimumPurchaseDays: Int
  /// The fewest days from a run's first purchase day to its latest for a regular client; 0
  /// or more, 180 by default.
  public let regularMinimumSpanDays: Int
  /// The fewest different people a partner has recommended; at least 1, 1 by default.
  public let partnerMinimumReferrals: Int
  /// Which clients are high value; the top 20% by value by default.
  public let highValue: HighValueRule

  /// Creates the policy, checking its settings.
  ///
  /// - Parameters:
  ///   - atRiskFrom: Gaps of silence from which a client is at risk; 2.5 by default.
  ///   - lapsedFrom: Gaps of silence from which a client is lapsed; 4 by default.
  ///   - regularMinimumPurchaseDays: Purchase days in a run for a regular; 5 by default.
  ///   - regularMinimumSpanDays: Days a regular's run spans at least; 180 by default.
  ///   - partnerMinimumReferrals: People a partner has recommended at least; 1 by default.
  ///   - highValue: Which clients are high value; the top 20% by default.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` when a multiple is not
  ///   positive and finite, `lapsedFrom` is not above `atRiskFrom`, a minimum is below its
  ///   floor, or the high-value rule's share is outside 0...1 (its amount not finite).
  public init(
    atRiskFrom: Double = 2.5, lapsedFrom: Double = 4, regularMinimumPurchaseDays: Int = 5,
    regularMinimumSpanDays: Int = 180, partnerMinimumReferrals: Int = 1,
    highValue: HighValueRule = .topShare(0.2)
  ) throws(RetentionError) {
    try checkPositive(["atRiskFrom": atRiskFrom, "lapsedFrom": lapsedFrom])
    guard lapsedFrom > atRiskFrom else {
      throw .invalidParameter(
        "lapsedFrom", reason: "must be above atRiskFrom (\(atRiskFrom)), got \(lapsedFrom)")
    }
    guard regularMinimumPurchaseDays >= 2 else {
      throw .invalidParameter(
        "regularMinimumPurchaseDays",
        reason: "must be at least 2, got \(regularMinimumPurchaseDays)")
    }
    guard regularMinimumSpanDays >= 0 else {
      throw .invalidParameter(
        "regularMinimumSpanDays", reason: "must be 0 or more, got \(regularMinimumSpanDays)")
    }
    guard partnerMinimumReferrals >= 1 else {
      throw .invalidParameter(
        "partnerMinimumReferrals", reason: "must be at least 1, got \(partnerMinimumReferrals)")
    }
    try highValue.check()
    self.init(
      unchecked: atRiskFrom, lapsedFrom, regularMinimumPurchaseDays, regularMinimumSpanDays,
      partnerMinimumReferrals, highValue)
  }

  private init(
    unchecked atRiskFrom: Double, _ lapsedFrom: Double, _ regularMinimumPurchaseDays: Int,
    _ regularMinimumSpanDays: Int, _ partnerMinimumReferrals: Int, _ highValue: HighValueRule
  ) {
    self.atRiskFrom = atRiskFrom
    self.lapsedFrom = lapsedFrom
    self.regularMinimumPurchaseDays = regularMinimumPurchaseDays
    self.regularMinimumSpanDays = regularMinimumSpanDays
    self.partnerMinimumReferrals = partnerMinimumReferrals
    self.highValue = highValue
  }

  private enum CodingKeys: String, CodingKey {
    case atRiskFrom, lapsedFrom, regularMinimumPurchaseDays, regularMinimumSpanDays
    case partnerMinimumReferrals, highValue
  }

  /// Decodes a policy and checks it as the checking initialiser does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``RetentionError``
  ///   text when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let atRisk = try container.decode(Double.self, forKey: .atRiskFrom)
    let lapsed = try container.decode(Double.self, forKey: .lapsedFrom)
    let days = try container.decode(Int.self, forKey: .regularMinimumPurchaseDays)
    let span = try container.decode(Int.self, forKey: .regularMinimumSpanDays)
    let referrals = try container.decode(Int.self, forKey: .partnerMinimumReferrals)
    let highValue = try container.decode(HighValueRule.self, forKey: .highValue)
    do {
      try self.init(
        atRiskFrom: atRisk, lapsedFrom: lapsed, regularMinimumPurchaseDays: days,
        regularMinimumSpanDays: span, partnerMinimumReferrals: referrals, highValue: highValue)
    } catch {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description)
      )
    }
  }

  /// The defaults: at risk from 2.5 gaps, lapsed from 4, regular from 5 purchase days over 180
  /// days, partner from 1 recommendation in the top 20% by value.
  static let defaults = StandardLifecycle(unchecked: 2.5, 4, 5, 180, 1, .topShare(0.2))

  /// The days of silence after which a client with typical gap `gap` is at risk and lapsed:
  /// ⌈multiple × gap⌉, at least 1, the lapse at least a day after the risk; a huge product is
  /// held at a billion days (beyond any supported day).
  ///
  /// - Parameter gap: The typical gap in days, positive and finite.
  /// - Returns: The days from the last purchase to the day each stage is entered.
  public func silenceDays(forGap gap: Double) -> (atRisk: Int, lapsed: Int) {
    let atRisk = Self.days(atRiskFrom * gap)
    return (atRisk, Swift.max(Self.days(lapsedFrom * gap), atRisk + 1))
  }

  /// ⌈days⌉ as an integer within 1...1,000,000,000, for a positive `value` (or +∞).
  @inline(__always)
  static func days(_ value: Double) -> Int {
    guard value < 1_000_000_000 else { return 1_000_000_000 }
    // A truncation and a comparison: a ceiling without a call into the C library.
    let whole = Int(Swift.max(value, 1))
    return Double(whole) < value ? whole &+ 1 : whole
  }

  /// Replays every client's history, splitting the rows over up to `threadCount` threads.
  ///
  /// - Parameters:
  ///   - evidence: The purchase days, rhythm, values and referrals of every client.
  ///   - threadCount: The most threads to use, the calling thread included; the result does
  ///     not depend on it.
  /// - Returns: One stage and its transitions per row.
  /// - Complexity: O(*n* + *d*) for *n* clients and *d* purchase days, plus O(*n*) for the
  ///   high-value cut-off when some client has recommended enough people. The transition
  ///   columns are allocated with room for their bound, 3*d* + *n* entries, of which only
  ///   those written are touched.
  public func stages<ID>(for evidence: LifecycleEvidence<ID>, threadCount: Int)
    -> LifecycleStages<ID>
  {
    let n = evidence.count
    let candidates = partnerCandidates(evidence)
    // Every row is replayed from its own data, so the cut does not change the result: one
    // part per thread.
    let parts = Swift.max(1, Swift.min(threadCount, n / 16_384))
    let settings = KernelSettings(
      atRiskFrom: atRiskFrom, lapsedFrom: lapsedFrom,
      minimumDays: regularMinimumPurchaseDays, minimumSpan: regularMinimumSpanDays,
      asOf: Int(evidence.asOf.daysSince1970))
    // A row of k purchase days makes at most 3k + 1 transitions: new; for each later purchase
    // day an at-risk, a lapse and the purchase's own stage; after the last an at-risk and a
    // lapse; and one partner by recommendation between purchases (its day is fixed). Each
    // part writes from its rows' bound before it in one buffer of that bound; the parts are
    // then closed up. Only what is written is touched.
    let bound = 3 * evidence.days.days.count + n
    var stages = ContiguousArray<LifecycleStage>()
    var offsets = ContiguousArray<Int>()
    var entered = ContiguousArray<LifecycleStage>()
    var written = 0
    let days = ContiguousArray<Day>(unsafeUninitializedCapacity: bound) { dayBuffer, dayCount in
      entered = ContiguousArray(unsafeUninitializedCapacity: bound) { stageBuffer, stageCount in
        stages = ContiguousArray(unsafeUninitializedCapacity: n) { rowStages, rowCount in
          offsets = ContiguousArray(unsafeUninitializedCapacity: n + 1) { rowOffsets, count in
            written = replay(
              evidence, candidates: candidates, settings: settings, parts: parts,
              threadCount: threadCount,
              output: KernelOutput(
                days: dayBuffer, entered: stageBuffer, stages: rowStages, offsets: rowOffsets))
            count = n + 1
          }
          rowCount = n
        }
        stageCount = written
      }
      dayCount = written
    }
    return LifecycleStages(
      trusted: evidence, policy: self, highValueCutoff: candidates.cutoff, stages: stages,
      transitionOffsets: offsets, transitionDays: days, transitionStages: entered)
  }

  /// Runs the parts and closes them up; returns the number of transitions.
  private func replay<ID>(
    _ evidence: LifecycleEvidence<ID>,
    candidates: (cutoff: Double?, rows: ContiguousArray<Int32>, days: ContiguousArray<Int32>),
    settings: KernelSettings, parts: Int, threadCount: Int, output: KernelOutput
  ) -> Int {
    let n = evidence.count
    output.offsets[0] = 0
    let ends = evidence.days.offsets.withUnsafeBufferPointer { dayOffsets in
      evidence.days.days.withUnsafeBufferPointer { days in
        evidence.rhythm.typicalGaps.withUnsafeBufferPointer { gaps in
          evidence.rhythm.gapSources.withUnsafeBufferPointer { sources in
            candidates.rows.withUnsafeBufferPointer { partnerRows in
              candidates.days.withUnsafeBufferPointer { partnerDays in
                let kernel = LifecycleKernel(
                  settings: settings, dayOffsets: dayOffsets, days: days, gaps: gaps,
                  sources: sources, partnerRows: partnerRows, partnerDays: partnerDays,
                  output: output)
                return ParallelWork.map(parts: parts, threads: threadCount) { part in
                  kernel.replay(rows: ParallelWork.range(of: part, in: parts, count: n))
                }
              }
            }
          }
        }
      }
    }
    // Close up: move each later part down to the end of the one before.
    var end = ends.first ?? 0
    for part in ends.indices.dropFirst() {
      let rows = ParallelWork.range(of: part, in: parts, count: n)
      let start = 3 * evidence.days.offsets[rows.lowerBound] + rows.lowerBound
      let length = ends[part] - start
      let shift = start - end
      if shift > 0, length > 0, let days = output.days.baseAddress,
        let entered = output.entered.baseAddress
      {
        (days + end).moveInitialize(from: days + start, count: length)
        (entered + end).moveInitialize(from: entered + start, count: length)
        for row in rows { output.offsets[row + 1] &-= shift }
      }
      end += length
    }
    return end
  }

  /// The rows that are partners once regular — enough recommendations and high value — with
  /// the day of the recommendation that made enough, ascending by row; and the high-value
  /// cut-off, computed only when some client has recommended enough people.
  func partnerCandidates<ID>(_ evidence: LifecycleEvidence<ID>)
    -> (cutoff: Double?, rows: ContiguousArray<Int32>, days: ContiguousArray<Int32>)
  {
    let referrals = evidence.referrals
    let needed = partnerMinimumReferrals
    let referrers = referrals.referrerRows.count
    guard
      (0..<referrers).contains(where: {
        referrals.offsets[$0 + 1] - referrals.offsets[$0] >= needed
      })
    else { return (nil, [], []) }
    let cutoff = evidence.values.withUnsafeBufferPointer { highValue.cutoff(in: $0) }
    var rows = ContiguousArray<Int32>()
    var days = ContiguousArray<Int32>()
    guard let cutoff else { return (nil, rows, days) }
    for index in 0..<referrers {
      let start = referrals.offsets[index]
      guard referrals.offsets[index + 1] - start >= needed else { continue }
      let row = Int(referrals.referrerRows[index])
      let value = evidence.values[row]
      guard value > 0, value >= cutoff else { continue }
      rows.append(referrals.referrerRows[index])
      days.append(referrals.days[start + needed - 1].daysSince1970)
    }
    return (cutoff, rows, days)
  }

}

/// The settings the replay reads, as plain numbers.
private struct KernelSettings: Sendable {
  let atRiskFrom: Double
  let lapsedFrom: Double
  let minimumDays: Int
  let minimumSpan: Int
  let asOf: Int
}

/// Where the replay writes: the transitions (days and stages entered), each row's stage and
/// each row's end in the transitions.
private struct KernelOutput: @unchecked Sendable {
  let days: UnsafeMutableBufferPointer<Day>
  let entered: UnsafeMutableBufferPointer<LifecycleStage>
  let stages: UnsafeMutableBufferPointer<LifecycleStage>
  let offsets: UnsafeMutableBufferPointer<Int>
}

/// The replay's view of the input and of the per-row columns; each part writes only its own
/// rows.
private struct LifecycleKernel: @unchecked Sendable {
  let settings: KernelSettings
  let dayOffsets: UnsafeBufferPointer<Int>
  let days: UnsafeBufferPointer<Day>
  let gaps: UnsafeBufferPointer<Double>
  let sources: UnsafeBufferPointer<GapSource>
  let partnerRows: UnsafeBufferPointer<Int32>
  let partnerDays: UnsafeBufferPointer<Int32>
  let output: KernelOutput

  /// Replays some rows: writes their transitions from the bound of the rows before them
  /// (3 per purchase day and 1 per row), their stages, and each row's end in the transitions;
  /// returns the part's end.
  func replay(rows: Range<Int>) -> Int {
    let start = 3 * dayOffsets[rows.lowerBound] + rows.lowerBound
    guard let dayBase = output.days.baseAddress, let stageBase = output.entered.baseAddress
    else { return start }
    var writer = TransitionWriter(days: dayBase, stages: stageBase, count: start)
    replay(rows: rows, into: &writer)
    return writer.count
  }

  /// The replay proper; see ``StandardLifecycle``.
  private func replay(rows: Range<Int>, into out: inout TransitionWriter) {
    // The first candidate at or after the part's first row.
    var candidate = 0
    var high = partnerRows.count
    while candidate < high {
      let middle = (candidate + high) / 2
      if Int(partnerRows[middle]) < rows.lowerBound {
        candidate = middle + 1
      } else {
        high = middle
      }
    }
    let asOf = settings.asOf
    let minimumDays = settings.minimumDays
    let minimumSpan = settings.minimumSpan
    let atRiskFrom = settings.atRiskFrom
    let lapsedFrom = settings.lapsedFrom
    let never = 1 << 40
    // The silences of recent gaps, by a hash of the gap: a base has few distinct gaps (the
    // standard rhythm's are whole, half or quarter days), so most rows find theirs here.
    let cacheSize = 256
    let cachedGaps = UnsafeMutablePointer<UInt64>.allocate(capacity: cacheSize)
    let cachedSilences = UnsafeMutablePointer<(Int, Int)>.allocate(capacity: cacheSize)
    defer {
      cachedGaps.deallocate()
      cachedSilences.deallocate()
    }
    // An all-ones pattern is a NaN, never a typical gap.
    cachedGaps.initialize(repeating: .max, count: cacheSize)
    cachedSilences.initialize(repeating: (never, never), count: cacheSize)
    var end = dayOffsets[rows.lowerBound]
    for row in rows {
      let start = end
      end = dayOffsets[row &+ 1]
      let source = sources[row]
      var atRiskAfter = never
      var lapsedAfter = never
      if source != .none {
        let gap = gaps[row]
        let bits = gap.bitPattern
        let slot = Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> 56)
        if cachedGaps[slot] != bits {
          let atRisk = StandardLifecycle.days(atRiskFrom * gap)
          cachedSilences[slot] = (
            atRisk, Swift.max(StandardLifecycle.days(lapsedFrom * gap), atRisk &+ 1)
          )
          cachedGaps[slot] = bits
        }
        (atRiskAfter, lapsedAfter) = cachedSilences[slot]
      }
      let canBeRegular = source == .own
      var partnerDay = never
      if candidate < partnerRows.count, Int(partnerRows[candidate]) == row {
        partnerDay = Int(partnerDays[candidate])
        candidate &+= 1
      }
      var previous = Int(days[start].daysSince1970)
      var stage = LifecycleStage.new
      out.emit(previous, .new)
      var runStart = previous
      var runDays = 1
      var position = start &+ 1
      while position < end {
        let day = Int(days[position].daysSince1970)
        let silence = day &- previous
        if stage == .regular, partnerDay > previous, partnerDay < day,
          partnerDay &- previous < atRiskAfter
        {
          out.emit(partnerDay, .partner)
          stage = .partner
        }
        var next = LifecycleStage.repeat
        if silence > atRiskAfter {
          out.emit(previous &+ atRiskAfter, .atRisk)
          stage = .atRisk
          if silence > lapsedAfter {
            out.emit(previous &+ lapsedAfter, .lapsed)
            next = .wonBack
            runStart = day
            runDays = 0
          }
        }
        runDays &+= 1
        if canBeRegular, runDays >= minimumDays, day &- runStart >= minimumSpan {
          next = day >= partnerDay ? .partner : .regular
        }
        if next != stage {
          out.emit(day, next)
          stage = next
        }
        previous = day
        position &+= 1
      }
      // The silence after the last purchase, up to the as-of day.
      let silence = asOf &- previous
      if stage == .regular, partnerDay > previous, partnerDay <= asOf,
        partnerDay &- previous < atRiskAfter
      {
        out.emit(partnerDay, .partner)
        stage = .partner
      }
      if silence >= atRiskAfter {
        out.emit(previous &+ atRiskAfter, .atRisk)
        stage = .atRisk
        if silence >= lapsedAfter {
          out.emit(previous &+ lapsedAfter, .lapsed)
          stage = .lapsed
        }
      }
      output.stages[row] = stage
      output.offsets[row &+ 1] = out.count
    }
  }
}

/// Writes transitions into the buffers the replay has sized.
private struct TransitionWriter {
  let days: UnsafeMutablePointer<Day>
  let stages: UnsafeMutablePointer<LifecycleStage>
  var count = 0

  init(days: UnsafeMutablePointer<Day>, stages: UnsafeMutablePointer<LifecycleStage>, count: Int) {
    self.days = days
    self.stages = stages
    self.count = count
  }

  @inline(__always)
  mutating func emit(_ day: Int, _ stage: LifecycleStage) {
    (days + count).initialize(to: Day(daysSince1970: Int32(truncatingIfNeeded: day)))
    (stages + count).initialize(to: stage)
    count &+= 1
  }
}
