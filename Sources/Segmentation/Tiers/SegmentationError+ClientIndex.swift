import ClientBaseCore

extension SegmentationError {
  /// The row space of a host's identifiers, with the core's refusals told as segmentation
  /// errors: a repeated client is ``duplicateClient(_:)``, too many clients
  /// ``invalidParameter(_:reason:)``.
  ///
  /// - Parameter ids: The clients, each once.
  /// - Returns: The index.
  /// - Throws: ``duplicateClient(_:)`` naming the first identifier that repeats an earlier
  ///   one, or ``invalidParameter(_:reason:)``.
  static func clientIndex<ID>(_ ids: [ID]) throws(SegmentationError) -> ClientIndex<ID> {
    do {
      return try ClientIndex(ids)
    } catch {
      throw SegmentationError(error)
    }
  }

  /// The segmentation error that tells the same thing as a core input error.
  init(_ error: InputError) {
    switch error {
    case .duplicateClient(let client): self = .duplicateClient(client)
    case .empty(let what): self = .empty(what)
    case .invalidParameter(let name, let reason): self = .invalidParameter(name, reason: reason)
    default: self = .invalidParameter("ids", reason: error.description)
    }
  }
}
