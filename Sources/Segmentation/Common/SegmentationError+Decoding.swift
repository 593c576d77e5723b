extension SegmentationError {
  /// Runs a checking initialiser on decoded fields and reports a refusal as a decoding error.
  ///
  /// Synthesised `Decodable` would store the fields unchecked and let bad data reach the
  /// kernels; every checked type's `init(from:)` goes through here instead, so decoded values
  /// keep the same invariants as constructed ones.
  ///
  /// - Parameters:
  ///   - decoder: The decoder, for the coding path of the error.
  ///   - make: The checking initialiser applied to the decoded fields.
  /// - Returns: The checked value.
  /// - Throws: `DecodingError.dataCorrupted` carrying the ``SegmentationError`` text.
  static func checkedDecoding<Value>(
    _ decoder: any Decoder, _ make: () throws(SegmentationError) -> Value
  ) throws -> Value {
    do {
      return try make()
    } catch {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: error.description))
    }
  }
}
