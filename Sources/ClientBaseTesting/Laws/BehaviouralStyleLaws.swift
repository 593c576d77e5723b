import ClientBaseCore
public import Segmentation

/// Law checks for a host's `BehaviouralStylePolicy`: a plain function that returns the
/// violations found, so any test framework can assert that the list is empty.
///
/// ```swift
/// @Test func ourStyleRuleKeepsTheLaws() {
///   let violations = BehaviouralStyleLaws.violations(of: OurStyleRule())
///   #expect(violations.isEmpty, "\(violations)")
/// }
/// ```
///
/// The protocol promises the quadrant a style names, not when a policy must name one, so a
/// policy may leave any client undetermined (with a reason); what it may not do is name the
/// wrong quadrant, or name one without saying so consistently.
public enum BehaviouralStyleLaws: Sendable {
  /// Checks the laws of `BehaviouralStylePolicy` on sample clients: a grid of means — both
  /// axes, the exact axes, values just off them and the corners — and seeded random means,
  /// each client named `"sample 17"` and given that many identical observations.
  ///
  /// Laws: **one assessment** (a style or a reason it is undetermined, never both, never
  /// neither); **reports its inputs** (the assessment's means and observation count are the
  /// arguments); **quadrant** (a style is the quadrant of the means: dominant for
  /// assertiveness > 0 and responsiveness < 0, expressive for both > 0, amiable for
  /// assertiveness < 0 and responsiveness > 0, analytical for both < 0, and no style when a
  /// mean is zero); **pure** (asking again, in a seeded shuffled order, gives the same
  /// assessments); **whole base agrees** (the whole-base call on the samples' observations
  /// gives every client the per-client assessment of its means).
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - seed: The seed of the random means, observation counts and the shuffled order
  ///     (default 1).
  ///   - samples: How many random clients beside the grid (default 2,000).
  /// - Returns: The violations found, at most a few per law, each naming the sample client.
  /// - Complexity: O(grid + `samples`) calls of the policy, three times.
  public static func violations<Policy: BehaviouralStylePolicy>(
    of policy: Policy, seed: UInt64 = 1, samples: Int = 2_000
  ) -> [LawViolation] {
    var generator = SeededGenerator(seed: seed)
    var questions: [(assertiveness: Double, responsiveness: Double, count: Int)] = [(0, 0, 0)]
    let axis: [Double] = [-1, -0.75, -0.5, -0.1, -0.0001, 0, 0.0001, 0.1, 0.5, 0.75, 1]
    for assertiveness in axis {
      for responsiveness in axis {
        for count in [1, 2, 3, 5, 20] { questions.append((assertiveness, responsiveness, count)) }
      }
    }
    for _ in 0..<Swift.max(samples, 0) {
      let assertiveness = generator.nextUnitDouble() * 2 - 1
      let responsiveness = generator.nextUnitDouble() * 2 - 1
      questions.append((assertiveness, responsiveness, 1 + generator.nextInt(below: 30)))
    }
    let answers = questions.map {
      policy.assessment(
        assertiveness: $0.assertiveness, responsiveness: $0.responsiveness,
        observationCount: $0.count)
    }
    let clients = questions.indices.map { "sample \($0)" }
    func values(_ index: Int) -> [LawViolation.Value] {
      let question = questions[index]
      return [
        .init("assertiveness", "\(question.assertiveness)"),
        .init("responsiveness", "\(question.responsiveness)"),
        .init("observations", "\(question.count)"),
      ]
    }
    var report = LawReport()
    for (index, answer) in answers.enumerated() {
      let question = questions[index]
      if (answer.style == nil) == (answer.undetermined == nil) {
        report.add(
          LawViolation(
            law: "one assessment", client: clients[index], values: values(index),
            message:
              "style \(String(describing: answer.style)) and undetermined "
              + "\(String(describing: answer.undetermined)): exactly one must be given"))
      }
      if answer.assertiveness != question.assertiveness
        || answer.responsiveness != question.responsiveness
        || answer.observationCount != question.count
      {
        report.add(
          LawViolation(
            law: "reports its inputs", client: clients[index], values: values(index),
            message: "the assessment reports other inputs: \(answer.reason)"))
      }
      if let style = answer.style,
        style != quadrant(question.assertiveness, question.responsiveness)
      {
        report.add(
          LawViolation(
            law: "quadrant", client: clients[index], values: values(index),
            message:
              "\(style) is not the quadrant of the means "
              + "(\(quadrant(question.assertiveness, question.responsiveness)?.rawValue ?? "an axis"))"
          ))
      }
    }
    for index in questions.indices.shuffled(using: &generator) {
      let question = questions[index]
      let again = policy.assessment(
        assertiveness: question.assertiveness, responsiveness: question.responsiveness,
        observationCount: question.count)
      if again != answers[index] {
        report.add(
          LawViolation(
            law: "pure", client: clients[index], values: values(index),
            message: "asked again: \(answers[index].reason), then \(again.reason)"))
      }
    }
    report.add(contentsOf: wholeBaseViolations(of: policy, questions, clients))
    return report.violations
  }

  /// The whole-base call on observations whose means are the questions' means.
  static func wholeBaseViolations<Policy: BehaviouralStylePolicy>(
    of policy: Policy, _ questions: [(assertiveness: Double, responsiveness: Double, count: Int)],
    _ clients: [String]
  ) -> [LawViolation] {
    var observations: [BehaviourObservation<String>] = []
    for (index, question) in questions.enumerated() {
      for _ in 0..<question.count {
        observations.append(
          BehaviourObservation(
            client: clients[index], assertiveness: question.assertiveness,
            responsiveness: question.responsiveness))
      }
    }
    guard let input = try? BehaviourObservations(clients: clients, observations: observations)
    else { return [] }
    let whole = policy.assessments(for: input)
    guard whole.count == clients.count else {
      return [
        LawViolation(
          law: "whole base agrees",
          message: "\(whole.count) assessments for \(clients.count) clients")
      ]
    }
    var found: [LawViolation] = []
    for row in 0..<whole.count {
      // The means of identical observations are the observed values up to rounding: compare
      // with the rule asked about the input's own means.
      let expected = policy.assessment(
        assertiveness: input.assertiveness[row], responsiveness: input.responsiveness[row],
        observationCount: input.observationCounts[row])
      if whole[row] != expected {
        found.append(
          LawViolation(
            law: "whole base agrees", client: clients[row],
            values: [
              .init("assertiveness", "\(input.assertiveness[row])"),
              .init("responsiveness", "\(input.responsiveness[row])"),
              .init("observations", "\(input.observationCounts[row])"),
            ],
            message: "the whole-base call gives \(whole[row].reason), the rule \(expected.reason)"))
      }
    }
    return found
  }

  /// The quadrant the protocol documents for the means, or `nil` on an axis.
  static func quadrant(_ assertiveness: Double, _ responsiveness: Double) -> BehaviouralStyle? {
    guard assertiveness != 0, responsiveness != 0, !assertiveness.isNaN, !responsiveness.isNaN
    else { return nil }
    return .quadrant(assertiveness: assertiveness, responsiveness: responsiveness)
  }
}
