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

/// A profile whose whole-base evaluation lists the assessments in reverse row order.
private struct ReversedEvaluation: TargetProfilePolicy {
  let base: StandardTargetProfile
  var criterionNames: [String] { base.criterionNames }
  func assessment<ID>(of profile: ClientProfile<ID>) -> TargetAssessment {
    base.assessment(of: profile)
  }
  func evaluation<ID>(of profiles: ClientProfiles<ID>, bands: TargetShareBands)
    -> TargetEvaluation<ID>
  {
    TargetEvaluation(
      profiles: profiles, bands: bands, reason: { _ in "" },
      assessmentOfRow: { row in base.assessment(of: profiles.profiles[profiles.count - 1 - row]) })
  }
}

@Suite("Target profile laws")
struct TargetProfileLawsTests {
  @Test func theStandardProfileKeepsEveryLaw() throws {
    let violations = TargetProfileLaws.violations(
      of: try targetProfile(), on: try ClientProfiles(sampleProfiles()))
    #expect(violations.isEmpty, "\(violations)")
  }

  @Test(arguments: [
    (BrokenTargetProfile.Fault.fitAboveOne, "fit in range"), (.inverted, "monotone"),
    (.nondeterministic, "deterministic"), (.phantomCriterion, "criteria in range"),
  ])
  func eachTargetLawCatchesItsFault(fault: BrokenTargetProfile.Fault, law: String) throws {
    let broken = BrokenTargetProfile(base: try targetProfile(), fault: fault)
    let violations = TargetProfileLaws.violations(
      of: broken, on: try ClientProfiles(sampleProfiles()))
    let found = violations.filter { $0.law == law }
    #expect(!found.isEmpty, "\(violations)")
    // Every one names a sample client by its identifier (0…119).
    #expect(found.allSatisfy { Int($0.client ?? "").map { (0..<120).contains($0) } == true })
    #expect(found.count <= 5)
  }

  @Test func aPhantomCriterionIsNamedNotShownAsBits() throws {
    let broken = BrokenTargetProfile(base: try targetProfile(), fault: .phantomCriterion)
    let violation = TargetProfileLaws.violations(
      of: broken, on: try ClientProfiles(Array(sampleProfiles().prefix(1)))
    ).first { $0.law == "criteria in range" }
    #expect(violation?.client == "0")
    let met = violation?.values.first { $0.name == "met" }?.value
    #expect(met?.hasSuffix("criterion #41 of 4") == true, "\(String(describing: met))")
  }

  @Test func aWholeBaseCallThatMixesUpRowsBreaksWholeBaseAgrees() throws {
    let violations = TargetProfileLaws.violations(
      of: ReversedEvaluation(base: try targetProfile()), on: try ClientProfiles(sampleProfiles()))
    #expect(Set(violations.map(\.law)) == ["whole base agrees"], "\(violations)")
    #expect(violations.first?.client != nil)
  }

  @Test func anEmptySampleHasNoViolations() throws {
    #expect(
      TargetProfileLaws.violations(
        of: try targetProfile(), on: try ClientProfiles([ClientProfile<Int>]())
      ).isEmpty)
  }
}

@Suite("Credit scorecard laws")
struct CreditScorecardLawsTests {
  @Test func theStandardScorecardKeepsEveryLaw() throws {
    let credit = CreditScorecardLaws.violations(
      of: StandardCreditScorecard.standard, on: try sampleInputs())
    #expect(credit.isEmpty, "\(credit)")
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
    let violations = CreditScorecardLaws.violations(of: card, on: try sampleInputs())
    #expect(violations.contains { $0.law == "monotone" }, "\(violations)")
    #expect(!violations.contains { $0.law == "points in range" })
    // Client 0 (tenure 0) stays in the 20-point band a year on; client 1 (tenure 1) crosses
    // into the 10-point band: the first violation.
    let first = violations.first { $0.law == "monotone" }
    #expect(first?.client == "1")
    #expect(first?.values.contains { $0.name == "tenureYears" && $0.value == "1.0" } == true)
  }

  @Test func aFactorPayingMoreThanItsMaximumBreaksTheRange() throws {
    let greedy = ClosureCreditFactor("tenureYears", direction: .higherIsBetter, maximumPoints: 10) {
      $0 > 3 ? 15 : 5
    }
    let card = try StandardCreditScorecard(factors: [BandedCreditFactor.paymentDelayDays, greedy])
    let violations = CreditScorecardLaws.violations(of: card, on: try sampleInputs())
    #expect(violations.contains { $0.law == "points in range" && $0.client != nil })
  }

  @Test func aFactorWithMemoryBreaksDeterminism() throws {
    let counter = CallCounter()
    let moody = ClosureCreditFactor("tenureYears", direction: .higherIsBetter, maximumPoints: 100) {
      _ in Double(counter.next() % 2) * 100
    }
    let card = try StandardCreditScorecard(factors: [moody])
    let violations = CreditScorecardLaws.violations(of: card, on: try sampleInputs())
    #expect(violations.contains { $0.law == "deterministic" }, "\(violations)")
  }

  @Test func aWholeBasePathThatDisagreesBreaksOneGrade() throws {
    // Tenure above 1 year earns 10 points alone, B on this scale; the whole-base path adds
    // nothing, so those clients come out C.
    let scale = try CreditGradeScale(lowest: "C", steps: [.init(grade: "B", minimumPoints: 10)])
    let card = try StandardCreditScorecard(factors: [InconsistentFactor()], gradeScale: scale)
    let violations = CreditScorecardLaws.violations(of: card, on: try sampleInputs())
    let oneGrade = violations.first { $0.law == "one grade" }
    #expect(oneGrade?.message == "the whole base gives C, the client alone B", "\(violations)")
    #expect(oneGrade?.client != nil)
  }

  @Test func violationsReadAsLawClientAndValues() {
    let violation = LawViolation(
      law: "monotone", client: 3, values: [.init("tenureYears", "2.0")],
      message: "the grade falls")
    #expect(violation.description == "monotone: client 3: the grade falls (tenureYears = 2.0)")
  }
}
