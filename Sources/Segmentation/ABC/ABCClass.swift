/// The class of a client in an ABC analysis: A for the clients who make most of the value, B
/// for the next group, C for the rest.
///
/// Classes order from less to more valuable, `C < B < A`, so "moved up" is `new > old` in a
/// reclassification. `allCases` lists them from A to C, the order a report shows them in. The
/// coded form and the ``description`` are the letters "A", "B" and "C".
public enum ABCClass: String, Hashable, Sendable, Codable, CodingKeyRepresentable, CaseIterable,
  Comparable, CustomStringConvertible
{
  /// The most valuable clients.
  case a = "A"
  /// The middle group.
  case b = "B"
  /// The least valuable clients, and every client with no positive value.
  case c = "C"

  /// The class's position in value order: 0 for C, 2 for A.
  @inlinable
  var valueRank: Int {
    switch self {
    case .c: return 0
    case .b: return 1
    case .a: return 2
    }
  }

  /// Whether `lhs` is less valuable than `rhs`.
  ///
  /// - Parameters:
  ///   - lhs: A class.
  ///   - rhs: Another class.
  /// - Returns: `true` when `lhs` ranks below `rhs` (C below B below A).
  @inlinable
  public static func < (lhs: ABCClass, rhs: ABCClass) -> Bool { lhs.valueRank < rhs.valueRank }

  /// The letter: "A", "B" or "C".
  public var description: String { rawValue }
}
