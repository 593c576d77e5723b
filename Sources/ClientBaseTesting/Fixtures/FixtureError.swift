public import ClientBaseCore

/// Why a hand-written fixture could not be built.
public enum FixtureError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The text at `position` of a list (0 for a single value) is not an ISO-8601 day;
  /// `reason` says why.
  case invalidDay(text: String, position: Int, reason: DayError)

  /// A sentence a person can read.
  public var description: String {
    switch self {
    case .invalidDay(let text, let position, let reason):
      return "fixture entry \(position) ('\(text.prefix(40))'): \(reason)"
    }
  }
}
