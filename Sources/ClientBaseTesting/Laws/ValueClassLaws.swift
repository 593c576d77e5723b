public import Segmentation

/// Law checks for value-based class policies (ABC, RFM) that a host calls from its own tests,
/// whatever test framework it uses.
///
/// Each check runs the policy on the data given and on seeded permutations of its rows, and
/// returns the violations it found as sentences — an empty array means the policy kept every
/// law on that data. Feed it varied data: bases with ties, zeros and negative values find more
/// than clean random numbers do.
///
/// ```swift
/// @Test func myPolicyKeepsTheLaws() throws {
///   let values = try ClientValues(ids: ids, values: spend)
///   #expect(ValueClassLaws.abcViolations(of: MyABC(), on: values).isEmpty)
/// }
/// ```
public enum ValueClassLaws: Sendable {
  /// The most violations of one law reported, so a badly broken policy gives a short list.
  public static let maximumReportedPerLaw = 5

  /// Checks the laws of `ABCPolicy`: every client exactly one class in its own row, more
  /// value never a lower class and equal values equal classes, and classes independent of the
  /// row order.
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - values: The data to check it on.
  ///   - permutations: How many shuffled copies of the rows to compare; 3 by default.
  ///   - seed: The seed of the shuffles.
  /// - Returns: One sentence per violation found (at most ``maximumReportedPerLaw`` per law).
  /// - Complexity: O(*n* log *n*) plus `permutations + 1` runs of the policy.
  public static func abcViolations<Policy: ABCPolicy, ID>(
    of policy: Policy, on values: ClientValues<ID>, permutations: Int = 3, seed: UInt64 = 2_024
  ) -> [String] {
    var violations: [String] = []
    let original: ABCClassification<ID>
    do {
      original = try policy.classification(of: values)
    } catch {
      return ["the policy threw on valid data: \(error)"]
    }
    guard original.classes.count == values.count, original.ids == values.ids else {
      return [
        "one class per row: \(original.classes.count) classes for \(values.count) clients, "
          + "or rows not in input order"
      ]
    }
    violations += monotoneViolations(
      measure: Array(values.values), labels: Array(original.classes), ids: values.ids,
      name: "value", higherIsBetter: true)
    var generator = SeededGenerator(seed: seed)
    for round in 0..<Swift.max(permutations, 0) {
      let order = shuffledIndices(values.count, using: &generator)
      let shuffled: ClientValues<ID>
      do {
        shuffled = try ClientValues(
          ids: order.map { values.ids[$0] }, values: order.map { values.values[$0] })
      } catch {
        return violations + ["could not permute the data: \(error)"]
      }
      do {
        let result = try policy.classification(of: shuffled)
        guard result.classes.count == shuffled.count else {
          violations.append("permutation \(round + 1): \(result.classes.count) classes")
          continue
        }
        var found = 0
        for (position, row) in order.enumerated()
        where result.classes[position] != original.classes[row] {
          found += 1
          if found <= maximumReportedPerLaw {
            violations.append(
              "order independence (permutation \(round + 1)): client \(values.ids[row]) is "
                + "\(original.classes[row]) in input order, \(result.classes[position]) shuffled")
          }
        }
      } catch {
        violations.append("permutation \(round + 1): the policy threw: \(error)")
      }
    }
    return violations
  }

  /// Checks the laws of `RFMPolicy`: every client exactly one score from 1 to 5 per
  /// measure and one segment, in its own row; R never lower for fewer days since the last
  /// purchase, F never lower for more purchase days, M never lower for more money, equal
  /// measures equal scores; and scores and segments independent of the row order.
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - measures: The data to check it on.
  ///   - permutations: How many shuffled copies of the rows to compare; 3 by default.
  ///   - seed: The seed of the shuffles.
  /// - Returns: One sentence per violation found (at most ``maximumReportedPerLaw`` per law).
  /// - Complexity: O(*n* log *n*) plus `permutations + 1` runs of the policy.
  public static func rfmViolations<Policy: RFMPolicy, ID>(
    of policy: Policy, on measures: RFMMeasures<ID>, permutations: Int = 3,
    seed: UInt64 = 2_024
  ) -> [String] {
    let original: RFMClassification<ID>
    do {
      original = try policy.classification(of: measures)
    } catch {
      return ["the policy threw on valid data: \(error)"]
    }
    guard original.count == measures.count, original.ids == measures.ids else {
      return ["one result per row: \(original.count) rows for \(measures.count) clients"]
    }
    var violations: [String] = []
    let columns = [
      ("R", original.recencyScores), ("F", original.frequencyScores),
      ("M", original.monetaryScores),
    ]
    for (name, scores) in columns {
      let bad = scores.indices.filter { !(1...5).contains(scores[$0]) }
      for row in bad.prefix(maximumReportedPerLaw) {
        violations.append("scores 1–5: client \(measures.ids[row]) has \(name) \(scores[row])")
      }
    }
    let rules = original.segmentMap.rules.count
    for row in original.ruleIndices.indices.filter({
      !(0...rules).contains(Int(original.ruleIndices[$0]))
    }).prefix(maximumReportedPerLaw) {
      violations.append("one segment: client \(measures.ids[row]) has no segment")
    }
    violations += monotoneViolations(
      measure: measures.recencyDays.map { -Double($0) }, labels: Array(original.recencyScores),
      ids: measures.ids, name: "recency (days, fewer is better)", higherIsBetter: true)
    violations += monotoneViolations(
      measure: measures.frequency.map { Double($0) }, labels: Array(original.frequencyScores),
      ids: measures.ids, name: "frequency", higherIsBetter: true)
    violations += monotoneViolations(
      measure: Array(measures.monetary), labels: Array(original.monetaryScores),
      ids: measures.ids, name: "money", higherIsBetter: true)
    var generator = SeededGenerator(seed: seed)
    for round in 0..<Swift.max(permutations, 0) {
      let order = shuffledIndices(measures.count, using: &generator)
      do {
        let shuffled = try RFMMeasures(
          ids: order.map { measures.ids[$0] },
          recencyDays: ContiguousArray(order.map { measures.recencyDays[$0] }),
          frequency: ContiguousArray(order.map { measures.frequency[$0] }),
          monetary: ContiguousArray(order.map { measures.monetary[$0] }))
        let result = try policy.classification(of: shuffled)
        guard result.count == shuffled.count else {
          violations.append("permutation \(round + 1): \(result.count) rows")
          continue
        }
        var found = 0
        for (position, row) in order.enumerated()
        where result.scoreCode(forRow: position) != original.scoreCode(forRow: row)
          || result.segment(forRow: position) != original.segment(forRow: row)
        {
          found += 1
          if found <= maximumReportedPerLaw {
            violations.append(
              "order independence (permutation \(round + 1)): client \(measures.ids[row]) "
                + "scores \(original.scoreCode(forRow: row)) in input order, "
                + "\(result.scoreCode(forRow: position)) shuffled")
          }
        }
      } catch {
        violations.append("permutation \(round + 1): \(error)")
      }
    }
    return violations
  }

  /// Violations of "a better measure never gets a lower label; equal measures, equal labels".
  static func monotoneViolations<Label: Comparable, ID>(
    measure: [Double], labels: [Label], ids: [ID], name: String, higherIsBetter: Bool
  ) -> [String] {
    let order = measure.indices.sorted {
      higherIsBetter ? measure[$0] < measure[$1] : measure[$0] > measure[$1]
    }
    var ties: [String] = []
    var inversions: [String] = []
    for (worse, better) in zip(order, order.dropFirst()) {
      let tied = measure[worse] == measure[better]
      let broken = tied ? labels[worse] != labels[better] : labels[worse] > labels[better]
      guard broken else { continue }
      let text =
        "client \(ids[worse]) (\(measure[worse])) is \(labels[worse]) but client "
        + "\(ids[better]) (\(measure[better])) is \(labels[better])"
      if tied {
        if ties.count < maximumReportedPerLaw { ties.append("equal \(name), equal class: " + text) }
      } else if inversions.count < maximumReportedPerLaw {
        inversions.append("monotone in \(name): " + text)
      }
    }
    return inversions + ties
  }

  /// A uniformly random order of `0..<count` (Fisher–Yates with the seeded generator).
  static func shuffledIndices(_ count: Int, using generator: inout SeededGenerator) -> [Int] {
    var order = Array(0..<count)
    var index = count - 1
    while index > 0 {
      order.swapAt(index, generator.nextInt(below: index + 1))
      index -= 1
    }
    return order
  }
}
