import ClientBaseCore

/// A client's behavioural style read from its observations, or why it could not be read.
public struct StyleAssessment: Hashable, Sendable {
  /// Why a style could not be determined.
  public enum Undetermined: Hashable, Sendable {
    /// Fewer observations than the policy needs.
    case tooFewObservations(minimum: Int)
    /// A mean lies within `margin` of an axis, so the quadrant is a coin toss.
    case onAxis(margin: Double)
  }

  /// The style, or `nil` when undetermined.
  public var style: BehaviouralStyle?
  /// The mean assertiveness of the observations (0 without observations).
  public var assertiveness: Double
  /// The mean responsiveness of the observations (0 without observations).
  public var responsiveness: Double
  /// The number of observations.
  public var observationCount: Int
  /// Why the style is undetermined, or `nil`.
  public var undetermined: Undetermined?

  /// Creates an assessment.
  ///
  /// - Parameters:
  ///   - style: The style, or `nil`.
  ///   - assertiveness: The mean assertiveness.
  ///   - responsiveness: The mean responsiveness.
  ///   - observationCount: The number of observations.
  ///   - undetermined: Why the style is undetermined.
  public init(
    style: BehaviouralStyle?, assertiveness: Double, responsiveness: Double,
    observationCount: Int, undetermined: Undetermined? = nil
  ) {
    self.style = style
    self.assertiveness = assertiveness
    self.responsiveness = responsiveness
    self.observationCount = observationCount
    self.undetermined = undetermined
  }

  /// For example "expressive: assertiveness +0.6, responsiveness +0.4 from 5 observations" or
  /// "undetermined: 2 observations, at least 3 needed".
  public var reason: String {
    let plural = observationCount == 1 ? "observation" : "observations"
    let position =
      "assertiveness \(NumberText.signed(assertiveness)), "
      + "responsiveness \(NumberText.signed(responsiveness)) from \(observationCount) \(plural)"
    switch undetermined {
    case .tooFewObservations(let minimum):
      return "undetermined: \(observationCount) \(plural), at least \(minimum) needed"
    case .onAxis(let margin):
      let width = NumberText.decimal(margin, dropsTrailingZeros: true)
      return "undetermined: \(position); within ±\(width) of an axis"
    case nil:
      return "\(style?.rawValue ?? "undetermined"): \(position)"
    }
  }
}
