public import ClientBaseCore

/// A `ClientDirectory` over profiles held in memory: the reference conformer.
///
/// Immutable once made, so it is `Sendable` and safe to share across tasks.
///
/// ```swift
/// let directory = InMemoryClientDirectory([
///   ClientProfile(id: "a", birthday: try MonthDay(month: 2, day: 29), manager: "m-001"),
/// ])
/// let profile = try await directory.profile(for: "a")
/// ```
public struct InMemoryClientDirectory<ID: Hashable & Sendable>: ClientDirectory {
  /// The profiles by client.
  public let profilesByID: [ID: ClientProfile<ID>]

  /// Creates a directory of `profiles`.
  ///
  /// - Parameter profiles: The profiles; when a client appears more than once, the last
  ///   profile given for it is the one kept.
  /// - Complexity: O(*n*).
  public init(_ profiles: some Sequence<ClientProfile<ID>>) {
    var byID: [ID: ClientProfile<ID>] = [:]
    for profile in profiles { byID[profile.id] = profile }
    profilesByID = byID
  }

  /// The number of clients known.
  public var count: Int { profilesByID.count }

  /// The profile of a client, or `nil` when the directory does not know it.
  ///
  /// - Parameter id: The client.
  /// - Returns: The profile.
  public func profile(for id: ID) async -> ClientProfile<ID>? {
    profilesByID[id]
  }

  /// The profiles of several clients; unknown clients are absent from the result.
  ///
  /// - Parameter ids: The clients.
  /// - Returns: Profiles by client.
  /// - Complexity: O(*k*) for *k* identifiers.
  public func profiles(for ids: [ID]) async -> [ID: ClientProfile<ID>] {
    var result: [ID: ClientProfile<ID>] = [:]
    for id in ids {
      if let profile = profilesByID[id] { result[id] = profile }
    }
    return result
  }
}
