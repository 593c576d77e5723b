import ClientBaseTesting
import Segmentation
import Testing

/// A broken XYZ policy: the bounds read the wrong way round, so the steadiest rows are Z.
private struct SwappedBoundsXYZ: XYZPolicy {
  func classification<ID>(of matrix: PeriodMatrix<ID>) throws(SegmentationError)
    -> XYZClassification<ID>
  {
    let right = try StandardXYZ.standard.classification(of: matrix)
    let outcomes = (0..<right.count).map { row -> XYZOutcome in
      switch right.outcome(forRow: row) {
      case .classified(let value, let coefficient):
        let swapped: XYZClass = value == .x ? .z : value == .z ? .x : .y
        return .classified(swapped, coefficientOfVariation: coefficient)
      case let other:
        return other
      }
    }
    return try XYZClassification(
      ids: matrix.ids, periodCount: matrix.periodCount, outcomes: outcomes, xBound: 0.25,
      yBound: 0.10, minimumPeriods: 3)
  }
}

/// A broken XYZ policy: the first tenth of the rows are X whatever their values.
private struct FirstRowsAreX: XYZPolicy {
  func classification<ID>(of matrix: PeriodMatrix<ID>) throws(SegmentationError)
    -> XYZClassification<ID>
  {
    let right = try StandardXYZ.standard.classification(of: matrix)
    let outcomes = (0..<right.count).map { row -> XYZOutcome in
      row < right.count / 10
        ? .classified(.x, coefficientOfVariation: 0) : right.outcome(forRow: row)
    }
    return try XYZClassification(
      ids: matrix.ids, periodCount: matrix.periodCount, outcomes: outcomes, xBound: 0.10,
      yBound: 0.25, minimumPeriods: 3)
  }
}

/// A broken XYZ policy: classes by the standard deviation in money, not relative to the mean,
/// so a bigger client of the same shape looks less steady.
private struct AbsoluteSpreadXYZ: XYZPolicy {
  func classification<ID>(of matrix: PeriodMatrix<ID>) throws(SegmentationError)
    -> XYZClassification<ID>
  {
    let periods = matrix.periodCount
    let outcomes = (0..<matrix.count).map { row -> XYZOutcome in
      let cells = (0..<periods).map { matrix[row, $0] }
      let mean = cells.reduce(0, +) / Double(periods)
      guard mean > 0 else { return .noPositiveMean(mean: mean) }
      let spread = (cells.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(periods))
        .squareRoot()
      let value: XYZClass = spread <= 10 ? .x : spread <= 25 ? .y : .z
      return .classified(value, coefficientOfVariation: spread / mean)
    }
    return try XYZClassification(
      ids: matrix.ids, periodCount: periods, outcomes: outcomes, xBound: 0.10, yBound: 0.25,
      minimumPeriods: 1)
  }
}

/// Steady, fluctuating, erratic, partly empty, empty and net-negative rows.
private func lawMatrix(count: Int, periods: Int = 12, seed: UInt64) throws -> PeriodMatrix<Int> {
  var generator = SeededGenerator(seed: seed)
  var cells: [Double] = []
  for _ in 0..<count {
    let base = 20 + 2_000 * generator.nextUnitDouble()
    let kind = generator.nextInt(below: 6)
    for period in 0..<periods {
      let noise = generator.nextUnitDouble() - 0.5
      switch kind {
      case 0: cells.append(base * (1 + 0.1 * noise))
      case 1: cells.append(base * (1 + 0.6 * noise))
      case 2: cells.append(generator.nextUnitDouble() < 0.4 ? 0 : base * (1 + noise))
      case 3: cells.append(period < periods / 2 ? 0 : base)
      case 4: cells.append(0)
      default: cells.append(-base * (1 + noise))
      }
    }
  }
  return try PeriodMatrix(ids: Array(0..<count), periodCount: periods, values: cells)
}

@Suite("XYZ laws")
struct XYZLawsTests {
  @Test(arguments: [1, 2] as [UInt64])
  func defaultPoliciesKeepTheLaws(seed: UInt64) throws {
    let matrix = try lawMatrix(count: 1_200, seed: seed)
    #expect(ValueClassLaws.xyzViolations(of: StandardXYZ.standard, on: matrix) == [])
    let fromFirstActive = StandardXYZ(startsAtFirstActivePeriod: true)
    #expect(ValueClassLaws.xyzViolations(of: fromFirstActive, on: matrix) == [])
    // More periods required than the matrix has: everyone unclassified, which is lawful.
    let tooShort = try lawMatrix(count: 50, periods: 2, seed: seed)
    #expect(ValueClassLaws.xyzViolations(of: StandardXYZ.standard, on: tooShort) == [])
  }

  @Test func swappedBoundsBreakTheSteadinessLaws() throws {
    let violations = ValueClassLaws.xyzViolations(
      of: SwappedBoundsXYZ(), on: try lawMatrix(count: 600, seed: 3))
    #expect(violations.contains { $0.hasPrefix("constant is X") })
    #expect(violations.contains { $0.hasPrefix("steadier is never less steady") })
    // The swap is per row and scale-free, so those laws still hold.
    #expect(!violations.contains { $0.hasPrefix("order independence") })
    #expect(!violations.contains { $0.hasPrefix("scale-free") })
  }

  @Test func anOrderDependentPolicyFails() throws {
    let violations = ValueClassLaws.xyzViolations(
      of: FirstRowsAreX(), on: try lawMatrix(count: 600, seed: 4))
    #expect(violations.contains { $0.hasPrefix("order independence") })
    #expect(
      violations.filter { $0.hasPrefix("order independence (permutation 1)") }.count
        == ValueClassLaws.maximumReportedPerLaw)
  }

  @Test func aScaleDependentPolicyFails() throws {
    let violations = ValueClassLaws.xyzViolations(
      of: AbsoluteSpreadXYZ(), on: try lawMatrix(count: 600, seed: 5))
    #expect(violations.contains { $0.hasPrefix("scale-free") })
    #expect(!violations.contains { $0.hasPrefix("order independence") })
  }

  /// Worked by hand: one steady row (CV 0) and one alternating 50/150 row (CV 0.5).
  @Test func aHandMadeMatrixNamesTheClient() throws {
    let matrix = try PeriodMatrix(
      ids: ["steady", "swinging"], periodCount: 4, values: [100, 100, 100, 100, 50, 150, 50, 150])
    #expect(ValueClassLaws.xyzViolations(of: StandardXYZ.standard, on: matrix) == [])
    let violations = ValueClassLaws.xyzViolations(of: SwappedBoundsXYZ(), on: matrix)
    // "steady" is Z under the swap: its constant copy is Z too, so constant-is-X names it.
    #expect(violations.contains { $0.hasPrefix("constant is X: client steady") })
  }
}
