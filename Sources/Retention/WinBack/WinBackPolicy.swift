/// A rule that ranks the lapsed clients by the value of winning them back.
///
/// The default, ``StandardWinBack`` (reached as `.standard`), takes every lapsed client, its
/// worth from the lifecycle evidence's value column (by default the yearly spend while it was
/// active), and the chance that it comes back from the base's own history: the share of the
/// clients who lapsed from the same stage and came back within a year, smoothed towards the
/// whole base's share when the stage has few lapses. A host replaces it with its own value
/// type, building its result with
/// ``WinBackList/init(lifecycle:maximumListed:history:assessment:)``.
///
/// ```swift
/// let stages = StandardLifecycle.standard.stages(for: evidence)
/// let list = StandardWinBack.standard.winBack(from: stages, threadCount: 2)
/// for row in list.ranked { print(list.ids[row], list.reason(forRow: row)) }
/// list.totalExpectedValue
/// ```
///
/// Invariants every conformer must keep (checked by `ClientBaseTesting`'s
/// `WinBackLaws.violations(of:on:)`):
/// - the result lies over the lifecycle's row space, the same clients in the same order;
/// - only lapsed clients are candidates; worths are finite and 0 or more, chances within 0...1
///   (``WinBackList``'s initialiser checks these), and the total is the sum over the
///   candidates;
/// - the ranked list holds candidates only, each once, largest expected value first;
/// - the result is a pure function of the lifecycle, whatever the row order and thread count.
public protocol WinBackPolicy: Sendable {
  /// Finds and ranks the clients worth winning back on up to `threadCount` threads.
  ///
  /// The lifecycle is valid by construction, so the call does not throw; a base with no
  /// lapsed client gives an empty list with a total of 0.
  ///
  /// - Parameters:
  ///   - lifecycle: Every client's stage and transitions.
  ///   - threadCount: The most threads to use, the calling thread included; the result does
  ///     not depend on it.
  /// - Returns: One entry per row of the lifecycle, and the ranked list.
  func winBack<ID>(from lifecycle: LifecycleStages<ID>, threadCount: Int) -> WinBackList<ID>
}

extension WinBackPolicy {
  /// Finds and ranks the clients worth winning back on the calling thread.
  ///
  /// - Parameter lifecycle: Every client's stage and transitions.
  /// - Returns: One entry per row of the lifecycle, and the ranked list.
  public func winBack<ID>(from lifecycle: LifecycleStages<ID>) -> WinBackList<ID> {
    winBack(from: lifecycle, threadCount: 1)
  }
}

extension WinBackPolicy where Self == StandardWinBack {
  /// The default win-back rule: every lapsed client, worth its value, times the base's share
  /// of lapsed clients of the same stage who came back within 365 days (smoothed towards a
  /// 10% prior with the weight of 10 lapses), the 100 largest listed.
  public static var standard: Self { .defaults }
}
