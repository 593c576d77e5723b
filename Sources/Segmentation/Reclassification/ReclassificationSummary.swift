public import ClientBaseCore

/// One client's move between reviews, as the summary lists it.
public struct ClassMove<ID: Hashable & Sendable, Label: Hashable & Sendable>: Hashable, Sendable {
  /// The client.
  public let id: ID
  /// The class before.
  public let from: Label
  /// The class now.
  public let to: Label
  /// The measure the move is ranked by (`nil` when the summary had none).
  public let measure: Double?

  /// Creates a move.
  ///
  /// - Parameters:
  ///   - id: The client.
  ///   - from: The class before.
  ///   - to: The class now.
  ///   - measure: The ranking measure.
  public init(id: ID, from: Label, to: Label, measure: Double?) {
    self.id = id
    self.from = from
    self.to = to
    self.measure = measure
  }
}

/// What a manager reads on the first of the month: how many clients moved which way, the
/// largest upgrades and downgrades, and the rising stars.
///
/// `description` renders it as a short block of text:
///
/// ```
/// VIP tiers, 2026-03-31 (previous 2026-02-28)
///   upgrades 4, downgrades 2, stable 291, moved 0, entries 3, exits 1
///   top upgrades:   c017 gold → platinum (balance 540,000)
///   top downgrades: c203 platinum → gold (balance 402,000)
///   rising stars:   c088 rising star: balance 180,000 growing 9,500/month, …
/// ```
public struct ReclassificationSummary<ID: Hashable & Sendable, Label: Hashable & Sendable>:
  Sendable, CustomStringConvertible
{
  /// The heading (`"VIP tiers"`).
  public let title: String
  /// The current review's day.
  public let day: Day
  /// The previous review's day, `nil` on a first review.
  public let previousDay: Day?
  /// How many clients of either review made each movement, exits included: the
  /// reclassification's `movementCounts`.
  public let movementCounts: LabelCounts<Movement>
  /// The largest upgrades, by measure (descending), at most the limit.
  public let topUpgrades: [ClassMove<ID, Label>]
  /// The largest downgrades, by measure (descending), at most the limit.
  public let topDowngrades: [ClassMove<ID, Label>]
  /// The rising stars closest to crossing, at most the limit.
  public let risingStars: [RisingStar<ID, Label>]
  /// How many rising stars there were in all.
  public let risingStarCount: Int

  /// Summarises a reclassification.
  ///
  /// - Parameters:
  ///   - reclassification: The moves.
  ///   - title: The heading.
  ///   - measure: A value per current row to rank moves by (a balance, spend), or `nil` to
  ///     list them in row order. Non-finite values rank last.
  ///   - risingStars: The rising stars, if any.
  ///   - limit: How many of each list to keep (default 5; negative counts as 0).
  /// - Throws: ``SegmentationError/lengthMismatch(what:expected:actual:)`` when `measure`
  ///   does not match the rows.
  /// - Complexity: O(*n* × `limit`): the top lists are kept by insertion, not by sorting.
  public init(
    _ reclassification: Reclassification<ID, Label>, title: String,
    measure: ContiguousArray<Double>? = nil, risingStars: [RisingStar<ID, Label>] = [],
    limit: Int = 5
  ) throws(SegmentationError) {
    let count = reclassification.count
    if let measure, measure.count != count {
      throw .lengthMismatch(what: "measure", expected: count, actual: measure.count)
    }
    let keep = max(limit, 0)
    func top(_ movement: Movement) -> [ClassMove<ID, Label>] {
      var rows = [Int]()
      for row in 0..<count where reclassification.movements[row] == movement {
        let key = Self.rankingKey(measure?[row])
        // Insert after every row with a key at least as large: ties keep row order.
        var position = rows.count
        while position > 0, Self.rankingKey(measure?[rows[position - 1]]) < key {
          position -= 1
        }
        if position < keep {
          rows.insert(row, at: position)
          if rows.count > keep { rows.removeLast() }
        }
      }
      return rows.compactMap { row in
        reclassification.previousClasses[row].map {
          ClassMove(
            id: reclassification.clients[row], from: $0, to: reclassification.classes[row],
            measure: measure?[row])
        }
      }
    }
    self.title = title
    self.day = reclassification.day
    self.previousDay = reclassification.previousDay
    self.movementCounts = reclassification.movementCounts
    self.topUpgrades = top(.upgrade)
    self.topDowngrades = top(.downgrade)
    self.risingStarCount = risingStars.count
    self.risingStars = Array(
      risingStars.enumerated().sorted { lhs, rhs in
        // A host policy with a flat or broken trend must not upset the sort: such stars go last.
        let (a, b) = (
          Self.crossingKey(lhs.element.periodsToThreshold),
          Self.crossingKey(rhs.element.periodsToThreshold)
        )
        return a != b ? a < b : lhs.offset < rhs.offset
      }.prefix(keep).map(\.element))
  }

  /// Sooner first; a crossing time that is not a finite number counts as never.
  private static func crossingKey(_ periods: Double?) -> Double {
    guard let periods, periods.isFinite else { return .infinity }
    return periods
  }

  /// Larger first; missing or non-finite measures last.
  private static func rankingKey(_ value: Double?) -> Double {
    guard let value, value.isFinite else { return -.infinity }
    return value
  }

  /// The summary as a few lines of text.
  public var description: String {
    var lines = [String]()
    let previous = previousDay.map { " (previous \($0))" } ?? " (first review)"
    lines.append("\(title), \(day)\(previous)")
    let counts = movementCounts
    lines.append(
      "  upgrades \(counts[.upgrade]), downgrades \(counts[.downgrade]), "
        + "stable \(counts[.stable]), moved \(counts[.moved]), entries \(counts[.entry]), "
        + "exits \(counts[.exit])")
    func render(_ move: ClassMove<ID, Label>) -> String {
      let amount = move.measure.map { " (\(amountText($0)))" } ?? ""
      return "\(move.id) \(move.from) → \(move.to)\(amount)"
    }
    if !topUpgrades.isEmpty {
      lines.append("  top upgrades:   " + topUpgrades.map(render).joined(separator: "; "))
    }
    if !topDowngrades.isEmpty {
      lines.append("  top downgrades: " + topDowngrades.map(render).joined(separator: "; "))
    }
    if risingStarCount > 0 {
      lines.append("  rising stars (\(risingStarCount)):")
      for star in risingStars { lines.append("    \(star.id) \(star.current): \(star.reason)") }
    }
    return lines.joined(separator: "\n")
  }
}
