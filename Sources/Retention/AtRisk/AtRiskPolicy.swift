/// A rule that finds the clients who are probably slipping away and ranks them by the value
/// that leaves with them.
///
/// The default, ``StandardAtRisk`` (reached as `.standard`), takes the clients whose rhythm
/// is late, overdue or lost and whose chance of being gone, 1 − P(alive), is at least one
/// half, and ranks them by what they are worth times that chance. A host replaces it with
/// its own value type, building its result with
/// ``AtRiskList/init(evidence:maximumListed:assessment:)``.
///
/// ```swift
/// let evidence = try AtRiskEvidence(rhythm: rhythm, table: table, scores: scores)
/// let list = StandardAtRisk.standard.atRisk(in: evidence, threadCount: 2)
/// for row in list.ranked { print(list.ids[row], list.reason(forRow: row)) }
/// list.totalValueAtRisk
/// ```
///
/// Invariants every conformer must keep:
/// - the result lies over the evidence's row space, the same clients in the same order;
/// - every value at risk is finite and 0 or more, and the total is the sum over the clients
///   at risk (``AtRiskList``'s initialiser computes it);
/// - the ranked list holds clients at risk only, each once, largest value at risk first;
/// - the result is a pure function of the evidence, whatever the row order and thread count.
///
/// `AtRiskLaws` in `ClientBaseTesting` checks them, on a host's ``AtRiskEvidence`` or on a
/// generated sample: `AtRiskLaws.violations(of: MyAtRisk())` is empty when the policy keeps
/// them.
public protocol AtRiskPolicy: Sendable {
  /// Finds and ranks the clients at risk on up to `threadCount` threads.
  ///
  /// The evidence is valid by construction, so the call does not throw; an empty base gives
  /// an empty list with a total of 0.
  ///
  /// - Parameters:
  ///   - evidence: The rhythm, spend and scores of every client.
  ///   - threadCount: The most threads to use, the calling thread included; the result does
  ///     not depend on it.
  /// - Returns: One entry per row of the evidence, and the ranked list.
  func atRisk<ID>(in evidence: AtRiskEvidence<ID>, threadCount: Int) -> AtRiskList<ID>
}

extension AtRiskPolicy {
  /// Finds and ranks the clients at risk on the calling thread.
  ///
  /// - Parameter evidence: The rhythm, spend and scores of every client.
  /// - Returns: One entry per row of the evidence, and the ranked list.
  public func atRisk<ID>(in evidence: AtRiskEvidence<ID>) -> AtRiskList<ID> {
    atRisk(in: evidence, threadCount: 1)
  }
}

extension AtRiskPolicy where Self == StandardAtRisk {
  /// The default at-risk rule: rhythm late, overdue or lost, a chance of being gone of at
  /// least 50%, ranked by lifetime value if still a client (or yearly spend) times that
  /// chance, the 100 largest listed.
  public static var standard: Self { .defaults }
}
