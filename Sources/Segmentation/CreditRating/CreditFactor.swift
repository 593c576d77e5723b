/// Which way a factor's input gets better for the client's rating.
public enum CreditFactorDirection: String, Hashable, Sendable, Codable {
  /// More is better: tenure, products held, volume.
  case higherIsBetter
  /// Less is better: days of payment delay, arrears.
  case lowerIsBetter
}

/// One factor of a credit scorecard: turns one input number of a client into points.
///
/// A conformer must guarantee:
/// - `points(for:)` is pure, finite for finite input, and within `0...maximumPoints`;
/// - moving the input in ``direction``'s better direction never lowers the points;
/// - ``addPoints(for:to:)``, if overridden, adds exactly what `points(for:)` gives, and adds
///   NaN for a non-finite input (which makes the client unrated).
///
/// `CreditScorecardLaws.violations(of:on:seed:steps:)` in `ClientBaseTesting` checks these on a
/// host's sample inputs. ``BandedCreditFactor`` is the table-of-bands conformer and
/// ``ClosureCreditFactor`` adapts a closure for one-off factors.
public protocol CreditFactor: Sendable {
  /// The factor's name in reasons ("paymentDelayDays").
  var name: String { get }
  /// The input column the factor reads; by default its ``name``.
  var inputName: String { get }
  /// Which way the input gets better.
  var direction: CreditFactorDirection { get }
  /// The most points the factor can give: its weight in the scorecard.
  var maximumPoints: Double { get }

  /// The points for one input value.
  ///
  /// - Parameter value: A finite input.
  /// - Returns: Points within `0...maximumPoints`.
  func points(for value: Double) -> Double

  /// A short description of the band `value` falls in ("(0, 30]"), or `nil` when the factor
  /// has no bands.
  ///
  /// - Parameter value: A finite input.
  /// - Returns: The band's description.
  func band(for value: Double) -> String?

  /// Adds each input's points to the running total of the same row.
  ///
  /// The scorecard calls this once per factor for a whole base, so a conformer can score a
  /// column without a dynamic call per client. The default calls ``points(for:)`` per value
  /// and adds NaN for non-finite inputs or points.
  ///
  /// - Parameters:
  ///   - values: The factor's input column.
  ///   - totals: The running totals, same length as `values`.
  /// - Complexity: O(*n*).
  func addPoints(
    for values: UnsafeBufferPointer<Double>, to totals: UnsafeMutableBufferPointer<Double>)
}

extension CreditFactor {
  /// The factor's name.
  public var inputName: String { name }

  /// No bands.
  ///
  /// - Parameter value: A finite input.
  /// - Returns: `nil`.
  public func band(for value: Double) -> String? { nil }

  /// Calls ``points(for:)`` per value; non-finite inputs or points add NaN.
  ///
  /// - Parameters:
  ///   - values: The factor's input column.
  ///   - totals: The running totals, same length as `values`.
  /// - Complexity: O(*n*).
  public func addPoints(
    for values: UnsafeBufferPointer<Double>, to totals: UnsafeMutableBufferPointer<Double>
  ) {
    for row in 0..<min(values.count, totals.count) {
      let value = values[row]
      let points = value.isFinite ? self.points(for: value) : .nan
      totals[row] += points.isFinite ? points : .nan
    }
  }
}
