/// Why the library refused the data a host passed in.
///
/// Every case names what was wrong and where, so a host can show it to the person who owns
/// the data. Cases are stable: switch on them.
public enum InputError: Error, Hashable, Sendable, CustomStringConvertible {
  /// An amount was NaN or infinite. `event` is the event's position in the input (from 0).
  case nonFiniteAmount(event: Int, amount: Double)
  /// A negative amount arrived where refunds are rejected (see ``RefundHandling/reject``).
  case negativeAmount(event: Int, amount: Double)
  /// A day lies outside the days the summarizer accepts.
  case dayOutOfRange(event: Int, day: Day, accepted: ClosedRange<Day>)
  /// A client has a purchase after the day the analysis is as of.
  case eventAfterAsOf(client: String, day: Day, asOf: Day)
  /// A result needs data and there was none; `what` says which data.
  case empty(String)
  /// The same client appears twice where each must appear once.
  case duplicateClient(String)
  /// A client index does not refer to a known client.
  case unknownClientIndex(event: Int, index: Int32)
  /// A parameter is outside its meaningful range; `reason` says why.
  case invalidParameter(String, reason: String)

  /// A sentence a person can read.
  public var description: String {
    switch self {
    case .nonFiniteAmount(let event, let amount):
      return "event \(event): amount \(amount) is not a finite number"
    case .negativeAmount(let event, let amount):
      return "event \(event): negative amount \(amount) where refunds are rejected"
    case .dayOutOfRange(let event, let day, let accepted):
      return
        "event \(event): day \(day) is outside the accepted days "
        + "\(accepted.lowerBound)...\(accepted.upperBound)"
    case .eventAfterAsOf(let client, let day, let asOf):
      return "client \(client) has a purchase on \(day), after the as-of day \(asOf)"
    case .empty(let what):
      return "no data: \(what)"
    case .duplicateClient(let client):
      return "client \(client) appears more than once"
    case .unknownClientIndex(let event, let index):
      return "event \(event): client index \(index) does not name a known client"
    case .invalidParameter(let name, let reason):
      return "\(name): \(reason)"
    }
  }
}
