/// One rung of a value ladder: a bank card level, a loyalty status.
///
/// Tiers compare by ``rank``: the base tier (clients below every threshold) has rank 0 and each
/// tier above it one more, so `gold < platinum` reads the way a manager expects. Two tiers are
/// equal when both rank and name are; ties in rank (which a validated ``TierLadder`` never
/// produces) fall back to the name so the order stays total.
///
/// ```swift
/// let ladder = TierLadder.bankCards
/// ladder.tiers.map(\.name)        // ["standard", "gold", "platinum", "black"]
/// ladder.tiers[1] < ladder.tiers[2] // true
/// ```
public struct Tier: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
  /// The position on the ladder: 0 for the base tier, then 1, 2, … upwards.
  public let rank: Int
  /// The tier's name as the host shows it.
  public let name: String

  /// Creates a tier.
  ///
  /// - Parameters:
  ///   - rank: The position on the ladder, 0 for the base tier.
  ///   - name: The tier's name.
  public init(rank: Int, name: String) {
    self.rank = rank
    self.name = name
  }

  /// Whether `lhs` sits below `rhs` on the ladder.
  ///
  /// - Parameters:
  ///   - lhs: A tier.
  ///   - rhs: Another tier.
  /// - Returns: `true` when `lhs` has the lower rank (or, at equal rank, the smaller name).
  public static func < (lhs: Tier, rhs: Tier) -> Bool {
    lhs.rank != rhs.rank ? lhs.rank < rhs.rank : lhs.name < rhs.name
  }

  /// The tier's name.
  public var description: String { name }
}

/// The data that defines one tier above the base: where it starts, how much slack a member
/// gets before losing it, and what it entitles the client to.
///
/// A client enters the tier when a period's balance reaches ``entryThreshold``; a member keeps
/// it while the balance stays at or above ``keepLevel`` (the entry threshold less
/// ``exitMargin`` of it), and is tolerated below the keep level for ``gracePeriods``
/// consecutive periods before being downgraded.
public struct TierDefinition: Hashable, Codable, Sendable {
  /// The tier's name (`"gold"`).
  public var name: String
  /// The balance at which a client enters the tier, in the host's currency; must be positive.
  public var entryThreshold: Double
  /// The fraction of the entry threshold a member may fall below it and still keep the tier
  /// (0.1: platinum at 500,000 is kept down to 450,000); in `0..<1`.
  public var exitMargin: Double
  /// How many consecutive periods below the keep level a member keeps the tier; the next
  /// consecutive period below downgrades. 0 downgrades at the first period below.
  public var gracePeriods: Int
  /// What the tier entitles a client to (`"no queueing"`, `"fee discount 50%"`), as the host
  /// words it.
  public var entitlements: [String]

  /// Creates a tier definition; ``TierLadder/init(baseName:baseEntitlements:tiers:)`` checks it.
  ///
  /// - Parameters:
  ///   - name: The tier's name.
  ///   - entryThreshold: The balance that enters the tier.
  ///   - exitMargin: The fraction below the entry threshold still kept (default 0.1).
  ///   - gracePeriods: Consecutive periods below the keep level tolerated (default 2).
  ///   - entitlements: What the tier entitles a client to.
  public init(
    name: String, entryThreshold: Double, exitMargin: Double = 0.1, gracePeriods: Int = 2,
    entitlements: [String] = []
  ) {
    self.name = name
    self.entryThreshold = entryThreshold
    self.exitMargin = exitMargin
    self.gracePeriods = gracePeriods
    self.entitlements = entitlements
  }

  /// The lowest balance at which a member keeps the tier without using grace.
  public var keepLevel: Double { entryThreshold * (1 - exitMargin) }
}
