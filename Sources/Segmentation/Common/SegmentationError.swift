/// Why a segmentation policy refused the data or the settings a host passed in.
///
/// Every case names what was wrong and where, so a host can show it to the person who owns
/// the data. Cases are stable: switch on them. Clients are named by their identifier's text
/// (`String(describing:)`), rows by their position from 0.
public enum SegmentationError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A result needs clients and there were none; `what` says which input was empty.
  case empty(String)
  /// Two columns that must line up have different lengths.
  case lengthMismatch(what: String, expected: Int, actual: Int)
  /// A value was NaN or infinite.
  case nonFiniteValue(row: Int, value: Double)
  /// A value was negative where the measure must not be (a balance tier, a rank by spend).
  case negativeValue(row: Int, value: Double)
  /// The same client appears twice where each must appear once.
  case duplicateClient(String)
  /// A snapshot, history or assignment names clients the base does not know.
  case unknownClients(count: Int, example: String)
  /// A setting is outside its meaningful range; `reason` says why.
  case invalidParameter(String, reason: String)

  /// A sentence a person can read.
  public var description: String {
    switch self {
    case .empty(let what):
      return "no data: \(what)"
    case .lengthMismatch(let what, let expected, let actual):
      return "\(what): expected \(expected) values, got \(actual)"
    case .nonFiniteValue(let row, let value):
      return "row \(row): value \(value) is not a finite number"
    case .negativeValue(let row, let value):
      return "row \(row): value \(value) is negative where it must not be"
    case .duplicateClient(let client):
      return "client \(client) appears more than once"
    case .unknownClients(let count, let example):
      return "\(count) client(s) are not in the base, for example \(example)"
    case .invalidParameter(let name, let reason):
      return "\(name): \(reason)"
    }
  }
}
