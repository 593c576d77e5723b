/// RFM scores by quintiles (or a host's fixed edges) and segments by a map of rules.
///
/// Recency is days since the last purchase (fewer is better, so the most recent fifth scores
/// R 5); frequency is distinct purchase days; money is net spend unless the host passes
/// another measure. See ``RFMScoring`` for how ties are scored and ``RFMSegmentMap`` for the
/// default segment names.
///
/// ```swift
/// let rfm = StandardRFM.standard.classification(of: measures)
/// let byEdges = try StandardRFM(recencyScoring: .edges([30, 90, 180, 365]))
/// ```
public struct StandardRFM: RFMPolicy, Hashable, Codable {
  /// How recency is scored; quintiles by default.
  public let recencyScoring: RFMScoring
  /// How frequency is scored; quintiles by default.
  public let frequencyScoring: RFMScoring
  /// How money is scored; quintiles by default.
  public let monetaryScoring: RFMScoring
  /// The names of score triples; ``RFMSegmentMap/standard`` by default.
  public let segmentMap: RFMSegmentMap

  /// Creates the policy, checking its scorings.
  ///
  /// - Parameters:
  ///   - recencyScoring: How recency is scored; quintiles by default.
  ///   - frequencyScoring: How frequency is scored; quintiles by default.
  ///   - monetaryScoring: How money is scored; quintiles by default.
  ///   - segmentMap: The segment names; the standard map by default.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` naming the scoring whose
  ///   fixed edges are not four increasing finite numbers.
  public init(
    recencyScoring: RFMScoring = .quintiles, frequencyScoring: RFMScoring = .quintiles,
    monetaryScoring: RFMScoring = .quintiles, segmentMap: RFMSegmentMap = .standard
  ) throws(SegmentationError) {
    try recencyScoring.validate("recencyScoring")
    try frequencyScoring.validate("frequencyScoring")
    try monetaryScoring.validate("monetaryScoring")
    self.init(
      unchecked: recencyScoring, frequencyScoring, monetaryScoring, segmentMap: segmentMap)
  }

  private init(
    unchecked recencyScoring: RFMScoring, _ frequencyScoring: RFMScoring,
    _ monetaryScoring: RFMScoring, segmentMap: RFMSegmentMap
  ) {
    self.recencyScoring = recencyScoring
    self.frequencyScoring = frequencyScoring
    self.monetaryScoring = monetaryScoring
    self.segmentMap = segmentMap
  }

  private enum CodingKeys: String, CodingKey {
    case recencyScoring, frequencyScoring, monetaryScoring, segmentMap
  }

  /// Decodes a policy and checks it as
  /// ``init(recencyScoring:frequencyScoring:monetaryScoring:segmentMap:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``SegmentationError``
  ///   text when a scoring fails the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let recency = try container.decode(RFMScoring.self, forKey: .recencyScoring)
    let frequency = try container.decode(RFMScoring.self, forKey: .frequencyScoring)
    let monetary = try container.decode(RFMScoring.self, forKey: .monetaryScoring)
    let map = try container.decode(RFMSegmentMap.self, forKey: .segmentMap)
    self = try SegmentationError.checkedDecoding(decoder) { () throws(SegmentationError) in
      try StandardRFM(
        recencyScoring: recency, frequencyScoring: frequency, monetaryScoring: monetary,
        segmentMap: map)
    }
  }

  /// Quintile scores and the standard segment map.
  static let defaults = StandardRFM(
    unchecked: .quintiles, .quintiles, .quintiles, segmentMap: .standard)

  /// Scores and segments every client.
  ///
  /// - Parameter measures: The raw measures of each client.
  /// - Returns: Scores and a segment per row, over the measures' row space.
  /// - Complexity: O(*n*) expected: four selections per quintile-scored measure, no sort.
  public func classification<ID>(of measures: RFMMeasures<ID>) -> RFMClassification<ID> {
    let recency = recencyScoring.recencyScores(measures.recencyDays)
    let frequency = frequencyScoring.scoresHigherIsBetter(measures.frequency)
    let monetary = monetaryScoring.scoresHigherIsBetter(measures.monetary)
    return RFMClassification(
      trustedMeasures: measures, recency: recency, frequency: frequency, monetary: monetary,
      segmentMap: segmentMap)
  }
}
