/// Which rule an ABC classification follows, with its cut-offs: the setting of
/// ``StandardABC`` and what a reason quotes.
///
/// ```swift
/// let byShare = try StandardABC(rule: .valueShare(a: 0.70, b: 0.20))
/// let byRank = try StandardABC(rule: .rank())        // top 5%, next 15%
/// ```
public enum ABCRule: Hashable, Sendable, Codable {
  /// By cumulative share of value: A is the clients who make the first `a` of the value, B
  /// those who make the next `b`; 80% and 15% by default.
  case valueShare(a: Double = 0.80, b: Double = 0.15)
  /// By rank: A is the top `a` of clients by value, B the next `b`; 5% and 15% by default.
  case rank(a: Double = 0.05, b: Double = 0.15)
  /// A host's own rule, described in a few words ("by 12-month margin, manager's choice"):
  /// what the reasons of a host policy's classification quote. ``StandardABC`` does not
  /// follow it.
  case custom(String)
}
