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
    StandardStyles.standard.assessment(
      assertiveness: assertiveness, responsiveness: responsiveness, observationCount: count)
  }
}

/// The standard rule, with a whole-base call that leaves every client undetermined: breaks
/// "whole base agrees" only.
private struct NobodyInBulk: BehaviouralStylePolicy {
  func assessment(assertiveness: Double, responsiveness: Double, observationCount: Int)
    -> StyleAssessment
  {
    StyleAssessment.standardOf(assertiveness, responsiveness, observationCount)
  }

  func assessments<ID>(for observations: BehaviourObservations<ID>) -> StyleAssessments<ID> {
    StyleAssessments(observations: observations) { row in
      StyleAssessment(
        style: nil, assertiveness: observations.assertiveness[row],
        responsiveness: observations.responsiveness[row],
        observationCount: observations.observationCounts[row],
        undetermined: .tooFewObservations(minimum: .max))
    }
  }
}

@Suite("Behavioural style laws")
struct BehaviouralStyleLawsTests {
  @Test(arguments: [1, 2] as [UInt64])
  func defaultPoliciesKeepTheLaws(seed: UInt64) throws {
    #expect(BehaviouralStyleLaws.violations(of: StandardStyles.standard, seed: seed) == [])
    let eager = try StandardStyles(minimumObservations: 1, axisMargin: 0)
    #expect(BehaviouralStyleLaws.violations(of: eager, seed: seed) == [])
  }

  @Test func swappedQuadrantsFail() {
    let violations = BehaviouralStyleLaws.violations(of: SwappedQuadrants(), seed: 3)
    #expect(violations.count == 5)
    #expect(violations.allSatisfy { $0.law == "quadrant" })
    // The grid starts at assertiveness −1; its first amiable point with the standard minimum
    // of 3 observations is responsiveness 0.5 (sample 43), which the swap calls dominant.
    #expect(
      violations.first?.description
        == "quadrant: client sample 43: dominant is not the quadrant of the means (amiable) "
        + "(assertiveness = -1.0, responsiveness = 0.5, observations = 3)")
  }

  @Test func aStyleWithAReasonFails() {
    let violations = BehaviouralStyleLaws.violations(of: StyleAndReason(), seed: 4)
    #expect(violations.contains { $0.law == "one assessment" && $0.client != nil })
    #expect(!violations.contains { $0.law == "quadrant" })
  }

  @Test func roundedMeansFail() {
    let violations = BehaviouralStyleLaws.violations(of: RoundsTheMeans(), seed: 5)
    #expect(violations.contains { $0.law == "reports its inputs" })
  }

  @Test func aWholeBaseCallThatDisagreesFails() {
    let violations = BehaviouralStyleLaws.violations(of: NobodyInBulk(), seed: 6, samples: 50)
    #expect(Set(violations.map(\.law)) == ["whole base agrees"], "\(violations)")
    #expect(violations.first?.client?.hasPrefix("sample ") == true)
  }
}
