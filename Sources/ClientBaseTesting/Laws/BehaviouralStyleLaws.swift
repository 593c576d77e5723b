public import Segmentation

/// Law checks for a host's `BehaviouralStylePolicy`: a plain function that returns the
/// violations found as sentences, so any test framework can assert that the list is empty.
///
/// ```swift
/// @Test func ourStyleRuleKeepsTheLaws() {
///   var generator = SeededGenerator(seed: 1)
///   #expect(BehaviouralStyleLaws.violations(of: OurStyleRule(), using: &generator).isEmpty)
/// }
/// ```
///
/// The protocol promises the quadrant a style names, not when a policy must name one, so a
/// policy may leave any client undetermined (with a reason); what it may not do is name the
/// wrong quadrant, or name one without saying so consistently.
public enum BehaviouralStyleLaws: Sendable {
  /// The most violations of one law reported, so a badly broken policy gives a short list.
  public static let maximumReportedPerLaw = 5

  /// Checks the laws of `BehaviouralStylePolicy` on a grid of means — both axes, the exact
  /// axes, values just off them and the corners — and on seeded random means.
  ///
  /// Laws: **one assessment** (a style or a reason it is undetermined, never both, never
  /// neither); **reports its inputs** (the assessment's means and observation count are the
  /// arguments); **quadrant** (a style is the quadrant of the means: dominant for
  /// assertiveness > 0 and responsiveness < 0, expressive for both > 0, amiable for
  /// assertiveness < 0 and responsiveness > 0, analytical for both < 0, and no style when a
  /// mean is zero); **pure** (asking again, in the reverse order, gives the same assessments).
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - generator: The source of the random means and observation counts.
  ///   - samples: How many random clients beside the grid (default 2,000).
  /// - Returns: One sentence per violation found (at most ``maximumReportedPerLaw`` per law).
  /// - Complexity: O(grid + `samples`) calls of the policy, twice.
  public static func violations<Policy: BehaviouralStylePolicy, Generator: RandomNumberGenerator>(
    of policy: Policy, using generator: inout Generator, samples: Int = 2_000
  ) -> [String] {
    var questions: [(assertiveness: Double, responsiveness: Double, count: Int)] = [(0, 0, 0)]
    let axis: [Double] = [-1, -0.75, -0.5, -0.1, -0.0001, 0, 0.0001, 0.1, 0.5, 0.75, 1]
    for assertiveness in axis {
      for responsiveness in axis {
        for count in [1, 2, 3, 5, 20] { questions.append((assertiveness, responsiveness, count)) }
      }
    }
    for _ in 0..<Swift.max(samples, 0) {
      let assertiveness = Double(generator.next() >> 11) * 0x1p-52 - 1
      let responsiveness = Double(generator.next() >> 11) * 0x1p-52 - 1
      questions.append((assertiveness, responsiveness, 1 + Int(generator.next() % 30)))
    }
    let answers = questions.map {
      policy.assessment(
        assertiveness: $0.assertiveness, responsiveness: $0.responsiveness,
        observationCount: $0.count)
    }
    var counts: [String: Int] = [:]
    var violations: [String] = []
    func report(_ law: String, _ text: String) {
      counts[law, default: 0] += 1
      if counts[law, default: 0] <= maximumReportedPerLaw { violations.append("\(law): \(text)") }
    }
    for (question, answer) in zip(questions, answers) {
      let asked =
        "assertiveness \(question.assertiveness), responsiveness \(question.responsiveness), "
        + "\(question.count) observations"
      if (answer.style == nil) == (answer.undetermined == nil) {
        report(
          "one assessment",
          "\(asked) gives style \(String(describing: answer.style)) and undetermined "
            + "\(String(describing: answer.undetermined))")
      }
      if answer.assertiveness != question.assertiveness
        || answer.responsiveness != question.responsiveness
        || answer.observationCount != question.count
      {
        report("reports its inputs", "\(asked) gives \(answer.reason)")
      }
      if let style = answer.style,
        style != quadrant(question.assertiveness, question.responsiveness)
      {
        report("quadrant", "\(asked) gives \(style)")
      }
    }
    for (question, answer) in zip(questions, answers).reversed() {
      let again = policy.assessment(
        assertiveness: question.assertiveness, responsiveness: question.responsiveness,
        observationCount: question.count)
      if again != answer {
        report(
          "pure",
          "assertiveness \(question.assertiveness), responsiveness \(question.responsiveness), "
            + "\(question.count) observations gives \(answer.reason), then \(again.reason)")
      }
    }
    return violations
  }

  /// The quadrant the protocol documents for the means, or `nil` on an axis.
  static func quadrant(_ assertiveness: Double, _ responsiveness: Double) -> BehaviouralStyle? {
    guard assertiveness != 0, responsiveness != 0, !assertiveness.isNaN, !responsiveness.isNaN
    else { return nil }
    return .quadrant(assertiveness: assertiveness, responsiveness: responsiveness)
  }
}
