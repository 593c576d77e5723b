import ClientBaseCore
import ClientBaseTesting
import Segmentation
import Testing

/// A broken XYZ policy: the bounds read the wrong way round, so the steadiest rows are Z.
private struct SwappedBoundsXYZ: XYZPolicy {
  func classification<ID>(of matrix: PeriodMatrix<ID>) -> XYZClassification<ID> {
    let right = StandardXYZ.standard.classification(of: matrix)
    return XYZClassification(matrix: matrix, xBound: 0.25, yBound: 0.10) { row in
      switch right.outcome(forRow: row) {
      case .classified(let value, let coefficient):
        let swapped: XYZClass = value == .x ? .z : value == .z ? .x : .y
        return .classified(swapped, coefficientOfVariation: coefficient)
      case let other:
        return other
      }
    }
  }
}

/// A broken XYZ policy: the first tenth of the rows are X whatever their values.
private struct FirstRowsAreX: XYZPolicy {
  func classification<ID>(of matrix: PeriodMatrix<ID>) -> XYZClassification<ID> {
    let right = StandardXYZ.standard.classification(of: matrix)
    return XYZClassification(matrix: matrix) { row in
      row < right.count / 10
        ? .classified(.x, coefficientOfVariation: 0) : right.outcome(forRow: row)
    }
  }
}

/// A broken XYZ policy: classes by the standard deviation in money, not relative to the mean,
/// so a bigger client of the same shape looks less steady.
private struct AbsoluteSpreadXYZ: XYZPolicy {
  func classification<ID>(of matrix: PeriodMatrix<ID>) -> XYZClassification<ID> {
    let periods = matrix.periodCount
    return XYZClassification(matrix: matrix, minimumPeriods: 1) { row in
      let cells = (0..<periods).map { matrix[row, $0] }
      let mean = cells.reduce(0, +) / Double(periods)
      guard mean > 0 else { return .noPositiveMean(mean: mean) }
      let spread = (cells.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(periods))
        .squareRoot()
      let value: XYZClass = spread <= 10 ? .x : spread <= 25 ? .y : .z
      return .classified(value, coefficientOfVariation: spread / mean)
    }
  }
}

/// A broken XYZ policy with hidden state: each call rounds its coefficients differently.
private final class DriftingXYZ: XYZPolicy, @unchecked Sendable {
  private var calls = 0

  func classification<ID>(of matrix: PeriodMatrix<ID>) -> XYZClassification<ID> {
    calls += 1
    let right = StandardXYZ.standard.classification(of: matrix)
    let drift = Double(calls) * 1e-9
    return XYZClassification(matrix: matrix) { row in
      guard case .classified(let value, let coefficient) = right.outcome(forRow: row) else {
        return right.outcome(forRow: row)
      }
      return .classified(value, coefficientOfVariation: coefficient + drift)
    }
  }
}

/// A broken XYZ policy: classifies the rows in reverse order, so its result lies over the
/// same clients in another order.
private struct ReversedRowsXYZ: XYZPolicy {
  func classification<ID>(of matrix: PeriodMatrix<ID>) -> XYZClassification<ID> {
    let width = matrix.periodCount
    let rows = (0..<matrix.count).reversed()
    let reversed =
      (try? PeriodMatrix(
        ids: rows.map { matrix.ids[$0] }, periodCount: width,
        values: rows.flatMap { row in (0..<width).map { matrix[row, $0] } })) ?? matrix
    return StandardXYZ.standard.classification(of: reversed)
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
  func standardPoliciesKeepTheLaws(seed: UInt64) throws {
    let matrix = try lawMatrix(count: 1_200, seed: seed)
    #expect(XYZLaws.violations(of: StandardXYZ.standard, on: matrix, seed: seed) == [])
    let fromFirstActive = try StandardXYZ(startsAtFirstActivePeriod: true)
    #expect(XYZLaws.violations(of: fromFirstActive, on: matrix) == [])
    // More periods required than the matrix has: everyone unclassified, which is lawful.
    let tooShort = try lawMatrix(count: 50, periods: 2, seed: seed)
    #expect(XYZLaws.violations(of: StandardXYZ.standard, on: tooShort) == [])
    let empty = try PeriodMatrix(ids: [Int](), periodCount: 12, values: [Double]())
    #expect(XYZLaws.violations(of: StandardXYZ.standard, on: empty) == [])
  }

  @Test func swappedBoundsBreakTheSteadinessLaws() throws {
    let violations = XYZLaws.violations(
      of: SwappedBoundsXYZ(), on: try lawMatrix(count: 600, seed: 3))
    #expect(violations.contains { $0.law == "constant is X" })
    #expect(violations.contains { $0.law == "steadier is never less steady" })
    // The swap is per row and scale-free, so those laws still hold.
    #expect(!violations.contains { $0.law == "order independence" })
    #expect(!violations.contains { $0.law == "scale-free" })
  }

  @Test func anOrderDependentPolicyFails() throws {
    let violations = XYZLaws.violations(
      of: FirstRowsAreX(), on: try lawMatrix(count: 600, seed: 4))
    let shuffled = violations.filter { $0.law == "order independence" }
    #expect(shuffled.count == 5)
    #expect(shuffled.allSatisfy { $0.client != nil && $0.message.contains("(permutation 1)") })
  }

  @Test func aScaleDependentPolicyFails() throws {
    let violations = XYZLaws.violations(
      of: AbsoluteSpreadXYZ(), on: try lawMatrix(count: 600, seed: 5))
    let scale = try #require(violations.first { $0.law == "scale-free" })
    #expect(scale.message.hasPrefix("another class, or reason for none, once its periods"))
    #expect(!violations.contains { $0.law == "order independence" })
  }

  @Test func aPolicyWithHiddenStateIsNotDeterministic() throws {
    let violations = XYZLaws.violations(
      of: DriftingXYZ(), on: try lawMatrix(count: 200, seed: 6))
    #expect(violations.contains { $0.law == "deterministic" })
  }

  @Test func aPolicyOverAnotherRowOrderFailsItsShape() throws {
    let matrix = try PeriodMatrix(
      ids: ["first", "last"], periodCount: 2, values: [100, 100, 50, 150])
    let violations = XYZLaws.violations(of: ReversedRowsXYZ(), on: matrix)
    // The shape check stops the run: the other laws would compare rows of other clients.
    #expect(violations.count == 1)
    #expect(
      violations.first?.description
        == "one outcome per row: client first: its row holds another client in the result "
        + "(client in the result's row = last)")
  }

  /// Worked by hand: one steady row (CV 0) and one alternating 50/150 row (CV 0.5).
  @Test func aHandMadeMatrixNamesTheClient() throws {
    let matrix = try PeriodMatrix(
      ids: ["steady", "swinging"], periodCount: 4, values: [100, 100, 100, 100, 50, 150, 50, 150])
    #expect(XYZLaws.violations(of: StandardXYZ.standard, on: matrix) == [])
    let violations = XYZLaws.violations(of: SwappedBoundsXYZ(), on: matrix)
    // "steady" is Z under the swap: its constant copy is Z too, so constant-is-X names it,
    // with its periods as passed in.
    let constant = try #require(violations.first { $0.law == "constant is X" })
    #expect(constant.client == "steady")
    #expect(constant.values.first == .init("periods", "[100.0, 100.0, 100.0, 100.0]"))
    #expect(constant.values.last == .init("outcome", "Z (coefficient of variation 0.0)"))
    #expect(constant.description.hasPrefix("constant is X: client steady: "))
  }
}
