/// The tiers of a value programme, lowest first, checked once so every policy can trust them.
///
/// Below the first tier sits the base tier (rank 0, ``baseName``), where clients whose balance
/// reaches no threshold — including every negative (overdraft) balance — belong. Entry
/// thresholds and keep levels must both rise strictly from tier to tier, so "the tier a
/// balance supports" is always one tier.
///
/// ```swift
/// var tiers = TierLadder.bankCards.definitions
/// tiers[0].entitlements.append("airport lounge")
/// let ladder = try TierLadder(tiers: tiers)
/// ```
public struct TierLadder: Hashable, Codable, Sendable {
  /// The name of the base tier.
  public let baseName: String
  /// What the base tier entitles a client to.
  public let baseEntitlements: [String]
  /// The tiers above the base, lowest first.
  public let definitions: [TierDefinition]
  /// By rank, the band a member of the rank stays in and its grace: one load gives both
  /// bounds, and the sentinels (+∞ above the top, −∞ below the base) spare the rule a range
  /// test per period.
  @usableFromInline let bands: ContiguousArray<TierBand>

  /// Creates a ladder, checking the definitions.
  ///
  /// - Parameters:
  ///   - baseName: The base tier's name (default `"standard"`).
  ///   - baseEntitlements: What the base tier entitles a client to.
  ///   - tiers: The tiers above the base, lowest first.
  /// - Throws: ``SegmentationError/empty(_:)`` with no tiers;
  ///   ``SegmentationError/invalidParameter(_:reason:)`` for more than 255 tiers, an empty or
  ///   repeated name, an entry threshold that is not finite and positive or not above the
  ///   previous tier's, an exit margin outside `0..<1`, a keep level not above the previous
  ///   tier's, or a negative grace.
  public init(
    baseName: String = "standard", baseEntitlements: [String] = [], tiers: [TierDefinition]
  ) throws(SegmentationError) {
    guard !tiers.isEmpty else { throw .empty("tiers") }
    guard tiers.count <= 255 else {
      throw .invalidParameter("tiers", reason: "at most 255 tiers, got \(tiers.count)")
    }
    var names: Set<String> = [baseName]
    guard !baseName.isEmpty else {
      throw .invalidParameter("baseName", reason: "the base tier needs a name")
    }
    for (index, tier) in tiers.enumerated() {
      guard !tier.name.isEmpty else {
        throw .invalidParameter("name", reason: "tier \(index + 1) has no name")
      }
      guard names.insert(tier.name).inserted else {
        throw .invalidParameter("name", reason: "two tiers are called \(tier.name)")
      }
      guard tier.entryThreshold.isFinite, tier.entryThreshold > 0 else {
        throw .invalidParameter(
          "entryThreshold",
          reason: "\(tier.name)'s entry \(tier.entryThreshold) must be finite and positive")
      }
      guard tier.exitMargin >= 0, tier.exitMargin < 1 else {
        throw .invalidParameter(
          "exitMargin", reason: "\(tier.name)'s exit margin \(tier.exitMargin) is not in 0..<1")
      }
      guard tier.gracePeriods >= 0 else {
        throw .invalidParameter(
          "gracePeriods", reason: "\(tier.name)'s grace \(tier.gracePeriods) is negative")
      }
      if index > 0 {
        let lower = tiers[index - 1]
        guard tier.entryThreshold > lower.entryThreshold else {
          throw .invalidParameter(
            "entryThreshold",
            reason: "\(tier.name)'s entry \(amountText(tier.entryThreshold)) is not above "
              + "\(lower.name)'s \(amountText(lower.entryThreshold))")
        }
        guard tier.keepLevel > lower.keepLevel else {
          throw .invalidParameter(
            "exitMargin",
            reason: "\(tier.name)'s keep level \(amountText(tier.keepLevel)) is not above "
              + "\(lower.name)'s \(amountText(lower.keepLevel))")
        }
      }
    }
    self.init(checkedBaseName: baseName, baseEntitlements: baseEntitlements, tiers: tiers)
  }

  /// A ladder whose definitions are known to pass the checks.
  private init(
    checkedBaseName baseName: String, baseEntitlements: [String], tiers: [TierDefinition]
  ) {
    self.baseName = baseName
    self.baseEntitlements = baseEntitlements
    self.definitions = tiers
    var bands = ContiguousArray<TierBand>()
    bands.reserveCapacity(tiers.count + 1)
    for rank in 0...tiers.count {
      bands.append(
        TierBand(
          upper: rank < tiers.count ? tiers[rank].entryThreshold : .infinity,
          lower: rank > 0 ? tiers[rank - 1].keepLevel : -.infinity,
          grace: rank > 0 ? tiers[rank - 1].gracePeriods : 0))
    }
    self.bands = bands
  }

  private enum CodingKeys: String, CodingKey {
    case baseName, baseEntitlements, tiers
  }

  /// Decodes a ladder and checks it as ``init(baseName:baseEntitlements:tiers:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error, with the ``SegmentationError`` text when the data is invalid.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let tiers = try container.decode([TierDefinition].self, forKey: .tiers)
    let baseName = try container.decodeIfPresent(String.self, forKey: .baseName) ?? "standard"
    let base = try container.decodeIfPresent([String].self, forKey: .baseEntitlements) ?? []
    self = try SegmentationError.checkedDecoding(decoder) { () throws(SegmentationError) in
      try TierLadder(baseName: baseName, baseEntitlements: base, tiers: tiers)
    }
  }

  /// Encodes the ladder's definitions.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: Whatever the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(baseName, forKey: .baseName)
    try container.encode(baseEntitlements, forKey: .baseEntitlements)
    try container.encode(definitions, forKey: .tiers)
  }

  /// The highest rank (the number of tiers above the base).
  @inlinable public var topRank: Int { bands.count &- 1 }

  /// Every tier, the base first.
  public var tiers: [Tier] {
    [Tier(rank: 0, name: baseName)]
      + definitions.enumerated().map { Tier(rank: $0.offset + 1, name: $0.element.name) }
  }

  /// The tier of a rank, or `nil` outside `0...topRank`.
  ///
  /// - Parameter rank: The rank.
  /// - Returns: The tier.
  public func tier(atRank rank: Int) -> Tier? {
    guard rank >= 0, rank <= topRank else { return nil }
    return Tier(rank: rank, name: rank == 0 ? baseName : definitions[rank - 1].name)
  }

  /// The definition behind a rank above the base, or `nil` for the base or out of range.
  ///
  /// - Parameter rank: The rank.
  /// - Returns: The definition.
  public func definition(ofRank rank: Int) -> TierDefinition? {
    guard rank >= 1, rank <= topRank else { return nil }
    return definitions[rank - 1]
  }

  /// What a tier entitles a client to; empty for a tier not on this ladder.
  ///
  /// - Parameter tier: The tier.
  /// - Returns: The entitlements, as the host worded them.
  public func entitlements(of tier: Tier) -> [String] {
    guard tier.rank >= 0, tier.rank <= topRank, self.tier(atRank: tier.rank) == tier else {
      return []
    }
    return tier.rank == 0 ? baseEntitlements : definitions[tier.rank - 1].entitlements
  }

  /// The highest rank whose entry threshold a balance reaches (0 when it reaches none).
  ///
  /// - Parameter balance: A balance; negative balances and NaN reach no tier.
  /// - Returns: The rank.
  @inlinable
  public func rankEntered(byBalance balance: Double) -> Int {
    bands.withUnsafeBufferPointer { TierBand.rankEntered(byBalance: balance, in: $0) }
  }

  /// The highest rank below `ceiling` whose keep level a balance reaches (0 when none).
  ///
  /// - Parameters:
  ///   - balance: A balance.
  ///   - ceiling: The rank the client is leaving; only lower ranks are considered.
  /// - Returns: The rank.
  @inlinable
  public func rankKept(byBalance balance: Double, below ceiling: Int) -> Int {
    bands.withUnsafeBufferPointer {
      TierBand.rankKept(byBalance: balance, below: ceiling, in: $0)
    }
  }
}

extension TierLadder {
  /// Bank cards by balance: gold from 200,000, platinum from 500,000, black from 3,000,000,
  /// each kept down to 10% below its entry and with a grace of two periods (months).
  ///
  /// The entitlements are examples a host replaces with its own. The definitions pass every
  /// check of ``init(baseName:baseEntitlements:tiers:)`` (a test builds them through it), so
  /// the constant is built without them and cannot fail.
  public static let bankCards = TierLadder(
    checkedBaseName: "standard", baseEntitlements: ["standard service"],
    tiers: [
      TierDefinition(
        name: "gold", entryThreshold: 200_000,
        entitlements: ["priority queue", "fee discount 25%"]),
      TierDefinition(
        name: "platinum", entryThreshold: 500_000,
        entitlements: ["no queueing", "fee discount 50%", "personal manager"]),
      TierDefinition(
        name: "black", entryThreshold: 3_000_000,
        entitlements: ["no queueing", "no fees", "personal manager", "concierge"]),
    ])
}

/// One rank's band as the standard rule reads it: the balance that leaves the rank upwards
/// (the next tier's entry threshold, +∞ at the top), the lowest balance that keeps it without
/// grace (−∞ for the base) and its grace periods.
@usableFromInline
struct TierBand: Hashable, Sendable {
  @usableFromInline let upper: Double
  @usableFromInline let lower: Double
  @usableFromInline let grace: Int

  /// The highest rank whose entry threshold (the band below's upper bound) a balance
  /// reaches, 0 when it reaches none.
  @inlinable
  static func rankEntered(byBalance balance: Double, in bands: UnsafeBufferPointer<TierBand>)
    -> Int
  {
    // Ladders are short (a handful of tiers): a linear, branch-free count beats a binary
    // search, and thresholds rise, so the count is the highest rank entered. The top band's
    // +∞ is a sentinel, not a threshold.
    var rank = 0
    var index = 0
    while index < bands.count &- 1 {
      rank &+= balance >= bands[index].upper ? 1 : 0
      index &+= 1
    }
    return rank
  }

  /// The highest rank below `ceiling` whose keep level (its band's lower bound) a balance
  /// reaches, 0 when none.
  @inlinable
  static func rankKept(
    byBalance balance: Double, below ceiling: Int, in bands: UnsafeBufferPointer<TierBand>
  ) -> Int {
    var rank = min(ceiling, bands.count &- 1) &- 1
    while rank >= 1, !(balance >= bands[rank].lower) { rank &-= 1 }
    return max(rank, 0)
  }
}
