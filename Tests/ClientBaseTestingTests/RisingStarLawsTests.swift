import ClientBaseCore
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
    return StandardRisingStars.standard.projection(of: series, reaching: threshold)
  }
}

/// The standard rule asked about each client, with a whole-base finder that skips the first
/// client of the history: breaks "whole base agrees" only.
private struct SkipsTheFirst: RisingStarPolicy {
  func projection(of series: ArraySlice<Double>, reaching threshold: Double)
    -> RisingStarProjection?
  {
    StandardRisingStars.standard.projection(of: series, reaching: threshold)
  }

  func risingStars<Classes: ClientResult>(
    in history: BalanceHistory<Classes.ID>, classes: Classes, measureName: String,
    nextClass: (Classes.Entry) -> (label: Classes.Entry, entryThreshold: Double)?
  ) -> [RisingStar<Classes.ID, Classes.Entry>] where Classes.Entry: Hashable {
    StandardRisingStars.standard.risingStars(
      in: history, classes: classes, measureName: measureName, nextClass: nextClass
    ).filter { $0.row != 0 }
  }
}

/// Sample histories: `count` clients named "c0", "c1"…, rising, flat, falling and noisy.
private func lawHistory(count: Int, seed: UInt64, periods: Int = 8) throws -> BalanceHistory<String>
{
  var generator = SeededGenerator(seed: seed)
  let series = (0..<count).map { _ in
    var value = 1_000 * generator.nextUnitDouble()
    let drift = 200 * (generator.nextUnitDouble() - 0.4)
    return (0..<periods).map { _ in
      value += drift + 100 * (generator.nextUnitDouble() - 0.5)
      return value
    }
  }
  return try history(series)
}

private func history(_ series: [[Double]]) throws -> BalanceHistory<String> {
  let periods = series.first?.count ?? 1
  return try BalanceHistory(
    ids: series.indices.map { "c\($0)" },
    periods: (0..<periods).map { Day(daysSince1970: 20_454).adding(months: $0) },
    balancesByClient: series)
}

@Suite("Rising-star laws")
struct RisingStarLawsTests {
  @Test(arguments: [1, 2] as [UInt64])
  func defaultPolicyKeepsTheLaws(seed: UInt64) throws {
    for periods in [2, 5, 12] {
      let sample = try lawHistory(count: 300, seed: seed, periods: periods)
      #expect(RisingStarLaws.violations(of: StandardRisingStars.standard, on: sample) == [])
      let patient = try StandardRisingStars(window: 12, horizonPeriods: 12, minimumPeriods: 2)
      #expect(RisingStarLaws.violations(of: patient, on: sample, seed: seed) == [])
    }
  }

  @Test func flaggingClientsAlreadyInTheClassFails() throws {
    let violations = RisingStarLaws.violations(
      of: AnyRiseIsAStar(), on: try lawHistory(count: 200, seed: 3))
    let found = violations.filter { $0.law == "already in the class" }
    #expect(found.count == 5)
    #expect(found.allSatisfy { $0.client?.hasPrefix("c") == true })
  }

  /// c0's [1, 2, 3] against 10: the rule claims current 1 (not the latest, 3) and projected 2
  /// (short of 10), so "reaches the threshold" names the client.
  @Test func aProjectionThatDoesNotReachFails() throws {
    let violations = RisingStarLaws.violations(
      of: ProjectsFromTheStart(), on: try history([[1, 2, 3]]))
    let found = violations.first { $0.law == "reaches the threshold" && $0.client == "c0" }
    #expect(found?.values.first == LawViolation.Value("series", "1.0, 2.0, 3.0"))
    #expect(!violations.contains { $0.law == "already in the class" })
  }

  @Test func anAnswerThatDependsOnTheSliceFails() throws {
    let violations = RisingStarLaws.violations(
      of: ReadsFromIndexZero(), on: try lawHistory(count: 200, seed: 4))
    #expect(violations.contains { $0.law == "pure" && $0.client != nil })
  }

  @Test func aFinderThatDisagreesWithTheRuleFails() throws {
    // c0 climbs 100 a period: just above its latest value it is a rising star.
    let sample = try history([[100, 200, 300, 400], [400, 300, 200, 100], [5, 5, 5, 5]])
    let violations = RisingStarLaws.violations(of: SkipsTheFirst(), on: sample)
    #expect(Set(violations.map(\.law)) == ["whole base agrees"], "\(violations)")
    #expect(violations.first?.client == "c0")
  }
}
