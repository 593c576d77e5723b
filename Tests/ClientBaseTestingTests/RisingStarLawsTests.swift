import ClientBaseTesting
import Segmentation
import Testing

/// A broken rule: a rising trend is a rising star whatever the threshold, so clients already
/// in the class (the top class included) are flagged.
private struct AnyRiseIsAStar: RisingStarPolicy {
  func projection(of series: ArraySlice<Double>, reaching threshold: Double)
    -> RisingStarProjection?
  {
    guard series.count >= 2, let last = series.last else { return nil }
    let slope = last - series[series.index(before: series.endIndex - 1)]
    guard slope > 0 else { return nil }
    return RisingStarProjection(
      current: last, slopePerPeriod: slope, projected: Swift.max(last + slope, threshold),
      periodsAhead: 1)
  }
}

/// A broken rule: projects from the first value of the series instead of the latest, and
/// claims to reach the threshold without checking.
private struct ProjectsFromTheStart: RisingStarPolicy {
  func projection(of series: ArraySlice<Double>, reaching threshold: Double)
    -> RisingStarProjection?
  {
    guard let first = series.first, let last = series.last, last < threshold else { return nil }
    return RisingStarProjection(
      current: first, slopePerPeriod: 1, projected: first + 1, periodsAhead: 1)
  }
}

/// A broken rule that reads the series from index 0, as if it were an array, so its answer
/// depends on where the slice starts.
private struct ReadsFromIndexZero: RisingStarPolicy {
  func projection(of series: ArraySlice<Double>, reaching threshold: Double)
    -> RisingStarProjection?
  {
    guard let last = series.last, last < threshold, series.startIndex == 0 else { return nil }
    return StandardRisingStarPolicy.standard.projection(of: series, reaching: threshold)
  }
}

private func lawSeries(count: Int, seed: UInt64) -> [[Double]] {
  var generator = SeededGenerator(seed: seed)
  return (0..<count).map { _ in
    let length = 1 + generator.nextInt(below: 12)
    var value = 1_000 * generator.nextUnitDouble()
    let drift = 200 * (generator.nextUnitDouble() - 0.4)
    return (0..<length).map { _ in
      value += drift + 100 * (generator.nextUnitDouble() - 0.5)
      return value
    }
  }
}

@Suite("Rising-star laws")
struct RisingStarLawsTests {
  @Test(arguments: [1, 2] as [UInt64])
  func defaultPolicyKeepsTheLaws(seed: UInt64) throws {
    let series = lawSeries(count: 500, seed: seed)
    #expect(RisingStarLaws.violations(of: StandardRisingStarPolicy.standard, on: series) == [])
    let patient = try StandardRisingStarPolicy(window: 12, horizonPeriods: 12, minimumPeriods: 2)
    #expect(RisingStarLaws.violations(of: patient, on: series) == [])
  }

  @Test func flaggingClientsAlreadyInTheClassFails() {
    let violations = RisingStarLaws.violations(
      of: AnyRiseIsAStar(), on: lawSeries(count: 200, seed: 3))
    #expect(violations.contains { $0.hasPrefix("already in the class") })
    #expect(
      violations.filter { $0.hasPrefix("already in the class") }.count
        == RisingStarLaws.maximumReportedPerLaw)
  }

  /// [1, 2, 3] against 10: the rule claims current 1 (not the latest, 3) and projected 2
  /// (short of 10), so "reaches the threshold" names it.
  @Test func aProjectionThatDoesNotReachFails() {
    let violations = RisingStarLaws.violations(of: ProjectsFromTheStart(), on: [[1, 2, 3]])
    #expect(violations.contains { $0.hasPrefix("reaches the threshold: series [1.0, 2.0, 3.0]") })
    #expect(!violations.contains { $0.hasPrefix("already in the class") })
  }

  @Test func anAnswerThatDependsOnTheSliceFails() {
    let violations = RisingStarLaws.violations(
      of: ReadsFromIndexZero(), on: lawSeries(count: 200, seed: 4))
    #expect(violations.contains { $0.hasPrefix("pure") })
  }
}
