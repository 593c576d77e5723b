public import ClientBaseCore

/// The profiles of a base's clients over a row space: the input of a target-profile
/// evaluation.
///
/// Built from the host's profiles (each client once) or over an existing row space — the
/// table's buyers, say — where a client without a profile gets an empty one, so every
/// criterion is missed for lack of the fact:
///
/// ```swift
/// let profiles = try ClientProfiles(directoryProfiles)
/// let ofBuyers = try ClientProfiles(clients: table.clients, profiles: directoryProfiles)
/// let evaluation = profile.evaluation(of: ofBuyers)
/// ```
public struct ClientProfiles<ID: Hashable & Sendable>: Sendable {
  /// The row space: the client of each row.
  public let clients: ClientIndex<ID>
  /// Each row's profile; `profiles[row].id == clients[row]`.
  public let profiles: [ClientProfile<ID>]

  /// The profiles as given, one row each, in their order.
  ///
  /// - Parameter profiles: The profiles, each client once; none gives an empty input.
  /// - Throws: ``SegmentationError/duplicateClient(_:)`` naming the first client that repeats.
  /// - Complexity: O(*n*): one hash per profile.
  public init(_ profiles: [ClientProfile<ID>]) throws(SegmentationError) {
    self.clients = try SegmentationError.clientIndex(profiles.map(\.id))
    self.profiles = profiles
  }

  /// The profiles of the clients of an existing row space, matched by identifier; a client
  /// without a profile gets an empty one (`ClientProfile(id:)`
  /// with only its identifier).
  ///
  /// - Parameters:
  ///   - clients: The row space.
  ///   - profiles: Profiles of clients of `clients`, each client at most once, in any order.
  /// - Throws: ``SegmentationError/duplicateClient(_:)`` for a client with two profiles;
  ///   ``SegmentationError/unknownClients(count:example:)`` for profiles of clients the row
  ///   space does not hold.
  /// - Complexity: O(*n* + *m*): one hash per profile.
  public init(clients: ClientIndex<ID>, profiles: [ClientProfile<ID>]) throws(SegmentationError) {
    var rows = [ClientProfile<ID>?](repeating: nil, count: clients.count)
    var unknown = 0
    var example: ID?
    for profile in profiles {
      guard let row = clients.row(for: profile.id) else {
        unknown += 1
        if example == nil { example = profile.id }
        continue
      }
      guard rows[row] == nil else { throw .duplicateClient(String(describing: profile.id)) }
      rows[row] = profile
    }
    if let example {
      throw .unknownClients(count: unknown, example: String(describing: example))
    }
    self.clients = clients
    self.profiles = clients.indices.map { rows[$0] ?? ClientProfile(id: clients[$0]) }
  }

  /// The number of clients.
  public var count: Int { clients.count }

  /// Whether there are no clients.
  public var isEmpty: Bool { clients.isEmpty }
}
