/// Per-client predictions for a whole base, aligned with the rows of the summary scored.
public struct ClientScores: Sendable {
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
  ///   - horizon: The horizon of the expectations.
  ///   - probabilityAlive: P(alive) per client.
  ///   - expectedPurchases: Expected purchases per client.
  ///   - expectedSpend: Expected spend per purchase per client, or empty.
  ///   - lifetimeValue: Lifetime value per client, or empty.
  public init(
    horizon: Double, probabilityAlive: ContiguousArray<Double>,
    expectedPurchases: ContiguousArray<Double>, expectedSpend: ContiguousArray<Double>,
    lifetimeValue: ContiguousArray<Double>
  ) {
    self.horizon = horizon
    self.probabilityAlive = probabilityAlive
    self.expectedPurchases = expectedPurchases
    self.expectedSpend = expectedSpend
    self.lifetimeValue = lifetimeValue
  }

  /// The number of clients scored.
  public var count: Int { probabilityAlive.count }
}

extension PurchaseModel {
  /// P(alive) and expected purchases over a horizon for every client of a summary.
  ///
  /// - Parameters:
  ///   - summary: The per-client inputs, as of the day to score.
  ///   - horizon: The horizon for expected purchases, in the summary's unit.
  /// - Returns: Columns aligned with the summary's rows (no spend or value columns).
  /// - Complexity: O(*n*) model evaluations.
  public func scores(for summary: RepeatPurchaseSummary, horizon: Double) -> ClientScores {
    scores(for: summary, horizon: horizon, spend: nil, value: nil, fallbackSpend: 0)
  }

  /// Scores every client of a summary, one client at a time: the default implementation of
  /// the protocol requirement.
  ///
  /// Clients whose spend cannot be estimated (q ≤ 1 with no repeat purchase) get
  /// `fallbackSpend`.
  ///
  /// - Parameters:
  ///   - summary: The per-client inputs, as of the day to score.
  ///   - horizon: The horizon for expected purchases, in the summary's unit.
  ///   - spend: A fitted spend model, or `nil`.
  ///   - value: How to discount lifetime value, or `nil` for none.
  ///   - fallbackSpend: The spend used when the spend model has no finite expectation.
  /// - Returns: Columns aligned with the summary's rows.
  /// - Complexity: O(*n*) model evaluations; BG/NBD and MBG/NBD evaluate ₂F₁ once per
  ///   distinct `(x, T)` instead of once per client.
  public func scores(
    for summary: RepeatPurchaseSummary, horizon: Double, spend: GammaGammaModel?,
    value: LifetimeValue?, fallbackSpend: Double
  ) -> ClientScores {
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
      horizon: horizon, probabilityAlive: alive, expectedPurchases: expected,
      expectedSpend: spends, lifetimeValue: values)
  }
}
