import ClientBaseTesting
import Segmentation
import Testing

/// A broken ABC policy: A goes to the first 5% of rows in input order, whatever their value.
private struct FirstRowsAreA: ABCPolicy {
  func classification<ID>(of values: ClientValues<ID>) throws(SegmentationError)
    -> ABCClassification<ID>
  {
    let top = (values.count + 19) / 20
    let classes = ContiguousArray((0..<values.count).map { $0 < top ? ABCClass.a : .c })
    return try ABCClassification(measure: values, classes: classes, rule: .custom("first rows"))
  }
}

/// A broken ABC policy that is order-independent but upside down: the lowest values are A.
private struct UpsideDownABC: ABCPolicy {
  func classification<ID>(of values: ClientValues<ID>) throws(SegmentationError)
    -> ABCClassification<ID>
  {
    let right = try ABCByValueShare.standard.classification(of: values)
    let flipped = ContiguousArray(
      right.classes.map { value -> ABCClass in value == .a ? .c : value == .c ? .a : .b })
    return try ABCClassification(measure: values, classes: flipped, rule: .custom("flipped"))
  }
}

/// A broken RFM policy: money is scored by row position instead of by value.
private struct PositionalMoney: RFMPolicy {
  func classification<ID>(of measures: RFMMeasures<ID>) throws(SegmentationError)
    -> RFMClassification<ID>
  {
    let right = try StandardRFM.standard.classification(of: measures)
    let positional = ContiguousArray(
      (0..<measures.count).map { UInt8(1 + 5 * $0 / Swift.max(measures.count, 1)) })
    return try RFMClassification(
      measures: measures, recency: right.recencyScores, frequency: right.frequencyScores,
      monetary: positional, segmentMap: .standard)
  }
}

private func lawValues(count: Int, seed: UInt64) throws -> ClientValues<Int> {
  var generator = SeededGenerator(seed: seed)
  let values = (0..<count).map { _ -> Double in
    let draw = generator.nextUnitDouble()
    return draw < 0.1 ? 0 : (100 / generator.nextOpenUnitDouble()).rounded()
  }
  return try ClientValues(ids: Array(0..<count), values: values)
}

private func lawMeasures(count: Int, seed: UInt64) throws -> RFMMeasures<Int> {
  var generator = SeededGenerator(seed: seed)
  var recency: ContiguousArray<Int32> = []
  var frequency: ContiguousArray<Int32> = []
  var money: ContiguousArray<Double> = []
  for _ in 0..<count {
    recency.append(Int32(generator.nextInt(below: 400)))
    frequency.append(Int32(1 + generator.nextInt(below: 12)))
    money.append(Double(generator.nextInt(below: 100_000)) / 100)
  }
  return try RFMMeasures(
    ids: Array(0..<count), recencyDays: recency, frequency: frequency, monetary: money)
}

@Suite("Value class laws")
struct ValueClassLawsTests {
  @Test(arguments: [1, 2] as [UInt64])
  func defaultPoliciesKeepTheLaws(seed: UInt64) throws {
    let values = try lawValues(count: 2_000, seed: seed)
    #expect(ValueClassLaws.abcViolations(of: ABCByValueShare.standard, on: values) == [])
    #expect(ValueClassLaws.abcViolations(of: ABCByRank(), on: values) == [])
    let measures = try lawMeasures(count: 2_000, seed: seed)
    #expect(ValueClassLaws.rfmViolations(of: StandardRFM.standard, on: measures) == [])
  }

  @Test func anOrderDependentPolicyFails() throws {
    let violations = ValueClassLaws.abcViolations(
      of: FirstRowsAreA(), on: try lawValues(count: 500, seed: 3))
    #expect(violations.contains { $0.hasPrefix("order independence") })
    #expect(violations.contains { $0.hasPrefix("monotone in value") })
  }

  @Test func anUpsideDownPolicyFailsMonotonicityOnly() throws {
    let violations = ValueClassLaws.abcViolations(
      of: UpsideDownABC(), on: try lawValues(count: 500, seed: 4))
    #expect(!violations.isEmpty)
    #expect(violations.count <= ValueClassLaws.maximumReportedPerLaw)
    #expect(violations.allSatisfy { $0.hasPrefix("monotone in value") })
  }

  @Test func positionalRFMScoresFail() throws {
    let violations = ValueClassLaws.rfmViolations(
      of: PositionalMoney(), on: try lawMeasures(count: 500, seed: 5))
    #expect(violations.contains { $0.hasPrefix("monotone in money") })
    #expect(violations.contains { $0.hasPrefix("order independence") })
  }
}
