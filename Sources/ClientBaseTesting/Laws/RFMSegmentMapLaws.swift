public import Segmentation

/// Law checks for an RFM segment map — the standard one or a host's own — that a host calls
/// from its own tests.
///
/// ```swift
/// let violations = RFMSegmentMapLaws.violations(of: ourMap)
/// #expect(violations.isEmpty, "\(violations)")
/// ```
///
/// `RFMLaws.violations(of:on:seed:)` runs these checks on the map of the policy's result, so
/// an RFM policy is checked with its map.
public enum RFMSegmentMapLaws: Sendable {
  /// Checks a segment map over all 125 score triples.
  ///
  /// Laws, as violations name them:
  /// - **coverage**: every triple (R, F, M) from 1 to 5 is matched by a rule. The fallback is a
  ///   safety net for a map edited by hand, not a segment to rely on: a map that leaves
  ///   triples to it reports each uncovered triple (at most five, each message saying how many
  ///   there are). Write a catch-all as a last rule with ranges `1...5` instead.
  /// - **reachability**: every rule matches at least one triple that no earlier rule matches.
  ///   A rule listed after rules that cover all it covers is never used, and so is a rule
  ///   whose ranges lie outside 1...5.
  /// - **order of names**: a client better on all three scores never gets a segment of lower
  ///   rank — for every pair of triples where one is greater in R, in F and in M, the better
  ///   triple's segment has at least the rank of the other's. The standard map keeps it; a map
  ///   that names R 1 clients by its top-ranked segment does not.
  ///
  /// Violations are about the map, not a client: they name the triples and rules (rules by
  /// their position in the list, from 1).
  ///
  /// - Parameter map: The map under test.
  /// - Returns: The violations found, at most five per law; empty when the map keeps them.
  /// - Complexity: O(*r*) per triple for *r* rules, and 125² pairs of triples.
  public static func violations(of map: RFMSegmentMap) -> [LawViolation] {
    var report = LawReport()
    let triples = (1...5).flatMap { r in (1...5).flatMap { f in (1...5).map { m in (r, f, m) } } }
    let firstRule = triples.map { map.ruleIndex(recency: $0.0, frequency: $0.1, monetary: $0.2) }
    let uncovered = firstRule.filter { $0 == nil }.count
    for (triple, rule) in zip(triples, firstRule) where rule == nil {
      report.add(
        LawViolation(
          law: "coverage", values: [.init("R F M", code(triple))],
          message:
            "no rule matches \(spoken(triple)); it falls to the fallback \(map.fallback.name) "
            + "(\(uncovered) of 125 triples do)"))
    }
    for (index, rule) in map.rules.enumerated() where !firstRule.contains(index) {
      let outside = [
        ("recency", rule.recency), ("frequency", rule.frequency), ("monetary", rule.monetary),
      ].first { !$0.1.overlaps(1...5) }
      let why =
        outside.map { "its \($0.0) range lies outside 1...5" }
        ?? "every triple it matches is taken by an earlier rule"
      report.add(
        LawViolation(
          law: "reachability",
          values: [
            .init("rule", "\(index + 1) of \(map.rules.count)"),
            .init("segment", rule.segment.name), .init("ranges", ranges(rule)),
          ],
          message: "rule \(index + 1) (\(rule.segment.name)) never names a client: \(why)"))
    }
    for worse in triples {
      let worseSegment = map.segment(recency: worse.0, frequency: worse.1, monetary: worse.2)
      for better in triples where better.0 > worse.0 && better.1 > worse.1 && better.2 > worse.2 {
        let betterSegment = map.segment(
          recency: better.0, frequency: better.1, monetary: better.2)
        guard betterSegment.rank < worseSegment.rank else { continue }
        report.add(
          LawViolation(
            law: "order of names",
            values: [
              .init("better R F M", code(better)), .init("its segment", named(betterSegment)),
              .init("worse R F M", code(worse)), .init("its segment", named(worseSegment)),
            ],
            message:
              "\(spoken(better)) is better on all three scores than \(spoken(worse)) but is "
              + "named \(named(betterSegment)), below \(named(worseSegment))"))
      }
    }
    return report.violations
  }

  /// "5 4 3".
  private static func code(_ triple: (Int, Int, Int)) -> String {
    "\(triple.0) \(triple.1) \(triple.2)"
  }

  /// "R 5, F 4, M 3".
  private static func spoken(_ triple: (Int, Int, Int)) -> String {
    "R \(triple.0), F \(triple.1), M \(triple.2)"
  }

  /// "Champions (rank 11)".
  private static func named(_ segment: RFMSegment) -> String {
    "\(segment.name) (rank \(segment.rank))"
  }

  /// "R 5, F 4–5, M 1–5".
  private static func ranges(_ rule: RFMSegmentRule) -> String {
    func text(_ range: ClosedRange<Int>) -> String {
      range.lowerBound == range.upperBound
        ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
    }
    return "R \(text(rule.recency)), F \(text(rule.frequency)), M \(text(rule.monetary))"
  }
}
