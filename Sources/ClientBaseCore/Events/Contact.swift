/// A touch between the business and a client: a call, a meeting, a message, a mailing.
public struct Contact<ID: Hashable & Sendable>: Hashable, Sendable {
  /// The client contacted.
  public var client: ID
  /// The day of the contact.
  public var day: Day
  /// The manager who made the contact.
  public var manager: ManagerID
  /// How the contact was made.
  public var channel: Channel
  /// What came of it.
  public var outcome: ContactOutcome

  /// Creates a contact.
  ///
  /// - Parameters:
  ///   - client: The client contacted.
  ///   - day: The day of the contact.
  ///   - manager: The manager who made it.
  ///   - channel: How it was made.
  ///   - outcome: What came of it.
  public init(
    client: ID, day: Day, manager: ManagerID, channel: Channel, outcome: ContactOutcome
  ) {
    self.client = client
    self.day = day
    self.manager = manager
    self.channel = channel
    self.outcome = outcome
  }
}

extension Contact: Codable where ID: Codable {}

/// What came of a contact. An open set with the common outcomes predefined.
public struct ContactOutcome: RawRepresentable, Hashable, Sendable, Codable,
  ExpressibleByStringLiteral, CustomStringConvertible
{
  /// The outcome's name.
  public var rawValue: String

  /// Creates a host-defined outcome.
  ///
  /// - Parameter rawValue: The name.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Creates an outcome from a string literal.
  ///
  /// - Parameter value: The name.
  public init(stringLiteral value: String) { self.rawValue = value }

  /// The client was not reached.
  public static let notReached = ContactOutcome(rawValue: "not-reached")
  /// The client was reached; nothing further was agreed.
  public static let reached = ContactOutcome(rawValue: "reached")
  /// The client showed interest (a meeting, a quote, a call back).
  public static let interested = ContactOutcome(rawValue: "interested")
  /// The client declined.
  public static let declined = ContactOutcome(rawValue: "declined")
  /// The contact ended in a sale.
  public static let sale = ContactOutcome(rawValue: "sale")

  /// The outcome's name.
  public var description: String { rawValue }
}
