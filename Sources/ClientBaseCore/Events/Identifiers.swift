/// The identifier of a manager (relationship manager, account owner, sales person).
///
/// An open set: any text the host uses. `"m-017"` works as a literal.
public struct ManagerID: RawRepresentable, Hashable, Comparable, Sendable, Codable,
  ExpressibleByStringLiteral, CustomStringConvertible
{
  /// The host's identifier.
  public var rawValue: String

  /// Wraps the host's identifier.
  ///
  /// - Parameter rawValue: The identifier.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Wraps the host's identifier.
  ///
  /// - Parameter rawValue: The identifier.
  public init(_ rawValue: String) { self.rawValue = rawValue }

  /// Creates an identifier from a string literal.
  ///
  /// - Parameter value: The identifier.
  public init(stringLiteral value: String) { self.rawValue = value }

  /// The identifier itself.
  public var description: String { rawValue }

  /// Orders identifiers by their text.
  public static func < (lhs: ManagerID, rhs: ManagerID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The channel through which a purchase or a contact happened.
///
/// An open set with common values predefined; a host adds its own with
/// `Channel(rawValue: "kiosk")`.
public struct Channel: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
  CustomStringConvertible
{
  /// The channel's name.
  public var rawValue: String

  /// Creates a channel with a host-defined name.
  ///
  /// - Parameter rawValue: The name.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Creates a channel from a string literal.
  ///
  /// - Parameter value: The name.
  public init(stringLiteral value: String) { self.rawValue = value }

  /// In person, at a branch, shop or office.
  public static let inPerson = Channel(rawValue: "in-person")
  /// A telephone call.
  public static let phone = Channel(rawValue: "phone")
  /// E-mail.
  public static let email = Channel(rawValue: "email")
  /// A text or messenger message.
  public static let message = Channel(rawValue: "message")
  /// A website or app.
  public static let online = Channel(rawValue: "online")
  /// A bulk mailing.
  public static let mailing = Channel(rawValue: "mailing")
  /// A call to or from the client by a person of the company: the contacts file's `call`.
  public static let call = Channel(rawValue: "call")
  /// A meeting with the client, at the company's premises or online: `meeting`.
  public static let meeting = Channel(rawValue: "meeting")
  /// A visit to the client's premises: `visit`.
  public static let visit = Channel(rawValue: "visit")
  /// A letter or e-mail written to the client in person (not a bulk mailing): `mail`.
  public static let mail = Channel(rawValue: "mail")

  /// The channel's name.
  public var description: String { rawValue }
}
