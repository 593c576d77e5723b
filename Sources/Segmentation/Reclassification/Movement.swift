/// How a client's class changed between two reviews.
public enum Movement: String, Hashable, Codable, Sendable, CaseIterable {
  /// In both reviews, in a better class now (ordered labels only).
  case upgrade
  /// In both reviews, in a worse class now (ordered labels only).
  case downgrade
  /// In both reviews, in the same class.
  case stable
  /// In both reviews, in a different class, for labels with no order (RFM segment names).
  case moved
  /// New this review: not in the previous snapshot.
  case entry
  /// Gone this review: in the previous snapshot, not in the current assignment.
  case exit
}

/// How many clients made each movement.
///
/// `upgrades + downgrades + stable + moved` is the number of clients in both reviews;
/// adding `entries` gives the current clients, adding `exits` instead gives the previous ones.
public struct MovementCounts: Hashable, Codable, Sendable {
  /// Clients in a better class.
  public var upgrades = 0
  /// Clients in a worse class.
  public var downgrades = 0
  /// Clients in the same class.
  public var stable = 0
  /// Clients in another class, where classes have no order.
  public var moved = 0
  /// New clients.
  public var entries = 0
  /// Clients gone since the previous review.
  public var exits = 0

  /// Creates zero counts.
  public init() {}

  /// The count of one movement.
  ///
  /// - Parameter movement: The movement.
  /// - Returns: How many clients made it.
  public subscript(movement: Movement) -> Int {
    get {
      switch movement {
      case .upgrade: upgrades
      case .downgrade: downgrades
      case .stable: stable
      case .moved: moved
      case .entry: entries
      case .exit: exits
      }
    }
    set {
      switch movement {
      case .upgrade: upgrades = newValue
      case .downgrade: downgrades = newValue
      case .stable: stable = newValue
      case .moved: moved = newValue
      case .entry: entries = newValue
      case .exit: exits = newValue
      }
    }
  }

  /// Clients present in both reviews.
  public var inBoth: Int { upgrades + downgrades + stable + moved }
}
