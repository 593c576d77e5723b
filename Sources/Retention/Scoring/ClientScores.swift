/// One client's predictions: what ``ClientScores`` holds per row.
public struct ClientScore: Hashable, Sendable {
  /// P(alive) at the as-of day.
  public var probabilityAlive: Double
  /// Expected purchases over the scores' horizon.
  public var expectedPurchases: Double
  /// Expected spend per purchase, or `nil` when no spend model was given.
  public var expectedSpend: Double?
  /// Discounted lifetime value, or `nil` when no spend model or value calculation was given.
  public var lifetimeValue: Double?

  /// Creates a score.
  ///
  /// - Parameters:
  ///   - probabilityAlive: P(alive).
  ///   - expectedPurchases: Expected purchases over the horizon.
  ///   - expectedSpend: Expected spend per purchase, or `nil`.
  ///   - lifetimeValue: Lifetime value, or `nil`.
  public init(
    probabilityAlive: Double, expectedPurchases: Double, expectedSpend: Double? = nil,
    lifetimeValue: Double? = nil
  ) {
    self.probabilityAlive = probabilityAlive
    self.expectedPurchases = expectedPurchases
    self.expectedSpend = expectedSpend
    self.lifetimeValue = lifetimeValue
  }
}

/// Per-client predictions for a whole base, in columns aligned with the rows of the summary
/// scored (``clients``).
public struct ClientScores<ID: Hashable & Sendable>: ClientResult {
  /// The row space: the summary's clients.
  public let clients: ClientIndex<ID>
  /// The horizon of ``expectedPurchases``, in the summary's time unit.
  public let horizon: Double
  /// P(alive) at the as-of day.
  public let probabilityAlive: ContiguousArray<Double>
  /// Expected purchases in the next ``horizon``.
  public let expectedPurchases: ContiguousArray<Double>
  /// Expected spend per purchase (Gamma-Gamma), or empty when no spend model was given.
  public let expectedSpend: ContiguousArray<Double>
  /// Discounted lifetime value, or empty when no spend model or value calculation was given.
  public let lifetimeValue: ContiguousArray<Double>

  /// Creates scores from columns.
  ///
  /// - Parameters:
  ///   - clients: The client of each row.
  ///   - horizon: The horizon of the expectations.
  ///   - probabilityAlive: P(alive) per client.
  ///   - expectedPurchases: Expected purchases per client.
  ///   - expectedSpend: Expected spend per purchase per client, or empty.
  ///   - lifetimeValue: Lifetime value per client, or empty.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` when a column's length is not
  ///   the number of clients (an optional column may be empty), or the horizon is negative or
  ///   not finite.
  public init(
    clients: ClientIndex<ID>, horizon: Double, probabilityAlive: ContiguousArray<Double>,
    expectedPurchases: ContiguousArray<Double>, expectedSpend: ContiguousArray<Double> = [],
    lifetimeValue: ContiguousArray<Double> = []
  ) throws(RetentionError) {
    let n = clients.count
    guard horizon >= 0, horizon.isFinite else {
      throw .invalidParameter("horizon", reason: "must be finite and 0 or more, got \(horizon)")
    }
    for (name, column, optional) in [
      ("probabilityAlive", probabilityAlive, false),
      ("expectedPurchases", expectedPurchases, false),
      ("expectedSpend", expectedSpend, true), ("lifetimeValue", lifetimeValue, true),
    ] where column.count != n && !(optional && column.isEmpty) {
      throw .invalidParameter(name, reason: "\(column.count) values for \(n) clients")
    }
    self.init(
      trusted: clients, horizon: horizon, probabilityAlive: probabilityAlive,
      expectedPurchases: expectedPurchases, expectedSpend: expectedSpend,
      lifetimeValue: lifetimeValue)
  }

  init(
    trusted clients: ClientIndex<ID>, horizon: Double, probabilityAlive: ContiguousArray<Double>,
    expectedPurchases: ContiguousArray<Double>, expectedSpend: ContiguousArray<Double>,
    lifetimeValue: ContiguousArray<Double>
  ) {
    self.clients = clients
    self.horizon = horizon
    self.probabilityAlive = probabilityAlive
    self.expectedPurchases = expectedPurchases
    self.expectedSpend = expectedSpend
    self.lifetimeValue = lifetimeValue
  }

  /// The predictions of a row.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> ClientScore {
    ClientScore(
      probabilityAlive: probabilityAlive[row], expectedPurchases: expectedPurchases[row],
      expectedSpend: expectedSpend.isEmpty ? nil : expectedSpend[row],
      lifetimeValue: lifetimeValue.isEmpty ? nil : lifetimeValue[row])
  }

  /// A row's predictions in a sentence: "P(alive) 12.3%, 0.41 expected purchases over the
  /// horizon 52, lifetime value 1,234.50".
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    let score = self[row]
    var text =
      "P(alive) \(NumberText.percent(score.probabilityAlive)), "
      + "\(NumberText.decimal(score.expectedPurchases)) expected purchases over the next "
      + NumberText.decimal(horizon, dropsTrailingZeros: true)
    if let spend = score.expectedSpend {
      text += ", \(NumberText.decimal(spend)) expected per purchase"
    }
    if let value = score.lifetimeValue {
      text += ", lifetime value \(NumberText.decimal(value))"
    }
    return text
  }
}

extension PurchaseModel {
  /// P(alive) and expected purchases over a horizon for every client of a summary.
  ///
  /// - Parameters:
  ///   - summary: The per-client inputs, as of the day to score.
  ///   - horizon: The horizon for expected purchases, in the summary's unit, finite and 0 or
  ///     more.
  /// - Returns: Columns aligned with the summary's rows (no spend or value columns).
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for a horizon that is negative
  ///   or not finite.
  /// - Complexity: O(*n*) model evaluations.
  public func scores<ID>(for summary: RepeatPurchaseSummary<ID>, horizon: Double)
    throws(RetentionError) -> ClientScores<ID>
  {
    try scores(for: summary, horizon: horizon, spend: nil, value: nil, fallbackSpend: 0)
  }

  /// Scores every client of a summary, one client at a time: the default implementation of
  /// the protocol requirement.
  ///
  /// Clients whose spend cannot be estimated (q ≤ 1 with no repeat purchase) get
  /// `fallbackSpend`.
  ///
  /// - Parameters:
  ///   - summary: The per-client inputs, as of the day to score.
  ///   - horizon: The horizon for expected purchases, in the summary's unit, finite and 0 or
  ///     more.
  ///   - spend: A fitted spend model, or `nil`.
  ///   - value: How to discount lifetime value, or `nil` for none.
  ///   - fallbackSpend: The spend used when the spend model has no finite expectation,
  ///     finite and 0 or more.
  /// - Returns: Columns aligned with the summary's rows.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for a horizon or fallback spend
  ///   that is negative or not finite.
  /// - Complexity: O(*n*) model evaluations; BG/NBD and MBG/NBD evaluate ₂F₁ once per
  ///   distinct `(x, T)` instead of once per client.
  public func scores<ID>(
    for summary: RepeatPurchaseSummary<ID>, horizon: Double, spend: GammaGammaModel?,
    value: LifetimeValue?, fallbackSpend: Double
  ) throws(RetentionError) -> ClientScores<ID> {
    try checkScoring(horizon: horizon, fallbackSpend: fallbackSpend, threadCount: 1)
    let n = summary.count
    var alive = ContiguousArray<Double>()
    var expected = ContiguousArray<Double>()
    var spends = ContiguousArray<Double>()
    var values = ContiguousArray<Double>()
    alive.reserveCapacity(n)
    expected.reserveCapacity(n)
    for i in 0..<n {
      let x = Int(summary.frequency[i])
      let tx = summary.recency(at: i)
      let t = summary.age(at: i)
      alive.append(probabilityAlive(frequency: x, recency: tx, age: t))
      expected.append(expectedPurchases(inNext: horizon, frequency: x, recency: tx, age: t))
      if let spend {
        let perPurchase =
          spend.expectedSpend(frequency: x, meanSpend: summary.monetaryValue[i]) ?? fallbackSpend
        spends.append(perPurchase)
        if let value {
          values.append(
            value.value(
              of: self, spendPerPurchase: perPurchase, frequency: x, recency: tx, age: t))
        }
      }
    }
    return ClientScores(
      trusted: summary.clients, horizon: horizon, probabilityAlive: alive,
      expectedPurchases: expected,
      expectedSpend: spends, lifetimeValue: values)
  }
}
