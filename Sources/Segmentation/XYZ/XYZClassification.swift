import ClientBaseCore

/// How a row's outcome is stored: which case of ``XYZOutcome`` it is.
enum XYZOutcomeKind: UInt8, Sendable {
  case classified
  case tooFewPeriods
  case noPositiveMean
}

/// The XYZ outcome of every client of a base, in columns aligned with the matrix rows.
///
/// ``classes`` holds the class of each row (`nil` when unclassified); ``outcome(forRow:)``
/// gives the full outcome with its coefficient or the reason there is none, and
/// ``reason(forRow:)`` a sentence.
public struct XYZClassification<ID: Hashable & Sendable>: Sendable {
  /// The client of each row.
  public let ids: [ID]
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
    ids: [ID], periodCount: Int, classes: ContiguousArray<XYZClass?>,
    kinds: ContiguousArray<XYZOutcomeKind>, details: ContiguousArray<Double>,
    observedPeriods: ContiguousArray<Int32>, xBound: Double, yBound: Double, minimumPeriods: Int
  ) {
    self.ids = ids
    self.periodCount = periodCount
    self.classes = classes
    self.kinds = kinds
    self.details = details
    self.observedPeriods = observedPeriods
    self.xBound = xBound
    self.yBound = yBound
    self.minimumPeriods = minimumPeriods
  }

  /// Creates a classification from outcomes a host policy computed.
  ///
  /// A classified row or one without a positive mean is taken to rest on all `periodCount`
  /// periods; a row with too few periods on the count its outcome gives.
  ///
  /// - Parameters:
  ///   - ids: The clients, in row order.
  ///   - periodCount: The number of periods the outcomes rest on.
  ///   - outcomes: One outcome per client.
  ///   - xBound: The largest coefficient that is X, for reasons.
  ///   - yBound: The largest coefficient that is Y, for reasons.
  ///   - minimumPeriods: The fewest periods needed, for reasons.
  /// - Throws: ``SegmentationError/lengthMismatch(what:expected:actual:)`` when the
  ///   outcomes do not match the clients, ``SegmentationError/nonFiniteValue(row:value:)``
  ///   when an outcome carries a NaN or an infinity.
  /// - Complexity: O(*n*).
  public init(
    ids: [ID], periodCount: Int, outcomes: some Sequence<XYZOutcome>, xBound: Double,
    yBound: Double, minimumPeriods: Int
  ) throws(SegmentationError) {
    var classes = ContiguousArray<XYZClass?>()
    var kinds = ContiguousArray<XYZOutcomeKind>()
    var details = ContiguousArray<Double>()
    var observedPeriods = ContiguousArray<Int32>()
    classes.reserveCapacity(ids.count)
    kinds.reserveCapacity(ids.count)
    details.reserveCapacity(ids.count)
    observedPeriods.reserveCapacity(ids.count)
    let allPeriods = Int32(clamping: periodCount)
    for outcome in outcomes {
      let detail: Double
      switch outcome {
      case .classified(let value, let coefficient):
        classes.append(value)
        kinds.append(.classified)
        detail = coefficient
        observedPeriods.append(allPeriods)
      case .tooFewPeriods(let observed, _):
        classes.append(nil)
        kinds.append(.tooFewPeriods)
        detail = Double(observed)
        observedPeriods.append(Int32(clamping: observed))
      case .noPositiveMean(let mean):
        classes.append(nil)
        kinds.append(.noPositiveMean)
        detail = mean
        observedPeriods.append(allPeriods)
      }
      guard detail.isFinite else { throw .nonFiniteValue(row: details.count, value: detail) }
      details.append(detail)
    }
    guard classes.count == ids.count else {
      throw .lengthMismatch(what: "outcomes", expected: ids.count, actual: classes.count)
    }
    self.init(
      ids: ids, periodCount: periodCount, classes: classes, kinds: kinds, details: details,
      observedPeriods: observedPeriods, xBound: xBound, yBound: yBound,
      minimumPeriods: minimumPeriods)
  }

  /// The number of clients.
  public var count: Int { ids.count }

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

  /// The row of a client, or `nil` when it is not in the classification.
  ///
  /// - Parameter id: The client.
  /// - Complexity: O(*n*): a scan.
  public func row(for id: ID) -> Int? { ids.firstIndex(of: id) }

  /// The number of clients in each class, with every class present (zero when empty);
  /// unclassified clients are under `nil`, also always present.
  ///
  /// - Complexity: O(*n*).
  public var counts: [XYZClass?: Int] {
    var tally = (x: 0, y: 0, z: 0, none: 0)
    for value in classes {
      switch value {
      case .x: tally.x += 1
      case .y: tally.y += 1
      case .z: tally.z += 1
      case nil: tally.none += 1
      }
    }
    return [.x: tally.x, .y: tally.y, .z: tally.z, nil: tally.none]
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
