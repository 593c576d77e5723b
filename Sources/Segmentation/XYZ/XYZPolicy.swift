/// A rule that sorts clients into X, Y and Z by how steady their per-period measure is.
///
/// The default, ``StandardXYZ`` (reached as `.standard`), uses the coefficient of variation
/// with the classic bounds X ≤ 10% < Y ≤ 25% < Z. A host replaces it with its own value type,
/// building its result with
/// ``XYZClassification/init(matrix:xBound:yBound:minimumPeriods:outcomeOfRow:)``.
///
/// ```swift
/// let grid = try PeriodGrid.trailingMonths(12, before: asOf)
/// let matrix = try PeriodMatrix(spendIn: log, grid: grid)
/// let xyz = StandardXYZ.standard.classification(of: matrix)
/// ```
///
/// Invariants every conformer must keep:
/// - the result lies over the matrix's row space, the same clients in the same order (that
///   every client then has one outcome — a class, or a documented reason for none — and never
///   a NaN, ``XYZClassification``'s initialiser guarantees);
/// - a client's outcome depends on its own row only, so the row order does not matter;
/// - the result is a pure function of the input;
/// - the class follows the steadiness of the row, as the coefficient of variation an outcome
///   carries does: a row multiplied by a positive constant keeps its class, a row of positive
///   periods blended towards its mean never gets a less steady class, and a row with the same
///   positive value in every period is X unless it has too few periods.
///
/// `XYZLaws.violations(of:on:seed:)` in ClientBaseTesting checks a policy against these
/// invariants from a host's tests.
public protocol XYZPolicy: Sendable {
  /// Classifies every client.
  ///
  /// The input is valid by construction (finite cells, each client once), so the call does not
  /// throw; an empty matrix gives an empty classification.
  ///
  /// - Parameter matrix: The measure of each client in each period.
  /// - Returns: One outcome per row of `matrix`, over its row space.
  func classification<ID>(of matrix: PeriodMatrix<ID>) -> XYZClassification<ID>

  /// Classifies every client of a matrix on up to `threadCount` threads.
  ///
  /// The default implementation calls ``classification(of:)`` on the calling thread;
  /// ``StandardXYZ`` splits the rows over the threads. The result is the same whatever the
  /// thread count.
  ///
  /// - Parameters:
  ///   - matrix: The measure per client per period.
  ///   - threadCount: The most threads to use, the calling thread included.
  /// - Returns: One outcome per row of `matrix`, over its row space.
  func classification<ID>(of matrix: PeriodMatrix<ID>, threadCount: Int)
    -> XYZClassification<ID>
}

extension XYZPolicy {
  /// Calls ``classification(of:)``, ignoring `threadCount`.
  ///
  /// - Parameters:
  ///   - matrix: The measure per client per period.
  ///   - threadCount: Ignored.
  /// - Returns: One outcome per row of `matrix`.
  public func classification<ID>(of matrix: PeriodMatrix<ID>, threadCount: Int)
    -> XYZClassification<ID>
  {
    classification(of: matrix)
  }
}

extension XYZPolicy where Self == StandardXYZ {
  /// The coefficient-of-variation XYZ with its defaults: X up to 10%, Y up to 25%, at least 3
  /// periods.
  public static var standard: Self { .defaults }
}
