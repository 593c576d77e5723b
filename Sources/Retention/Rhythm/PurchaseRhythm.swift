/// Every client's purchase rhythm as of a day, in columns aligned with the rows of the
/// ``PurchaseDays`` it was computed from (the table's row space).
///
/// ```swift
/// let rhythm = StandardRhythm.standard.rhythm(of: days, threadCount: 2)
/// rhythm[client: "c-7"]?.overdue          // 3.03: three gaps late
/// rhythm.reason(for: "c-7")
/// // "bought every 31 days over 24 gaps; 94 days since the last: 3.0 gaps late — overdue"
/// rhythm.counts                           // clients per verdict, every verdict listed
/// ```
///
/// A row without a typical gap (``GapSource/none``) has ``RhythmVerdict/unknown``, a typical
/// gap and an overdue ratio of 0 in the columns and `nil` in its ``ClientRhythm``; no column
/// ever holds a NaN.
public struct PurchaseRhythm<ID: Hashable & Sendable>: ClassifiedResult {
  /// The row space: the clients of the purchase days.
  public let clients: ClientIndex<ID>
  /// The day the rhythm is judged on.
  public let asOf: Day
  /// The base's typical gap given to clients with too few gaps of their own, or `nil` when
  /// there is none (no fallback, or no client with gaps).
  public let fallbackGap: Double?
  /// The typical gap of each row in days; 0 when the row has none.
  public let typicalGaps: ContiguousArray<Double>
  /// Where each row's typical gap comes from.
  public let gapSources: ContiguousArray<GapSource>
  /// The distinct purchase days of each row.
  public let purchaseDayCounts: ContiguousArray<Int32>
  /// Days from each row's first purchase day to its last.
  public let spanDays: ContiguousArray<Int32>
  /// Days from each row's last purchase day to ``asOf``.
  public let daysSinceLast: ContiguousArray<Int32>
  /// Each row's days since the last purchase over its typical gap (1 = on rhythm, 3 = three
  /// gaps late); 0 when the row has no typical gap.
  public let overdue: ContiguousArray<Double>
  /// Each row's verdict.
  public let verdicts: ContiguousArray<RhythmVerdict>

  /// Builds a rhythm from a policy's per-row answers: the way a host's own ``RhythmPolicy``
  /// makes its result.
  ///
  /// The days since the last purchase and the overdue ratio are computed here from `days`, so
  /// every policy's result measures them alike.
  ///
  /// - Parameters:
  ///   - days: The purchase days judged.
  ///   - fallbackGap: The base's typical gap given to clients with too few gaps, or `nil`.
  ///   - assessment: For each row, its typical gap in days (`nil` for none), where the gap
  ///     comes from, and the verdict.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for a gap that is not positive
  ///   and finite, a row with a gap but source ``GapSource/none`` or verdict
  ///   ``RhythmVerdict/unknown``, or a row without one but another source or verdict.
  /// - Complexity: O(*n*) calls of `assessment`.
  public init(
    days: PurchaseDays<ID>, fallbackGap: Double?,
    assessment: (Int) -> (typicalGap: Double?, source: GapSource, verdict: RhythmVerdict)
  ) throws(RetentionError) {
    if let fallbackGap, !(fallbackGap > 0 && fallbackGap.isFinite) {
      throw .invalidParameter(
        "fallbackGap", reason: "must be positive and finite, got \(fallbackGap)")
    }
    let n = days.count
    var gaps = ContiguousArray<Double>()
    var sources = ContiguousArray<GapSource>()
    var verdicts = ContiguousArray<RhythmVerdict>()
    gaps.reserveCapacity(n)
    sources.reserveCapacity(n)
    verdicts.reserveCapacity(n)
    for row in 0..<n {
      let (gap, source, verdict) = assessment(row)
      if let gap {
        guard gap > 0, gap.isFinite, source != .none, verdict != .unknown else {
          throw .invalidParameter(
            "assessment",
            reason: "row \(row): a typical gap of \(gap) days with source \(source) and "
              + "verdict \(verdict); a gap must be positive and finite, with a source and a "
              + "verdict other than none and unknown")
        }
      } else if source != .none || verdict != .unknown {
        throw .invalidParameter(
          "assessment",
          reason: "row \(row): no typical gap, so the source must be none and the verdict "
            + "unknown, got \(source) and \(verdict)")
      }
      gaps.append(gap ?? 0)
      sources.append(source)
      verdicts.append(verdict)
    }
    var counts = ContiguousArray<Int32>()
    var spans = ContiguousArray<Int32>()
    var since = ContiguousArray<Int32>()
    var ratios = ContiguousArray<Double>()
    counts.reserveCapacity(n)
    spans.reserveCapacity(n)
    since.reserveCapacity(n)
    ratios.reserveCapacity(n)
    for row in 0..<n {
      let first = days.days[days.offsets[row]]
      let last = days.days[days.offsets[row + 1] - 1]
      counts.append(Int32(truncatingIfNeeded: days.offsets[row + 1] - days.offsets[row]))
      spans.append(Int32(truncatingIfNeeded: first.days(to: last)))
      let elapsed = last.days(to: days.asOf)
      since.append(Int32(truncatingIfNeeded: elapsed))
      ratios.append(gaps[row] > 0 ? Double(elapsed) / gaps[row] : 0)
    }
    self.init(
      trusted: days.clients, asOf: days.asOf, fallbackGap: fallbackGap, typicalGaps: gaps,
      gapSources: sources, purchaseDayCounts: counts, spanDays: spans, daysSinceLast: since,
      overdue: ratios, verdicts: verdicts)
  }

  init(
    trusted clients: ClientIndex<ID>, asOf: Day, fallbackGap: Double?,
    typicalGaps: ContiguousArray<Double>, gapSources: ContiguousArray<GapSource>,
    purchaseDayCounts: ContiguousArray<Int32>, spanDays: ContiguousArray<Int32>,
    daysSinceLast: ContiguousArray<Int32>, overdue: ContiguousArray<Double>,
    verdicts: ContiguousArray<RhythmVerdict>
  ) {
    self.clients = clients
    self.asOf = asOf
    self.fallbackGap = fallbackGap
    self.typicalGaps = typicalGaps
    self.gapSources = gapSources
    self.purchaseDayCounts = purchaseDayCounts
    self.spanDays = spanDays
    self.daysSinceLast = daysSinceLast
    self.overdue = overdue
    self.verdicts = verdicts
  }

  /// The rhythm of a row.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> ClientRhythm {
    let known = gapSources[row] != .none
    return ClientRhythm(
      typicalGap: known ? typicalGaps[row] : nil, gapSource: gapSources[row],
      purchaseDays: Int(purchaseDayCounts[row]), daysSinceLast: Int(daysSinceLast[row]),
      overdue: known ? overdue[row] : nil, verdict: verdicts[row])
  }

  /// Every verdict, from the most to the least recent, ``RhythmVerdict/unknown`` last.
  public var scale: [RhythmVerdict] { RhythmVerdict.allCases }

  /// The verdict of a row; never `nil` (a row without a typical gap is
  /// ``RhythmVerdict/unknown``).
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The verdict.
  public func label(forRow row: Int) -> RhythmVerdict? { verdicts[row] }

  /// Clients per verdict, in ``scale`` order, adding up to the base.
  ///
  /// - Complexity: O(*n*).
  public var counts: LabelCounts<RhythmVerdict> {
    var tally = [Int](repeating: 0, count: RhythmVerdict.allCases.count)
    for verdict in verdicts { tally[verdict.scaleIndex] += 1 }
    return LabelCounts(scale: scale, counts: tally)
  }

  /// Why a row has its verdict: "bought every 31 days over 24 gaps; 94 days since the last:
  /// 3.0 gaps late — overdue".
  ///
  /// A client judged on the base's gap reads "2 purchase days, too few gaps of its own; the
  /// base's typical gap is 30 days; 94 days since the last: 3.1 gaps late — overdue".
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    "\(gapClause(forRow: row)); \(recencyClause(forRow: row))"
  }

  /// How the row's typical gap was found: "bought every 31 days over 24 gaps".
  func gapClause(forRow row: Int, span: Bool = false) -> String {
    let days = Int(purchaseDayCounts[row])
    let dayText = days == 1 ? "1 purchase day" : "\(NumberText.grouped(days)) purchase days"
    switch gapSources[row] {
    case .own:
      let gaps = days - 1
      let over =
        span
        ? "for \(Self.duration(days: Int(spanDays[row])))"
        : "over \(NumberText.grouped(gaps)) gaps"
      return "bought every \(Self.daysText(typicalGaps[row])) \(over)"
    case .fallback:
      return "\(dayText), too few gaps of its own; the base's typical gap is "
        + Self.daysText(typicalGaps[row])
    case .none:
      return "\(dayText) and no typical gap to compare with"
    }
  }

  /// How late the row is: "94 days since the last: 3.0 gaps late — overdue".
  func recencyClause(forRow row: Int) -> String {
    let since = Int(daysSinceLast[row])
    let sinceText =
      since == 1 ? "1 day since the last" : "\(NumberText.grouped(since)) days since the last"
    guard gapSources[row] != .none else { return "\(sinceText) — rhythm unknown" }
    let ratio = NumberText.decimal(overdue[row], places: 1)
    let verdict = verdicts[row]
    let gaps = verdict == .onRhythm ? "\(ratio) gaps" : "\(ratio) gaps late"
    return "\(sinceText): \(gaps) — \(verdict)"
  }

  /// "31 days", "30.5 days", "1 day".
  static func daysText(_ days: Double) -> String {
    days == 1 ? "1 day" : "\(NumberText.decimal(days, places: 1, dropsTrailingZeros: true)) days"
  }

  /// A span in the largest unit that reads well: "45 days", "8 months", "2 years", "2.5 years".
  static func duration(days: Int) -> String {
    if days < 60 { return days == 1 ? "1 day" : "\(days) days" }
    if days < 730 {
      let months = (Double(days) / (365.25 / 12)).rounded()
      return "\(NumberText.decimal(months, places: 0)) months"
    }
    let years = NumberText.decimal(Double(days) / 365.25, places: 1, dropsTrailingZeros: true)
    return "\(years) years"
  }
}

extension RhythmVerdict {
  /// The verdict's position in `allCases`.
  var scaleIndex: Int {
    switch self {
    case .onRhythm: return 0
    case .late: return 1
    case .overdue: return 2
    case .lost: return 3
    case .unknown: return 4
    }
  }
}
