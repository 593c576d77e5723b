/// The default style reading: enough observations, and means clear of both axes.
///
/// A client needs ``minimumObservations`` observations (default 3: one meeting is a mood, three
/// are a pattern). A mean within ``axisMargin`` of zero (default 0.1, a twentieth of the scale)
/// on either axis leaves the style undetermined rather than guessing between two quadrants; a
/// point exactly on an axis is always undetermined, even with a margin of 0.
public struct StandardStyles: BehaviouralStylePolicy, Hashable, Codable {
  /// The fewest observations that determine a style; at least 1.
  public private(set) var minimumObservations: Int
  /// The distance from an axis within which the style stays undetermined, in 0…1.
  public private(set) var axisMargin: Double

  /// Creates a classifier.
  ///
  /// - Parameters:
  ///   - minimumObservations: The fewest observations that determine a style (default 3).
  ///   - axisMargin: The undetermined band around each axis (default 0.1).
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` for fewer than 1 observation
  ///   or a margin outside 0…1.
  public init(minimumObservations: Int = 3, axisMargin: Double = 0.1) throws(SegmentationError) {
    guard minimumObservations >= 1 else {
      throw .invalidParameter(
        "minimumObservations", reason: "must be at least 1, got \(minimumObservations)")
    }
    guard axisMargin.isFinite && axisMargin >= 0 && axisMargin <= 1 else {
      throw .invalidParameter("axisMargin", reason: "must be within 0…1, got \(axisMargin)")
    }
    self.init(checkedMinimum: minimumObservations, axisMargin: axisMargin)
  }

  private init(checkedMinimum: Int, axisMargin: Double) {
    self.minimumObservations = checkedMinimum
    self.axisMargin = axisMargin
  }

  private enum CodingKeys: String, CodingKey {
    case minimumObservations, axisMargin
  }

  /// Decodes a classifier and checks it as ``init(minimumObservations:axisMargin:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``SegmentationError``
  ///   text when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let minimum = try container.decode(Int.self, forKey: .minimumObservations)
    let margin = try container.decode(Double.self, forKey: .axisMargin)
    self = try SegmentationError.checkedDecoding(decoder) { () throws(SegmentationError) in
      try StandardStyles(minimumObservations: minimum, axisMargin: margin)
    }
  }

  static let defaults = StandardStyles(checkedMinimum: 3, axisMargin: 0.1)

  /// Reads the quadrant of the means, or says why it cannot.
  ///
  /// - Parameters:
  ///   - assertiveness: The mean assertiveness.
  ///   - responsiveness: The mean responsiveness.
  ///   - observationCount: The number of observations.
  /// - Returns: The style or why it is undetermined.
  public func assessment(assertiveness: Double, responsiveness: Double, observationCount: Int)
    -> StyleAssessment
  {
    var result = StyleAssessment(
      style: nil, assertiveness: assertiveness, responsiveness: responsiveness,
      observationCount: observationCount)
    if observationCount < minimumObservations {
      result.undetermined = .tooFewObservations(minimum: minimumObservations)
    } else if !(abs(assertiveness) > axisMargin) || !(abs(responsiveness) > axisMargin) {
      result.undetermined = .onAxis(margin: axisMargin)
    } else {
      result.style = .quadrant(assertiveness: assertiveness, responsiveness: responsiveness)
    }
    return result
  }
}

extension BehaviouralStylePolicy where Self == StandardStyles {
  /// At least 3 observations, undetermined within 0.1 of an axis.
  public static var standard: Self { StandardStyles.defaults }
}
