/// Where a client stands against its own purchase rhythm.
///
/// The verdict follows the overdue ratio — days since the last purchase over the typical gap
/// between purchase days — cut at a ``RhythmPolicy``'s thresholds. `allCases` lists the
/// verdicts from the most to the least recent; the coded form is the case name.
public enum RhythmVerdict: String, Hashable, Sendable, Codable, CaseIterable,
  CustomStringConvertible
{
  /// Within the client's usual rhythm.
  case onRhythm
  /// Later than usual, not yet alarming.
  case late
  /// Several gaps late: time to call.
  case overdue
  /// So many gaps late that the client has most likely left.
  case lost
  /// No typical gap to compare with: a single purchase day and no fallback.
  case unknown

  /// The verdict in words: "on rhythm", "late", "overdue", "lost", "unknown".
  public var description: String {
    switch self {
    case .onRhythm: return "on rhythm"
    case .late: return "late"
    case .overdue: return "overdue"
    case .lost: return "lost"
    case .unknown: return "unknown"
    }
  }
}

/// Where a client's typical gap comes from.
public enum GapSource: String, Hashable, Sendable, Codable, CaseIterable {
  /// The client's own gaps between purchase days.
  case own
  /// The base's typical gap, for a client with too few gaps of its own.
  case fallback
  /// No typical gap: the verdict is ``RhythmVerdict/unknown``.
  case none
}

/// One client's rhythm: what ``PurchaseRhythm`` holds per row.
public struct ClientRhythm: Hashable, Sendable {
  /// The typical gap between purchase days, in days, or `nil` when there is none.
  public var typicalGap: Double?
  /// Where the typical gap comes from.
  public var gapSource: GapSource
  /// The client's distinct purchase days.
  public var purchaseDays: Int
  /// Days from the last purchase day to the as-of day, 0 or more.
  public var daysSinceLast: Int
  /// ``daysSinceLast`` over ``typicalGap`` (1 = on rhythm, 3 = three gaps late), or `nil`
  /// when there is no typical gap.
  public var overdue: Double?
  /// The verdict.
  public var verdict: RhythmVerdict

  /// Creates a client's rhythm.
  ///
  /// - Parameters:
  ///   - typicalGap: The typical gap in days, or `nil`.
  ///   - gapSource: Where the gap comes from.
  ///   - purchaseDays: The distinct purchase days.
  ///   - daysSinceLast: Days since the last purchase day.
  ///   - overdue: Days since the last over the typical gap, or `nil`.
  ///   - verdict: The verdict.
  public init(
    typicalGap: Double?, gapSource: GapSource, purchaseDays: Int, daysSinceLast: Int,
    overdue: Double?, verdict: RhythmVerdict
  ) {
    self.typicalGap = typicalGap
    self.gapSource = gapSource
    self.purchaseDays = purchaseDays
    self.daysSinceLast = daysSinceLast
    self.overdue = overdue
    self.verdict = verdict
  }
}
