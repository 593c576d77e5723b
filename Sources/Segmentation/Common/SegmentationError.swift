/// Why a segmentation policy refused the data or the settings a host passed in.
///
/// Every case names what was wrong and where, so a host can show it to the person who owns
/// the data. Cases are stable: switch on them. Clients are named by their identifier's text
/// (`String(describing:)`), rows, periods, observations and cells by their position from 0.
///
/// ```swift
/// if case .nonFiniteValue(at: .client(let client, _), let value) = error {
///   show("client \(client) has a spend of \(value)")   // the client by its identifier
/// }
/// ```
public enum SegmentationError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A result needs clients and there were none; `what` says which input was empty.
  case empty(String)
  /// Two columns that must line up have different lengths.
  case lengthMismatch(what: String, expected: Int, actual: Int)
  /// A value was NaN or infinite; `at` says whose it is.
  case nonFiniteValue(at: ValuePosition, value: Double)
  /// A value was negative where the measure must not be (a balance tier, a rank by spend,
  /// a share); `at` says whose it is.
  case negativeValue(at: ValuePosition, value: Double)
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
    case .nonFiniteValue(let position, let value):
      return "\(position): value \(value) is not a finite number"
    case .negativeValue(let position, let value):
      return "\(position): value \(value) is negative where it must not be"
    case .duplicateClient(let client):
      return "client \(client) appears more than once"
    case .unknownClients(let count, let example):
      return "\(count) client(s) are not in the base, for example \(example)"
    case .invalidParameter(let name, let reason):
      return "\(name): \(reason)"
    }
  }
}

extension SegmentationError {
  /// Where a bad value sits in what the host passed in: a client's value (and which period of
  /// it, in a client × period matrix), one of the host's observations, or a cell of a grid.
  ///
  /// Its description is the place in words: `client c-17 (row 3)`,
  /// `client c-17 (row 3), period 5`, `observation 12 (client c-17)`, `cell 4`.
  public enum ValuePosition: Hashable, Sendable, CustomStringConvertible {
    /// A client's value: the client by its identifier's text, and its row in the input.
    case client(String, row: Int)
    /// One period of a client's series in a client × period matrix (a `PeriodMatrix`, a
    /// `BalanceHistory`): the period from 0, the client by its identifier's text, and its
    /// row.
    case period(Int, client: String, row: Int)
    /// One of the host's observations, by its position in the sequence passed in, and the
    /// client it is about by its identifier's text.
    case observation(Int, client: String)
    /// A cell of a grid that is not about one client (the ABC-XYZ matrix), by its position.
    case cell(Int)

    /// The place in words.
    public var description: String {
      switch self {
      case .client(let client, let row):
        return "client \(client) (row \(row))"
      case .period(let period, let client, let row):
        return "client \(client) (row \(row)), period \(period)"
      case .observation(let index, let client):
        return "observation \(index) (client \(client))"
      case .cell(let index):
        return "cell \(index)"
      }
    }
  }
}

extension SegmentationError.ValuePosition {
  /// Where cell `index` of a row-major client × period matrix over `ids` is: the client of
  /// its row and its period.
  static func matrixCell<ID>(_ index: Int, periodCount: Int, ids: [ID]) -> Self {
    let row = index / periodCount
    return .period(index % periodCount, client: String(describing: ids[row]), row: row)
  }
}
