import ClientBaseCore
import ClientBaseTesting
import Testing

/// Sample moments by Welford's update, which stays accurate for large means.
struct SampleMoments {
  private(set) var count = 0
  private(set) var mean = 0.0
  private var sumOfSquares = 0.0

  mutating func add(_ x: Double) {
    count += 1
    let delta = x - mean
    mean += delta / Double(count)
    sumOfSquares += delta * (x - mean)
  }

  var variance: Double { sumOfSquares / Double(count - 1) }
}

/// What a sampler must reproduce: its true mean, variance and fourth central moment.
struct MomentCase: Sendable, CustomTestStringConvertible {
  let name: String
  let mean: Double
  let variance: Double
  let fourthCentralMoment: Double
  let draw: @Sendable (inout SeededGenerator) -> Double

  var testDescription: String { name }
}

/// The cases, each with moments from the distribution's textbook formulas.
///
/// Fourth central moments: gamma σ⁴(3 + 6/k); beta σ⁴(3 + excess) with excess
/// 6[(a−b)²(a+b+1) − ab(a+b+2)] / [ab(a+b+2)(a+b+3)]; exponential 9/λ⁴; Poisson λ(1 + 3λ);
/// geometric (failures) σ⁴(9 + p²/(1−p)); normal 3σ⁴.
let momentCases: [MomentCase] = {
  func gamma(_ shape: Double, _ rate: Double) -> MomentCase {
    let d = try! GammaDistribution(shape: shape, rate: rate)
    let v = shape / (rate * rate)
    return MomentCase(
      name: "Gamma(\(shape), \(rate))", mean: shape / rate, variance: v,
      fourthCentralMoment: v * v * (3 + 6 / shape), draw: { d.sample(using: &$0) })
  }
  func beta(_ a: Double, _ b: Double) -> MomentCase {
    let d = try! BetaDistribution(a: a, b: b)
    let s = a + b
    let v = a * b / (s * s * (s + 1))
    let excess = 6 * ((a - b) * (a - b) * (s + 1) - a * b * (s + 2)) / (a * b * (s + 2) * (s + 3))
    return MomentCase(
      name: "Beta(\(a), \(b))", mean: a / s, variance: v,
      fourthCentralMoment: v * v * (3 + excess), draw: { d.sample(using: &$0) })
  }
  func exponential(_ rate: Double) -> MomentCase {
    let d = try! ExponentialDistribution(rate: rate)
    return MomentCase(
      name: "Exponential(\(rate))", mean: 1 / rate, variance: 1 / (rate * rate),
      fourthCentralMoment: 9 / (rate * rate * rate * rate), draw: { d.sample(using: &$0) })
  }
  func poisson(_ mean: Double) -> MomentCase {
    let d = try! PoissonDistribution(mean: mean)
    return MomentCase(
      name: "Poisson(\(mean))", mean: mean, variance: mean,
      fourthCentralMoment: mean * (1 + 3 * mean), draw: { Double(d.sample(using: &$0)) })
  }
  func geometric(_ p: Double) -> MomentCase {
    let d = try! GeometricDistribution(successProbability: p)
    let v = (1 - p) / (p * p)
    return MomentCase(
      name: "Geometric(\(p))", mean: (1 - p) / p, variance: v,
      fourthCentralMoment: v * v * (9 + p * p / (1 - p)), draw: { Double(d.sample(using: &$0)) })
  }
  let normal = try! NormalDistribution(mean: 3, standardDeviation: 2)
  return [
    gamma(2.5, 1.5), gamma(0.243, 4.414), gamma(1, 1), gamma(40, 0.5),
    beta(0.793, 2.426), beta(2, 5), beta(0.3, 0.3),
    exponential(0.5),
    poisson(0.3), poisson(3.5), poisson(9.99), poisson(10), poisson(40), poisson(100_000),
    geometric(0.2), geometric(0.9), geometric(0.000_01),
    MomentCase(
      name: "Normal(3, 2)", mean: 3, variance: 4, fourthCentralMoment: 48,
      draw: { normal.sample(using: &$0) }),
  ]
}()

@Suite("Distributions")
struct DistributionTests {
  /// 200,000 draws from a fixed seed; the sample mean must lie within 5 standard errors
  /// (σ/√n) of the true mean and the sample variance within 5 standard errors
  /// (√((μ₄ − σ⁴)/n)) of the true variance. By the central limit theorem a correct sampler
  /// fails such a check with probability below 10^-6, so the bound is not tuned to the seed;
  /// a wrong one (scale for rate, a broken boost, a biased PTRS) misses by far more.
  @Test(arguments: momentCases)
  func momentsMatchTheory(_ distribution: MomentCase) {
    var generator = SeededGenerator(seed: 20_240_601)
    var moments = SampleMoments()
    let n = 200_000
    for _ in 0..<n { moments.add(distribution.draw(&generator)) }
    let meanError = 5 * (distribution.variance / Double(n)).squareRoot()
    let varianceError =
      5
      * ((distribution.fourthCentralMoment - distribution.variance * distribution.variance)
      / Double(n)).squareRoot()
    #expect(abs(moments.mean - distribution.mean) <= meanError)
    #expect(abs(moments.variance - distribution.variance) <= varianceError)
  }

  /// The whole Poisson law, not just two moments, on both sides of the switch from inversion
  /// to PTRS: Pearson's chi-square over cells with expected count ≥ 20 (tails pooled) must
  /// stay below df + 5√(2·df), beyond which a correct sampler lands with probability far
  /// below 10^-4.
  @Test(arguments: [4.0, 12.0, 30.0, 250.0])
  func poissonFrequenciesMatchTheProbabilityMassFunction(_ mean: Double) throws {
    let poisson = try PoissonDistribution(mean: mean)
    var generator = SeededGenerator(seed: 77)
    let n = 200_000
    var counts: [Int: Int] = [:]
    for _ in 0..<n { counts[poisson.sample(using: &generator), default: 0] += 1 }
    // pmf(k) by the recurrence pmf(k) = pmf(k−1)·λ/k, in logs to survive e^-250.
    var logPMF = -mean
    var cells: [(expected: Double, observed: Int)] = []
    var pooledExpected = 0.0
    var pooledObserved = 0
    let largest = counts.keys.max() ?? 0
    for k in 0...max(largest, Int(mean * 3) + 30) {
      if k > 0 { logPMF += ProbabilityMath.log(mean / Double(k)) }
      let expected = Double(n) * ProbabilityMath.exp(logPMF)
      pooledExpected += expected
      pooledObserved += counts[k, default: 0]
      if pooledExpected >= 20 {
        cells.append((pooledExpected, pooledObserved))
        pooledExpected = 0
        pooledObserved = 0
      }
    }
    if let last = cells.popLast() {
      cells.append((last.expected + pooledExpected, last.observed + pooledObserved))
    }
    let chiSquare = cells.reduce(0.0) {
      let d = Double($1.observed) - $1.expected
      return $0 + d * d / $1.expected
    }
    let df = Double(cells.count - 1)
    #expect(cells.count > 5)
    #expect(chiSquare < df + 5 * (2 * df).squareRoot())
  }

  @Test func samplingIsReproducible() throws {
    let gamma = try GammaDistribution(shape: 0.5, rate: 2)
    var a = SeededGenerator(seed: 3)
    var b = SeededGenerator(seed: 3)
    let first = (0..<1_000).map { _ in gamma.sample(using: &a) }
    #expect(first == (0..<1_000).map { _ in gamma.sample(using: &b) })
  }

  @Test func tinyShapesNeverGiveNaN() throws {
    let beta = try BetaDistribution(a: 0.001, b: 0.001)
    let gamma = try GammaDistribution(shape: 0.001)
    var generator = SeededGenerator(seed: 4)
    for _ in 0..<10_000 {
      let p = beta.sample(using: &generator)
      #expect(p >= 0 && p <= 1)
      let g = gamma.sample(using: &generator)
      #expect(g >= 0 && g.isFinite)
    }
  }

  @Test func geometricEdgeCases() throws {
    var generator = SeededGenerator(seed: 5)
    let certain = try GeometricDistribution(successProbability: 1)
    #expect((0..<100).allSatisfy { _ in certain.sample(using: &generator) == 0 })
    let hopeless = try GeometricDistribution(successProbability: .leastNonzeroMagnitude)
    #expect(hopeless.sample(using: &generator) == Int.max)
    let zero = try PoissonDistribution(mean: 0)
    #expect(zero.sample(using: &generator) == 0)
  }

  /// Invalid parameters are typed errors naming the parameter, never traps.
  @Test func invalidParametersThrow() {
    func name(_ body: () throws -> Void) -> String? {
      do {
        try body()
        return nil
      } catch {
        if case .invalidParameter(let name, _) = error as? InputError { return name }
        return "unexpected \(error)"
      }
    }
    #expect(name { _ = try GammaDistribution(shape: 0, rate: 1) } == "shape")
    #expect(name { _ = try GammaDistribution(shape: 1, rate: -1) } == "rate")
    #expect(name { _ = try GammaDistribution(shape: .nan) } == "shape")
    #expect(name { _ = try GammaDistribution(shape: .infinity) } == "shape")
    #expect(name { _ = try BetaDistribution(a: 1, b: 0) } == "b")
    #expect(name { _ = try ExponentialDistribution(rate: 0) } == "rate")
    #expect(name { _ = try PoissonDistribution(mean: -1) } == "mean")
    #expect(name { _ = try PoissonDistribution(mean: 1e300) } == "mean")
    #expect(name { _ = try GeometricDistribution(successProbability: 0) } == "successProbability")
    #expect(name { _ = try GeometricDistribution(successProbability: 1.5) } == "successProbability")
    #expect(name { _ = try NormalDistribution(mean: .nan) } == "mean")
    #expect(name { _ = try NormalDistribution(standardDeviation: -1) } == "standardDeviation")
    #expect(name { _ = try GammaDistribution(shape: 2, rate: 3) } == nil)
  }

  @Test func reportedMomentsMatchFormulas() throws {
    let gamma = try GammaDistribution(shape: 3, rate: 2)
    #expect(gamma.mean == 1.5 && gamma.variance == 0.75)
    let beta = try BetaDistribution(a: 2, b: 3)
    #expect(beta.mean == 0.4 && abs(beta.variance - 0.04) < 1e-15)
    let geometric = try GeometricDistribution(successProbability: 0.25)
    #expect(geometric.mean == 3 && geometric.variance == 12)
  }
}

/// Logarithm and exponential for test arithmetic, through the library's portable versions so
/// the tests need no C library.
enum ProbabilityMath {
  static func log(_ x: Double) -> Double { PortableMath.log(x) }
  static func exp(_ x: Double) -> Double { PortableMath.exp(x) }
}
