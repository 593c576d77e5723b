/// A one-off scorecard factor given by a closure.
///
/// ```swift
/// let utilisation = ClosureCreditFactor(
///   "creditUtilisation", direction: .lowerIsBetter, maximumPoints: 10
/// ) { share in share < 0.3 ? 10 : share < 0.8 ? 5 : 0 }
/// ```
public struct ClosureCreditFactor: CreditFactor {
  /// The factor's name in reasons.
  public var name: String
  /// The input column the factor reads.
  public var inputName: String
  /// Which way the input gets better.
  public var direction: CreditFactorDirection
  /// The most points the closure gives.
  public var maximumPoints: Double
  private let score: @Sendable (Double) -> Double

  /// Creates a factor from a closure.
  ///
  /// - Parameters:
  ///   - name: The factor's name.
  ///   - inputName: The input column; `nil` uses `name`.
  ///   - direction: Which way the input gets better.
  ///   - maximumPoints: The most points `score` gives.
  ///   - score: The points for a finite input; pure, within `0...maximumPoints`, never lower
  ///     for a better input. A non-finite result leaves the client unrated.
  public init(
    _ name: String, inputName: String? = nil, direction: CreditFactorDirection,
    maximumPoints: Double, score: @escaping @Sendable (Double) -> Double
  ) {
    self.name = name
    self.inputName = inputName ?? name
    self.direction = direction
    self.maximumPoints = maximumPoints
    self.score = score
  }

  /// The closure's points.
  ///
  /// - Parameter value: A finite input.
  /// - Returns: The points.
  public func points(for value: Double) -> Double { score(value) }
}
