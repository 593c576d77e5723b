import ClientBaseTesting
import Foundation

@testable import Retention

// The BG/BB test counterpart: published data, reference values computed elsewhere, and the
// model evaluated independently of the library's likelihood code (closed beta ratios,
// quadrature of the story, simulation of the process).

// MARK: Published data and reference values

/// The 1995 cohort of donors of Fader, Hardie & Shang (2010, "Customer-Base Analysis in a
/// Discrete-Time Noncontractual Setting", Marketing Science 29(6)): 11,104 donors, six yearly
/// opportunities (1996–2001). Rows (x, t_x, n, donors) as published in the paper and shipped
/// as `lifetimes/datasets/donations.csv` (read with lifetimes 0.11.3; see
/// Documentation/ReferenceValues/bgbb_reference.py).
let donations: [(x: Int, tx: Int, n: Int, count: Double)] = [
  (0, 0, 6, 3464), (1, 1, 6, 1091), (1, 2, 6, 277), (1, 3, 6, 129), (1, 4, 6, 78),
  (1, 5, 6, 119), (1, 6, 6, 129), (2, 2, 6, 613), (2, 3, 6, 255), (2, 4, 6, 155),
  (2, 5, 6, 173), (2, 6, 6, 234), (3, 3, 6, 322), (3, 4, 6, 181), (3, 5, 6, 225),
  (3, 6, 6, 357), (4, 4, 6, 240), (4, 5, 6, 284), (4, 6, 6, 512), (5, 5, 6, 335),
  (5, 6, 6, 728), (6, 6, 6, 1203),
]

/// The published estimates (Fader, Hardie & Shang 2010), given to 3 decimals, and LL.
let published = (alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783)
let publishedLogLikelihood = -33_225.6

/// lifetimes 0.11.3 (BetaGeoBetaBinomFitter) at the published parameters
/// (Documentation/ReferenceValues/bgbb_reference.py): (x, t_x, n) → (ln L, P(alive at n), P(alive at
/// n + 1), P(alive at n + 5), E[X(n, n + 5)], E[X(n, n + 10)]).
let lifetimesBGBB: [(Int, Int, Int, Double, Double, Double, Double, Double, Double)] = [
  (
    0, 0, 6, -1.16726247267389, 0.116096613292984, 0.108016584168674, 0.0859497449956807,
    0.0728028774750435, 0.130103791412852
  ),
  (
    1, 1, 6, -2.28853168566625, 0.0746000682989663, 0.0694080932065489, 0.0552286295447345,
    0.0856353983378701, 0.153036396215603
  ),
  (
    1, 6, 6, -4.88414554190319, 0.999999999999843, 0.930402542372735, 0.740329476956941,
    1.1479265406925, 2.05142434457663
  ),
  (
    2, 2, 6, -3.01178792216195, 0.0713449763207641, 0.0663795473543719, 0.0528187890030649,
    0.119057953326353, 0.212764820057047
  ),
  (
    3, 5, 6, -5.61589474636109, 0.824088515536521, 0.766734049995473, 0.610097019673469,
    1.80442599979399, 3.22463441060554
  ),
  (
    4, 6, 6, -5.38493653809895, 0.999999999999739, 0.930402542372639, 0.740329476956863,
    2.71043998083628, 4.84374423283833
  ),
  (
    6, 6, 6, -2.18224844761829, 0.99999999999999, 0.930402542372872, 0.740329476957049,
    3.75211560759982, 6.70529082501463
  ),
  (
    2, 3, 10, -4.77972126708351, 0.0598621754627923, 0.0569358771533388, 0.0480716154514841,
    0.0700460787293338, 0.128294000860115
  ),
  (
    5, 8, 10, -8.63174880019511, 0.656879910532798, 0.624769039906307, 0.52749968093901,
    1.48832094663787, 2.72595771629003
  ),
  (
    0, 0, 1, -0.690132282647856, 0.619173142436074, 0.52755225176479, 0.35017710868182,
    0.871340487524923, 1.46261865337914
  ),
  (
    1, 1, 1, -0.696171195575512, 0.999999999999997, 0.852027027027024, 0.565556037046572,
    2.57608914544853, 4.32418335982898
  ),
]

/// lifetimes' `expected_number_of_transactions_in_first_n_periods(6)` divided by 11,104 at
/// the published parameters: P(X(6) = x) for x = 0 … 6, and their mean E[X(6)].
let lifetimesPMF6: [Double] = [
  0.31121774326385, 0.170109978406515, 0.121480513766871, 0.100263115024804,
  0.0916598534249218, 0.0924811479052924, 0.112787648207747,
]
let lifetimesMean6 = 2.2196313934873

/// lifetimes' own maximum-likelihood fit of the donation data and its log-likelihood.
let lifetimesFit = (
  alpha: 1.203522, beta: 0.749716, gamma: 0.656718, delta: 2.783442, logLikelihood: -33_225.581274
)

// MARK: Helpers

func publishedModel() throws -> BGBBModel {
  try BGBBModel(
    alpha: published.alpha, beta: published.beta, gamma: published.gamma, delta: published.delta)
}

func donationHistories() throws -> DiscretePurchaseHistories {
  try DiscretePurchaseHistories(
    frequency: donations.map(\.x), recency: donations.map(\.tx), periods: donations.map(\.n),
    weight: donations.map(\.count))
}

func near(_ a: Double, _ b: Double, relative: Double) -> Bool {
  abs(a - b) <= relative * max(abs(b), 1e-300)
}

/// The likelihood pieces written from the story, with every beta integral done by
/// tanh-sinh quadrature over the beta densities instead of a closed beta ratio:
/// P(history) = Σ_{L=t_x}^{n−1} E[pˣ(1−p)^(L−x)] E[θ(1−θ)^L] + E[pˣ(1−p)^(n−x)] E[(1−θ)ⁿ],
/// a client dying at the start of opportunity L + 1 or alive through n. Returns the total
/// and the alive-through-n part.
func quadratureLikelihood(_ m: BGBBModel, _ x: Int, _ tx: Int, _ n: Int) -> (
  total: Double, alive: Double
) {
  func purchases(_ failures: Int) -> Double {
    Quadrature.betaExpectation(a: m.alpha, b: m.beta) {
      pow($0, Double(x)) * pow(1 - $0, Double(failures))
    }
  }
  let alive =
    purchases(n - x)
    * Quadrature.betaExpectation(a: m.gamma, b: m.delta) { pow(1 - $0, Double(n)) }
  var total = alive
  for last in stride(from: tx, to: n, by: 1) {
    total +=
      purchases(last - x)
      * Quadrature.betaExpectation(a: m.gamma, b: m.delta) { $0 * pow(1 - $0, Double(last)) }
  }
  return (total, alive)
}

/// One simulated client of the BG/BB story: `n` observed opportunities, then `horizon` more.
struct DiscreteClient {
  var x = 0
  var recency = 0
  var periods = 0
  var aliveAtN = true
  var aliveAtNext = true
  var future = 0
}

/// Simulates the BG/BB process from its definition: p ~ Beta(α, β) and θ ~ Beta(γ, δ) per
/// client; at the start of each opportunity a living client dies with probability θ, then a
/// living client transacts with probability p.
func simulate(
  _ m: BGBBModel, clients: Int, horizon: Int, seed: UInt64,
  periods: (inout SeededGenerator) -> Int
) throws -> [DiscreteClient] {
  var rng = SeededGenerator(seed: seed)
  let purchase = try BetaDistribution(a: m.alpha, b: m.beta)
  let death = try BetaDistribution(a: m.gamma, b: m.delta)
  var result: [DiscreteClient] = []
  result.reserveCapacity(clients)
  for _ in 0..<clients {
    let n = periods(&rng)
    let p = purchase.sample(using: &rng)
    let theta = death.sample(using: &rng)
    var client = DiscreteClient()
    client.periods = n
    var alive = true
    var t = 1
    while alive, t <= n + horizon {
      if rng.nextUnitDouble() < theta {
        alive = false
        break
      }
      if rng.nextUnitDouble() < p {
        if t <= n {
          client.x += 1
          client.recency = t
        } else {
          client.future += 1
        }
      }
      t += 1
    }
    // Alive at opportunity s means surviving the draws at the starts of 1 … s.
    client.aliveAtN = alive || t > n
    client.aliveAtNext = alive || t > n + 1
    result.append(client)
  }
  return result
}

func histories(of clients: [DiscreteClient]) throws -> DiscretePurchaseHistories {
  try DiscretePurchaseHistories(
    frequency: clients.map(\.x), recency: clients.map(\.recency),
    periods: clients.map(\.periods))
}

/// ln L written from Fader, Hardie & Shang (2010, eq. 3) with closed beta functions from
/// log-gamma, term by term and independently of the library's likelihood code.
func referenceBGBBLogLikelihood(_ m: BGBBModel, _ x: Int, _ tx: Int, _ n: Int) -> Double {
  func logB(_ a: Double, _ b: Double) -> Double { lgamma(a) + lgamma(b) - lgamma(a + b) }
  let (alpha, beta, gamma, delta) = (m.alpha, m.beta, m.gamma, m.delta)
  let xd = Double(x)
  var terms = [
    logB(alpha + xd, beta + Double(n - x)) - logB(alpha, beta) + logB(gamma, delta + Double(n))
      - logB(gamma, delta)
  ]
  for i in 0..<(n - tx) {
    terms.append(
      logB(alpha + xd, beta + Double(tx - x + i)) - logB(alpha, beta)
        + logB(gamma + 1, delta + Double(tx + i)) - logB(gamma, delta))
  }
  let high = terms.max()!
  return high + log(terms.reduce(0) { $0 + exp($1 - high) })
}
