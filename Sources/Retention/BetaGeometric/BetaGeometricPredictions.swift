/// The mathematics BG/NBD and MBG/NBD share.
///
/// Both let a client buy as a Poisson process (rate λ ~ Gamma(r, α)) and drop out, with
/// probability p ~ Beta(a, b), right after a purchase: after each repeat purchase (BG/NBD,
/// Fader, Hardie & Lee 2005), and also right after the first (MBG/NBD, Batislam, Denizel &
/// Filiztekin 2007). With `offset` = 0 or 1 for the two, a client with `x` repeat purchases
/// who is still alive has survived `k = x + offset` drop-out chances, so given alive
/// p ~ Beta(a, b + k) and λ ~ Gamma(r + x, α + T). Every formula below follows from that.
@usableFromInline
struct BetaGeometricFamily: Hashable, Sendable {
  let r: Double
  let alpha: Double
  let a: Double
  let b: Double
  let offset: Int

  /// ln C, where P(alive) = 1 / (1 + C); `nil` when the client cannot have dropped out.
  @inline(__always)
  func logDropoutOdds(_ x: Int, _ recency: Double, _ age: Double) -> Double? {
    let k = x + offset
    guard k > 0 else { return nil }
    // C = a / (b + k − 1) · ((α + T) / (α + t_x))^(r + x).
    return cLog(a) - cLog(b + Double(k) - 1)
      + (r + Double(x)) * (cLog(alpha + age) - cLog(alpha + recency))
  }

  func logLikelihood(_ x: Int, _ recency: Double, _ age: Double) -> Double {
    let xd = Double(x)
    let k = Double(x + offset)
    var value =
      SpecialFunctions.logGamma(r + xd) - SpecialFunctions.logGamma(r) + r * cLog(alpha)
      - (r + xd) * cLog(alpha + age) + SpecialFunctions.logBeta(a, b + k)
      - SpecialFunctions.logBeta(a, b)
    if let logC = logDropoutOdds(x, recency, age) { value += softplus(logC) }
    return value
  }

  func probabilityAlive(_ x: Int, _ recency: Double, _ age: Double) -> Double {
    guard let logC = logDropoutOdds(x, recency, age) else { return 1 }
    return logistic(-logC)
  }

  /// E[Y(t) | alive] · P(alive): the posterior given alive is λ ~ Gamma(r + x, α + T),
  /// p ~ Beta(a, b + k), and given (λ, p) a live client buys (1 − e^(−λpt)) / p times.
  func expectedPurchases(_ t: Double, _ x: Int, _ recency: Double, _ age: Double) -> Double {
    guard t > 0 else { return 0 }
    let alive = probabilityAlive(x, recency, age)
    return alive * expectedPurchasesIfAlive(t, x, age)
  }

  func expectedPurchasesIfAlive(_ t: Double, _ x: Int, _ age: Double) -> Double {
    let shape = r + Double(x)
    let rate = alpha + age
    let bPost = b + Double(x + offset)
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

  /// P(alive at T + t | history) = P(alive) · E[e^(−λpt)] under the posterior given alive.
  func probabilityAlive(after t: Double, _ x: Int, _ recency: Double, _ age: Double) -> Double {
    let alive = probabilityAlive(x, recency, age)
    guard t > 0 else { return alive }
    return alive * survival(t, shape: r + Double(x), rate: alpha + age, b: b + Double(x + offset))
  }

  /// E over λ ~ Gamma(shape, rate), p ~ Beta(a, b) of e^(−λpt):
  /// (rate/(rate + t))^shape ₂F₁(shape, b; a + b; t/(rate + t)).
  func survival(_ t: Double, shape: Double, rate: Double, b: Double) -> Double {
    let log2F1 = Hypergeometric.logGauss(shape, b, a + b, t / (rate + t))
    guard log2F1.sign > 0 else { return .nan }
    return min(1, max(0, cExp(shape * cLog(rate / (rate + t)) + log2F1.magnitude)))
  }

  /// P(a new client is alive at t): survive the start (MBG/NBD) and every purchase since.
  func probabilityAlive(at t: Double) -> Double {
    let start = offset == 0 ? 1 : b / (a + b)
    guard t > 0 else { return start }
    return start * survival(t, shape: r, rate: alpha, b: b + Double(offset))
  }

  /// P(X(t) = n) = B(a, b + n + o)/B(a, b) · NB(n) + [n + o > 0] B(a + 1, b + n + o − 1)/B(a, b)
  /// · (1 − Σ_{j<n} NB(j)), with NB the negative binomial counts of a client who never drops.
  func probability(ofPurchases n: Int, by t: Double) -> Double {
    guard n >= 0 else { return 0 }
    guard t > 0 else { return n == 0 ? 1 : 0 }
    let o = Double(offset)
    let logP = cLog(alpha / (alpha + t))
    let logQ = cLog(t / (alpha + t))
    // NB(j) = Γ(r + j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j, summed in the linear domain with
    // a running log so large n never overflow.
    var logNB = r * logP
    var cumulative = 0.0
    for j in 0..<n {
      cumulative += cExp(logNB)
      logNB += cLog((r + Double(j)) / Double(j + 1)) + logQ
    }
    let nd = Double(n)
    var value =
      cExp(SpecialFunctions.logBeta(a, b + nd + o) - SpecialFunctions.logBeta(a, b) + logNB)
    if n + offset > 0 {
      let tail = max(0, 1 - cumulative)
      value +=
        cExp(SpecialFunctions.logBeta(a + 1, b + nd + o - 1) - SpecialFunctions.logBeta(a, b))
        * tail
    }
    return min(1, max(0, value))
  }
}

/// ln(1 + eᶻ) without overflow.
@inline(__always)
func softplus(_ z: Double) -> Double {
  z > 0 ? z + cLog1p(cExp(-z)) : cLog1p(cExp(z))
}

/// 1 / (1 + e⁻ᶻ) without overflow.
@inline(__always)
func logistic(_ z: Double) -> Double {
  z >= 0 ? 1 / (1 + cExp(-z)) : cExp(z) / (1 + cExp(z))
}
