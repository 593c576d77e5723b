import ClientBaseCore
public import Segmentation

/// Law checks for RFM policies that a host calls from its own tests, whatever test framework
/// it uses.
///
/// ```swift
/// let measures = try RFMMeasures(table: table, asOf: asOf)
/// let violations = RFMLaws.violations(of: MyRFM(), on: measures)
/// #expect(violations.isEmpty, "\(violations)")
/// ```
public enum RFMLaws: Sendable {
  /// Checks the laws of `RFMPolicy` on a sample of measures and on seeded shuffles of its
  /// rows, and the laws of the segment map the result names segments with.
  ///
  /// Laws, as violations name them:
  /// - **one result per row**: the result's row space is the input's, with one score per
  ///   measure and one rule index per client (an `RFMClassification` clamps or checks every
  ///   score into 1–5 and gives every row a rule of its map or the fallback, so what a policy
  ///   can get wrong is the row space: a result over other clients, or in another order);
  /// - **monotone recency**, **monotone frequency**, **monotone money**: fewer days since the
  ///   last purchase never lowers R, more purchase days never lower F, more money never lowers
  ///   M;
  /// - **equal measures, equal scores**: clients with the same measure get the same score for
  ///   it;
  /// - **order independence**: three seeded shuffles of the rows give every client the scores
  ///   and segment it had in input order;
  /// - the laws of ``RFMSegmentMapLaws`` on the result's `segmentMap` (coverage,
  ///   reachability, order of names), so the standard policy's map is checked with it.
  ///
  /// A violation names the client by its identifier and shows its measures as the host passed
  /// them in (recency as days since the last purchase) and its scores.
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - measures: The sample to check it on.
  ///   - seed: The seed of the shuffles; 1 by default.
  /// - Returns: The violations found, at most five per law; empty when the policy kept every
  ///   law on this sample.
  /// - Complexity: O(*n* log *n*) plus four runs of the policy.
  public static func violations<Policy: RFMPolicy, ID>(
    of policy: Policy, on measures: RFMMeasures<ID>, seed: UInt64 = 1
  ) -> [LawViolation] {
    var report = LawReport()
    let original = policy.classification(of: measures)
    guard checkShape(original, of: measures, context: "", into: &report) else {
      return report.violations
    }
    checkMonotone(original, of: measures, into: &report)
    checkOrderIndependence(of: policy, on: measures, original: original, seed: seed, into: &report)
    report.add(contentsOf: RFMSegmentMapLaws.violations(of: original.segmentMap))
    return report.violations
  }

  /// A client's measures as the host passed them in.
  static func facts<ID>(_ row: Int, of measures: RFMMeasures<ID>) -> [LawViolation.Value] {
    [
      .init("days since the last purchase", "\(measures.recencyDays[row])"),
      .init("purchase days", "\(measures.frequency[row])"),
      .init("money", ValueClassLawSupport.text(measures.monetary[row])),
    ]
  }

  /// A row's scores as "R F M" digits.
  private static func scores<ID>(_ row: Int, of result: RFMClassification<ID>) -> String {
    "\(result.recencyScores[row]) \(result.frequencyScores[row]) \(result.monetaryScores[row])"
  }

  /// Records a violation unless `result` has one score per measure and one rule index per row
  /// of `measures`, over its row space; returns whether it has.
  private static func checkShape<ID>(
    _ result: RFMClassification<ID>, of measures: RFMMeasures<ID>, context: String,
    into report: inout LawReport
  ) -> Bool {
    ValueClassLawSupport.checkRows(
      of: result.clients,
      columnCounts: [
        result.recencyScores.count, result.frequencyScores.count, result.monetaryScores.count,
        result.ruleIndices.count,
      ],
      input: measures.clients, law: "one result per row", context: context, into: &report)
  }

  /// Monotone R, F and M, and equal measures with equal scores.
  private static func checkMonotone<ID>(
    _ result: RFMClassification<ID>, of measures: RFMMeasures<ID>, into report: inout LawReport
  ) {
    let ids = measures.ids
    let tieLaw = "equal measures, equal scores"
    ValueClassLawSupport.checkMonotone(
      .init(
        law: "monotone recency", tieLaw: tieLaw, measureName: "days since the last purchase",
        labelName: "R", better: "fewer days since the last purchase", higherIsBetter: false),
      ids: ids, measure: measures.recencyDays.map(Double.init),
      labels: Array(result.recencyScores), measureText: { "\(measures.recencyDays[$0])" },
      labelText: { "\($0)" }, into: &report)
    ValueClassLawSupport.checkMonotone(
      .init(
        law: "monotone frequency", tieLaw: tieLaw, measureName: "purchase days",
        labelName: "F", better: "more purchase days", higherIsBetter: true),
      ids: ids, measure: measures.frequency.map(Double.init),
      labels: Array(result.frequencyScores), measureText: { "\(measures.frequency[$0])" },
      labelText: { "\($0)" }, into: &report)
    ValueClassLawSupport.checkMonotone(
      .init(
        law: "monotone money", tieLaw: tieLaw, measureName: "money", labelName: "M",
        better: "more money", higherIsBetter: true),
      ids: ids, measure: Array(measures.monetary), labels: Array(result.monetaryScores),
      measureText: { ValueClassLawSupport.text(measures.monetary[$0]) },
      labelText: { "\($0)" }, into: &report)
  }

  /// Seeded shuffles of the rows give every client its scores and segment.
  private static func checkOrderIndependence<Policy: RFMPolicy, ID>(
    of policy: Policy, on measures: RFMMeasures<ID>, original: RFMClassification<ID>,
    seed: UInt64, into report: inout LawReport
  ) {
    ValueClassLawSupport.checkOrderIndependence(
      ids: measures.ids, seed: seed, into: &report,
      shuffled: { order in
        try RFMMeasures(
          ids: order.map { measures.ids[$0] },
          recencyDays: ContiguousArray(order.map { measures.recencyDays[$0] }),
          frequency: ContiguousArray(order.map { measures.frequency[$0] }),
          monetary: ContiguousArray(order.map { measures.monetary[$0] }))
      },
      classify: { policy.classification(of: $0) },
      hasShape: { checkShape($0, of: $1, context: $2, into: &$3) },
      moved: { position, row, result in
        scores(position, of: result) == scores(row, of: original)
          && result.segment(forRow: position) == original.segment(forRow: row)
          ? nil
          : facts(row, of: measures) + [
            .init("R F M in input order", scores(row, of: original)),
            .init("segment in input order", original.segment(forRow: row).name),
            .init("R F M shuffled", scores(position, of: result)),
            .init("segment shuffled", result.segment(forRow: position).name),
          ]
      }, what: "other scores or another segment")
  }
}
