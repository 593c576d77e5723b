/// Why a retention model could not be fitted or evaluated.
public enum RetentionError: Error, Hashable, Sendable, CustomStringConvertible {
  /// There is nothing to fit: no clients, or every weight is zero.
  case noData
  /// A row of the data is impossible for the model; `reason` says why.
  case invalidHistory(row: Int, reason: String)
  /// A parameter or option is outside its meaningful range.
  case invalidParameter(String, reason: String)
  /// The data cannot identify the model (for example, no client ever bought again).
  case unidentifiable(String)

  /// A sentence a person can read.
  public var description: String {
    switch self {
    case .noData:
      return "no data to fit: no clients, or every weight is zero"
    case .invalidHistory(let row, let reason):
      return "row \(row): \(reason)"
    case .invalidParameter(let name, let reason):
      return "\(name): \(reason)"
    case .unidentifiable(let reason):
      return "the model cannot be fitted to this data: \(reason)"
    }
  }
}
