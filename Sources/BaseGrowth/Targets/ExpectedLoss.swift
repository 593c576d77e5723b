public import Retention

/// The clients a base is expected to lose silently over the next characteristic period,
/// from a converged purchase model's P(alive): the evidence of the churn-compensating rule and
/// the forecast's measured loss rate.
///
/// A client alive now with probability P(alive) and alive at the end of the period with
/// probability P(alive after) is lost during the period with probability
/// *q* = P(alive) − P(alive after). Over the base the expected loss is Σ *q*, and since clients
/// leave independently given the model, its variance is Σ *q*(1 − *q*) (a sum of Bernoulli
/// variables), which gives the churn-compensating rule its margin.
///
/// ```swift
/// let histories = try PurchaseHistories(summary)           // summary in weeks
/// let fit = try BGNBDModel.fit(histories)
/// let loss = try ExpectedLoss(fit: fit, histories: histories, unit: .week, period: period)
/// loss.expectedLost     // 24.3 clients in the next 30 days
/// loss.lossRate         // 0.078 of the clients alive now
/// ```
///
/// Only a **converged** fit is used (``init(fit:histories:unit:period:threadCount:)`` throws
/// ``GrowthError/notConverged(_:)`` otherwise, with the fit's reason): a model stopped at a
/// boundary says nothing reliable about who is still a client. A host with its own model
/// passes its columns to ``init(probabilityAlive:probabilityAliveAfter:period:source:)``.
public struct ExpectedLoss: Hashable, Sendable, Codable {
  /// The clients assessed (weights applied).
  public let clients: Double
  /// The clients expected alive now: Σ P(alive).
  public let expectedAlive: Double
  /// The clients expected to leave silently during the period: Σ (P(alive) − P(alive after)).
  public let expectedLost: Double
  /// The variance of the number lost: Σ *q*(1 − *q*).
  public let variance: Double
  /// The period the loss is counted over, in days.
  public let periodDays: Double
  /// Where the probabilities come from, in words ("BG/NBD fit, converged").
  public let source: String

  /// Creates an expected loss from its totals, checking them.
  ///
  /// - Parameters:
  ///   - clients: The clients assessed, 0 or more.
  ///   - expectedAlive: Σ P(alive), within 0...`clients`.
  ///   - expectedLost: Σ *q*, within 0...`expectedAlive`.
  ///   - variance: Σ *q*(1 − *q*), within 0...`expectedLost`.
  ///   - periodDays: The period in days, positive.
  ///   - source: Where the probabilities come from.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a figure that is not finite or
  ///   out of its range (a negative loss, more lost than alive).
  public init(
    clients: Double, expectedAlive: Double, expectedLost: Double, variance: Double,
    periodDays: Double, source: String
  ) throws(GrowthError) {
    try checkNonNegative(clients, "clients")
    try checkNonNegative(expectedAlive, "expectedAlive")
    try checkNonNegative(expectedLost, "expectedLost")
    try checkNonNegative(variance, "variance")
    try checkPositive(periodDays, "periodDays")
    let slack = 1e-9 * Swift.max(1, clients)
    guard expectedAlive <= clients + slack else {
      throw .invalidParameter(
        "expectedAlive", reason: "\(expectedAlive) alive of \(clients) clients is too many")
    }
    guard expectedLost <= expectedAlive + slack else {
      throw .invalidParameter(
        "expectedLost",
        reason: "\(expectedLost) lost is more than the \(expectedAlive) expected alive")
    }
    guard variance <= expectedLost + slack else {
      throw .invalidParameter(
        "variance",
        reason: "\(variance) is more than the expected loss \(expectedLost), which bounds the "
          + "variance of a sum of Bernoulli variables")
    }
    self.init(
      trusted: clients, expectedAlive: expectedAlive, expectedLost: expectedLost,
      variance: variance, periodDays: periodDays, source: source)
  }

  init(
    trusted clients: Double, expectedAlive: Double, expectedLost: Double, variance: Double,
    periodDays: Double, source: String
  ) {
    self.clients = clients
    self.expectedAlive = expectedAlive
    self.expectedLost = expectedLost
    self.variance = variance
    self.periodDays = periodDays
    self.source = source
  }

  /// The expected loss from per-client probabilities a host's own model gives.
  ///
  /// - Parameters:
  ///   - probabilityAlive: P(alive) now, per client, each within 0...1.
  ///   - probabilityAliveAfter: P(alive) at the end of the period, per client, each within
  ///     0...1 and at most the client's P(alive) now (a client cannot come back to life).
  ///   - period: The period the loss is counted over.
  ///   - source: Where the probabilities come from; "the host's model" by default.
  /// - Throws: ``GrowthError/lengthMismatch(what:expected:actual:)`` for columns of different
  ///   lengths, ``GrowthError/invalidParameter(_:reason:)`` naming the first client (from 0)
  ///   whose probabilities are not finite, outside 0...1 or rising.
  /// - Complexity: O(*n*).
  public init(
    probabilityAlive: some Collection<Double>, probabilityAliveAfter: some Collection<Double>,
    period: CharacteristicPeriod, source: String = "the host's model"
  ) throws(GrowthError) {
    guard probabilityAlive.count == probabilityAliveAfter.count else {
      throw .lengthMismatch(
        what: "probabilityAliveAfter", expected: probabilityAlive.count,
        actual: probabilityAliveAfter.count)
    }
    var alive = 0.0
    var lost = 0.0
    var variance = 0.0
    for (client, (now, after)) in zip(probabilityAlive, probabilityAliveAfter).enumerated() {
      guard now.isFinite, after.isFinite, now >= 0, now <= 1, after >= 0, after <= now else {
        throw .invalidParameter(
          "probabilityAlive",
          reason: "client \(client): P(alive) \(now) now and \(after) after the period; both "
            + "must lie within 0...1, the later one no higher")
      }
      let q = now - after
      alive += now
      lost += q
      variance += q * (1 - q)
    }
    self.init(
      trusted: Double(probabilityAlive.count), expectedAlive: alive, expectedLost: lost,
      variance: variance, periodDays: period.days, source: source)
  }

  /// The expected loss over the next period from a converged purchase model.
  ///
  /// Each distinct history is evaluated once and weighted by the clients it stands for.
  ///
  /// - Parameters:
  ///   - fit: A fitted purchase model; it must have converged.
  ///   - histories: The base's histories the model describes, in `unit`.
  ///   - unit: The time unit of the histories and the model.
  ///   - period: The period to count the loss over.
  ///   - threadCount: The most threads to use, at least 1; the result does not depend on it.
  /// - Throws: ``GrowthError/notConverged(_:)`` with the fit's reason when it did not
  ///   converge, ``GrowthError/invalidParameter(_:reason:)`` for a thread count below 1 or a
  ///   model that gives a probability that is not a number for one of the histories.
  /// - Complexity: O(*r*) model evaluations for *r* distinct histories.
  public init<Model: PurchaseModel>(
    fit: FittedModel<Model>, histories: PurchaseHistories, unit: TimeUnit,
    period: CharacteristicPeriod, threadCount: Int = 1
  ) throws(GrowthError) {
    guard fit.converged else { throw .notConverged(fit.reason ?? "no reason given") }
    try checkThreads(threadCount)
    let model = fit.model
    let duration = period.length(in: unit)
    let n = histories.count
    let parts = ParallelWork.partCount(for: n, grain: 4_096)
    let sums = ParallelWork.map(parts: parts, threads: threadCount) { part in
      var alive = 0.0
      var lost = 0.0
      var variance = 0.0
      var bad = -1
      for i in ParallelWork.range(of: part, in: parts, count: n) {
        let x = Int(histories.frequency[i])
        let tx = histories.recency[i]
        let t = histories.age[i]
        let now = model.probabilityAlive(frequency: x, recency: tx, age: t)
        let after = model.probabilityAlive(after: duration, frequency: x, recency: tx, age: t)
        guard now.isFinite, after.isFinite else {
          if bad < 0 { bad = i }
          continue
        }
        let w = histories.weight[i]
        let q = Swift.min(Swift.max(now - after, 0), 1)
        alive += w * now
        lost += w * q
        variance += w * q * (1 - q)
      }
      return (alive, lost, variance, bad)
    }
    var alive = 0.0
    var lost = 0.0
    var variance = 0.0
    for (partAlive, partLost, partVariance, bad) in sums {
      if bad >= 0 {
        throw .invalidParameter(
          "fit",
          reason: "the model gives no probability for history \(bad) "
            + "(x = \(histories.frequency[bad]), t_x = \(histories.recency[bad]), "
            + "T = \(histories.age[bad]))")
      }
      alive += partAlive
      lost += partLost
      variance += partVariance
    }
    self.init(
      trusted: histories.totalWeight, expectedAlive: alive, expectedLost: lost,
      variance: variance, periodDays: period.days,
      source: "\(Self.modelName(Model.self)) fit, converged")
  }

  /// The share of the clients alive now expected to leave during the period, within 0...1; 0
  /// when nobody is expected alive.
  public var lossRate: Double {
    expectedAlive > 0 ? Swift.min(expectedLost / expectedAlive, 1) : 0
  }

  /// The standard deviation of the number lost.
  public var standardDeviation: Double { variance.squareRoot() }

  /// "24.3 of 400 clients expected to leave silently in the next 30 days (P(alive) sums to
  /// 312.4 now; BG/NBD fit, converged)".
  public var reason: String {
    "\(NumberText.decimal(expectedLost, places: 1)) of "
      + "\(NumberText.decimal(clients, places: 0)) clients expected to leave silently in the "
      + "next \(CharacteristicPeriod.daysText(periodDays)) (P(alive) sums to "
      + "\(NumberText.decimal(expectedAlive, places: 1)) now; \(source))"
  }

  /// A readable name for the library's models.
  static func modelName<Model>(_ type: Model.Type) -> String {
    switch type {
    case is BGNBDModel.Type: return "BG/NBD"
    case is MBGNBDModel.Type: return "MBG/NBD"
    case is ParetoNBDModel.Type: return "Pareto/NBD"
    default: return String(describing: type)
    }
  }
}
