import ClientBaseCore

/// One band of a ``BandedCreditFactor``: the inputs up to an upper bound and the points they
/// earn.
///
/// A band covers the values above the previous band's upper bound up to and including its own;
/// the first band starts at minus infinity.
public struct PointBand: Hashable, Sendable, Codable {
  /// The band's largest input (inclusive); `+infinity` for the last band.
  public var upperBound: Double
  /// The points the band earns.
  public var points: Double

  /// A band up to and including `upperBound`.
  ///
  /// - Parameters:
  ///   - upperBound: The largest input in the band.
  ///   - points: The points the band earns.
  /// - Returns: The band.
  public static func through(_ upperBound: Double, points: Double) -> PointBand {
    PointBand(upperBound: upperBound, points: points)
  }

  /// The last band: every input above the previous band.
  ///
  /// - Parameter points: The points the band earns.
  /// - Returns: The band.
  public static func otherwise(points: Double) -> PointBand {
    PointBand(upperBound: .infinity, points: points)
  }
}

/// A scorecard factor given by a table of bands: "payment delay 0 days → 30 points, 1–30 days →
/// 15, more → 0".
///
/// ```swift
/// let delay = try BandedCreditFactor(
///   "paymentDelayDays", direction: .lowerIsBetter,
///   bands: [.through(0, points: 30), .through(30, points: 15), .otherwise(points: 0)])
/// delay.points(for: 12)   // 15
/// delay.band(for: 12)     // "(0, 30]"
/// ```
public struct BandedCreditFactor: CreditFactor, Hashable, Codable {
  /// The factor's name in reasons.
  public private(set) var name: String
  /// The input column the factor reads.
  public private(set) var inputName: String
  /// Which way the input gets better.
  public private(set) var direction: CreditFactorDirection
  /// The bands, upper bounds strictly increasing, the last one `+infinity`.
  public private(set) var bands: [PointBand]

  /// Creates a factor, checking its bands.
  ///
  /// - Parameters:
  ///   - name: The factor's name.
  ///   - inputName: The input column; `nil` uses `name`.
  ///   - direction: Which way the input gets better.
  ///   - bands: The bands in increasing order of upper bound; the last must be
  ///     ``PointBand/otherwise(points:)`` so every input falls in a band.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` for no bands, upper bounds
  ///   not strictly increasing or NaN, a last band that is not open-ended, or points that are
  ///   negative or not finite.
  public init(
    _ name: String, inputName: String? = nil, direction: CreditFactorDirection,
    bands: [PointBand]
  ) throws(SegmentationError) {
    guard let last = bands.last else {
      throw .invalidParameter("bands of \(name)", reason: "at least one band is needed")
    }
    for (index, band) in bands.enumerated() {
      guard band.points.isFinite && band.points >= 0 else {
        throw .invalidParameter(
          "bands of \(name)", reason: "points must be finite and not negative, got \(band.points)")
      }
      guard !band.upperBound.isNaN else {
        throw .invalidParameter("bands of \(name)", reason: "an upper bound is NaN")
      }
      if index > 0 && !(bands[index - 1].upperBound < band.upperBound) {
        throw .invalidParameter(
          "bands of \(name)",
          reason: "upper bounds must increase, got \(bands[index - 1].upperBound) then "
            + "\(band.upperBound)")
      }
    }
    guard last.upperBound == .infinity else {
      throw .invalidParameter(
        "bands of \(name)", reason: "the last band must be open-ended (.otherwise)")
    }
    self.init(checked: name, inputName: inputName ?? name, direction: direction, bands: bands)
  }

  init(
    checked name: String, inputName: String, direction: CreditFactorDirection, bands: [PointBand]
  ) {
    self.name = name
    self.inputName = inputName
    self.direction = direction
    self.bands = bands
  }

  private enum CodingKeys: String, CodingKey {
    case name, inputName, direction, bands
  }

  /// Decodes a factor and checks it as ``init(_:inputName:direction:bands:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``SegmentationError``
  ///   text when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let name = try container.decode(String.self, forKey: .name)
    let inputName = try container.decodeIfPresent(String.self, forKey: .inputName)
    let direction = try container.decode(CreditFactorDirection.self, forKey: .direction)
    let bands = try container.decode([PointBand].self, forKey: .bands)
    self = try SegmentationError.checkedDecoding(decoder) { () throws(SegmentationError) in
      try BandedCreditFactor(name, inputName: inputName, direction: direction, bands: bands)
    }
  }

  /// The most points any band earns.
  public var maximumPoints: Double { bands.map(\.points).max() ?? 0 }

  /// The index of the band a finite value falls in.
  func bandIndex(for value: Double) -> Int {
    for index in bands.indices where value <= bands[index].upperBound { return index }
    return bands.count - 1
  }

  /// The points of the band `value` falls in.
  ///
  /// - Parameter value: A finite input.
  /// - Returns: The band's points.
  public func points(for value: Double) -> Double { bands[bandIndex(for: value)].points }

  /// The band `value` falls in, as an interval: "≤ 0", "(0, 30]", "> 30".
  ///
  /// - Parameter value: A finite input.
  /// - Returns: The band's description.
  public func band(for value: Double) -> String? {
    let index = bandIndex(for: value)
    if bands.count == 1 { return "any" }
    if index == 0 {
      return "≤ \(NumberText.decimal(bands[0].upperBound, dropsTrailingZeros: true))"
    }
    let low = NumberText.decimal(bands[index - 1].upperBound, dropsTrailingZeros: true)
    if index == bands.count - 1 { return "> \(low)" }
    return "(\(low), \(NumberText.decimal(bands[index].upperBound, dropsTrailingZeros: true))]"
  }

  /// Adds each input's band points to the row's total; NaN for non-finite inputs.
  ///
  /// - Parameters:
  ///   - values: The factor's input column.
  ///   - totals: The running totals, same length as `values`.
  /// - Complexity: O(*n·b*) for *b* bands.
  public func addPoints(
    for values: UnsafeBufferPointer<Double>, to totals: UnsafeMutableBufferPointer<Double>
  ) {
    let uppers = ContiguousArray(bands.map(\.upperBound))
    let points = ContiguousArray(bands.map(\.points))
    let lastBand = bands.count - 1
    uppers.withUnsafeBufferPointer { uppers in
      points.withUnsafeBufferPointer { points in
        for row in 0..<min(values.count, totals.count) {
          let value = values[row]
          guard value.isFinite else {
            totals[row] = .nan
            continue
          }
          var band = 0
          while band < lastBand && value > uppers[band] { band += 1 }
          totals[row] += points[band]
        }
      }
    }
  }
}

extension BandedCreditFactor {
  /// Days the client's latest payment was late: 0 → 30 points, 1–30 → 15, more → 0.
  public static let paymentDelayDays = BandedCreditFactor(
    checked: "paymentDelayDays", inputName: "paymentDelayDays", direction: .lowerIsBetter,
    bands: [.through(0, points: 30), .through(30, points: 15), .otherwise(points: 0)])

  /// Times in arrears over the last 12 months: none → 25 points, 1 → 12, 2–3 → 5, more → 0.
  public static let arrearsEpisodes = BandedCreditFactor(
    checked: "arrearsEpisodes", inputName: "arrearsEpisodes", direction: .lowerIsBetter,
    bands: [
      .through(0, points: 25), .through(1, points: 12), .through(3, points: 5),
      .otherwise(points: 0),
    ])

  /// Years as a client: up to 1 → 0 points, up to 3 → 10, up to 5 → 15, more → 20.
  public static let tenureYears = BandedCreditFactor(
    checked: "tenureYears", inputName: "tenureYears", direction: .higherIsBetter,
    bands: [
      .through(1, points: 0), .through(3, points: 10), .through(5, points: 15),
      .otherwise(points: 20),
    ])

  /// Products held (accounts, cards, loans) as a currency-free measure of volume: none → 0
  /// points, 1 → 10, 2 → 18, 3 or more → 25.
  public static let productsHeld = BandedCreditFactor(
    checked: "productsHeld", inputName: "productsHeld", direction: .higherIsBetter,
    bands: [
      .through(0, points: 0), .through(1, points: 10), .through(2, points: 18),
      .otherwise(points: 25),
    ])
}
