/// What a ``StandardAtRisk`` takes a client to be worth.
public enum AtRiskValueMeasure: String, Hashable, Sendable, Codable, CaseIterable {
  /// The model's lifetime value over P(alive) — the lifetime value if the client is still a
  /// client (for the BG/NBD family the expected purchases, hence the lifetime value, are
  /// P(alive) times those of a client known to be alive) — and the yearly spend when the
  /// scores have no lifetime value or P(alive) is 0.
  case lifetimeValueIfAlive
  /// The model's lifetime value as it is (already weighted by P(alive)), and the yearly spend
  /// when the scores have none.
  case lifetimeValue
  /// The yearly spend on the client's rhythm, whatever the scores say.
  case pastValue
}

/// The default at-risk rule: clients whose rhythm has slipped and whom the purchase model
/// thinks probably gone, ranked by the value that leaves with them.
///
/// A client is **at risk** when its rhythm verdict is one of ``verdicts`` (late, overdue or
/// lost by default) and, when a converged model's scores are part of the evidence, its chance
/// of being gone, 1 − P(alive), is at least ``minimumProbabilityGone`` (one half by default).
/// Without scores the rhythm alone decides and the chance of being gone is taken as 1.
///
/// What a client is **worth** follows ``valueMeasure``: by default the lifetime value if it is
/// still a client (the model's lifetime value over P(alive)); without a lifetime value, the
/// **yearly spend** on its rhythm — mean net spend per purchase day times 365.25 over the
/// typical gap, so a client who spent 8,750 over 25 monthly purchase days is worth about
/// 4,124 a year — and without a typical gap, its past net spend. Negative net spend (refunds
/// beyond purchases) counts as 0. The **value at risk** is worth × chance of being gone; the
/// list ranks the clients at risk by it and keeps the ``maximumListed`` largest; the total
/// covers every client at risk.
public struct StandardAtRisk: AtRiskPolicy, Hashable, Codable {
  /// The rhythm verdicts that put a client at risk; late, overdue and lost by default.
  public let verdicts: Set<RhythmVerdict>
  /// The least chance of being gone, 1 − P(alive), for a client at risk when there are
  /// scores; between 0 and 1, 0.5 by default.
  public let minimumProbabilityGone: Double
  /// The most clients in the ranked list, 0 or more; 100 by default.
  public let maximumListed: Int
  /// What a client is worth; ``AtRiskValueMeasure/lifetimeValueIfAlive`` by default.
  public let valueMeasure: AtRiskValueMeasure

  /// Creates the policy, checking its settings.
  ///
  /// - Parameters:
  ///   - verdicts: The verdicts that put a client at risk; late, overdue and lost by default.
  ///   - minimumProbabilityGone: The least chance of being gone; 0.5 by default.
  ///   - maximumListed: The most clients listed; 100 by default.
  ///   - valueMeasure: What a client is worth; lifetime value if alive by default.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` when `minimumProbabilityGone`
  ///   is outside 0...1 or `maximumListed` is negative.
  public init(
    verdicts: Set<RhythmVerdict> = [.late, .overdue, .lost], minimumProbabilityGone: Double = 0.5,
    maximumListed: Int = 100, valueMeasure: AtRiskValueMeasure = .lifetimeValueIfAlive
  ) throws(RetentionError) {
    guard minimumProbabilityGone >= 0, minimumProbabilityGone <= 1 else {
      throw .invalidParameter(
        "minimumProbabilityGone", reason: "must be within 0...1, got \(minimumProbabilityGone)")
    }
    guard maximumListed >= 0 else {
      throw .invalidParameter("maximumListed", reason: "must be 0 or more, got \(maximumListed)")
    }
    self.init(unchecked: verdicts, minimumProbabilityGone, maximumListed, valueMeasure)
  }

  private init(
    unchecked verdicts: Set<RhythmVerdict>, _ minimumProbabilityGone: Double,
    _ maximumListed: Int, _ valueMeasure: AtRiskValueMeasure
  ) {
    self.verdicts = verdicts
    self.minimumProbabilityGone = minimumProbabilityGone
    self.maximumListed = maximumListed
    self.valueMeasure = valueMeasure
  }

  private enum CodingKeys: String, CodingKey {
    case verdicts, minimumProbabilityGone, maximumListed, valueMeasure
  }

  /// Decodes a policy and checks it as
  /// ``init(verdicts:minimumProbabilityGone:maximumListed:valueMeasure:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``RetentionError``
  ///   text when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let verdicts = try container.decode(Set<RhythmVerdict>.self, forKey: .verdicts)
    let minimum = try container.decode(Double.self, forKey: .minimumProbabilityGone)
    let listed = try container.decode(Int.self, forKey: .maximumListed)
    let measure = try container.decode(AtRiskValueMeasure.self, forKey: .valueMeasure)
    do {
      try self.init(
        verdicts: verdicts, minimumProbabilityGone: minimum, maximumListed: listed,
        valueMeasure: measure)
    } catch {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description)
      )
    }
  }

  /// The defaults: late, overdue or lost; at least 50% gone; 100 listed; lifetime value if
  /// alive.
  static let defaults = StandardAtRisk(
    unchecked: [.late, .overdue, .lost], 0.5, 100, .lifetimeValueIfAlive)

  /// Finds and ranks the clients at risk, splitting the rows over up to `threadCount`
  /// threads.
  ///
  /// - Parameters:
  ///   - evidence: The rhythm, spend and scores of every client.
  ///   - threadCount: The most threads to use, the calling thread included; the result does
  ///     not depend on it.
  /// - Returns: One entry per row, the ranked list and the total value at risk.
  /// - Complexity: O(*n* + *m* log *k*) for *m* clients at risk and *k* listed.
  public func atRisk<ID>(in evidence: AtRiskEvidence<ID>, threadCount: Int) -> AtRiskList<ID> {
    let n = evidence.count
    let parts = ParallelWork.partCount(for: n, grain: 16_384)
    var flags = ContiguousArray<Bool>(repeating: false, count: n)
    var worth = ContiguousArray<Double>(repeating: 0, count: n)
    var bases = ContiguousArray<AtRiskValueBasis>(repeating: .pastSpend, count: n)
    var gone = ContiguousArray<Double>(repeating: 0, count: n)
    var values = ContiguousArray<Double>(repeating: 0, count: n)
    let atRiskVerdict = RhythmVerdict.allCases.map { verdicts.contains($0) }
    let policy = self
    flags.withUnsafeMutableBufferPointer { flags in
      worth.withUnsafeMutableBufferPointer { worth in
        bases.withUnsafeMutableBufferPointer { bases in
          gone.withUnsafeMutableBufferPointer { gone in
            values.withUnsafeMutableBufferPointer { values in
              let columns = AtRiskColumns(
                flags: flags, worth: worth, bases: bases, gone: gone, values: values)
              _ = ParallelWork.map(parts: parts, threads: threadCount) { part in
                policy.assess(
                  rows: ParallelWork.range(of: part, in: parts, count: n), evidence,
                  atRiskVerdict: atRiskVerdict, columns)
              }
            }
          }
        }
      }
    }
    return AtRiskList(
      trusted: evidence, maximumListed: maximumListed, isAtRisk: flags, worth: worth,
      bases: bases, probabilityGone: gone, valuesAtRisk: values)
  }

  /// Assesses some rows, writing only to those rows of the columns.
  private func assess<ID>(
    rows: Range<Int>, _ evidence: AtRiskEvidence<ID>, atRiskVerdict: [Bool],
    _ columns: AtRiskColumns
  ) {
    let rhythm = evidence.rhythm
    let hasScores = evidence.hasScores
    let hasValue = !evidence.lifetimeValue.isEmpty
    for row in rows {
      let alive = hasScores ? evidence.probabilityAlive[row] : 0
      let probabilityGone = 1 - alive
      var worth = 0.0
      var basis = AtRiskValueBasis.pastSpend
      if hasValue, valueMeasure != .pastValue {
        let value = Swift.max(evidence.lifetimeValue[row], 0)
        if valueMeasure == .lifetimeValue {
          worth = value
          basis = .lifetimeValue
        } else if alive > 0, (value / alive).isFinite {
          worth = value / alive
          basis = .lifetimeValueIfAlive
        }
      }
      if basis == .pastSpend {
        let spend = Swift.max(evidence.netSpend[row], 0)
        let gap = rhythm.typicalGaps[row]
        if rhythm.gapSources[row] != .none, gap > 0 {
          worth = spend / Double(rhythm.purchaseDayCounts[row]) * (365.25 / gap)
          basis = .yearlySpend
        } else {
          worth = spend
        }
      }
      let verdict = rhythm.verdicts[row]
      let isAtRisk =
        atRiskVerdict[verdict.scaleIndex]
        && (!hasScores || probabilityGone >= minimumProbabilityGone)
      columns.flags[row] = isAtRisk
      columns.worth[row] = worth
      columns.bases[row] = basis
      columns.gone[row] = probabilityGone
      columns.values[row] = worth * probabilityGone
    }
  }
}

/// The at-risk kernel's output columns; each part writes only its own rows.
private struct AtRiskColumns: @unchecked Sendable {
  let flags: UnsafeMutableBufferPointer<Bool>
  let worth: UnsafeMutableBufferPointer<Double>
  let bases: UnsafeMutableBufferPointer<AtRiskValueBasis>
  let gone: UnsafeMutableBufferPointer<Double>
  let values: UnsafeMutableBufferPointer<Double>
}
