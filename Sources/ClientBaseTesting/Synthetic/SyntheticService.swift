public import ClientBaseCore

/// A non-commodity service of a synthetic company and how widely its clients take it up.
///
/// A client uses the service with probability `min(1, uptake × (0.25 + 1.5 q))`, where *q* is
/// the client's place from 0 to 1 in the base ordered by past spend: the multiplier averages
/// 1, so about ``uptake`` of all clients use it, while a client in the top fifth by spend is
/// 1.45 to 1.75 times as likely as the average to use it and one in the bottom fifth 0.25 to
/// 0.55 times. Prospects use none.
public struct SyntheticService: Hashable, Sendable, Codable {
  /// The service.
  public let service: Service
  /// The share of clients who use it, on average over the base: from 0 to 1.
  public let uptake: Double

  /// Creates a service with its uptake.
  ///
  /// - Parameters:
  ///   - service: The service.
  ///   - uptake: The average share of clients who use it, from 0 to 1.
  /// - Throws: `InputError.invalidParameter(_:reason:)` naming `uptake` when it is outside
  ///   [0, 1].
  public init(_ service: Service, uptake: Double) throws(InputError) {
    guard uptake >= 0, uptake <= 1 else {
      throw .invalidParameter(
        "uptake", reason: "must be between 0 and 1 for \(service), got \(uptake)")
    }
    self.service = service
    self.uptake = uptake
  }

  private init(unchecked service: Service, _ uptake: Double) {
    self.service = service
    self.uptake = uptake
  }

  private enum CodingKeys: String, CodingKey {
    case service, uptake
  }

  /// Decodes a service and checks its uptake as ``init(_:uptake:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` when the uptake is outside
  ///   [0, 1].
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let service = try c.decode(Service.self, forKey: .service)
    let uptake = try c.decode(Double.self, forKey: .uptake)
    do {
      try self.init(service, uptake: uptake)
    } catch {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: error.description))
    }
  }

  /// The default services: online ordering (40% of clients), a personal manager (20%), a
  /// credit line (15%) and a trade programme (10%).
  public static let defaults: [SyntheticService] = [
    SyntheticService(unchecked: .onlineOrdering, 0.4),
    SyntheticService(unchecked: .personalManager, 0.2),
    SyntheticService(unchecked: .creditLine, 0.15),
    SyntheticService(unchecked: .tradeProgramme, 0.1),
  ]
}

/// A manager of a synthetic team: who, where, and how many clients they may hold.
public struct SyntheticManager: Hashable, Sendable, Codable {
  /// The manager, `m-001`, `m-002`, ….
  public let id: ManagerID
  /// The manager's region, or `nil` when the configuration has no regions.
  public let region: String?
  /// The most clients the manager may hold: ``SyntheticBaseConfiguration/managerCapacity``.
  public let capacity: Int

  /// Creates a manager.
  ///
  /// - Parameters:
  ///   - id: The manager.
  ///   - region: The manager's region.
  ///   - capacity: The most clients the manager may hold.
  public init(id: ManagerID, region: String?, capacity: Int) {
    self.id = id
    self.region = region
    self.capacity = capacity
  }
}
