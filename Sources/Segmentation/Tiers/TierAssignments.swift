public import ClientBaseCore

/// Every client's tier, period by period, with the facts behind the latest decision.
///
/// Columns are over the ``BalanceHistory``'s row space; text (``reason(forRow:)``) is rendered
/// only when asked for, so a million clients cost a few compact columns. As a
/// `ClassifiedResult` its entry and label are the final tier, its scale the ladder from the
/// base tier up, and every client has a tier.
///
/// ```swift
/// let tiers = StandardTiers.standard.assignments(for: history)
/// tiers[client: "ana"]            // platinum, found in O(1)
/// tiers.counts[ladder.tiers[1]]   // clients ending in gold, 0 when none
/// tiers.snapshot()                // the final tiers, dated the latest period
/// ```
public struct TierAssignments<ID: Hashable & Sendable>: ClassifiedResult {
  /// The balances the tiers were decided from.
  public let history: BalanceHistory<ID>
  /// The tiers.
  public let ladder: TierLadder
  /// Each client's rank in each period, row-major like the history.
  public let path: ContiguousArray<UInt8>
  /// Consecutive periods, up to the latest, below the keep level of the tier held.
  public let periodsBelowKeep: ContiguousArray<Int32>
  /// The period in which each client entered the tier held at the end (0 when held
  /// throughout).
  public let enteredPeriods: ContiguousArray<Int32>
  /// The rank held before the latest change (equal to the final rank when there was none).
  public let previousRanks: ContiguousArray<UInt8>

  /// Creates assignments from a rank per client and period: how a host policy that replaces
  /// the whole-base call returns its result, without `try`.
  ///
  /// ```swift
  /// func assignments<ID>(for history: BalanceHistory<ID>, threadCount: Int)
  ///   -> TierAssignments<ID>
  /// {
  ///   TierAssignments(history: history, ladder: ladder) { row, period in
  ///     myRank(ofRow: row, period: period)
  ///   }
  /// }
  /// ```
  ///
  /// `rankOfRow` is asked once per client and period, client by client in row order and each
  /// client's periods oldest first, so it may carry a client's state from one period to the
  /// next. A rank below 0 is recorded as 0 and one above `ladder.topRank` as the top rank, as
  /// the engine records a policy's ranks.
  ///
  /// The facts behind ``reason(forRow:)`` come from the ranks and the balances:
  /// ``enteredPeriods`` and ``previousRanks`` are read back from each client's ranks by the
  /// code the engine uses; ``periodsBelowKeep`` — which the engine takes from the policy's
  /// state — counts the latest consecutive periods, in the final tier, with the balance below
  /// that tier's keep level (what ``TierState`` counts under ``StandardTiers``; 0 in the base
  /// tier, which has no keep level).
  ///
  /// - Parameters:
  ///   - history: The balances that were assigned; the result's row space is theirs.
  ///   - ladder: The tiers the ranks name.
  ///   - rankOfRow: The rank of a client (a row of `history`) after a period.
  /// - Complexity: O(*n* × *p*) calls of `rankOfRow`.
  public init(
    history: BalanceHistory<ID>, ladder: TierLadder,
    rankOfRow: (_ row: Int, _ period: Int) -> Int
  ) {
    let count = history.count
    let width = history.periodCount
    let top = ladder.topRank
    var path = ContiguousArray<UInt8>()
    path.reserveCapacity(count * width)
    for row in 0..<count {
      for period in 0..<width {
        let rank = rankOfRow(row, period)
        path.append(UInt8(truncatingIfNeeded: rank < 0 ? 0 : Swift.min(rank, top)))
      }
    }
    var below = ContiguousArray<Int32>(repeating: 0, count: count)
    var entered = ContiguousArray<Int32>(repeating: 0, count: count)
    var previous = ContiguousArray<UInt8>(repeating: 0, count: count)
    path.withUnsafeBufferPointer { path in
      guard let ranks = path.baseAddress, width > 0 else { return }
      for row in 0..<count {
        let start = row * width
        let end = start + width
        let change = lastTierChange(in: ranks, start: start, end: end)
        entered[row] = change.entered
        previous[row] = change.previous
        guard let keep = ladder.definition(ofRank: Int(ranks[end - 1]))?.keepLevel else {
          continue
        }
        var period = width - 1
        while period >= Int(change.entered), history.balance(forRow: row, period: period) < keep {
          below[row] += 1
          period -= 1
        }
      }
    }
    self.init(
      history: history, ladder: ladder, path: path, periodsBelowKeep: below,
      enteredPeriods: entered, previousRanks: previous)
  }

  /// Creates assignments from the engine's columns.
  @usableFromInline
  init(
    history: BalanceHistory<ID>, ladder: TierLadder, path: ContiguousArray<UInt8>,
    periodsBelowKeep: ContiguousArray<Int32>, enteredPeriods: ContiguousArray<Int32>,
    previousRanks: ContiguousArray<UInt8>
  ) {
    self.history = history
    self.ladder = ladder
    self.path = path
    self.periodsBelowKeep = periodsBelowKeep
    self.enteredPeriods = enteredPeriods
    self.previousRanks = previousRanks
  }

  /// The row space: the history's.
  public var clients: ClientIndex<ID> { history.clients }

  /// The latest period's day.
  public var day: Day { history.periods[history.periodCount - 1] }

  /// A client's rank at the end of the history.
  ///
  /// - Parameter row: The client's row.
  /// - Returns: The rank, in `0...ladder.topRank`.
  @inlinable
  public func rank(forRow row: Int) -> Int {
    Int(path[row * history.periodCount + history.periodCount - 1])
  }

  /// A client's tier at the end of the history.
  ///
  /// - Parameter row: The client's row.
  /// - Returns: The tier.
  public func tier(forRow row: Int) -> Tier {
    tier(ofRank: rank(forRow: row))
  }

  /// A client's tier after a given period.
  ///
  /// - Parameters:
  ///   - row: The client's row.
  ///   - period: The period's index.
  /// - Returns: The tier.
  public func tier(forRow row: Int, period: Int) -> Tier {
    tier(ofRank: Int(path[row * history.periodCount + period]))
  }

  /// Every client's final tier, in row order.
  ///
  /// - Complexity: O(*n*).
  public var tiers: [Tier] {
    let all = ladder.tiers
    return finalRanks().map { all[Int($0)] }
  }

  /// A client's final tier: the row's entry.
  ///
  /// - Parameter row: The client's row.
  public subscript(row: Int) -> Tier { tier(forRow: row) }

  /// Every tier of the ladder, the base tier first, then upwards.
  public var scale: [Tier] { ladder.tiers }

  /// A client's final tier; never `nil`, every client has one.
  ///
  /// - Parameter row: The client's row.
  /// - Returns: The tier.
  public func label(forRow row: Int) -> Tier? { tier(forRow: row) }

  /// How many clients end in each tier, the base tier first, every tier of ``ladder`` present
  /// (zero when no client ends in it); no client is unlabeled.
  ///
  /// ```swift
  /// assignments.counts[assignments.ladder.tiers[1]]   // clients ending in gold, 0 when none
  /// ```
  ///
  /// - Complexity: O(*n*): one strided pass over the path.
  public var counts: LabelCounts<Tier> {
    var byRank = [Int](repeating: 0, count: ladder.topRank + 1)
    for rank in finalRanks() { byRank[Int(rank)] += 1 }
    return LabelCounts(scale: ladder.tiers, counts: byRank)
  }

  /// Every client's final rank, read from the path in one strided pass (no per-row generic
  /// access, which costs a metadata look-up per call when the caller cannot specialise).
  func finalRanks() -> ContiguousArray<UInt8> {
    let width = history.periodCount
    let rows = count
    return path.withUnsafeBufferPointer { path in
      ContiguousArray(columnCapacity: rows) { out, initialized in
        for row in 0..<rows { out[row] = path[row &* width &+ width &- 1] }
        initialized = rows
      }
    }
  }

  /// What a client's final tier entitles them to.
  ///
  /// - Parameter row: The client's row.
  /// - Returns: The entitlements.
  public func entitlements(forRow row: Int) -> [String] {
    ladder.entitlements(of: tier(forRow: row))
  }

  /// The final tiers as a snapshot dated the latest period, to store for next period's
  /// review; ``snapshot(on:)`` dates it another day.
  ///
  /// - Returns: The snapshot.
  /// - Complexity: O(*n*) hash insertions.
  public func snapshot() -> Snapshot<ID, Tier> { snapshot(on: day) }

  /// Why a client ends in their tier, in words a relationship manager can repeat.
  ///
  /// Examples: `platinum: balance 512,300 ≥ 500,000 since 2026-03`;
  /// `platinum, downgrade pending: 2 months below platinum's keep level 450,000 (balance
  /// 430,000), grace 2`; `gold: balance 300,000 ≥ 200,000 since 2026-07; downgraded from
  /// platinum in 2026-07`.
  ///
  /// - Parameter row: The client's row.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    let rank = rank(forRow: row)
    let balance = history.balance(forRow: row, period: history.periodCount - 1)
    let since = Int(enteredPeriods[row])
    let name = tier(ofRank: rank).name
    let unit = history.periodName
    var text: String
    if let definition = ladder.definition(ofRank: rank) {
      let pending = Int(periodsBelowKeep[row])
      if pending > 0 {
        text =
          "\(name), downgrade pending: \(pending) \(plural(unit, pending)) below \(name)'s keep "
          + "level \(amountText(definition.keepLevel)) (balance \(amountText(balance)))"
          + ", grace \(definition.gracePeriods)"
      } else if balance >= definition.entryThreshold {
        text =
          "\(name): balance \(amountText(balance)) ≥ "
          + "\(amountText(definition.entryThreshold)) since \(history.label(ofPeriod: since))"
      } else {
        text =
          "\(name): balance \(amountText(balance)) within the band, keep level "
          + "\(amountText(definition.keepLevel)), entry "
          + "\(amountText(definition.entryThreshold)); \(name) since "
          + history.label(ofPeriod: since)
      }
    } else {
      let overdraft = balance < 0 ? " (overdraft)" : ""
      let first = ladder.definitions[0]
      text =
        "\(name): balance \(amountText(balance))\(overdraft) below \(first.name)'s entry "
        + amountText(first.entryThreshold)
    }
    let before = Int(previousRanks[row])
    if since > 0, before != rank {
      let change = before < rank ? "upgraded" : "downgraded"
      text += "; \(change) from \(tier(ofRank: before).name) in \(history.label(ofPeriod: since))"
    }
    return text
  }

  /// The tier of a rank the engine produced (always on the ladder).
  private func tier(ofRank rank: Int) -> Tier {
    ladder.tier(atRank: rank) ?? Tier(rank: rank, name: ladder.baseName)
  }
}

/// `"month"` or `"months"`.
func plural(_ unit: String, _ count: Int) -> String {
  count == 1 ? unit : unit + "s"
}
