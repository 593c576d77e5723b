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

/// Throws for the first parameter that is not positive and finite.
func checkPositive(_ parameters: KeyValuePairs<String, Double>) throws(RetentionError) {
  for (name, value) in parameters where !(value > 0 && value.isFinite) {
    throw .invalidParameter(name, reason: "must be positive and finite, got \(value)")
  }
}

/// Decodes a model's parameters, one `Double` under each of `keys`, and builds the model
/// through its checking initialiser, so that a decoded model is as valid as a constructed one.
///
/// - Parameters:
///   - decoder: The decoder.
///   - keys: The parameters' keys, in the order `make` takes them.
///   - make: The model's checking initialiser.
/// - Returns: The model.
/// - Throws: `DecodingError.dataCorrupted` when `make` rejects a parameter, and the decoder's
///   own errors.
func decodeModel<Key: CodingKey, Model>(
  from decoder: any Decoder, keys: [Key], _ make: ([Double]) throws(RetentionError) -> Model
) throws -> Model {
  let container = try decoder.container(keyedBy: Key.self)
  let parameters = try keys.map { try container.decode(Double.self, forKey: $0) }
  do {
    return try make(parameters)
  } catch {
    throw DecodingError.dataCorrupted(
      DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
  }
}
