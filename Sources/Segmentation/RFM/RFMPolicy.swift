public import ClientBaseCore

/// A rule that scores recency, frequency and money from 1 to 5 and names each client's
/// segment.
///
/// The default, ``StandardRFM`` (reached as `.standard`), scores by quintiles and names
/// segments with ``RFMSegmentMap/standard``.
///
/// ```swift
/// let rfm = try StandardRFM.standard.classification(of: table, asOf: asOf)
/// rfm.countsByName["Champions"]
/// rfm.reason(forRow: 0)
/// ```
///
/// A host replaces it with its own value type, building its result with
/// ``RFMClassification/init(measures:segmentMap:scoresOfRow:)``.
///
/// Invariants every conformer must keep (`RFMLaws.violations(of:on:seed:)` in
/// ClientBaseTesting checks them, and checks the result's segment map with
/// `RFMSegmentMapLaws.violations(of:)`):
/// - the result lies over the input's row space, the same clients in the same order (that
///   every client then has one score from 1 to 5 per measure and one segment,
///   ``RFMClassification``'s initialisers guarantee: they clamp or check every score);
/// - scores are monotone: fewer days since the last purchase never lowers R, more purchase
///   days never lower F, more money never lowers M, and equal values get equal scores;
/// - scores depend on the clients and their measures, not on the order of the rows;
/// - the result is a pure function of the input.
public protocol RFMPolicy: Sendable {
  /// Scores and segments every client.
  ///
  /// The input is valid by construction (non-negative recency and frequency, finite money,
  /// each client once), so the call does not throw; an empty input gives an empty result.
  ///
  /// - Parameter measures: The raw measures of each client.
  /// - Returns: Scores and a segment per row, over the measures' row space.
  func classification<ID>(of measures: RFMMeasures<ID>) -> RFMClassification<ID>
}

extension RFMPolicy where Self == StandardRFM {
  /// Quintile scores and the standard segment map.
  public static var standard: Self { .defaults }
}

extension RFMPolicy {
  /// Scores and segments every client of a summarised base as of a day.
  ///
  /// - Parameters:
  ///   - table: The base, summarised up to `day`.
  ///   - day: The as-of day recency is counted to.
  ///   - monetary: The money measure; the clients' net spend when `nil`.
  /// - Returns: Scores and a segment per row of `table`.
  /// - Throws: What ``RFMMeasures/init(table:asOf:monetary:)`` throws.
  /// - Complexity: That of the policy plus O(*n*) for the measures.
  public func classification<ID>(
    of table: ClientTable<ID>, asOf day: Day, monetary: ClientValues<ID>? = nil
  ) throws(SegmentationError) -> RFMClassification<ID> {
    classification(of: try RFMMeasures(table: table, asOf: day, monetary: monetary))
  }
}
