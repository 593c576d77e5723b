public import ClientBaseCore

/// How a row's outcome is stored: which case of ``XYZOutcome`` it is.
enum XYZOutcomeKind: UInt8, Sendable {
  case classified
  case tooFewPeriods
  case noPositiveMean
}

/// The XYZ outcome of every client of a base, in columns over the matrix's row space.
///
/// ``classes`` holds the class of each row (`nil` when unclassified); ``outcome(forRow:)``
/// (also the result's entry, `xyz[row]`) gives the full outcome with its coefficient or the
/// reason there is none, and ``reason(forRow:)`` a sentence. As a `ClassifiedResult` its
/// scale is X, Y, Z, in that order, and unclassified clients are its unlabeled rows.
///
/// ```swift
/// let xyz = StandardXYZ.standard.classification(of: months)
/// xyz.counts[.x]            // steady clients
/// xyz.counts.unlabeled      // too few periods or no positive mean
/// xyz[client: "c-1042"]     // .classified(.y, coefficientOfVariation: 0.17)
/// ```
public struct XYZClassification<ID: Hashable & Sendable>: ClassifiedResult {
  /// The row space: the matrix's.
  public let clients: ClientIndex<ID>
  /// The number of periods in the matrix.
  public let periodCount: Int
  /// The class of each row, or `nil` when the row is unclassified.
  public let classes: ContiguousArray<XYZClass?>
  /// Which outcome each row has.
  let kinds: ContiguousArray<XYZOutcomeKind>
  /// Per row: the coefficient of variation, the observed period count or the mean, by kind.
  let details: ContiguousArray<Double>
  /// Per row: the periods the outcome rests on — fewer than ``periodCount`` when a policy
  /// starts records at the first active period — so reasons name the right number.
  let observedPeriods: ContiguousArray<Int32>
  /// The largest coefficient that is X, for reasons.
  public let xBound: Double
  /// The largest coefficient that is Y, for reasons.
  public let yBound: Double
  /// The fewest periods a client needed, for reasons.
  public let minimumPeriods: Int

  init(
    clients: ClientIndex<ID>, periodCount: Int, classes: ContiguousArray<XYZClass?>,
    kinds: ContiguousArray<XYZOutcomeKind>, details: ContiguousArray<Double>,
    observedPeriods: ContiguousArray<Int32>, xBound: Double, yBound: Double, minimumPeriods: Int
  ) {
    self.clients = clients
    self.periodCount = periodCount
    self.classes = classes
    self.kinds = kinds
    self.details = details
    self.observedPeriods = observedPeriods
    self.xBound = xBound
    self.yBound = yBound
    self.minimumPeriods = minimumPeriods
  }

  /// Creates a classification from an outcome per row: how a host policy returns its result.
  ///
  /// ```swift
  /// XYZClassification(matrix: matrix) { row in
  ///   let coefficient = myCoefficient(of: row)
  ///   return .classified(coefficient <= 0.2 ? .x : .z, coefficientOfVariation: coefficient)
  /// }
  /// ```
  ///
  /// A classified row or one without a positive mean is taken to rest on all the matrix's
  /// periods; a row with too few periods on the count its outcome gives (a negative count is
  /// taken as 0). The result never holds a NaN or an infinity:
  /// - a classified outcome whose coefficient is NaN or infinite is stored as
  ///   ``XYZOutcome/noPositiveMean(mean:)`` with mean 0 — a coefficient of variation is
  ///   undefined or unbounded only when the mean is 0, which is how a host's division makes
  ///   one — so the row is unclassified;
  /// - a mean that is NaN or infinite is stored as 0.
  ///
  /// - Parameters:
  ///   - matrix: The matrix that was classified; the result's row space is its row space.
  ///   - xBound: The largest coefficient that is X, for reasons; 0.10 by default.
  ///   - yBound: The largest coefficient that is Y, for reasons; 0.25 by default.
  ///   - minimumPeriods: The fewest periods needed, for reasons; 3 by default.
  ///   - outcomeOfRow: The outcome of a row of `matrix`, asked once per row in order.
  /// - Complexity: O(*n*) calls of `outcomeOfRow`.
  public init(
    matrix: PeriodMatrix<ID>, xBound: Double = 0.10, yBound: Double = 0.25,
    minimumPeriods: Int = 3, outcomeOfRow: (Int) -> XYZOutcome
  ) {
    let rows = matrix.count
    var classes = ContiguousArray<XYZClass?>()
    var kinds = ContiguousArray<XYZOutcomeKind>()
    var details = ContiguousArray<Double>()
    var observedPeriods = ContiguousArray<Int32>()
    classes.reserveCapacity(rows)
    kinds.reserveCapacity(rows)
    details.reserveCapacity(rows)
    observedPeriods.reserveCapacity(rows)
    let allPeriods = Int32(clamping: matrix.periodCount)
    for row in 0..<rows {
      switch outcomeOfRow(row) {
      case .classified(let value, let coefficient) where coefficient.isFinite:
        classes.append(value)
        kinds.append(.classified)
        details.append(coefficient)
        observedPeriods.append(allPeriods)
      case .classified:
        classes.append(nil)
        kinds.append(.noPositiveMean)
        details.append(0)
        observedPeriods.append(allPeriods)
      case .tooFewPeriods(let observed, _):
        let count = Int32(clamping: Swift.max(observed, 0))
        classes.append(nil)
        kinds.append(.tooFewPeriods)
        details.append(Double(count))
        observedPeriods.append(count)
      case .noPositiveMean(let mean):
        classes.append(nil)
        kinds.append(.noPositiveMean)
        details.append(mean.isFinite ? mean : 0)
        observedPeriods.append(allPeriods)
      }
    }
    self.init(
      clients: matrix.clients, periodCount: matrix.periodCount, classes: classes, kinds: kinds,
      details: details, observedPeriods: observedPeriods, xBound: xBound, yBound: yBound,
      minimumPeriods: minimumPeriods)
  }

  /// The outcome of a row: the result's entry.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> XYZOutcome { outcome(forRow: row) }

  /// X, Y and Z, in that order: the order of ``counts``.
  public var scale: [XYZClass] { [.x, .y, .z] }

  /// The class of a row, or `nil` when it is unclassified.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The class.
  public func label(forRow row: Int) -> XYZClass? { classes[row] }

  /// The outcome of a row.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The class with its coefficient of variation, or why there is none.
  public func outcome(forRow row: Int) -> XYZOutcome {
    switch kinds[row] {
    case .classified:
      return .classified(classes[row] ?? .z, coefficientOfVariation: details[row])
    case .tooFewPeriods:
      return .tooFewPeriods(observed: Int(details[row]), required: minimumPeriods)
    case .noPositiveMean:
      return .noPositiveMean(mean: details[row])
    }
  }

  /// The number of periods a row's outcome rests on.
  ///
  /// ``periodCount`` unless the policy started the row's record at its first active period
  /// (see ``StandardXYZ/startsAtFirstActivePeriod``); 0 for a row with no active period then.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The period count.
  public func observedPeriodCount(forRow row: Int) -> Int { Int(observedPeriods[row]) }

  /// The coefficient of variation of a row, or `nil` when it is unclassified.
  ///
  /// - Parameter row: A row, `0..<count`.
  public func coefficientOfVariation(forRow row: Int) -> Double? {
    kinds[row] == .classified ? details[row] : nil
  }

  /// The number of clients in each class, X, Y and Z, with every class present (zero when
  /// empty); unclassified clients are the unlabeled.
  ///
  /// - Complexity: O(*n*): one pass over the class column.
  public var counts: LabelCounts<XYZClass> {
    var tally = (x: 0, y: 0, none: 0)
    classes.withUnsafeBufferPointer { column in
      for value in column {
        tally.x &+= value == .x ? 1 : 0
        tally.y &+= value == .y ? 1 : 0
        tally.none &+= value == nil ? 1 : 0
      }
    }
    let z = classes.count - tally.x - tally.y - tally.none
    return LabelCounts(scale: scale, counts: [tally.x, tally.y, z], unlabeled: tally.none)
  }

  /// Why a row got its outcome, in a sentence.
  ///
  /// The period count of a classified row is the one its coefficient rests on
  /// (``observedPeriodCount(forRow:)``). Examples: "X: coefficient of variation 8.2% over 12
  /// periods (X up to 10%, Y up to 25%)";
  /// "unclassified: 2 periods observed, 3 needed"; "unclassified: mean −4.00 per period is not
  /// positive".
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    switch outcome(forRow: row) {
    case .classified(let value, let coefficient):
      return
        "\(value): coefficient of variation \(NumberText.percent(coefficient)) over "
        + "\(observedPeriods[row]) periods (X up to \(NumberText.percent(xBound)), "
        + "Y up to \(NumberText.percent(yBound)))"
    case .tooFewPeriods(let observed, let required):
      return "unclassified: \(observed) periods observed, \(required) needed"
    case .noPositiveMean(let mean):
      return "unclassified: mean \(NumberText.decimal(mean)) per period is not positive"
    }
  }
}
