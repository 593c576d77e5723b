/// Which rule produced an ABC classification, with its cut-offs: what a reason quotes.
public enum ABCRule: Hashable, Sendable, Codable {
  /// By cumulative share of value: A makes the first `a` of value, B the next `b`.
  case valueShare(a: Double, b: Double)
  /// By rank: A is the top `a` of clients, B the next `b`.
  case rank(a: Double, b: Double)
  /// A host's own rule, described in a few words ("by 12-month margin, manager's choice").
  case custom(String)
}
