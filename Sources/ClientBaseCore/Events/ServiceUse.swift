/// A client's use of one of the company's non-commodity services: one row of the host's
/// services file (`client_id,service`).
///
/// Switching barriers count the distinct services each client uses; a use repeated is the
/// same use.
///
/// ```swift
/// let uses: [ServiceUse<String>] = [
///   ServiceUse(client: "c-1", service: .creditLine),
///   ServiceUse(client: "c-1", service: "extended-warranty"),
/// ]
/// ```
public struct ServiceUse<ID: Hashable & Sendable>: Hashable, Sendable {
  /// The client.
  public var client: ID
  /// The service the client uses.
  public var service: Service

  /// Creates a use.
  ///
  /// - Parameters:
  ///   - client: The client.
  ///   - service: The service the client uses.
  public init(client: ID, service: Service) {
    self.client = client
    self.service = service
  }
}

extension ServiceUse: Codable where ID: Codable {}

extension Service: CodingKeyRepresentable {
  /// The service's name as a coding key, so that a dictionary keyed by services (a policy's
  /// weight per service) encodes as a JSON object, `{"credit-line": 2}`.
  public var codingKey: any CodingKey { ServiceCodingKey(stringValue: rawValue) }

  /// The service named by a coding key.
  ///
  /// - Parameter codingKey: The key; its string is the service's name.
  public init?<Key: CodingKey>(codingKey: Key) {
    self.init(rawValue: codingKey.stringValue)
  }
}

/// The coding key of a service: its name.
private struct ServiceCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }

  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { return nil }
}
