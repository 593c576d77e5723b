/// What the host knows about a client beyond purchases: birthday, owning manager, region, the
/// day the relationship began, and open attributes.
public struct ClientProfile<ID: Hashable & Sendable>: Hashable, Sendable {
  /// The client.
  public var id: ID
  /// The client's birthday (or a company's founding day), if known.
  public var birthday: MonthDay?
  /// The manager who owns the relationship, if any.
  public var manager: ManagerID?
  /// The client's region, in the host's own terms.
  public var region: String?
  /// The day the client became a client (or the relationship began), if the host records it;
  /// the first purchase day is the usual stand-in when it does not.
  public var since: Day?
  /// Further attributes by name: sector, size, products held, scores.
  public var attributes: [String: AttributeValue]

  /// Creates a profile.
  ///
  /// - Parameters:
  ///   - id: The client.
  ///   - birthday: The birthday, if known.
  ///   - manager: The owning manager.
  ///   - region: The region.
  ///   - since: The day the client became a client, if known.
  ///   - attributes: Further attributes by name.
  public init(
    id: ID, birthday: MonthDay? = nil, manager: ManagerID? = nil, region: String? = nil,
    since: Day? = nil, attributes: [String: AttributeValue] = [:]
  ) {
    self.id = id
    self.birthday = birthday
    self.manager = manager
    self.region = region
    self.since = since
    self.attributes = attributes
  }
}

extension ClientProfile: Codable where ID: Codable {}

/// The value of a profile attribute.
public enum AttributeValue: Hashable, Sendable, Codable, CustomStringConvertible {
  /// A number: employees, revenue, a score.
  case number(Double)
  /// A text: a sector, a size class.
  case text(String)
  /// A yes/no fact: holds a product, has a mortgage.
  case flag(Bool)

  /// The number, if this is one.
  public var number: Double? {
    if case .number(let value) = self { return value }
    return nil
  }

  /// The text, if this is one.
  public var text: String? {
    if case .text(let value) = self { return value }
    return nil
  }

  /// The flag, if this is one.
  public var flag: Bool? {
    if case .flag(let value) = self { return value }
    return nil
  }

  /// The value as text.
  public var description: String {
    switch self {
    case .number(let value): return "\(value)"
    case .text(let value): return value
    case .flag(let value): return value ? "yes" : "no"
    }
  }
}
