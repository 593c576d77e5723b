public import ClientBaseCore

/// The ABC class of every client of a base, in a column over the measure's row space.
///
/// Per-row facts are compact (the value and a one-byte class); reasons are rendered on demand
/// by ``reason(forRow:)``, because a million strings would cost more than the analysis. As a
/// `ClassifiedResult` its scale is A, B, C, in that order, and every client has a class.
///
/// ```swift
/// let abc = StandardABC.byRank.classification(of: spend)
/// abc.classes[row]          // .a
/// abc[client: "c-1042"]     // .b, found in O(1)
/// abc.counts[.a]            // 100 of 2,000
/// abc.reason(forRow: row)   // "A: rank 37 of 2,000 by value, top 1.9% (A is the top 5%, …)"
/// ```
public struct ABCClassification<ID: Hashable & Sendable>: ClassifiedResult {
  /// The measure the classes were computed from; its rows are this classification's rows.
  public let measure: ClientValues<ID>
  /// The class of each row.
  public let classes: ContiguousArray<ABCClass>
  /// The rule and cut-offs that produced the classes.
  public let rule: ABCRule
  /// What the measure is, as reasons should name it ("12-month spend"); "value" by default.
  public var measureName: String

  /// Creates a classification from a class per row: how a host policy returns its result.
  ///
  /// ```swift
  /// struct MarginFloor: ABCPolicy {
  ///   func classification<ID>(of values: ClientValues<ID>) -> ABCClassification<ID> {
  ///     ABCClassification(measure: values, rule: .custom("A from 10,000")) { row in
  ///       values.values[row] >= 10_000 ? .a : .c
  ///     }
  ///   }
  /// }
  /// ```
  ///
  /// - Parameters:
  ///   - measure: The measure that was classified.
  ///   - rule: The rule, for reasons.
  ///   - measureName: What the measure is; "value" by default.
  ///   - classOfRow: The class of a row of `measure`, asked once per row in order.
  /// - Complexity: O(*n*) calls of `classOfRow`.
  public init(
    measure: ClientValues<ID>, rule: ABCRule, measureName: String = "value",
    classOfRow: (Int) -> ABCClass
  ) {
    var classes = ContiguousArray<ABCClass>()
    classes.reserveCapacity(measure.count)
    for row in 0..<measure.count { classes.append(classOfRow(row)) }
    self.init(trustedMeasure: measure, classes: classes, rule: rule, measureName: measureName)
  }

  /// Creates a classification from a column of classes, checking that it lines up.
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

  /// The row space: the measure's.
  public var clients: ClientIndex<ID> { measure.clients }

  /// The class of a row.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> ABCClass { classes[row] }

  /// A, B and C, in that order: the order of ``counts``.
  public var scale: [ABCClass] { [.a, .b, .c] }

  /// The class of a row; never `nil`, every client has one.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The class.
  public func label(forRow row: Int) -> ABCClass? { classes[row] }

  /// The number of clients in each class, A, B and C, with every class present (zero when
  /// empty); no client is unlabeled.
  ///
  /// - Complexity: O(*n*): one pass over the class column.
  public var counts: LabelCounts<ABCClass> {
    // Comparisons summed rather than a switch: classes come in no order, and a branch per
    // client would be mispredicted about as often as not.
    var tally = (a: 0, b: 0)
    classes.withUnsafeBufferPointer { column in
      for value in column {
        tally.a &+= value == .a ? 1 : 0
        tally.b &+= value == .b ? 1 : 0
      }
    }
    return LabelCounts(
      scale: scale, counts: [tally.a, tally.b, classes.count - tally.a - tally.b])
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
