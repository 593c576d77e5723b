public import ClientBaseCore

/// A client in a lower class whose trend projects them into the next class up.
public struct RisingStar<ID: Hashable & Sendable, Label: Hashable & Sendable>: Hashable, Sendable {
  /// The client.
  public let id: ID
  /// The client's row in the history.
  public let row: Int
  /// The class held now.
  public let current: Label
  /// The class the trend reaches.
  public let target: Label
  /// The target class's entry threshold.
  public let threshold: Double
  /// The trend and where it leads.
  public let projection: RisingStarProjection
  /// What the measure is called in the reason (`"balance"`).
  public let measureName: String
  /// What one period is called in the reason (`"month"`).
  public let periodName: String

  /// Creates a rising star.
  ///
  /// - Parameters:
  ///   - id: The client.
  ///   - row: The client's row.
  ///   - current: The class held.
  ///   - target: The class reached.
  ///   - threshold: The target's entry threshold.
  ///   - projection: The trend.
  ///   - measureName: The measure's name.
  ///   - periodName: The period's name.
  public init(
    id: ID, row: Int, current: Label, target: Label, threshold: Double,
    projection: RisingStarProjection, measureName: String = "balance",
    periodName: String = "month"
  ) {
    self.id = id
    self.row = row
    self.current = current
    self.target = target
    self.threshold = threshold
    self.projection = projection
    self.measureName = measureName
    self.periodName = periodName
  }

  /// How many periods until the trend crosses the threshold (fractional), or `nil` when it
  /// never does.
  ///
  /// `nil` when the slope is not a positive finite number (a flat or falling trend, which a
  /// star built by hand may carry) or the inputs are not finite, so the answer is never NaN
  /// or infinite. Negative when the current value is already past the threshold.
  public var periodsToThreshold: Double? {
    let slope = projection.slopePerPeriod
    guard slope.isFinite, slope > 0 else { return nil }
    let periods = (threshold - projection.current) / slope
    return periods.isFinite ? periods : nil
  }

  /// The reason: `rising star: balance 180,000 growing 9,500/month, projected 218,000 in 4
  /// months ≥ gold 200,000`.
  public var reason: String {
    let ahead = projection.periodsAhead
    return "rising star: \(measureName) \(amountText(projection.current)) growing "
      + "\(amountText(projection.slopePerPeriod))/\(periodName), projected "
      + "\(amountText(projection.projected)) in \(ahead) \(plural(periodName, ahead)) ≥ "
      + "\(target) \(amountText(threshold))"
  }
}

extension RisingStarPolicy {
  /// Asks ``projection(of:reaching:)`` about every client of the history whose class has a
  /// next class up; the default implementation of
  /// ``RisingStarPolicy/risingStars(in:classes:measureName:nextClass:)``.
  ///
  /// ```swift
  /// let stars = StandardRisingStars.standard.risingStars(
  ///   in: spendHistory, classes: abc, measureName: "spend"
  /// ) { abcClass in abcClass == .c ? (.b, bEntry) : abcClass == .b ? (.a, aEntry) : nil }
  /// ```
  ///
  /// - Parameters:
  ///   - history: Each client's measure per period.
  ///   - classes: Each client's current class.
  ///   - measureName: What the measure is called in reasons.
  ///   - nextClass: The class above a class and its entry threshold, or `nil` for the top
  ///     class.
  /// - Returns: The rising stars, in the history's row order.
  /// - Complexity: O(*n* × *w*) for a window of *w* periods, one `nextClass` call per client
  ///   with a class, plus the alignment of the two row spaces.
  @inlinable
  public func risingStars<Classes: ClientResult>(
    in history: BalanceHistory<Classes.ID>, classes: Classes, measureName: String,
    nextClass: (Classes.Entry) -> (label: Classes.Entry, entryThreshold: Double)?
  ) -> [RisingStar<Classes.ID, Classes.Entry>] where Classes.Entry: Hashable {
    let alignment = classes.clients.alignment(to: history.clients)
    var stars = [RisingStar<Classes.ID, Classes.Entry>]()
    for row in 0..<history.count {
      guard let source = alignment.sourceRow(forRow: row) else { continue }
      let current = classes[source]
      guard let next = nextClass(current),
        let projection = projection(
          of: history.balances(forRow: row), reaching: next.entryThreshold)
      else { continue }
      stars.append(
        RisingStar(
          id: history.clients[row], row: row, current: current, target: next.label,
          threshold: next.entryThreshold, projection: projection, measureName: measureName,
          periodName: history.periodName))
    }
    return stars
  }
}

extension TierAssignments {
  /// The clients whose balance trend carries them into the next tier up.
  ///
  /// Clients in the top tier are never rising stars; the target is always the next tier, by
  /// its entry threshold (not its keep level: a rising star is someone about to *enter*).
  ///
  /// - Parameter policy: The rule (default ``StandardRisingStars``).
  /// - Returns: The rising stars, in row order.
  /// - Complexity: O(*n* × *w*) for a window of *w* periods.
  public func risingStars(policy: some RisingStarPolicy = .standard) -> [RisingStar<ID, Tier>] {
    let ladder = self.ladder
    let all = ladder.tiers
    return policy.risingStars(in: history, classes: self, measureName: "balance") { tier in
      guard tier.rank >= 0, let next = ladder.definition(ofRank: tier.rank + 1) else {
        return nil
      }
      return (all[tier.rank + 1], next.entryThreshold)
    }
  }
}
