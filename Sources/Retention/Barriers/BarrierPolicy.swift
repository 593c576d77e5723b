/// A rule that scores each client's switching barriers — what leaving would cost it in the
/// services it would give up — and flags the high-value clients whose barriers are low.
///
/// The default, ``StandardBarriers`` (reached as `.standard`), scores a client by the
/// weighted count of the catalogue's services it uses (each weight 1 unless the host sets
/// another), calls a score of 1 or less low, and calls the top 20% of clients by value high
/// value. A host replaces it with its own value type, building its result with
/// ``SwitchingBarriers/init(evidence:serviceWeights:highValueFrom:lowScoreAtMost:assessment:)``.
///
/// ```swift
/// let barriers = StandardBarriers.standard.barriers(in: evidence, threadCount: 2)
/// for row in barriers.flagged {
///   print(barriers.ids[row], barriers.suggestions(forRow: row), barriers.reason(forRow: row))
/// }
/// barriers.counts      // exposed, anchored, loose, bound: adds up to the base
/// ```
///
/// Invariants every conformer must keep, which `BarrierLaws` in `ClientBaseTesting` checks:
/// - **one entry per row**: the result lies over the evidence's row space;
/// - **finite scores**: every score is finite and 0 or more;
/// - **more services, no lower barrier**: a client who uses every service another uses
///   scores at least as high (so clients with the same services score the same);
/// - **value decides high value**: a client worth more than a high-value client is high
///   value too, and so is one worth the same;
/// - **order and thread independence**: the same client gets the same score and standing
///   whatever the row order and the thread count.
public protocol BarrierPolicy: Sendable {
  /// Scores every client's barriers and flags the exposed ones on up to `threadCount`
  /// threads.
  ///
  /// The evidence is valid by construction, so the call does not throw; an empty base gives
  /// an empty result.
  ///
  /// - Parameters:
  ///   - evidence: The services and value of every client.
  ///   - threadCount: The most threads to use, the calling thread included; the result does
  ///     not depend on it.
  /// - Returns: One entry per row of the evidence, and the flagged clients.
  func barriers<ID>(in evidence: BarrierEvidence<ID>, threadCount: Int) -> SwitchingBarriers<ID>
}

extension BarrierPolicy {
  /// Scores every client's barriers on the calling thread.
  ///
  /// - Parameter evidence: The services and value of every client.
  /// - Returns: One entry per row of the evidence, and the flagged clients.
  public func barriers<ID>(in evidence: BarrierEvidence<ID>) -> SwitchingBarriers<ID> {
    barriers(in: evidence, threadCount: 1)
  }
}

extension BarrierPolicy where Self == StandardBarriers {
  /// The default barrier rule: every service weighs 1, a score of 1 or less is low, and the
  /// top 20% of clients by value are high value.
  public static var standard: Self { .defaults }
}
