/// A buy-till-you-die model of purchases: how often a client buys while alive, and how they
/// silently stop.
///
/// Each client is described by the literature's summary: `x` repeat purchases (frequency),
/// the time `t_x` from the first to the last purchase (recency) and the time `T` from the
/// first purchase to the end of observation (age), all in one time unit. The test suite's
/// Monte Carlo checks verify that a model's predictions match simulation of its own process.
///
/// ## Domains
///
/// Every function of the library's models follows one rule, which conformers must follow too:
///
/// - **Functions of one client or one number** (a history, a duration, a count) are total
///   and never trap. Inside their domain they return a finite number — probabilities in
///   [0, 1], expectations of 0 or more, log-likelihoods — (`+infinity` only where a function
///   documents it); outside it they return `.nan` (`nil` where the result is optional, as
///   ``GammaGammaModel/expectedSpend(frequency:meanSpend:)``), never a number that could be
///   taken for an answer.
/// - The domain of a **history** is the same for every continuous-time model: `x ≥ 0`,
///   `0 ≤ t_x ≤ T`, all finite, and `t_x = 0` when `x = 0` (the first purchase is then the
///   last) — the rows ``PurchaseHistories`` accepts. So BG/NBD, MBG/NBD and Pareto/NBD all
///   give `.nan` for a recency above the age. ``BGBBModel`` has its discrete counterpart.
/// - A **duration** (a horizon ahead, a time since the first purchase) is finite and 0 or
///   more (0 gives the value at the start: no purchases ahead, alive as now); Pareto/NBD also
///   takes `+infinity` where it documents it. A **count** of purchases may be any integer
///   (a negative count has probability 0).
/// - **Results over a whole base** (``scores(for:horizon:spend:value:fallbackSpend:)``,
///   `HoldoutEvaluation`) and **values a host builds** (models, histories, `FitOptions`,
///   `LifetimeValue`) check their arguments and throw ``RetentionError``: a column of `.nan`
///   would be a silent answer, and a value that exists is valid.
///
/// ``BGNBDModel`` is the default choice; ``MBGNBDModel`` suits bases where many clients buy
/// only once; ``ParetoNBDModel`` is the original continuous-time model; ``BGBBModel`` is for
/// discrete purchase opportunities.
public protocol PurchaseModel: Sendable {
  /// The log-likelihood of one client's history.
  ///
  /// - Parameters:
  ///   - frequency: `x`, the number of repeat purchases.
  ///   - recency: `t_x`, the time of the last purchase after the first.
  ///   - age: `T`, the time from the first purchase to the end of observation.
  /// - Returns: The natural log of the probability (density) of the history.
  func logLikelihood(frequency: Int, recency: Double, age: Double) -> Double

  /// The probability that a client with this history is still alive at the end of
  /// observation.
  ///
  /// - Parameters:
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: P(alive | x, t_x, T).
  func probabilityAlive(frequency: Int, recency: Double, age: Double) -> Double

  /// The expected number of purchases in the next `duration` after the end of observation,
  /// given the history.
  ///
  /// - Parameters:
  ///   - duration: The length of the period ahead.
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: E[Y(duration) | x, t_x, T].
  func expectedPurchases(
    inNext duration: Double, frequency: Int, recency: Double, age: Double
  ) -> Double

  /// The expected number of repeat purchases of a new client in their first `duration`.
  ///
  /// - Parameter duration: The time since the first purchase.
  /// - Returns: E[X(duration)].
  func expectedPurchases(by duration: Double) -> Double

  /// The probability that a new client makes exactly `count` repeat purchases in their first
  /// `duration`.
  ///
  /// - Parameters:
  ///   - count: The number of repeat purchases, 0 or more.
  ///   - duration: The time since the first purchase.
  /// - Returns: P(X(duration) = count).
  func probability(ofPurchases count: Int, by duration: Double) -> Double

  /// The probability that a new client is still alive `duration` after their first purchase.
  ///
  /// Summed over cohorts, this gives the expected number of clients still alive, which base
  /// forecasts need.
  ///
  /// - Parameter duration: The time since the first purchase.
  /// - Returns: P(alive at `duration`).
  func probabilityAlive(at duration: Double) -> Double

  /// The probability that a client with this history is alive `duration` after the end of
  /// observation.
  ///
  /// - Parameters:
  ///   - duration: The time after the end of observation.
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: P(alive at T + duration | x, t_x, T).
  func probabilityAlive(
    after duration: Double, frequency: Int, recency: Double, age: Double
  ) -> Double

  /// Scores every client of a summary: P(alive), expected purchases over a horizon and, with
  /// a spend model, expected spend and discounted lifetime value.
  ///
  /// A default implementation evaluates the model client by client; a model may replace it
  /// with a faster one (BG/NBD and MBG/NBD tabulate ₂F₁ per distinct `(x, T)`).
  ///
  /// - Parameters:
  ///   - summary: The per-client inputs, as of the day to score.
  ///   - horizon: The horizon for expected purchases, in the summary's unit.
  ///   - spend: A fitted spend model, or `nil`.
  ///   - value: How to discount lifetime value, or `nil` for none.
  ///   - fallbackSpend: The spend per purchase used when the spend model has no finite
  ///     expectation for a client.
  /// - Returns: Columns aligned with the summary's rows.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for a horizon that is negative
  ///   or not finite, or a fallback spend that is negative or not finite.
  func scores<ID>(
    for summary: RepeatPurchaseSummary<ID>, horizon: Double, spend: GammaGammaModel?,
    value: LifetimeValue?, fallbackSpend: Double
  ) throws(RetentionError) -> ClientScores<ID>

  /// Scores every client of a summary on up to `threadCount` threads.
  ///
  /// The result is the same whatever the thread count. The default implementation ignores
  /// `threadCount` and calls ``scores(for:horizon:spend:value:fallbackSpend:)``; BG/NBD and
  /// MBG/NBD split their clients over the threads.
  ///
  /// - Parameters:
  ///   - summary: The per-client inputs, as of the day to score.
  ///   - horizon: The horizon for expected purchases, in the summary's unit.
  ///   - spend: A fitted spend model, or `nil`.
  ///   - value: How to discount lifetime value, or `nil` for none.
  ///   - fallbackSpend: The spend per purchase used when the spend model has no finite
  ///     expectation for a client.
  ///   - threadCount: The most threads to use, the calling thread included, at least 1.
  /// - Returns: Columns aligned with the summary's rows.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for a horizon or fallback spend
  ///   that is negative or not finite, or a thread count below 1.
  func scores<ID>(
    for summary: RepeatPurchaseSummary<ID>, horizon: Double, spend: GammaGammaModel?,
    value: LifetimeValue?, fallbackSpend: Double, threadCount: Int
  ) throws(RetentionError) -> ClientScores<ID>
}

extension PurchaseModel {
  /// Calls ``scores(for:horizon:spend:value:fallbackSpend:)`` on the calling thread.
  ///
  /// - Parameters:
  ///   - summary: The per-client inputs, as of the day to score.
  ///   - horizon: The horizon for expected purchases, in the summary's unit.
  ///   - spend: A fitted spend model, or `nil`.
  ///   - value: How to discount lifetime value, or `nil` for none.
  ///   - fallbackSpend: The spend per purchase used when the spend model has no finite
  ///     expectation for a client.
  ///   - threadCount: At least 1; otherwise ignored.
  /// - Returns: Columns aligned with the summary's rows.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for a horizon or fallback spend
  ///   that is negative or not finite, or a thread count below 1.
  public func scores<ID>(
    for summary: RepeatPurchaseSummary<ID>, horizon: Double, spend: GammaGammaModel?,
    value: LifetimeValue?, fallbackSpend: Double, threadCount: Int
  ) throws(RetentionError) -> ClientScores<ID> {
    try checkScoring(horizon: horizon, fallbackSpend: fallbackSpend, threadCount: threadCount)
    return try scores(
      for: summary, horizon: horizon, spend: spend, value: value, fallbackSpend: fallbackSpend)
  }
}

/// Checks the arguments of a scoring pass.
///
/// - Throws: ``RetentionError/invalidParameter(_:reason:)`` naming the first bad argument.
func checkScoring(horizon: Double, fallbackSpend: Double, threadCount: Int)
  throws(RetentionError)
{
  guard horizon >= 0, horizon.isFinite else {
    throw .invalidParameter("horizon", reason: "must be finite and 0 or more, got \(horizon)")
  }
  guard fallbackSpend >= 0, fallbackSpend.isFinite else {
    throw .invalidParameter(
      "fallbackSpend", reason: "must be finite and 0 or more, got \(fallbackSpend)")
  }
  guard threadCount >= 1 else {
    throw .invalidParameter("threadCount", reason: "must be at least 1, got \(threadCount)")
  }
}

extension PurchaseModel {
  /// The total log-likelihood of a set of histories, weights applied.
  ///
  /// For the library's models this adds up the fit's own row term, so at a fitted model's
  /// parameters it is the fit's ``FittedModel/logLikelihood`` up to the order of the sum.
  ///
  /// - Parameter histories: The histories.
  /// - Returns: Σ weightᵢ · ln L(xᵢ, t_xᵢ, Tᵢ).
  /// - Complexity: O(*n*) model evaluations.
  public func logLikelihood(of histories: PurchaseHistories) -> Double {
    histories.weightedSum { logLikelihood(frequency: $0, recency: $1, age: $2) }
  }

  /// The expected number of clients of a base still alive at the end of observation:
  /// Σ P(alive) over its clients.
  ///
  /// - Parameter histories: The base's histories.
  /// - Returns: The expected number alive (weights applied).
  /// - Complexity: O(*n*) model evaluations.
  public func expectedAlive(in histories: PurchaseHistories) -> Double {
    histories.weightedSum { probabilityAlive(frequency: $0, recency: $1, age: $2) }
  }

  /// The expected number of clients of a base still alive `duration` after the end of
  /// observation.
  ///
  /// - Parameters:
  ///   - duration: The time ahead.
  ///   - histories: The base's histories.
  /// - Returns: Σ P(alive at T + duration) (weights applied).
  /// - Complexity: O(*n*) model evaluations.
  public func expectedAlive(after duration: Double, in histories: PurchaseHistories) -> Double {
    histories.weightedSum {
      probabilityAlive(after: duration, frequency: $0, recency: $1, age: $2)
    }
  }
}

extension PurchaseModel {
  /// Σ weightᵢ · ``logLikelihood(frequency:recency:age:)`` over the rows, on up to
  /// `threadCount` threads: the fits' re-evaluation of their estimate (``FitVerdict``).
  ///
  /// The rows are cut into parts by their number alone and the parts' sums added in part
  /// order, so the result does not depend on the thread count.
  ///
  /// - Parameters:
  ///   - histories: The histories.
  ///   - threadCount: The most threads to use, the calling thread included.
  /// - Returns: Σ weightᵢ · ln L(xᵢ, t_xᵢ, Tᵢ).
  /// - Complexity: O(*n*) model evaluations.
  func logLikelihood(of histories: PurchaseHistories, threadCount: Int) -> Double {
    let parts = ParallelWork.partCount(for: histories.count)
    let sums = ParallelWork.map(parts: parts, threads: threadCount) { part in
      var total = 0.0
      for i in ParallelWork.range(of: part, in: parts, count: histories.count) {
        total +=
          histories.weight[i]
          * logLikelihood(
            frequency: Int(histories.frequency[i]), recency: histories.recency[i],
            age: histories.age[i])
      }
      return total
    }
    return sums.reduce(0, +)
  }
}

extension PurchaseHistories {
  /// Σ weightᵢ · f(xᵢ, t_xᵢ, Tᵢ) over the rows, in row order.
  func weightedSum(_ f: (_ x: Int, _ recency: Double, _ age: Double) -> Double) -> Double {
    var total = 0.0
    for i in 0..<count {
      total += weight[i] * f(Int(frequency[i]), recency[i], age[i])
    }
    return total
  }
}
