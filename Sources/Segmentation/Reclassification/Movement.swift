public import ClientBaseCore

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

extension Movement {
  /// The movement's position in `allCases`, where `LabelCounts` lists it.
  var scalePosition: Int {
    switch self {
    case .upgrade: 0
    case .downgrade: 1
    case .stable: 2
    case .moved: 3
    case .entry: 4
    case .exit: 5
    }
  }
}

extension LabelCounts where Label == Movement {
  /// Clients present in both reviews: upgrades, downgrades, stable and moved.
  ///
  /// On a reclassification's `movementCounts`, adding `self[.entry]` gives the current
  /// clients, adding `self[.exit]` instead the previous ones.
  public var inBoth: Int { self[.upgrade] + self[.downgrade] + self[.stable] + self[.moved] }
}
