/// A recommendation: one client brought another to the business.
///
/// Lifecycle stages use referrals to tell a *partner* (a regular client who recommends the
/// business to others) from a merely regular one.
public struct Referral<ID: Hashable & Sendable>: Hashable, Sendable {
  /// The client who recommended.
  public var client: ID
  /// The client (or prospect) recommended.
  public var referred: ID
  /// The day of the recommendation.
  public var day: Day

  /// Creates a referral.
  ///
  /// - Parameters:
  ///   - client: The client who recommended.
  ///   - referred: The client or prospect recommended.
  ///   - day: The day of the recommendation.
  public init(client: ID, referred: ID, day: Day) {
    self.client = client
    self.referred = referred
    self.day = day
  }
}

extension Referral: Codable where ID: Codable {}

/// A non-commodity service a client uses: a personal manager, online ordering, a dealer
/// programme, a credit line. Each one the client uses is a barrier to switching.
///
/// An open set: the host names its own services; the common ones are predefined.
public struct Service: RawRepresentable, Hashable, Comparable, Sendable, Codable,
  ExpressibleByStringLiteral, CustomStringConvertible
{
  /// The service's name.
  public var rawValue: String

  /// Creates a host-defined service.
  ///
  /// - Parameter rawValue: The name.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Creates a service from a string literal.
  ///
  /// - Parameter value: The name.
  public init(stringLiteral value: String) { self.rawValue = value }

  /// A personal manager who knows the client.
  public static let personalManager = Service(rawValue: "personal-manager")
  /// Online ordering or an online account.
  public static let onlineOrdering = Service(rawValue: "online-ordering")
  /// A trade, dealer or partner programme.
  public static let tradeProgramme = Service(rawValue: "trade-programme")
  /// A credit line or deferred payment.
  public static let creditLine = Service(rawValue: "credit-line")

  /// The service's name.
  public var description: String { rawValue }

  /// Orders services by name.
  public static func < (lhs: Service, rhs: Service) -> Bool { lhs.rawValue < rhs.rawValue }
}
