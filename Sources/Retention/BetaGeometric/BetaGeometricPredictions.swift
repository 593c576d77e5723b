extension BetaGeometricNBDModel {
  /// P(alive | x, t_x, T) = 1 / (1 + [x + o > 0] · a/(b + x + o − 1) · ((α + T)/(α + t_x))^(r + x)).
  ///
  /// For BG/NBD (o = 0, Fader, Hardie & Lee 2005) a client with no repeat purchase is alive
  /// for certain; for MBG/NBD (o = 1, Batislam, Denizel & Filiztekin 2007) the odds are
  /// a/(b + x) · ((α + T)/(α + t_x))^(r + x) for every client. The odds are the drop-out term
  /// of the likelihood, computed by the same code as the fit's
  /// (``logLikelihood(frequency:recency:age:)``).
  ///
  /// - Parameters:
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: The probability of being alive at `T`; `.nan` outside the domain of a history
  ///   (see ``PurchaseModel``).
  public func probabilityAlive(frequency: Int, recency: Double, age: Double) -> Double {
    guard isValidHistory(frequency, recency, age) else { return .nan }
    guard let logC = logDropoutOdds(frequency, recency, age) else { return 1 }
    return logistic(-logC)
  }

  /// E[Y(t) | x, t_x, T], the expected purchases in (T, T + t]: for BG/NBD Fader, Hardie &
  /// Lee (2005, eq. 10), for MBG/NBD (a + b + x)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r + x)
  /// ₂F₁(r + x, b + x + 1; a + b + x; t/(α + T + t))] · P(alive) (Batislam, Denizel &
  /// Filiztekin 2007), with ₂F₁ from ``Hypergeometric``.
  ///
  /// Both are E[Y(t) | alive] · P(alive): given alive the posterior is λ ~ Gamma(r + x, α + T),
  /// p ~ Beta(a, b′) with b′ = b + x + o, and given (λ, p) a live client buys
  /// (1 − e^(−λpt)) / p times, which averages to (a + b′ − 1)/(a − 1) · [1 − ((α + T)/(α + T +
  /// t))^(r + x) ₂F₁(r + x, b′; a + b′ − 1; t/(α + T + t))]. Where that form breaks down
  /// (a ≈ 1 or a + b′ ≤ 1) the expectation over p is integrated by quadrature instead.
  ///
  /// - Parameters:
  ///   - duration: `t`, the length of the period ahead: finite and 0 or more.
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: The expected number of purchases in (T, T + t], 0 at t = 0; `.nan` outside
  ///   the domain of a history or of a duration (see ``PurchaseModel``).
  public func expectedPurchases(
    inNext duration: Double, frequency: Int, recency: Double, age: Double
  ) -> Double {
    guard isValidHistory(frequency, recency, age), isValidDuration(duration) else {
      return .nan
    }
    guard duration > 0 else { return 0 }
    let alive = probabilityAlive(frequency: frequency, recency: recency, age: age)
    return alive * expectedPurchasesIfAlive(duration, frequency, age)
  }

  /// E[X(t)] for a new client: for BG/NBD Fader, Hardie & Lee (2005, eq. 9), for MBG/NBD
  /// b/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b + 1; a + b; t/(α + t))] (Batislam, Denizel &
  /// Filiztekin 2007): E[Y(t) | x = 0, t_x = 0, T = 0].
  ///
  /// - Parameter duration: `t`, finite and 0 or more.
  /// - Returns: The expected number of repeat purchases by `t`; `.nan` for a negative or
  ///   non-finite duration.
  public func expectedPurchases(by duration: Double) -> Double {
    expectedPurchases(inNext: duration, frequency: 0, recency: 0, age: 0)
  }

  /// P(X(t) = n) for a new client: B(a, b + n + o)/B(a, b) · NB(n) + [n + o > 0]
  /// B(a + 1, b + n + o − 1)/B(a, b) · (1 − Σ_{j<n} NB(j)), with NB the negative binomial
  /// counts of a client who never drops out (Fader, Hardie & Lee 2005, eq. 8, for BG/NBD;
  /// Batislam, Denizel & Filiztekin 2007 for MBG/NBD).
  ///
  /// The negative binomial's tail 1 − Σ_{j<n} NB(j) is summed term by term up to
  /// n = 1,000; beyond, it is the regularised incomplete beta function I_q(n, r),
  /// q = t/(α + t), by its continued fraction, so the cost does not grow with the count.
  ///
  /// - Parameters:
  ///   - count: `n`; negative counts have probability 0.
  ///   - duration: `t`, finite and 0 or more; at 0 all mass is on n = 0.
  /// - Returns: The probability of exactly `count` repeat purchases by `t`; `.nan` for a
  ///   negative or non-finite duration.
  /// - Complexity: O(min(n, 1,000)) and a continued fraction of at most a few thousand
  ///   steps.
  public func probability(ofPurchases count: Int, by duration: Double) -> Double {
    let n = count
    guard isValidDuration(duration) else { return .nan }
    guard n >= 0 else { return 0 }
    guard duration > 0 else { return n == 0 ? 1 : 0 }
    let offset = Self.offset
    let o = Double(offset)
    let logP = cLog(alpha / (alpha + duration))
    let logQ = cLog(duration / (alpha + duration))
    let nd = Double(n)
    // NB(j) = Γ(r + j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j, summed in the linear domain with
    // a running log so large n never overflow; beyond 1,000 terms, NB(n) from log-gamma and
    // the tail from the incomplete beta function.
    var logNB = r * logP
    var tail: Double
    if n <= RisingFactorialTable.summedLimit {
      var cumulative = 0.0
      for j in 0..<n {
        cumulative += cExp(logNB)
        logNB += cLog((r + Double(j)) / Double(j + 1)) + logQ
      }
      tail = max(0, 1 - cumulative)
    } else {
      logNB +=
        RisingFactorialTable.entry(r, n).log - SpecialFunctions.logGamma(nd + 1) + nd * logQ
      tail = IncompleteBeta.regularized(
        nd, r, x: duration / (alpha + duration), logX: logQ, logOneMinusX: logP)
    }
    var value =
      cExp(SpecialFunctions.logBeta(a, b + nd + o) - SpecialFunctions.logBeta(a, b) + logNB)
    if n + offset > 0 {
      value +=
        cExp(SpecialFunctions.logBeta(a + 1, b + nd + o - 1) - SpecialFunctions.logBeta(a, b))
        * tail
    }
    return min(1, max(0, value))
  }

  /// P(a new client is alive at t) = s · (α/(α + t))^r ₂F₁(r, b + o; a + b + o; t/(α + t)),
  /// with s = 1 for BG/NBD and s = b/(a + b) for MBG/NBD.
  ///
  /// An MBG/NBD client first survives the drop-out chance at the first purchase (probability
  /// b/(a + b)); then drop-outs happen at the purchases of a Poisson process thinned by p, so
  /// given (λ, p) the client survives to t with probability e^(−λpt), and the expression
  /// averages that over λ and the posterior of p.
  ///
  /// - Parameter duration: `t`, finite and 0 or more.
  /// - Returns: The probability of being alive at `t`; `.nan` for a negative or non-finite
  ///   duration.
  public func probabilityAlive(at duration: Double) -> Double {
    guard isValidDuration(duration) else { return .nan }
    let start = Self.offset == 0 ? 1 : b / (a + b)
    guard duration > 0 else { return start }
    return start * survival(duration, shape: r, rate: alpha, b: b + Double(Self.offset))
  }

  /// P(alive at T + t | x, t_x, T): alive now, then no fatal purchase in the next `t` under
  /// the posterior λ ~ Gamma(r + x, α + T), p ~ Beta(a, b + x + o).
  ///
  /// - Parameters:
  ///   - duration: `t`, finite and 0 or more.
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: The probability of being alive at `T + t`; `.nan` outside the domain of a
  ///   history or of a duration (see ``PurchaseModel``).
  public func probabilityAlive(
    after duration: Double, frequency: Int, recency: Double, age: Double
  ) -> Double {
    guard isValidDuration(duration) else { return .nan }
    let alive = probabilityAlive(frequency: frequency, recency: recency, age: age)
    guard duration > 0 else { return alive }
    return alive
      * survival(
        duration, shape: r + Double(frequency), rate: alpha + age,
        b: b + Double(frequency + Self.offset))
  }

  // MARK: - Internals

  /// ln C, where P(alive) = 1 / (1 + C); `nil` when the client cannot have dropped out.
  @inline(__always)
  func logDropoutOdds(_ x: Int, _ recency: Double, _ age: Double) -> Double? {
    let k = x + Self.offset
    guard k > 0 else { return nil }
    let shape = r + Double(x)
    return BetaGeometricLikelihood.logDropoutOdds(
      logA: cLog(a), logBk1: cLog(b + Double(k) - 1), shape: shape,
      logAgeRatio: BetaGeometricLikelihood.logAgeRatio(
        age: .init(alpha: alpha, time: age), recency: .init(alpha: alpha, time: recency),
        shape: shape))
  }

  /// E[Y(t) | alive, x, T]: λ ~ Gamma(r + x, α + T), p ~ Beta(a, b + x + o), and given
  /// (λ, p) a live client buys (1 − e^(−λpt)) / p times.
  func expectedPurchasesIfAlive(_ t: Double, _ x: Int, _ age: Double) -> Double {
    let shape = r + Double(x)
    let rate = alpha + age
    let bPost = b + Double(x + Self.offset)
    let c = a + bPost - 1
    let z = t / (rate + t)
    if abs(a - 1) > 1e-6, c > 0 {
      // (a + b′ − 1)/(a − 1) · [1 − (α′/(α′ + t))^r′ ₂F₁(r′, b′; a + b′ − 1; z)].
      let log2F1 = Hypergeometric.logGauss(shape, bPost, c, z)
      if log2F1.sign > 0 {
        let logTerm = shape * cLog(rate / (rate + t)) + log2F1.magnitude
        let bracket = -cExpm1(logTerm)
        let value = c / (a - 1) * bracket
        if value.isFinite, value >= 0 { return value }
      }
    }
    // a ≈ 1 or a + b′ ≤ 1: integrate over p directly.
    return Quadrature.betaExpectation(a: a, b: bPost) { p in
      p > 0 ? -cExpm1(shape * cLog1p(-p * t / (rate + p * t))) / p : shape * t / rate
    }
  }

  /// E over λ ~ Gamma(shape, rate), p ~ Beta(a, b) of e^(−λpt):
  /// (rate/(rate + t))^shape ₂F₁(shape, b; a + b; t/(rate + t)).
  func survival(_ t: Double, shape: Double, rate: Double, b: Double) -> Double {
    let log2F1 = Hypergeometric.logGauss(shape, b, a + b, t / (rate + t))
    guard log2F1.sign > 0 else { return .nan }
    return min(1, max(0, cExp(shape * cLog(rate / (rate + t)) + log2F1.magnitude)))
  }
}
