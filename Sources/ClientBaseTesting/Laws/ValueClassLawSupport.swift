/// What the value-class law checks (ABC, XYZ, RFM) share: seeded shuffles and the monotone
/// law on one measure.
enum ValueClassLawSupport {
  /// How many shuffled copies of the rows the order-independence laws compare.
  static let permutationCount = 3

  /// A uniformly random order of `0..<count` (Fisher–Yates with the seeded generator).
  static func shuffledOrder(_ count: Int, using generator: inout SeededGenerator) -> [Int] {
    var order = Array(0..<count)
    var index = count - 1
    while index > 0 {
      order.swapAt(index, generator.nextInt(below: index + 1))
      index -= 1
    }
    return order
  }

  /// A number as the host passed it in: Swift's shortest exact form, so two values that
  /// differ in their last digits do not print alike.
  static func text(_ value: Double) -> String { String(describing: value) }

  /// How one measure and the label it drives are named in violations.
  struct Monotone {
    /// The law broken by a better measure with a worse label ("monotone").
    var law: String
    /// The law broken by equal measures with different labels.
    var tieLaw: String
    /// The measure's name in values ("value", "days since the last purchase").
    var measureName: String
    /// The label's name in values ("class", "R").
    var labelName: String
    /// "more value", "fewer days since the last purchase".
    var better: String
    /// Whether a higher measure is better.
    var higherIsBetter: Bool
  }

  /// Records violations of "a better measure never gets a lower label; equal measures, equal
  /// labels", naming the clients by identifier and showing the measures as `measureText`
  /// renders them.
  ///
  /// - Complexity: O(*n* log *n*): one sort of the rows by the measure.
  static func checkMonotone<ID, Label: Comparable>(
    _ names: Monotone, ids: [ID], measure: [Double], labels: [Label],
    measureText: (Int) -> String, labelText: (Label) -> String, into report: inout LawReport
  ) {
    // Worst first, so each adjacent pair is (worse or equal, better or equal).
    let order = measure.indices.sorted {
      names.higherIsBetter ? measure[$0] < measure[$1] : measure[$0] > measure[$1]
    }
    for (worse, better) in zip(order, order.dropFirst()) {
      let tied = measure[worse] == measure[better]
      guard tied ? labels[worse] != labels[better] : labels[worse] > labels[better] else {
        continue
      }
      let other = "client \(ids[worse])"
      report.add(
        LawViolation(
          law: tied ? names.tieLaw : names.law, client: ids[better],
          values: [
            .init(names.measureName, measureText(better)),
            .init(names.labelName, labelText(labels[better])),
            .init("\(names.measureName) of \(other)", measureText(worse)),
            .init("\(names.labelName) of \(other)", labelText(labels[worse])),
          ],
          message: tied
            ? "the same \(names.measureName) as \(other) but another \(names.labelName)"
            : "\(names.better) than \(other) but a lower \(names.labelName)"))
    }
  }
}
