import Testing

/// Checks that a model's mean prediction in a group matches the simulated mean within 4.5
/// standard errors of the simulated mean: a correct model fails one comparison with
/// probability about 1e-5, and the seeds are fixed, so the outcome is deterministic.
///
/// - Parameters:
///   - predicted: The model's prediction per simulated client.
///   - simulated: What happened to each.
///   - label: What is compared, for the failure message.
///   - minimumCount: Groups of this many clients or fewer are not checked.
///   - flooringVariance: Floor the sample variance at p̄(1 − p̄), the variance of an indicator
///     with the predicted mean p̄: for rare events the sample variance can be 0 (nothing
///     happened).
func expectAgreement(
  _ predicted: [Double], _ simulated: [Double], _ label: String, minimumCount: Int = 30,
  flooringVariance: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
) {
  let n = Double(simulated.count)
  guard simulated.count > minimumCount else { return }
  let mean = simulated.reduce(0, +) / n
  let predictedMean = predicted.reduce(0, +) / n
  let sampleVariance = simulated.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
  let variance =
    flooringVariance
    ? max(sampleVariance, predictedMean * (1 - min(predictedMean, 1))) : sampleVariance
  let error = (variance / n).squareRoot()
  #expect(
    abs(predictedMean - mean) <= 4.5 * error + 1e-9,
    "\(label): predicted \(predictedMean), simulated \(mean) ± \(error) (n = \(Int(n)))",
    sourceLocation: sourceLocation)
}
