import ClientBaseCore
public import Segmentation

/// Law checks for ABC policies that a host calls from its own tests, whatever test framework
/// it uses.
///
/// ```swift
/// @Test func floorABCKeepsTheLaws() throws {
///   let spend = try ClientValues(ids: ids, values: lastYearsSpend)
///   let violations = ABCLaws.violations(of: try FloorABC(floor: 1_000), on: spend)
///   #expect(violations.isEmpty, "\(violations)")
/// }
/// ```
///
/// (`FloorABC` is a host's policy: A by value share, and every client from a floor up, its
/// floor checked once in a throwing initialiser.)
///
/// Feed it varied data: bases with ties, zeros and negative values find more than clean
/// random numbers do.
public enum ABCLaws: Sendable {
  /// Checks the laws of `ABCPolicy` on a sample of values and on seeded shuffles of its rows.
  ///
  /// Laws, as violations name them:
  /// - **one class per row**: the result's row space is the input's, one class per client;
  /// - **monotone**: a client with more value never gets a lower class;
  /// - **equal values, equal classes**: clients with the same value get the same class;
  /// - **order independence**: three seeded shuffles of the rows give every client the class
  ///   it had in input order.
  ///
  /// A violation names the client by its identifier and shows its value as the host passed it
  /// in, its class, and the client it was compared with (by identifier).
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - values: The sample to check it on.
  ///   - seed: The seed of the shuffles; 1 by default.
  /// - Returns: The violations found, at most five per law; empty when the policy kept every
  ///   law on this sample.
  /// - Complexity: O(*n* log *n*) plus four runs of the policy.
  public static func violations<Policy: ABCPolicy, ID>(
    of policy: Policy, on values: ClientValues<ID>, seed: UInt64 = 1
  ) -> [LawViolation] {
    var report = LawReport()
    let original = policy.classification(of: values)
    guard checkShape(original, of: values, context: "", into: &report) else {
      return report.violations
    }
    ValueClassLawSupport.checkMonotone(
      .init(
        law: "monotone", tieLaw: "equal values, equal classes", measureName: "value",
        labelName: "class", better: "more value", higherIsBetter: true),
      ids: values.ids, measure: Array(values.values), labels: Array(original.classes),
      measureText: { ValueClassLawSupport.text(values.values[$0]) },
      labelText: \.description, into: &report)
    ValueClassLawSupport.checkOrderIndependence(
      ids: values.ids, seed: seed, into: &report,
      shuffled: { order in
        try ClientValues(
          ids: order.map { values.ids[$0] }, values: order.map { values.values[$0] })
      },
      classify: { policy.classification(of: $0) },
      hasShape: { checkShape($0, of: $1, context: $2, into: &$3) },
      moved: { position, row, result in
        result.classes[position] == original.classes[row]
          ? nil
          : [
            .init("value", ValueClassLawSupport.text(values.values[row])),
            .init("class in input order", original.classes[row].description),
            .init("class shuffled", result.classes[position].description),
          ]
      }, what: "another class")
    return report.violations
  }

  /// Records a violation unless `result` has one class per row of `values`, over its row
  /// space; returns whether it has.
  private static func checkShape<ID>(
    _ result: ABCClassification<ID>, of values: ClientValues<ID>, context: String,
    into report: inout LawReport
  ) -> Bool {
    ValueClassLawSupport.checkRows(
      of: result.clients, columnCounts: [result.classes.count], input: values.clients,
      law: "one class per row", context: context, into: &report)
  }

}
