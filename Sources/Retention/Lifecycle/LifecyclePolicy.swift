/// A rule that replays every client's history — purchase days, silences, recommendations —
/// through the lifecycle state machine, giving each client its stage as of a day and the
/// transitions that led there.
///
/// The default, ``StandardLifecycle`` (reached as `.standard`), makes a client new on its
/// first purchase day, repeat on the next, regular after 5 purchase days over 180 days on a
/// rhythm of its own, partner when a regular client in the top 20% by value has recommended
/// someone, at risk after 2.5 of its typical gaps without a purchase, lapsed after 4, and won
/// back on the purchase that ends a lapse. A host replaces it with its own value type,
/// building its result with ``LifecycleStages/init(evidence:highValueCutoff:transitions:)``.
///
/// ```swift
/// let evidence = try LifecycleEvidence(days: days, rhythm: rhythm, table: table,
///                                      referrals: referrals, contacts: contacts)
/// let stages = StandardLifecycle.standard.stages(for: evidence, threadCount: 2)
/// stages.counts          // new, repeat, regular, partner, atRisk, lapsed, wonBack
/// ```
///
/// Invariants every conformer must keep (checked by `ClientBaseTesting`'s
/// `LifecycleLaws.violations(of:on:)` on a host's evidence and
/// `LifecycleLaws.violations(of:clients:seed:)` on generated bases):
/// - the result lies over the evidence's row space, one stage per client, so the counts add
///   up to the base;
/// - each client's transitions start with ``LifecycleStage/new`` on its first purchase day,
///   their days increase strictly up to the as-of day, every step is one
///   ``LifecycleStage/allowedNextStages`` allows, and the stage is the last transition's
///   (``LifecycleStages``' initialiser checks these);
/// - a client is in a buying stage (new, repeat, regular, partner, won back) on each of its
///   purchase days, enters ``LifecycleStage/atRisk`` and ``LifecycleStage/lapsed`` only on
///   days without a purchase, and enters ``LifecycleStage/wonBack`` only on a purchase day;
/// - the result is a pure function of the evidence: the same clients with the same history
///   get the same stages and transitions whatever the row order and the thread count.
public protocol LifecyclePolicy: Sendable {
  /// Replays every client's history on up to `threadCount` threads.
  ///
  /// The evidence is valid by construction, so the call does not throw; an empty base gives
  /// an empty result (its prospects still listed).
  ///
  /// - Parameters:
  ///   - evidence: The purchase days, rhythm, values and referrals of every client.
  ///   - threadCount: The most threads to use, the calling thread included; the result does
  ///     not depend on it.
  /// - Returns: One stage and its transitions per row of the evidence.
  func stages<ID>(for evidence: LifecycleEvidence<ID>, threadCount: Int) -> LifecycleStages<ID>
}

extension LifecyclePolicy {
  /// Replays every client's history on the calling thread.
  ///
  /// - Parameter evidence: The purchase days, rhythm, values and referrals of every client.
  /// - Returns: One stage and its transitions per row of the evidence.
  public func stages<ID>(for evidence: LifecycleEvidence<ID>) -> LifecycleStages<ID> {
    stages(for: evidence, threadCount: 1)
  }
}

extension LifecyclePolicy where Self == StandardLifecycle {
  /// The standard lifecycle: at risk from 2.5 typical gaps of silence, lapsed from 4,
  /// regular from 5 purchase days over 180 days, partner with 1 recommendation and a value
  /// in the top 20%.
  public static var standard: Self { .defaults }
}
