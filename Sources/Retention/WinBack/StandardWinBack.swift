/// The default win-back rule: every lapsed client, ranked by what it is worth times the
/// chance, read from the base's own history, that a client like it comes back.
///
/// **Who:** every client whose lifecycle stage is ``LifecycleStage/lapsed``.
///
/// **Worth if won back:** the lifecycle evidence's value, 0 when negative — by default the
/// client's yearly spend while it was active (`LifecycleEvidence.yearlySpend(table:rhythm:)`);
/// a host that passed lifetime values (the value if still a client) gets those.
///
/// **Chance of coming back:** from the base's lapses old enough to judge (``WinBackHistory``:
/// lapses at least ``returnWindowDays`` before the as-of day), the share that ended in a
/// win-back within that window, for the clients that lapsed from the same stage (a lapsed
/// regular is likelier to return than a lapsed one-off buyer). Few lapses say little, so the
/// share is smoothed — an empirical-Bayes shrinkage by ``priorWeight`` lapses' worth:
///
///     pooled = (returns + w × prior) / (lapses + w)                over every stage
///     chance = (returns_s + w × pooled) / (lapses_s + w)           for stage s
///
/// with w = ``priorWeight`` (10) and prior = ``priorChance`` (10%). With no history the
/// chance is the prior; with hundreds of lapses of a stage, it is that stage's own share.
/// 12 of 40 lapsed regulars back, in a base where 30 of 200 lapses came back, gives
/// pooled = (30 + 1) / 210 = 14.8% and chance = (12 + 1.48) / 50 = 27.0%.
///
/// **Expected value** = worth × chance. The list ranks the candidates by it and keeps the
/// ``maximumListed`` largest; the total covers every candidate.
public struct StandardWinBack: WinBackPolicy, Hashable, Codable {
  /// The days after a lapse within which a return counts; at least 1, 365 by default.
  public let returnWindowDays: Int
  /// The chance of coming back before the base's history is heard; within 0...1, 0.1 by
  /// default.
  public let priorChance: Double
  /// How many lapses' worth the prior weighs; 0 or more and finite, 10 by default (0 takes
  /// the history's shares as they are).
  public let priorWeight: Double
  /// The most clients in the ranked list, 0 or more; 100 by default.
  public let maximumListed: Int

  /// Creates the policy, checking its settings.
  ///
  /// - Parameters:
  ///   - returnWindowDays: The window for a return; 365 days by default.
  ///   - priorChance: The chance before any history; 0.1 by default.
  ///   - priorWeight: The prior's weight in lapses; 10 by default.
  ///   - maximumListed: The most clients listed; 100 by default.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` when a setting is outside its
  ///   range.
  public init(
    returnWindowDays: Int = 365, priorChance: Double = 0.1, priorWeight: Double = 10,
    maximumListed: Int = 100
  ) throws(RetentionError) {
    guard returnWindowDays >= 1, returnWindowDays <= 1_000_000 else {
      throw .invalidParameter(
        "returnWindowDays", reason: "must be within 1...1,000,000, got \(returnWindowDays)")
    }
    guard priorChance >= 0, priorChance <= 1 else {
      throw .invalidParameter("priorChance", reason: "must be within 0...1, got \(priorChance)")
    }
    guard priorWeight >= 0, priorWeight.isFinite else {
      throw .invalidParameter(
        "priorWeight", reason: "must be 0 or more and finite, got \(priorWeight)")
    }
    guard maximumListed >= 0 else {
      throw .invalidParameter("maximumListed", reason: "must be 0 or more, got \(maximumListed)")
    }
    self.init(unchecked: returnWindowDays, priorChance, priorWeight, maximumListed)
  }

  private init(
    unchecked returnWindowDays: Int, _ priorChance: Double, _ priorWeight: Double,
    _ maximumListed: Int
  ) {
    self.returnWindowDays = returnWindowDays
    self.priorChance = priorChance
    self.priorWeight = priorWeight
    self.maximumListed = maximumListed
  }

  private enum CodingKeys: String, CodingKey {
    case returnWindowDays, priorChance, priorWeight, maximumListed
  }

  /// Decodes a policy and checks it as
  /// ``init(returnWindowDays:priorChance:priorWeight:maximumListed:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``RetentionError``
  ///   text when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let window = try container.decode(Int.self, forKey: .returnWindowDays)
    let prior = try container.decode(Double.self, forKey: .priorChance)
    let weight = try container.decode(Double.self, forKey: .priorWeight)
    let listed = try container.decode(Int.self, forKey: .maximumListed)
    do {
      try self.init(
        returnWindowDays: window, priorChance: prior, priorWeight: weight,
        maximumListed: listed)
    } catch {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description)
      )
    }
  }

  /// The defaults: a 365-day window, a 10% prior weighing 10 lapses, 100 listed.
  static let defaults = StandardWinBack(unchecked: 365, 0.1, 10, 100)

  /// The chance of coming back for a client that lapsed from each stage, over
  /// `LifecycleStage.allCases`, from a history.
  ///
  /// - Parameter history: The base's lapses and returns.
  /// - Returns: Eight chances within 0...1.
  public func chances(for history: WinBackHistory) -> [Double] {
    let weight = priorWeight
    let lapses = Double(history.totalLapses)
    let pooled =
      lapses + weight > 0
      ? (Double(history.totalReturns) + weight * priorChance) / (lapses + weight) : priorChance
    return (0..<8).map { stage in
      let own = Double(history.lapses[stage])
      guard own + weight > 0 else { return pooled }
      return Swift.min(
        Swift.max((Double(history.returns[stage]) + weight * pooled) / (own + weight), 0), 1)
    }
  }

  /// Finds and ranks the lapsed clients, splitting the rows over up to `threadCount` threads.
  ///
  /// - Parameters:
  ///   - lifecycle: Every client's stage and transitions.
  ///   - threadCount: The most threads to use, the calling thread included; the result does
  ///     not depend on it.
  /// - Returns: One entry per row, the ranked list and the total expected value.
  /// - Complexity: O(*n* + *t* + *m* log *k*) for *t* transitions, *m* lapsed clients and *k*
  ///   listed.
  public func winBack<ID>(from lifecycle: LifecycleStages<ID>, threadCount: Int)
    -> WinBackList<ID>
  {
    let history = WinBackHistory(
      of: lifecycle, windowDays: returnWindowDays, threadCount: threadCount)
    let chances = self.chances(for: history)
    let n = lifecycle.count
    let parts = Swift.max(1, Swift.min(threadCount, n / 16_384))
    var flags = ContiguousArray<Bool>(repeating: false, count: n)
    var worth = ContiguousArray<Double>(repeating: 0, count: n)
    var chance = ContiguousArray<Double>(repeating: 0, count: n)
    var values = ContiguousArray<Double>(repeating: 0, count: n)
    lifecycle.stages.withUnsafeBufferPointer { stages in
      lifecycle.transitionOffsets.withUnsafeBufferPointer { offsets in
        lifecycle.transitionStages.withUnsafeBufferPointer { entered in
          lifecycle.evidence.values.withUnsafeBufferPointer { given in
            flags.withUnsafeMutableBufferPointer { flags in
              worth.withUnsafeMutableBufferPointer { worth in
                chance.withUnsafeMutableBufferPointer { chance in
                  values.withUnsafeMutableBufferPointer { values in
                    let columns = WinBackColumns(
                      stages: stages, offsets: offsets, entered: entered, given: given,
                      flags: flags, worth: worth, chance: chance, values: values)
                    _ = ParallelWork.map(parts: parts, threads: threadCount) { part in
                      columns.assess(
                        rows: ParallelWork.range(of: part, in: parts, count: n),
                        chances: chances)
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return WinBackList(
      trusted: lifecycle, history: history, maximumListed: maximumListed, isCandidate: flags,
      worth: worth, chance: chance, expectedValues: values)
  }
}

/// The win-back kernel's view of the lifecycle and of the result's columns; each part writes
/// only its own rows.
private struct WinBackColumns: @unchecked Sendable {
  let stages: UnsafeBufferPointer<LifecycleStage>
  let offsets: UnsafeBufferPointer<Int>
  let entered: UnsafeBufferPointer<LifecycleStage>
  let given: UnsafeBufferPointer<Double>
  let flags: UnsafeMutableBufferPointer<Bool>
  let worth: UnsafeMutableBufferPointer<Double>
  let chance: UnsafeMutableBufferPointer<Double>
  let values: UnsafeMutableBufferPointer<Double>

  func assess(rows: Range<Int>, chances: [Double]) {
    for row in rows where stages[row] == .lapsed {
      // Lapsed follows at risk, which follows the stage held while buying.
      let before = offsets[row + 1] - 3
      let stage = before >= offsets[row] ? Int(entered[before].index) : 0
      let value = Swift.max(given[row], 0)
      flags[row] = true
      worth[row] = value
      chance[row] = chances[stage]
      values[row] = value * chances[stage]
    }
  }
}
