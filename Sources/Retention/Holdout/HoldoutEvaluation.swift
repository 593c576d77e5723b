/// How well a purchase model fitted on a calibration period predicted the holdout that
/// followed: per client, in total, and period by period (the data of the standard tracking
/// plot).
///
/// The per-client figures are in the row space of the split's calibration table
/// (``clients``), so they join other results by client like any `ClientResult`.
///
/// ```swift
/// let split = try Summarizer().split(log, calibrationEnd: cut, observationEnd: asOf)
/// let fit = try BGNBDModel.fit(PurchaseHistories(split.calibrationSummary(unit: .week)))
/// let check = try HoldoutEvaluation(model: fit.model, split: split, log: log, unit: .week)
/// check.totalPredicted; check.totalActual; check.tracking
/// check[client: "c-1042"]        // HoldoutPrediction(predicted: 1.7, actual: 2)
/// ```
public struct HoldoutEvaluation<ID: Hashable & Sendable>: ClientResult {
  /// One period of the tracking plot.
  public struct TrackingPoint: Hashable, Sendable, Codable {
    /// The last day of the period.
    public let day: Day
    /// Repeat purchase days of the calibration clients up to this day.
    public let actualCumulative: Double
    /// Repeat purchase days the model expects of them up to this day.
    public let predictedCumulative: Double
  }

  /// The row space: the calibration clients, the rows of the split's table.
  public let clients: ClientIndex<ID>
  /// The time unit of the model.
  public let unit: TimeUnit
  /// The holdout's length in the model's unit: the horizon of ``predicted``.
  public let horizon: Double
  /// Per calibration client: purchase days the model expected in the holdout.
  public let predicted: ContiguousArray<Double>
  /// Per calibration client: purchase days that happened in the holdout.
  public let actual: ContiguousArray<Int32>
  /// The sum of ``predicted``.
  public let totalPredicted: Double
  /// The sum of ``actual``.
  public let totalActual: Int
  /// The mean absolute difference between predicted and actual per client.
  public let meanAbsoluteError: Double
  /// The root mean squared difference between predicted and actual per client.
  public let rootMeanSquaredError: Double
  /// Cumulative repeat purchase days, actual and predicted, period by period from the
  /// earliest first purchase to the end of the holdout.
  public let tracking: [TrackingPoint]

  /// Compares a model's predictions with what happened in the holdout.
  ///
  /// - Parameters:
  ///   - model: A model fitted on the calibration period, in `unit`.
  ///   - split: The split, from `Summarizer.split(_:calibrationEnd:observationEnd:)`.
  ///   - log: The purchases the split was made from (for the tracking plot).
  ///   - unit: The model's time unit.
  ///   - periodDays: The length of a tracking period in days, positive (default 7); a period
  ///     longer than the span gives one tracking point.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for a non-positive period or
  ///   a holdout of no days.
  /// - Complexity: O(*n* log *n*) in the events for the tracking, O(cohorts · periods)
  ///   additions over the distinct first-purchase days, and at most one model evaluation per
  ///   day from the earliest first purchase to the end of the holdout (a span the supported
  ///   days bound to 8,100 years).
  public init(
    model: some PurchaseModel, split: CalibrationSplit<ID>, log: PurchaseLog<ID>,
    unit: TimeUnit, periodDays: Int = 7
  ) throws(RetentionError) {
    guard periodDays > 0 else {
      throw .invalidParameter("periodDays", reason: "must be positive, got \(periodDays)")
    }
    guard split.holdoutDays > 0 else {
      throw .invalidParameter("observationEnd", reason: "the holdout has no days")
    }
    let summary = split.calibrationSummary(unit: unit)
    let horizon = unit.amount(ofDays: Int32(split.holdoutDays))
    let table = split.calibration
    var predicted = ContiguousArray<Double>()
    predicted.reserveCapacity(summary.count)
    var absolute = 0.0
    var squared = 0.0
    var totalPredicted = 0.0
    var totalActual = 0
    for i in 0..<summary.count {
      let value = model.expectedPurchases(
        inNext: horizon, frequency: Int(summary.frequency[i]), recency: summary.recency(at: i),
        age: summary.age(at: i))
      predicted.append(value)
      let actual = Double(split.holdoutPurchaseDays[i])
      absolute += abs(value - actual)
      squared += (value - actual) * (value - actual)
      totalPredicted += value
      totalActual += Int(split.holdoutPurchaseDays[i])
    }
    let n = Double(max(summary.count, 1))
    self.clients = summary.clients
    self.unit = unit
    self.horizon = horizon
    self.predicted = predicted
    self.actual = split.holdoutPurchaseDays
    self.totalPredicted = totalPredicted
    self.totalActual = totalActual
    self.meanAbsoluteError = absolute / n
    self.rootMeanSquaredError = (squared / n).squareRoot()

    // Tracking: actual repeat purchase days of the calibration cohort per period, and the
    // expected ones, Σ E[X(τ − first)] grouped by first-purchase day.
    guard let start = table.firstDays.min() else {
      tracking = []
      return
    }
    let end = split.observationEnd
    // One period per started stretch of periodDays; written so that a huge periodDays cannot
    // overflow.
    let periods = start.days(to: end) / periodDays + 1
    var actualPerPeriod = [Double](repeating: 0, count: periods)
    var keys: [UInt64] = []
    keys.reserveCapacity(log.count)
    // The table row of each of the log's clients, matched once, not per event.
    let rows = table.clients.alignment(to: log.clients)
    for e in 0..<log.count where log.amounts[e] >= 0 && log.days[e] <= end {
      guard let row = rows.sourceRow(forRow: Int(log.clientIndices[e])) else { continue }
      let first = table.firstDays[row]
      let day = log.days[e]
      guard day > first else { continue }
      keys.append(UInt64(row) << 32 | UInt64(UInt32(bitPattern: day.daysSince1970)))
    }
    keys.sort()
    var previous: UInt64?
    for key in keys where key != previous {
      previous = key
      let day = Day(daysSince1970: Int32(bitPattern: UInt32(truncatingIfNeeded: key)))
      actualPerPeriod[start.days(to: day) / periodDays] += 1
    }
    // Cohorts by first-purchase day, earliest first, so the sums run in one order on every
    // run; E[X(d)] is computed once per distinct day count d, so the model is evaluated at
    // most once per day of the span however many cohorts and periods there are.
    var cohortSizes: [Day: Int] = [:]
    for day in table.firstDays { cohortSizes[day, default: 0] += 1 }
    let cohorts = cohortSizes.sorted { $0.key < $1.key }
    var expectedByDays = [Double](repeating: .nan, count: start.days(to: end) + 1)
    var points: [TrackingPoint] = []
    points.reserveCapacity(periods)
    var cumulative = 0.0
    for k in 0..<periods {
      let periodEnd = min(start.adding(days: (k + 1) * periodDays - 1), end)
      cumulative += actualPerPeriod[k]
      var expected = 0.0
      for (first, count) in cohorts {
        guard first <= periodEnd else { break }
        let days = first.days(to: periodEnd)
        if expectedByDays[days].isNaN {
          expectedByDays[days] = model.expectedPurchases(by: unit.amount(ofDays: Int32(days)))
        }
        expected += Double(count) * expectedByDays[days]
      }
      points.append(
        TrackingPoint(day: periodEnd, actualCumulative: cumulative, predictedCumulative: expected))
    }
    tracking = points
  }

  /// A row's predicted and actual purchase days in the holdout.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> HoldoutPrediction {
    HoldoutPrediction(predicted: predicted[row], actual: Int(actual[row]))
  }

  /// A row's holdout in a sentence: "expected 1.73 purchase days in the next 13, made 2".
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    "expected \(NumberText.decimal(predicted[row])) purchase days in the next "
      + "\(NumberText.decimal(horizon, dropsTrailingZeros: true)), made "
      + NumberText.grouped(Int(actual[row]))
  }
}

/// One client's holdout: what ``HoldoutEvaluation`` holds per row.
public struct HoldoutPrediction: Hashable, Sendable {
  /// Purchase days the model expected in the holdout.
  public var predicted: Double
  /// Purchase days that happened in the holdout.
  public var actual: Int

  /// Creates a holdout figure.
  ///
  /// - Parameters:
  ///   - predicted: Expected purchase days.
  ///   - actual: Actual purchase days.
  public init(predicted: Double, actual: Int) {
    self.predicted = predicted
    self.actual = actual
  }
}
