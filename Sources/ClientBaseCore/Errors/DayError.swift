/// Why a date could not be made.
public enum DayError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The text is not of the form `YYYY-MM-DD`; `reason` says what was wrong.
  case malformed(String, reason: String)
  /// The month or day does not exist (13th month, 31 April, 29 February of 2023).
  case invalidDate(year: Int, month: Int, day: Int)
  /// The year lies beyond the range of days ClientBase can represent.
  case outOfRange(year: Int)

  /// A sentence a person can read.
  public var description: String {
    switch self {
    case .malformed(let text, let reason):
      return "'\(text.prefix(40))' is not an ISO-8601 date: \(reason)"
    case .invalidDate(let year, let month, let day):
      return "\(year)-\(twoDigits(month))-\(twoDigits(day)) is not a date in the calendar"
    case .outOfRange(let year):
      return "year \(year) is out of the supported range"
    }
  }
}
