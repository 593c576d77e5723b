extension BetaGeometricFamily {
  /// Scores a whole base with the ₂F₁-dependent parts tabulated per distinct `(x, T)`.
  ///
  /// E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) · G(x, T, t): only P(alive) depends on `t_x`,
  /// so G and the discounted lifetime factor are computed once per distinct `(x, T days)`.
  func scores(
    for summary: RepeatPurchaseSummary, horizon: Double, spend: GammaGammaModel?,
    value: LifetimeValue?, fallbackSpend: Double
  ) -> ClientScores {
    let n = summary.count
    var maxX: Int32 = 0
    var maxT: Int32 = 0
    for i in 0..<n {
      maxX = max(maxX, summary.frequency[i])
      maxT = max(maxT, summary.ageDays[i])
    }
    let width = Int(maxT) + 1
    let dense = (Int(maxX) + 1) * width <= 4_000_000
    var expectedTable = [Double](repeating: .nan, count: dense ? (Int(maxX) + 1) * width : 0)
    var valueTable = expectedTable
    var expectedCache: [Int64: Double] = [:]
    var valueCache: [Int64: Double] = [:]
    let unitDays = summary.unit.lengthInDays

    func tabulated(_ x: Int32, _ ageDays: Int32) -> (Double, Double) {
      let age = Double(ageDays) / unitDays
      let compute = { () -> (Double, Double) in
        let g = self.expectedPurchasesIfAlive(horizon, Int(x), age)
        let h =
          value?.discountedPurchases { self.expectedPurchasesIfAlive($0, Int(x), age) } ?? 0
        return (g, h)
      }
      if dense {
        let index = Int(x) * width + Int(ageDays)
        if expectedTable[index].isNaN {
          let (g, h) = compute()
          expectedTable[index] = g
          valueTable[index] = h
        }
        return (expectedTable[index], valueTable[index])
      }
      let key = Int64(x) << 32 | Int64(ageDays)
      if let g = expectedCache[key], let h = valueCache[key] { return (g, h) }
      let (g, h) = compute()
      expectedCache[key] = g
      valueCache[key] = h
      return (g, h)
    }

    var alive = ContiguousArray<Double>(repeating: 0, count: n)
    var expected = ContiguousArray<Double>(repeating: 0, count: n)
    var spends = ContiguousArray<Double>()
    var values = ContiguousArray<Double>()
    if spend != nil { spends = ContiguousArray(repeating: 0, count: n) }
    if spend != nil, value != nil { values = ContiguousArray(repeating: 0, count: n) }
    for i in 0..<n {
      let x = summary.frequency[i]
      let a = probabilityAlive(Int(x), summary.recency(at: i), summary.age(at: i))
      let (g, h) = tabulated(x, summary.ageDays[i])
      alive[i] = a
      expected[i] = a * g
      if let spend {
        let perPurchase =
          spend.expectedSpend(frequency: Int(x), meanSpend: summary.monetaryValue[i])
          ?? fallbackSpend
        spends[i] = perPurchase
        if value != nil { values[i] = a * h * perPurchase }
      }
    }
    return ClientScores(
      horizon: horizon, probabilityAlive: alive, expectedPurchases: expected,
      expectedSpend: spends, lifetimeValue: values)
  }
}

extension BGNBDModel {
  /// Scores every client, with ₂F₁ evaluated once per distinct `(x, T)`; see
  /// ``PurchaseModel/scores(for:horizon:spend:value:fallbackSpend:)``.
  ///
  /// - Parameters:
  ///   - summary: The per-client inputs.
  ///   - horizon: The horizon for expected purchases, in the summary's unit.
  ///   - spend: A fitted spend model, or `nil`.
  ///   - value: How to discount lifetime value, or `nil`.
  ///   - fallbackSpend: The spend used when the spend model has no finite expectation.
  /// - Returns: Columns aligned with the summary's rows.
  /// - Complexity: O(*n*) plus one ₂F₁ per distinct `(x, T)` and period.
  public func scores(
    for summary: RepeatPurchaseSummary, horizon: Double, spend: GammaGammaModel?,
    value: LifetimeValue?, fallbackSpend: Double
  ) -> ClientScores {
    family.scores(
      for: summary, horizon: horizon, spend: spend, value: value, fallbackSpend: fallbackSpend)
  }
}

extension MBGNBDModel {
  /// Scores every client, with ₂F₁ evaluated once per distinct `(x, T)`; see
  /// ``PurchaseModel/scores(for:horizon:spend:value:fallbackSpend:)``.
  ///
  /// - Parameters:
  ///   - summary: The per-client inputs.
  ///   - horizon: The horizon for expected purchases, in the summary's unit.
  ///   - spend: A fitted spend model, or `nil`.
  ///   - value: How to discount lifetime value, or `nil`.
  ///   - fallbackSpend: The spend used when the spend model has no finite expectation.
  /// - Returns: Columns aligned with the summary's rows.
  /// - Complexity: O(*n*) plus one ₂F₁ per distinct `(x, T)` and period.
  public func scores(
    for summary: RepeatPurchaseSummary, horizon: Double, spend: GammaGammaModel?,
    value: LifetimeValue?, fallbackSpend: Double
  ) -> ClientScores {
    family.scores(
      for: summary, horizon: horizon, spend: spend, value: value, fallbackSpend: fallbackSpend)
  }
}
