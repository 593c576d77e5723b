/// The class of a client in an XYZ analysis: how steady its demand is from period to period.
///
/// X is steady (a small coefficient of variation), Y fluctuating, Z erratic. Classes order
/// from less to more predictable, `Z < Y < X`, matching "less valuable < more valuable" in
/// the other class types. `allCases` lists X, Y, Z; the coded form and the ``description``
/// are the letters.
public enum XYZClass: String, Hashable, Sendable, Codable, CodingKeyRepresentable, CaseIterable,
  Comparable, CustomStringConvertible
{
  /// Steady demand.
  case x = "X"
  /// Fluctuating demand.
  case y = "Y"
  /// Erratic demand.
  case z = "Z"

  /// The class's position in predictability order: 0 for Z, 2 for X.
  @inlinable
  var stabilityRank: Int {
    switch self {
    case .z: return 0
    case .y: return 1
    case .x: return 2
    }
  }

  /// Whether `lhs` is less steady than `rhs`.
  ///
  /// - Parameters:
  ///   - lhs: A class.
  ///   - rhs: Another class.
  /// - Returns: `true` when `lhs` ranks below `rhs` (Z below Y below X).
  @inlinable
  public static func < (lhs: XYZClass, rhs: XYZClass) -> Bool {
    lhs.stabilityRank < rhs.stabilityRank
  }

  /// The letter: "X", "Y" or "Z".
  public var description: String { rawValue }
}

/// What an XYZ analysis concluded about one client: a class, or why it has none.
public enum XYZOutcome: Hashable, Sendable, Codable {
  /// Classified, with the coefficient of variation (standard deviation over mean) it rests on.
  case classified(XYZClass, coefficientOfVariation: Double)
  /// Too few periods to judge stability: `observed` periods, `required` needed.
  case tooFewPeriods(observed: Int, required: Int)
  /// The mean per period is zero or negative (no demand, or net refunds), so a coefficient of
  /// variation means nothing.
  case noPositiveMean(mean: Double)

  /// The class, or `nil` when the client is unclassified.
  public var xyzClass: XYZClass? {
    if case .classified(let value, _) = self { return value }
    return nil
  }
}
