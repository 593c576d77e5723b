import ClientBaseCore

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

  /// Records a violation of `law` unless a result lies over the input's row space with one
  /// entry per row in each of its columns; returns whether it does.
  ///
  /// - Parameters:
  ///   - result: The result's row space.
  ///   - columnCounts: The lengths of the result's per-row columns.
  ///   - input: The input's row space.
  ///   - law: The law's name ("one class per row").
  ///   - context: Where in the check this run was (" (permutation 2)"), or "".
  ///   - report: Where violations go.
  static func checkRows<ID>(
    of result: ClientIndex<ID>, columnCounts: [Int], input: ClientIndex<ID>, law: String,
    context: String, into report: inout LawReport
  ) -> Bool {
    let lengths = [result.count] + columnCounts
    guard lengths.allSatisfy({ $0 == input.count }) else {
      report.add(
        LawViolation(
          law: law,
          message:
            "columns of \(lengths.map(String.init).joined(separator: ", ")) rows for "
            + "\(input.count) clients" + context))
      return false
    }
    if let row = (0..<input.count).first(where: { result[$0] != input[$0] }) {
      report.add(
        LawViolation(
          law: law, client: input[row],
          values: [.init("client in the result's row", String(describing: result[row]))],
          message: "its row holds another client in the result" + context))
      return false
    }
    return true
  }

  /// Runs a policy on seeded shuffles of a sample's rows and records an "order independence"
  /// violation for every client whose answer moved.
  ///
  /// - Parameters:
  ///   - ids: The sample's clients, in input order.
  ///   - seed: The seed of the shuffles.
  ///   - report: Where violations go.
  ///   - shuffled: The sample with its rows in a given order (`order[position]` is the input
  ///     row now at `position`).
  ///   - classify: The policy's whole-base call.
  ///   - hasShape: Whether a result lies over its input's rows (recording a violation if not).
  ///   - moved: For the input row `row`, now at `position` of a shuffled result, the values
  ///     that show its answer moved, or `nil` when it did not.
  ///   - what: What moved, for the sentence ("another class").
  static func checkOrderIndependence<ID, Input, Result>(
    ids: [ID], seed: UInt64, into report: inout LawReport,
    shuffled: ([Int]) throws -> Input, classify: (Input) -> Result,
    hasShape: (Result, Input, String, inout LawReport) -> Bool,
    moved: (_ position: Int, _ row: Int, Result) -> [LawViolation.Value]?, what: String
  ) {
    var generator = SeededGenerator(seed: seed)
    for round in 1...permutationCount {
      let order = shuffledOrder(ids.count, using: &generator)
      let input: Input
      do {
        input = try shuffled(order)
      } catch {
        report.add(
          LawViolation(
            law: "order independence", message: "could not shuffle the sample: \(error)"))
        return
      }
      let result = classify(input)
      let context = " (permutation \(round))"
      guard hasShape(result, input, context, &report) else { continue }
      for (position, row) in order.enumerated() {
        guard let values = moved(position, row, result) else { continue }
        report.add(
          LawViolation(
            law: "order independence", client: ids[row], values: values,
            message: "\(what) when the rows are shuffled" + context))
      }
    }
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
