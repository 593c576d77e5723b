/// The ABC class of every client of a base, in a column aligned with the measure's rows.
///
/// Per-row facts are compact (the value and a one-byte class); reasons are rendered on demand
/// by ``reason(forRow:)``, because a million strings would cost more than the analysis.
///
/// ```swift
/// let abc = try ABCByRank().classification(of: spend)
/// abc.classes[row]          // .a
/// abc.counts[.a]            // 100 of 2,000
/// abc.reason(forRow: row)   // "A: rank 37 of 2,000 by value, top 1.9% (A is the top 5%)"
/// ```
public struct ABCClassification<ID: Hashable & Sendable>: Sendable {
  /// The measure the classes were computed from; its rows are this classification's rows.
  public let measure: ClientValues<ID>
  /// The class of each row.
  public let classes: ContiguousArray<ABCClass>
  /// The rule and cut-offs that produced the classes.
  public let rule: ABCRule
  /// What the measure is, as reasons should name it ("12-month spend"); "value" by default.
  public var measureName: String

  /// Creates a classification from classes a policy computed, checking that they line up.
  ///
  /// Host policies use this to return their result.
  ///
  /// - Parameters:
  ///   - measure: The measure that was classified.
  ///   - classes: One class per row of `measure`.
  ///   - rule: The rule, for reasons.
  ///   - measureName: What the measure is; "value" by default.
  /// - Throws: ``SegmentationError/lengthMismatch(what:expected:actual:)`` when the
  ///   column lengths differ.
  public init(
    measure: ClientValues<ID>, classes: ContiguousArray<ABCClass>, rule: ABCRule,
    measureName: String = "value"
  ) throws(SegmentationError) {
    guard classes.count == measure.count else {
      throw .lengthMismatch(what: "classes", expected: measure.count, actual: classes.count)
    }
    self.init(trustedMeasure: measure, classes: classes, rule: rule, measureName: measureName)
  }

  init(
    trustedMeasure measure: ClientValues<ID>, classes: ContiguousArray<ABCClass>, rule: ABCRule,
    measureName: String = "value"
  ) {
    self.measure = measure
    self.classes = classes
    self.rule = rule
    self.measureName = measureName
  }

  /// The number of clients.
  public var count: Int { classes.count }

  /// The clients, in row order.
  public var ids: [ID] { measure.ids }

  /// The row of a client, or `nil` when it is not in the classification.
  ///
  /// When the measure came from a `ClientTable` its rows are the table's: prefer the table's
  /// own `row(for:)` index for many look-ups.
  ///
  /// - Parameter id: The client.
  /// - Returns: Its row.
  /// - Complexity: O(*n*): a scan, since the classification keeps no index.
  public func row(for id: ID) -> Int? { measure.ids.firstIndex(of: id) }

  /// The class of a client, or `nil` when it is not in the classification.
  ///
  /// - Parameter id: The client.
  /// - Complexity: O(*n*); see ``row(for:)``.
  public subscript(client id: ID) -> ABCClass? {
    row(for: id).map { classes[$0] }
  }

  /// The number of clients in each class, with every class present (zero when empty).
  ///
  /// - Complexity: O(*n*).
  public var counts: [ABCClass: Int] {
    // Comparisons summed rather than a switch: classes come in no order, and a branch per
    // client would be mispredicted about as often as not.
    var tally = (a: 0, b: 0)
    classes.withUnsafeBufferPointer { column in
      for value in column {
        tally.a &+= value == .a ? 1 : 0
        tally.b &+= value == .b ? 1 : 0
      }
    }
    return [.a: tally.a, .b: tally.b, .c: classes.count - tally.a - tally.b]
  }

  /// The total of the measure in each class, with every class present.
  ///
  /// - Complexity: O(*n*).
  public var valueTotals: [ABCClass: Double] {
    var sums = (a: 0.0, b: 0.0, c: 0.0)
    for row in 0..<count {
      let value = measure.values[row]
      switch classes[row] {
      case .a: sums.a += value
      case .b: sums.b += value
      case .c: sums.c += value
      }
    }
    return [.a: sums.a, .b: sums.b, .c: sums.c]
  }
}
