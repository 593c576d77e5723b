/// Where purchases come from: the host's database, warehouse export or event log.
///
/// The library never reads storage on its own initiative; an orchestration layer the host
/// calls asks a source for the purchases it needs and hands plain values to the analyses.
///
/// Conformers must return every purchase whose day lies in the range, in any order, and
/// nothing outside it. `ClientBaseTesting.InMemoryPurchaseSource` is a reference conformer.
public protocol PurchaseSource<ID>: Sendable {
  /// The host's client identifier.
  associatedtype ID: Hashable & Sendable

  /// The purchases (and refunds) on the days in `days`, in any order.
  ///
  /// - Parameter days: The days wanted, inclusive.
  /// - Returns: The purchases.
  /// - Throws: Whatever the host's storage throws.
  func purchases(in days: ClosedRange<Day>) async throws -> [Purchase<ID>]
}

/// The host's directory of client profiles: birthdays, owning managers, regions, attributes.
///
/// Conformers return the profile of a known client and `nil` for an unknown one.
/// `ClientBaseTesting.InMemoryClientDirectory` is a reference conformer.
public protocol ClientDirectory<ID>: Sendable {
  /// The host's client identifier.
  associatedtype ID: Hashable & Sendable

  /// The profile of a client, or `nil` when the directory does not know it.
  ///
  /// - Parameter id: The client.
  /// - Returns: The profile.
  /// - Throws: Whatever the host's storage throws.
  func profile(for id: ID) async throws -> ClientProfile<ID>?

  /// The profiles of several clients; unknown clients are absent from the result.
  ///
  /// The default implementation asks ``profile(for:)`` once per client; a host backed by a
  /// database overrides it with one query.
  ///
  /// - Parameter ids: The clients.
  /// - Returns: Profiles by client.
  /// - Throws: Whatever the host's storage throws.
  func profiles(for ids: [ID]) async throws -> [ID: ClientProfile<ID>]
}

extension ClientDirectory {
  /// Asks ``profile(for:)`` once per client.
  ///
  /// - Parameter ids: The clients.
  /// - Returns: Profiles by client.
  /// - Throws: Whatever ``profile(for:)`` throws.
  public func profiles(for ids: [ID]) async throws -> [ID: ClientProfile<ID>] {
    var result: [ID: ClientProfile<ID>] = [:]
    for id in ids {
      if let profile = try await profile(for: id) { result[id] = profile }
    }
    return result
  }
}
