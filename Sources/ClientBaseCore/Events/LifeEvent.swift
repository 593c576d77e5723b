/// Something that happened in a client's life that changes what to offer them, or whether to
/// offer anything at all.
public struct LifeEvent<ID: Hashable & Sendable>: Hashable, Sendable {
  /// The client concerned.
  public var client: ID
  /// The day the event happened or became known.
  public var day: Day
  /// What happened.
  public var kind: LifeEventKind

  /// Creates a life event.
  ///
  /// - Parameters:
  ///   - client: The client concerned.
  ///   - day: The day the event happened or became known.
  ///   - kind: What happened.
  public init(client: ID, day: Day, kind: LifeEventKind) {
    self.client = client
    self.day = day
    self.kind = kind
  }
}

extension LifeEvent: Codable where ID: Codable {}

/// The kind of a life event. An open set: the common kinds are predefined and a host adds its
/// own with `LifeEventKind(rawValue: "retirement")`.
public struct LifeEventKind: RawRepresentable, Hashable, Sendable, Codable,
  ExpressibleByStringLiteral, CustomStringConvertible
{
  /// The kind's name.
  public var rawValue: String

  /// Creates a host-defined kind.
  ///
  /// - Parameter rawValue: The name.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Creates a kind from a string literal.
  ///
  /// - Parameter value: The name.
  public init(stringLiteral value: String) { self.rawValue = value }

  /// The client's income rose.
  public static let incomeIncrease = LifeEventKind(rawValue: "income-increase")
  /// The client's income fell.
  public static let incomeDecrease = LifeEventKind(rawValue: "income-decrease")
  /// The client married.
  public static let marriage = LifeEventKind(rawValue: "marriage")
  /// A child was born or adopted.
  public static let child = LifeEventKind(rawValue: "child")
  /// The client bought a vehicle.
  public static let vehicle = LifeEventKind(rawValue: "vehicle")
  /// The client moved home.
  public static let relocation = LifeEventKind(rawValue: "relocation")

  /// The kind's name.
  public var description: String { rawValue }
}
