// libFuzzer target: the fitting entry points of Retention on small and extreme summaries.
//
// Built by Fuzz/run.sh with Fuzz/Support/FitChecks.swift, over ClientBaseCore and Retention
// compiled as modules (it uses their public API only). Every input is read as a small summary — up to 16 rows whose
// frequencies, recencies, ages, weights and spends are drawn from tables of ordinary and
// extreme values (0, 10⁻⁹, 10⁹, 10¹², frequencies of 999 to 10⁹ around the fits' table bound)
// or from the byte itself — and given to the fits the first byte selects. For any input:
// - building the histories and fitting either succeed or throw a `RetentionError`, never trap
//   (libFuzzer's -timeout bounds the time of each input);
// - a log-likelihood is never NaN;
// - a converged fit stands at an interior point: its shape parameters lie inside
//   `FitVerdict.shapeBounds`, every parameter is positive and finite, it has finite positive
//   standard errors, and the model's own public per-client log-likelihood, summed over the
//   histories, equals the fit's within `FitVerdict.likelihoodTolerance`;
// - a fit that did not converge has no standard errors and a reason.

import Retention

/// Runs the fits on one input from libFuzzer and checks the properties above.
///
/// - Parameters:
///   - data: The input's bytes; `nil` only when `size` is 0.
///   - size: The number of bytes.
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFit(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let selector = bytes.first else { return 0 }
  let summary = FuzzSummary(bytes.dropFirst())
  guard !summary.frequency.isEmpty else { return 0 }
  // One thread: the fits give the same answer on any number (tested elsewhere), and one keeps
  // libFuzzer's timing per input meaningful.
  let options = FitOptions.standard
  let models = selector & 0x3F == 0 ? 0x3F : selector & 0x3F

  if models & 0x0F != 0,
    let histories = try? PurchaseHistories(
      frequency: summary.frequency, recency: summary.recency, age: summary.age,
      weight: summary.weight)
  {
    if models & 0x01 != 0 {
      checkFit(
        try? BGNBDModel.fit(histories, options: options), bytes, shapes: { [$0.r, $0.a, $0.b] },
        all: { [$0.r, $0.alpha, $0.a, $0.b] }, recomputed: { $0.logLikelihood(of: histories) })
    }
    if models & 0x02 != 0 {
      checkFit(
        try? MBGNBDModel.fit(histories, options: options), bytes, shapes: { [$0.r, $0.a, $0.b] },
        all: { [$0.r, $0.alpha, $0.a, $0.b] }, recomputed: { $0.logLikelihood(of: histories) })
    }
    if models & 0x04 != 0 {
      checkFit(
        try? ParetoNBDModel.fit(histories, options: options), bytes, shapes: { [$0.r, $0.s] },
        all: { [$0.r, $0.alpha, $0.s, $0.beta] }, recomputed: { $0.logLikelihood(of: histories) })
    }
    if models & 0x08 != 0 {
      checkFit(
        try? NBDModel.fit(histories, options: options), bytes, shapes: { [$0.r] },
        all: { [$0.r, $0.alpha] }, recomputed: { $0.logLikelihood(of: histories) })
    }
  }
  if models & 0x10 != 0,
    let spend = try? SpendHistories(
      frequency: summary.frequency, meanSpend: summary.spend, weight: summary.weight)
  {
    checkFit(
      try? GammaGammaModel.fit(spend, options: options), bytes, shapes: { [$0.p, $0.q] },
      all: { [$0.p, $0.q, $0.v] }, recomputed: { $0.logLikelihood(of: spend) })
  }
  if models & 0x20 != 0,
    let discrete = try? DiscretePurchaseHistories(
      frequency: summary.discreteFrequency, recency: summary.discreteRecency,
      periods: summary.periods, weight: summary.weight)
  {
    checkFit(
      try? BGBBModel.fit(discrete, options: options), bytes,
      shapes: { [$0.alpha, $0.beta, $0.gamma, $0.delta] },
      all: { [$0.alpha, $0.beta, $0.gamma, $0.delta] },
      recomputed: { $0.logLikelihood(of: discrete) })
  }
  return 0
}

/// A small summary read from fuzzer bytes, five bytes a row.
struct FuzzSummary {
  var frequency: [Int] = []
  var recency: [Double] = []
  var age: [Double] = []
  var weight: [Double] = []
  var spend: [Double] = []
  var discreteFrequency: [Int] = []
  var discreteRecency: [Int] = []
  var periods: [Int] = []

  static let frequencies = [
    0, 1, 2, 3, 4, 5, 7, 10, 20, 50, 100, 999, 1_000, 1_001, 1_000_000, 1_000_000_000,
  ]
  static let times: [Double] = [
    0, 1e-9, 1e-6, 1e-3, 0.5, 1, 2, 7, 30, 52, 365, 1_000, 1e4, 1e6, 1e9, 1e12,
  ]
  static let weights: [Double] = [0, 0.5, 1e-9, 1e3, 1e6, 1e12, 4_503_599_627_370_496, 1e15]
  static let spends: [Double] = [0, 1e-9, 0.01, 1, 1e6, 1e12, 1e17, 1e18]
  static let periodCounts = [0, 1, 2, 6, 100, 1_000, 100_000, 100_001]

  /// Reads up to 16 rows of five bytes: frequency, age, recency, weight, spend.
  init(_ bytes: ArraySlice<UInt8>) {
    var rest = bytes[...]
    while rest.count >= 5, frequency.count < 16 {
      let row = Array(rest.prefix(5))
      rest = rest.dropFirst(5)
      let x = row[0] < 16 ? Self.frequencies[Int(row[0])] : Int(row[0]) - 16
      let t = row[1] < 16 ? Self.times[Int(row[1])] : Double(row[1]) - 15
      // A recency from the table may exceed the age or be 0 with repeat purchases (impossible
      // histories: typed errors); otherwise a fraction of the age above 0, 0 without a repeat.
      let tx =
        row[2] < 16 ? Self.times[Int(row[2])] : x == 0 ? 0 : t * Double(row[2] - 15) / 240
      frequency.append(x)
      age.append(t)
      recency.append(tx)
      weight.append(row[3] < 8 ? Self.weights[Int(row[3])] : Double(1 + row[3] % 4))
      spend.append(row[4] < 8 ? Self.spends[Int(row[4])] : Double(row[4]) / 7)
      // Discrete histories: n opportunities, x ≤ t_x ≤ n (or not, from the tables).
      let n = row[1] < 8 ? Self.periodCounts[Int(row[1])] : Int(row[1] % 24)
      let dx = row[0] < 16 ? min(x, n + 1) : min(x % 25, n)
      periods.append(n)
      discreteFrequency.append(dx)
      discreteRecency.append(dx == 0 ? 0 : min(n, dx + Int(row[2] % 8)))
    }
  }
}
