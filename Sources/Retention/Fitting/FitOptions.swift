/// Settings for maximum-likelihood fitting, checked once when they are made.
///
/// The defaults, ``standard``, suit bases from a few hundred to millions of clients.
///
/// ```swift
/// let fit = try BGNBDModel.fit(histories, options: try FitOptions(threadCount: 4))
/// ```
public struct FitOptions: Hashable, Sendable, Codable {
  /// The weight of an L2 penalty on the log-parameters (0: plain maximum likelihood).
  ///
  /// The penalty `λ · Σ (ln θᵢ)²` is added to the negative mean log-likelihood; a small value
  /// such as 0.001 keeps parameters finite on data that barely identifies them, and the
  /// ``FitVerdict`` then judges the penalised optimum.
  public let penalty: Double
  /// The most quasi-Newton iterations before the fit is reported as not converged.
  public let maximumIterations: Int
  /// Convergence: the largest gradient component of the negative mean log-likelihood in
  /// log-parameter space must fall below this.
  public let gradientTolerance: Double
  /// Fit a subsample of about this many distinct rows first and start the full fit from its
  /// optimum (0 disables the warm start). Saves most full-data evaluations on large bases.
  public let warmStartRows: Int
  /// Whether to compute standard errors from the Hessian at the optimum.
  public let computesStandardErrors: Bool
  /// The most threads a fit may use, the calling thread included (1: the calling thread only).
  ///
  /// The library never asks the system how many cores it has; the host says how many it may
  /// use (a server might give it one, a batch job every core). The work is cut into parts by
  /// the size of the data alone and the parts' sums are added in a fixed order, so a fit gives
  /// bit-for-bit the same result with any thread count.
  public let threadCount: Int

  /// Creates fitting options, checking them.
  ///
  /// - Parameters:
  ///   - penalty: The L2 penalty weight on log-parameters; finite and not negative; 0 by
  ///     default.
  ///   - maximumIterations: The iteration limit; positive; 500 by default.
  ///   - gradientTolerance: The gradient tolerance in log-parameter space; positive and finite;
  ///     1e-7 by default.
  ///   - warmStartRows: The subsample size for the warm start, 0 to disable it; 4,000 by
  ///     default.
  ///   - computesStandardErrors: Whether to compute standard errors; `true` by default.
  ///   - threadCount: The most threads to use, the calling thread included; at least 1; 1 by
  ///     default.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` naming the first setting out of
  ///   its range.
  public init(
    penalty: Double = 0, maximumIterations: Int = 500, gradientTolerance: Double = 1e-7,
    warmStartRows: Int = 4_000, computesStandardErrors: Bool = true, threadCount: Int = 1
  ) throws(RetentionError) {
    guard penalty >= 0, penalty.isFinite else {
      throw .invalidParameter("penalty", reason: "must be finite and non-negative, got \(penalty)")
    }
    guard maximumIterations > 0 else {
      throw .invalidParameter(
        "maximumIterations", reason: "must be positive, got \(maximumIterations)")
    }
    guard gradientTolerance > 0, gradientTolerance.isFinite else {
      throw .invalidParameter(
        "gradientTolerance", reason: "must be positive and finite, got \(gradientTolerance)")
    }
    guard warmStartRows >= 0 else {
      throw .invalidParameter(
        "warmStartRows", reason: "must not be negative, got \(warmStartRows)")
    }
    guard threadCount >= 1 else {
      throw .invalidParameter("threadCount", reason: "must be at least 1, got \(threadCount)")
    }
    self.init(
      unchecked: penalty, maximumIterations, gradientTolerance, warmStartRows,
      computesStandardErrors, threadCount)
  }

  private init(
    unchecked penalty: Double, _ maximumIterations: Int, _ gradientTolerance: Double,
    _ warmStartRows: Int, _ computesStandardErrors: Bool, _ threadCount: Int
  ) {
    self.penalty = penalty
    self.maximumIterations = maximumIterations
    self.gradientTolerance = gradientTolerance
    self.warmStartRows = warmStartRows
    self.computesStandardErrors = computesStandardErrors
    self.threadCount = threadCount
  }

  /// The defaults: no penalty, 500 iterations, a gradient tolerance of 1e-7, a warm start on
  /// 4,000 rows, standard errors, one thread.
  public static let standard = FitOptions(unchecked: 0, 500, 1e-7, 4_000, true, 1)

  private enum CodingKeys: String, CodingKey {
    case penalty, maximumIterations, gradientTolerance, warmStartRows, computesStandardErrors
    case threadCount
  }

  /// Decodes options and checks them as ``init(penalty:maximumIterations:gradientTolerance:warmStartRows:computesStandardErrors:threadCount:)``
  /// does; a thread count missing from data written before it existed is 1.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: Whatever the decoder throws for a missing or mistyped field;
  ///   `DecodingError.dataCorrupted` with the ``RetentionError`` text for a setting out of its
  ///   range.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let penalty = try container.decode(Double.self, forKey: .penalty)
    let maximumIterations = try container.decode(Int.self, forKey: .maximumIterations)
    let gradientTolerance = try container.decode(Double.self, forKey: .gradientTolerance)
    let warmStartRows = try container.decode(Int.self, forKey: .warmStartRows)
    let standardErrors = try container.decode(Bool.self, forKey: .computesStandardErrors)
    let threadCount = try container.decodeIfPresent(Int.self, forKey: .threadCount) ?? 1
    do {
      try self.init(
        penalty: penalty, maximumIterations: maximumIterations,
        gradientTolerance: gradientTolerance, warmStartRows: warmStartRows,
        computesStandardErrors: standardErrors, threadCount: threadCount)
    } catch {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: error.description))
    }
  }
}
