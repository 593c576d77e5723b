import ClientBaseTesting
import Segmentation
import Testing

/// A broken rule: dominant and amiable swapped.
private struct SwappedQuadrants: BehaviouralStylePolicy {
  func assessment(assertiveness: Double, responsiveness: Double, observationCount: Int)
    -> StyleAssessment
  {
    var result = StyleAssessment.standardOf(assertiveness, responsiveness, observationCount)
    switch result.style {
    case .dominant: result.style = .amiable
    case .amiable: result.style = .dominant
    default: break
    }
    return result
  }
}

/// A broken rule: with too few observations it says why but names a style anyway.
private struct StyleAndReason: BehaviouralStylePolicy {
  func assessment(assertiveness: Double, responsiveness: Double, observationCount: Int)
    -> StyleAssessment
  {
    var result = StyleAssessment.standardOf(assertiveness, responsiveness, observationCount)
    if result.undetermined != nil, assertiveness != 0, responsiveness != 0 {
      result.style = .quadrant(assertiveness: assertiveness, responsiveness: responsiveness)
    }
    return result
  }
}

/// A broken rule: reports the means rounded to one decimal.
private struct RoundsTheMeans: BehaviouralStylePolicy {
  func assessment(assertiveness: Double, responsiveness: Double, observationCount: Int)
    -> StyleAssessment
  {
    var result = StyleAssessment.standardOf(assertiveness, responsiveness, observationCount)
    result.assertiveness = (assertiveness * 10).rounded() / 10
    return result
  }
}

extension StyleAssessment {
  fileprivate static func standardOf(
    _ assertiveness: Double, _ responsiveness: Double, _ count: Int
  )
    -> StyleAssessment
  {
    StandardStyleClassifier.standard.assessment(
      assertiveness: assertiveness, responsiveness: responsiveness, observationCount: count)
  }
}

@Suite("Behavioural style laws")
struct BehaviouralStyleLawsTests {
  @Test(arguments: [1, 2] as [UInt64])
  func defaultPoliciesKeepTheLaws(seed: UInt64) throws {
    var generator = SeededGenerator(seed: seed)
    #expect(
      BehaviouralStyleLaws.violations(of: StandardStyleClassifier.standard, using: &generator)
        == [])
    let eager = try StandardStyleClassifier(minimumObservations: 1, axisMargin: 0)
    #expect(BehaviouralStyleLaws.violations(of: eager, using: &generator) == [])
  }

  @Test func swappedQuadrantsFail() {
    var generator = SeededGenerator(seed: 3)
    let violations = BehaviouralStyleLaws.violations(of: SwappedQuadrants(), using: &generator)
    #expect(violations.count == BehaviouralStyleLaws.maximumReportedPerLaw)
    #expect(violations.allSatisfy { $0.hasPrefix("quadrant") })
    // The grid starts at assertiveness −1; its first amiable point with the standard minimum
    // of 3 observations is responsiveness 0.5, which the swap calls dominant.
    #expect(
      violations.first
        == "quadrant: assertiveness -1.0, responsiveness 0.5, 3 observations gives dominant")
  }

  @Test func aStyleWithAReasonFails() {
    var generator = SeededGenerator(seed: 4)
    let violations = BehaviouralStyleLaws.violations(of: StyleAndReason(), using: &generator)
    #expect(violations.contains { $0.hasPrefix("one assessment") })
    #expect(!violations.contains { $0.hasPrefix("quadrant") })
  }

  @Test func roundedMeansFail() {
    var generator = SeededGenerator(seed: 5)
    let violations = BehaviouralStyleLaws.violations(of: RoundsTheMeans(), using: &generator)
    #expect(violations.contains { $0.hasPrefix("reports its inputs") })
  }
}
