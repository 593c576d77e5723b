import ClientBase
import ClientBaseTesting
import Foundation

/// The hand-made clients, first in the base, whose year the test checks month by month.
enum HandMadeClient {
  /// Platinum until April, then below the keep level (450,000) for good: April and May are
  /// the grace, June is the downgrade to gold.
  static let downgraded = "hand-downgraded"
  /// Platinum with two months below the keep level (grace) in May and June, then back.
  static let dipped = "hand-dipped"
  /// Gold with a balance hovering between 185,000 and 215,000: inside the band, never moves.
  static let hovering = "hand-hovering"
  /// Standard, climbing 9,500 a month from 75,500 to 180,000: a rising star by November.
  static let risingStar = "hand-rising-star"
  /// Black until March, then 100,000: standard (directly) after the grace.
  static let fallenBlack = "hand-fallen-black"
  /// In overdraft all year: below every tier.
  static let overdrawn = "hand-overdrawn"
}

/// The month-end days of 2026, January to December.
func monthEnds2026() -> [Day] {
  // 2026-02-01 is a valid literal; one day before each following month's first is the month end.
  let february = Day(daysSince1970: 20_485)
  return (0..<12).map { february.adding(months: $0).adding(days: -1) }
}

/// Twelve month-end balances for the hand-made clients and `clients` seeded synthetic ones.
///
/// Synthetic balances start log-normally spread (median about 150,000, a long tail into the
/// millions) and follow a random walk with a per-client drift, so some clients cross
/// thresholds each month, some fall back, some overdraw.
func bankVIPHistory(seed: UInt64, clients: Int) throws -> BalanceHistory<String> {
  var ids = [
    HandMadeClient.downgraded, HandMadeClient.dipped, HandMadeClient.hovering,
    HandMadeClient.risingStar, HandMadeClient.fallenBlack, HandMadeClient.overdrawn,
  ]
  var rows: [[Double]] = [
    [
      620_000, 610_000, 600_000, 430_000, 425_000, 420_000, 415_000, 410_000, 405_000, 400_000,
      395_000, 390_000,
    ],
    [
      540_000, 545_000, 550_000, 552_000, 440_000, 435_000, 520_000, 530_000, 535_000, 540_000,
      545_000, 550_000,
    ],
    [
      205_000, 195_000, 185_000, 199_000, 210_000, 186_000, 215_000, 190_000, 188_000, 201_000,
      187_000, 196_000,
    ],
    (0..<12).map { 75_500 + 9_500 * Double($0) },
    [
      3_200_000, 3_150_000, 3_100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000,
      100_000, 100_000, 100_000,
    ],
    [-2_000, -3_500, -1_200, -800, -4_000, -2_500, -1_000, -600, -900, -1_500, -2_200, -3_000],
  ]
  var generator = SeededGenerator(seed: seed)
  let normal = try NormalDistribution()
  for index in 0..<max(clients, 0) {
    ids.append(String(format: "c%04d", index + 1))
    var balance = 150_000 * exp(1.1 * normal.sample(using: &generator))
    let drift = 0.02 * normal.sample(using: &generator)
    var series = [Double]()
    for _ in 0..<12 {
      series.append((balance - 5_000).rounded())
      balance *= exp(drift + 0.08 * normal.sample(using: &generator))
    }
    rows.append(series)
  }
  return try BalanceHistory(ids: ids, periods: monthEnds2026(), balancesByClient: rows)
}

/// One month's review: the tiers as of the month end and who moved since last month.
struct MonthReview: Sendable {
  /// The month end.
  var day: Day
  /// Tiers from the balances known at the month end.
  var tiers: TierAssignments<String>
  /// Moves since the previous month's snapshot.
  var moves: Reclassification<String, Tier>
  /// What the manager reads.
  var summary: ReclassificationSummary<String, Tier>
}

/// Walks the year month by month: tiers from the balances known so far, the diff with last
/// month's snapshot (kept in an in-memory store), rising stars, and the summary.
func reviewYear(of history: BalanceHistory<String>, policy: StandardTiers = .standard)
  async throws -> [MonthReview]
{
  let store = InMemorySnapshotStore<String, Tier>()
  var reviews = [MonthReview]()
  for month in 0..<history.periodCount {
    let tiers = policy.assignments(for: history.prefix(periods: month + 1))
    let moves = try await store.reclassify(named: "vip-tier", to: tiers, on: tiers.day)
    let lastBalances = ContiguousArray(
      (0..<tiers.count).map { tiers.history.balance(forRow: $0, period: month) })
    let summary = try ReclassificationSummary(
      moves, title: "VIP tiers", measure: lastBalances, risingStars: tiers.risingStars(),
      limit: 5)
    reviews.append(MonthReview(day: tiers.day, tiers: tiers, moves: moves, summary: summary))
  }
  return reviews
}

/// The whole report as text: each month's summary, then the year-end tiers and the
/// hand-made clients' reasons.
func bankVIPReport(seed: UInt64 = 2026, clients: Int = 300) async throws -> String {
  let history = try bankVIPHistory(seed: seed, clients: clients)
  let reviews = try await reviewYear(of: history)
  var lines = [
    "bank-vip: \(history.count) clients (\(clients) synthetic, seed \(seed)), "
      + "month-end balances for 2026",
    "tiers: "
      + TierLadder.bankCards.definitions.map {
        "\($0.name) from \(NumberText.decimal($0.entryThreshold, places: 0)) (kept to \(NumberText.decimal($0.keepLevel, places: 0)), "
          + "grace \($0.gracePeriods) months)"
      }.joined(separator: ", "),
    "",
  ]
  for review in reviews {
    lines.append(review.summary.description)
    lines.append("")
  }
  guard let last = reviews.last else { return lines.joined(separator: "\n") }
  lines.append(
    "year end: "
      + last.tiers.counts.map { "\($0.label.name) \($0.count)" }.joined(separator: ", "))
  let stars = last.tiers.risingStars()
  for row in 0..<6 {
    lines.append("  \(last.tiers.ids[row]): \(last.tiers.reason(forRow: row))")
    if let star = stars.first(where: { $0.row == row }) { lines.append("    \(star.reason)") }
  }
  lines.append(
    "  \(last.tiers.ids[1]) is entitled to: \(last.tiers.entitlements(forRow: 1).joined(separator: ", "))"
  )
  return lines.joined(separator: "\n") + "\n"
}
