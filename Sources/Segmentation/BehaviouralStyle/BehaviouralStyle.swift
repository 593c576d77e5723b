/// The four classic social styles, placed on two axes of observed behaviour.
///
/// *Assertiveness* runs from asking (−1) to telling (+1); *responsiveness* from controlling
/// emotions (−1) to showing them (+1). The quadrants:
///
/// |                      | responsiveness < 0 (controls) | responsiveness > 0 (emotes) |
/// |----------------------|-------------------------------|-----------------------------|
/// | assertiveness > 0 (tells) | ``dominant``             | ``expressive``              |
/// | assertiveness < 0 (asks)  | ``analytical``           | ``amiable``                 |
///
/// A style describes how a person prefers to be dealt with, read from what they do in
/// meetings; it is never inferred from appearance, wealth or anything but observed behaviour.
public enum BehaviouralStyle: String, Hashable, Sendable, Codable, CaseIterable {
  /// Tells and controls: direct, decisive, wants results.
  case dominant
  /// Tells and emotes: enthusiastic, wants recognition and ideas.
  case expressive
  /// Asks and emotes: warm, wants relationships and safety.
  case amiable
  /// Asks and controls: careful, wants facts and accuracy.
  case analytical

  /// The style of a point strictly inside a quadrant.
  ///
  /// - Parameters:
  ///   - assertiveness: A non-zero assertiveness.
  ///   - responsiveness: A non-zero responsiveness.
  /// - Returns: The quadrant's style.
  public static func quadrant(assertiveness: Double, responsiveness: Double) -> BehaviouralStyle {
    switch (assertiveness > 0, responsiveness > 0) {
    case (true, false): return .dominant
    case (true, true): return .expressive
    case (false, true): return .amiable
    case (false, false): return .analytical
    }
  }
}

/// One observation of a client's behaviour, scored by the person who saw it.
///
/// Both scores are on −1…+1: assertiveness −1 "asks, listens, lets others lead" to +1 "tells,
/// pushes, takes charge"; responsiveness −1 "reserved, sticks to facts" to +1 "animated,
/// shares feelings and stories"; 0 is neither. Hosts that rate on another scale (1–7, say)
/// use ``init(client:assertivenessRating:responsivenessRating:scale:)``.
public struct BehaviourObservation<ID: Hashable & Sendable>: Hashable, Sendable {
  /// The client observed.
  public var client: ID
  /// Assertiveness on −1 (asks) … +1 (tells).
  public var assertiveness: Double
  /// Responsiveness on −1 (controls) … +1 (emotes).
  public var responsiveness: Double

  /// Creates an observation on the −1…+1 scale.
  ///
  /// - Parameters:
  ///   - client: The client observed.
  ///   - assertiveness: −1 (asks) … +1 (tells).
  ///   - responsiveness: −1 (controls) … +1 (emotes).
  public init(client: ID, assertiveness: Double, responsiveness: Double) {
    self.client = client
    self.assertiveness = assertiveness
    self.responsiveness = responsiveness
  }

  /// Creates an observation from ratings on the host's own scale, mapped linearly onto −1…+1
  /// (the scale's middle becomes 0).
  ///
  /// ```swift
  /// // A manager rated "tells" 6 and "emotes" 2 on a 1–7 scale: +0.67, −0.67.
  /// BehaviourObservation(client: id, assertivenessRating: 6, responsivenessRating: 2, scale: 1...7)
  /// ```
  ///
  /// - Parameters:
  ///   - client: The client observed.
  ///   - assertivenessRating: The rating of "tells" over "asks".
  ///   - responsivenessRating: The rating of "emotes" over "controls".
  ///   - scale: The rating scale; a scale of zero width maps everything to NaN, which the
  ///     classifier rejects.
  public init(
    client: ID, assertivenessRating: Double, responsivenessRating: Double,
    scale: ClosedRange<Double>
  ) {
    let middle = (scale.lowerBound + scale.upperBound) / 2
    let half = (scale.upperBound - scale.lowerBound) / 2
    self.init(
      client: client,
      assertiveness: half > 0 ? (assertivenessRating - middle) / half : .nan,
      responsiveness: half > 0 ? (responsivenessRating - middle) / half : .nan)
  }
}
