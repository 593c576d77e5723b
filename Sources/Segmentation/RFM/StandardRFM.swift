/// RFM scores by quintiles (or a host's fixed edges) and segments by a map of rules.
///
/// Recency is days since the last purchase (fewer is better, so the most recent fifth scores
/// R 5); frequency is distinct purchase days; money is net spend unless the host passes
/// another measure. See ``RFMScoring`` for how ties are scored and ``RFMSegmentMap`` for the
/// default segment names.
public struct StandardRFM: RFMPolicy, Hashable, Codable {
  /// How recency is scored; quintiles by default.
  public var recencyScoring: RFMScoring
  /// How frequency is scored; quintiles by default.
  public var frequencyScoring: RFMScoring
  /// How money is scored; quintiles by default.
  public var monetaryScoring: RFMScoring
  /// The names of score triples; ``RFMSegmentMap/standard`` by default.
  public var segmentMap: RFMSegmentMap

  /// Creates the policy.
  ///
  /// - Parameters:
  ///   - recencyScoring: How recency is scored; quintiles by default.
  ///   - frequencyScoring: How frequency is scored; quintiles by default.
  ///   - monetaryScoring: How money is scored; quintiles by default.
  ///   - segmentMap: The segment names; the standard map by default.
  public init(
    recencyScoring: RFMScoring = .quintiles, frequencyScoring: RFMScoring = .quintiles,
    monetaryScoring: RFMScoring = .quintiles, segmentMap: RFMSegmentMap = .standard
  ) {
    self.recencyScoring = recencyScoring
    self.frequencyScoring = frequencyScoring
    self.monetaryScoring = monetaryScoring
    self.segmentMap = segmentMap
  }

  /// Scores and segments every client.
  ///
  /// - Parameter measures: The raw measures of each client.
  /// - Returns: Scores and a segment per row.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` when fixed edges are not
  ///   four increasing finite numbers.
  /// - Complexity: O(*n*) expected: four selections per quintile-scored measure, no sort.
  public func classification<ID>(of measures: RFMMeasures<ID>) throws(SegmentationError)
    -> RFMClassification<ID>
  {
    try recencyScoring.validate("recencyScoring")
    try frequencyScoring.validate("frequencyScoring")
    try monetaryScoring.validate("monetaryScoring")
    let recency = recencyScoring.recencyScores(measures.recencyDays)
    let frequency = frequencyScoring.scoresHigherIsBetter(measures.frequency)
    let monetary = monetaryScoring.scoresHigherIsBetter(measures.monetary)
    return RFMClassification(
      trustedMeasures: measures, recency: recency, frequency: frequency, monetary: monetary,
      segmentMap: segmentMap)
  }
}
