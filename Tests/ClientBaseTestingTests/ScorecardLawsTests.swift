import ClientBaseCore
import ClientBaseTesting
import Segmentation
import Synchronization
import Testing

/// Counts calls, so a "policy" can answer differently each time it is asked.
final class CallCounter: Sendable {
  private let calls = Atomic<Int>(0)
  func next() -> Int { calls.add(1, ordering: .relaxed).newValue }
}

/// Wraps the real profile and breaks one promise.
struct BrokenTargetProfile: TargetProfilePolicy {
  enum Fault { case fitAboveOne, inverted, nondeterministic, phantomCriterion }
  let base: StandardTargetProfile
  let fault: Fault
  let counter = CallCounter()

  var criterionNames: [String] { base.criterionNames }

  func assessment<ID>(of profile: ClientProfile<ID>) -> TargetAssessment {
    var assessment = base.assessment(of: profile)
    switch fault {
    case .fitAboveOne:
      assessment.fit *= 1.5
    case .inverted:
      // Meeting more criteria lowers the fit.
      assessment.fit = 1 - assessment.fit
      assessment.isTarget = assessment.fit >= 0.7
    case .nondeterministic:
      assessment.fit = Double(counter.next() % 2) / 2
    case .phantomCriterion:
      assessment.met.insert(40)
    }
    return assessment
  }
}

/// A factor whose whole-base path disagrees with its per-client points.
private struct InconsistentFactor: CreditFactor {
  var name: String { "tenureYears" }
  var direction: CreditFactorDirection { .higherIsBetter }
  var maximumPoints: Double { 20 }
  func points(for value: Double) -> Double { BandedCreditFactor.tenureYears.points(for: value) }
  func addPoints(
    for values: UnsafeBufferPointer<Double>, to totals: UnsafeMutableBufferPointer<Double>
  ) {}
}

private func sampleProfiles() -> [ClientProfile<Int>] {
  var generator = SeededGenerator(seed: 77)
  return (0..<120).map { id in
    var attributes: [String: AttributeValue] = [:]
    if generator.nextInt(below: 2) == 0 { attributes["sector"] = .text("retail") }
    if generator.nextInt(below: 2) == 0 {
      attributes["employees"] = .number(Double(generator.nextInt(below: 300)))
    }
    if generator.nextInt(below: 2) == 0 { attributes["payroll"] = .flag(true) }
    return ClientProfile(
      id: id, region: generator.nextInt(below: 2) == 0 ? "north" : nil, attributes: attributes)
  }
}

private func targetProfile() throws -> StandardTargetProfile {
  try StandardTargetProfile(
    criteria: [
      .attribute("sector", isOneOf: ["retail"], weight: 3),
      .attribute("employees", in: 50...250, weight: 2),
      .region(isOneOf: ["north"], isMustHave: true),
      .flag("payroll", weight: 2),
    ])
}

private func sampleInputs() throws -> CreditInputs<Int> {
  // Every band edge of the standard factors and the values beside them.
  let delays: [Double] = [0, 0.5, 1, 29, 30, 31, 90]
  let arrears: [Double] = [0, 1, 2, 3, 4]
  let tenure: [Double] = [0, 1, 1.5, 3, 4, 5, 6]
  let products: [Double] = [0, 1, 2, 3]
  var ids: [Int] = []
  var columns: [String: ContiguousArray<Double>] = [:]
  var row = 0
  for d in delays {
    for a in arrears {
      for t in tenure {
        let p = products[row % products.count]
        ids.append(row)
        columns["paymentDelayDays", default: []].append(d)
        columns["arrearsEpisodes", default: []].append(a)
        columns["tenureYears", default: []].append(t)
        columns["productsHeld", default: []].append(p)
        row += 1
      }
    }
  }
  return try CreditInputs(ids: ids, columns: columns)
}

@Suite("Scorecard laws")
struct ScorecardLawsTests {
  @Test func theStandardPoliciesKeepEveryLaw() throws {
    let target = ScorecardLaws.targetProfileViolations(
      of: try targetProfile(), on: sampleProfiles())
    #expect(target.isEmpty, "\(target)")
    let credit = ScorecardLaws.creditScorecardViolations(
      of: StandardCreditScorecard.standard, on: try sampleInputs())
    #expect(credit.isEmpty, "\(credit)")
  }

  @Test(arguments: [
    (BrokenTargetProfile.Fault.fitAboveOne, "fit in range"), (.inverted, "monotone"),
    (.nondeterministic, "deterministic"), (.phantomCriterion, "criteria in range"),
  ])
  func eachTargetLawCatchesItsFault(fault: BrokenTargetProfile.Fault, law: String) throws {
    let broken = BrokenTargetProfile(base: try targetProfile(), fault: fault)
    let violations = ScorecardLaws.targetProfileViolations(of: broken, on: sampleProfiles())
    #expect(violations.contains { $0.law == law }, "\(violations)")
    #expect(violations.count <= 5 * ScorecardLaws.maximumExamplesPerLaw)
  }

  @Test func aFactorThatRewardsWorseInputBreaksMonotonicity() throws {
    // Longer tenure earns fewer points although the factor says higher is better.
    let backwards = try BandedCreditFactor(
      "tenureYears", direction: .higherIsBetter,
      bands: [.through(1, points: 20), .through(3, points: 10), .otherwise(points: 0)])
    let card = try StandardCreditScorecard(factors: [
      BandedCreditFactor.paymentDelayDays, BandedCreditFactor.arrearsEpisodes, backwards,
      BandedCreditFactor.productsHeld,
    ])
    let violations = ScorecardLaws.creditScorecardViolations(of: card, on: try sampleInputs())
    #expect(violations.contains { $0.law == "monotone" }, "\(violations)")
    #expect(!violations.contains { $0.law == "points in range" })
  }

  @Test func aFactorPayingMoreThanItsMaximumBreaksTheRange() throws {
    let greedy = ClosureCreditFactor("tenureYears", direction: .higherIsBetter, maximumPoints: 10) {
      $0 > 3 ? 15 : 5
    }
    let card = try StandardCreditScorecard(factors: [BandedCreditFactor.paymentDelayDays, greedy])
    let violations = ScorecardLaws.creditScorecardViolations(of: card, on: try sampleInputs())
    #expect(violations.contains { $0.law == "points in range" }, "\(violations)")
  }

  @Test func aFactorWithMemoryBreaksDeterminism() throws {
    let counter = CallCounter()
    let moody = ClosureCreditFactor("tenureYears", direction: .higherIsBetter, maximumPoints: 100) {
      _ in Double(counter.next() % 2) * 100
    }
    let card = try StandardCreditScorecard(factors: [moody])
    let violations = ScorecardLaws.creditScorecardViolations(of: card, on: try sampleInputs())
    #expect(violations.contains { $0.law == "deterministic" }, "\(violations)")
  }

  @Test func aWholeBasePathThatDisagreesBreaksOneGrade() throws {
    // Tenure above 1 year earns 10 points alone, B on this scale; the whole-base path adds
    // nothing, so those clients come out C.
    let scale = try CreditGradeScale(lowest: "C", steps: [.init(grade: "B", minimumPoints: 10)])
    let card = try StandardCreditScorecard(factors: [InconsistentFactor()], gradeScale: scale)
    let violations = ScorecardLaws.creditScorecardViolations(of: card, on: try sampleInputs())
    #expect(violations.contains { $0.law == "one grade" }, "\(violations)")
  }

  @Test func violationsReadAsLawAndDetail() {
    let violation = ScorecardLawViolation(law: "monotone", detail: "client 3 ...")
    #expect(violation.description == "monotone: client 3 ...")
  }
}
