/// One step of a client's lifecycle: the stage it entered and the day it entered it.
///
/// The stage left is the previous transition's (``LifecycleStage/prospect`` before the
/// first).
public struct LifecycleTransition: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The day the client entered ``stage``.
  public var day: Day
  /// The stage entered.
  public var stage: LifecycleStage

  /// Creates a transition.
  ///
  /// - Parameters:
  ///   - day: The day the stage was entered.
  ///   - stage: The stage entered.
  public init(day: Day, stage: LifecycleStage) {
    self.day = day
    self.stage = stage
  }

  /// "2026-03-01 regular".
  public var description: String { "\(day) \(stage)" }
}

/// One client's lifecycle: what ``LifecycleStages`` holds per row.
public struct ClientLifecycle: Hashable, Sendable {
  /// The stage on the as-of day: the last transition's.
  public var stage: LifecycleStage
  /// Every stage the client entered, oldest first: ``LifecycleStage/new`` on its first
  /// purchase day, then one entry per change of stage, on strictly later days.
  public var transitions: [LifecycleTransition]

  /// Creates a client's lifecycle.
  ///
  /// - Parameters:
  ///   - stage: The stage on the as-of day.
  ///   - transitions: The transitions, oldest first.
  public init(stage: LifecycleStage, transitions: [LifecycleTransition]) {
    self.stage = stage
    self.transitions = transitions
  }
}

/// Every client's lifecycle stage as of a day, with the transitions that led there, in columns
/// aligned with the rows of the ``LifecycleEvidence`` it was replayed from.
///
/// ```swift
/// let stages = StandardLifecycle.standard.stages(for: evidence, threadCount: 2)
/// stages[client: "c-7"]?.stage                 // .partner
/// stages.reason(for: "c-7")
/// // "partner: 14 purchase days over 410 days, every 31 days; recommended 2 clients;
/// //  4,124 a year, top 20% from 3,100"
/// stages.transitions(ofRow: 0)                  // new on the first purchase day, …
/// stages.counts                                 // new … wonBack, adding up to the base
/// stages.prospects                              // contacted, never bought
/// let flow = try stages.flow(from: januaryFirst, to: stages.asOf)
/// flow[.regular, .atRisk]                       // regulars on 1 January at risk now
/// ```
///
/// The transitions are stored flat: row *r*'s are `transitionDays[transitionOffsets[r] ..<
/// transitionOffsets[r + 1]]` with the stages at the same positions of ``transitionStages``.
public struct LifecycleStages<ID: Hashable & Sendable>: ClassifiedResult {
  /// The evidence replayed; its row space is the result's.
  public let evidence: LifecycleEvidence<ID>
  /// The standard policy whose thresholds the reasons quote, or `nil` for a host's own
  /// policy (its reasons then state the evidence without the thresholds).
  public let policy: StandardLifecycle?
  /// The value from which a client counted as high value, or `nil` when none did (or the
  /// policy does not say).
  public let highValueCutoff: Double?
  /// Each row's stage on the as-of day.
  public let stages: ContiguousArray<LifecycleStage>
  /// Where each row's transitions start; one more element than there are rows.
  public let transitionOffsets: ContiguousArray<Int>
  /// The day of every transition, row after row, oldest first within a row.
  public let transitionDays: ContiguousArray<Day>
  /// The stage entered at every transition, at the positions of ``transitionDays``.
  public let transitionStages: ContiguousArray<LifecycleStage>

  /// Builds a result from a policy's transitions: the way a host's own ``LifecyclePolicy``
  /// makes its result.
  ///
  /// Each row's stage is its last transition's, so the two cannot disagree.
  ///
  /// - Parameters:
  ///   - evidence: The evidence replayed.
  ///   - highValueCutoff: The value from which a client counted as high value, if the policy
  ///     has one, for reasons.
  ///   - transitions: For each row, its transitions, oldest first.
  /// - Throws: ``RetentionError/invalidHistory(row:reason:)`` for a row whose transitions do
  ///   not start with ``LifecycleStage/new`` on its first purchase day, whose days do not
  ///   strictly increase or pass the as-of day, or that makes a transition
  ///   ``LifecycleStage/allowedNextStages`` does not allow.
  /// - Complexity: O(*n* + *t*) for *t* transitions, plus the calls of `transitions`.
  public init(
    evidence: LifecycleEvidence<ID>, highValueCutoff: Double? = nil,
    transitions: (Int) -> [LifecycleTransition]
  ) throws(RetentionError) {
    let n = evidence.count
    var stages = ContiguousArray<LifecycleStage>()
    var offsets = ContiguousArray<Int>()
    var days = ContiguousArray<Day>()
    var entered = ContiguousArray<LifecycleStage>()
    stages.reserveCapacity(n)
    offsets.reserveCapacity(n + 1)
    offsets.append(0)
    for row in 0..<n {
      let steps = transitions(row)
      let first = evidence.days.days[evidence.days.offsets[row]]
      guard let opening = steps.first, opening.stage == .new, opening.day == first else {
        throw .invalidHistory(
          row: row,
          reason: "the transitions must start with new on the first purchase day \(first), "
            + "got \(steps.first.map(\.description) ?? "none")")
      }
      var previous = LifecycleTransition(day: first, stage: .prospect)
      for step in steps {
        guard previous.stage.allows(step.stage) else {
          throw .invalidHistory(
            row: row,
            reason: "\(previous.stage) may not be followed by \(step.stage) (on \(step.day))")
        }
        guard step.day > previous.day || previous.stage == .prospect, step.day <= evidence.asOf
        else {
          throw .invalidHistory(
            row: row,
            reason: "transition days must increase strictly up to \(evidence.asOf), got "
              + "\(step.day) after \(previous.day)")
        }
        days.append(step.day)
        entered.append(step.stage)
        previous = step
      }
      stages.append(previous.stage)
      offsets.append(days.count)
    }
    self.init(
      trusted: evidence, policy: nil, highValueCutoff: highValueCutoff, stages: stages,
      transitionOffsets: offsets, transitionDays: days, transitionStages: entered)
  }

  init(
    trusted evidence: LifecycleEvidence<ID>, policy: StandardLifecycle?, highValueCutoff: Double?,
    stages: ContiguousArray<LifecycleStage>, transitionOffsets: ContiguousArray<Int>,
    transitionDays: ContiguousArray<Day>, transitionStages: ContiguousArray<LifecycleStage>
  ) {
    self.evidence = evidence
    self.policy = policy
    self.highValueCutoff = highValueCutoff
    self.stages = stages
    self.transitionOffsets = transitionOffsets
    self.transitionDays = transitionDays
    self.transitionStages = transitionStages
  }

  /// The row space: the evidence's clients.
  public var clients: ClientIndex<ID> { evidence.clients }

  /// The day the stages hold on.
  public var asOf: Day { evidence.asOf }

  /// The prospects: contacted, never bought (not rows), ordered by the identifier's text.
  public var prospects: [ID] { evidence.prospects }

  /// A row's transitions, oldest first.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: At least one transition: ``LifecycleStage/new`` on the first purchase day.
  public func transitions(ofRow row: Int) -> [LifecycleTransition] {
    (transitionOffsets[row]..<transitionOffsets[row + 1]).map {
      LifecycleTransition(day: transitionDays[$0], stage: transitionStages[$0])
    }
  }

  /// The stage a row was in on a day: its last transition on or before that day, or
  /// ``LifecycleStage/prospect`` before its first purchase day (a client not yet a client,
  /// whether or not it had been contacted).
  ///
  /// - Parameters:
  ///   - row: A row, `0..<count`.
  ///   - day: The day; a day after ``asOf`` gives the stage on ``asOf`` (what is known).
  /// - Returns: The stage.
  /// - Complexity: O(*k*) for the row's *k* transitions.
  public func stage(ofRow row: Int, on day: Day) -> LifecycleStage {
    var stage = LifecycleStage.prospect
    var position = transitionOffsets[row]
    let end = transitionOffsets[row + 1]
    while position < end, transitionDays[position] <= day {
      stage = transitionStages[position]
      position += 1
    }
    return stage
  }

  /// The lifecycle of a row.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> ClientLifecycle {
    ClientLifecycle(stage: stages[row], transitions: transitions(ofRow: row))
  }

  /// The stages a buying client can be in, in report order:
  /// ``LifecycleStage/buyingStages``.
  public var scale: [LifecycleStage] { LifecycleStage.buyingStages }

  /// The stage of a row; never `nil`.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The stage.
  public func label(forRow row: Int) -> LifecycleStage? { stages[row] }

  /// Clients per stage, in ``scale`` order (`new, repeat, regular, partner, atRisk, lapsed,
  /// wonBack`), every stage listed, adding up to the base. Prospects are not rows: see
  /// ``prospects``.
  ///
  /// - Complexity: O(*n*).
  public var counts: LabelCounts<LifecycleStage> {
    var tally = [Int](repeating: 0, count: LifecycleStage.allCases.count)
    stages.withUnsafeBufferPointer { stages in
      for stage in stages { tally[Int(stage.index)] &+= 1 }
    }
    return LabelCounts(scale: scale, counts: Array(tally.dropFirst()))
  }
}
