public import ClientBaseCore

/// What a target criterion may look at: a client profile without its identifier.
///
/// Criteria are shared by bases with any kind of client identifier, so a host's one-off
/// criterion (``TargetCriterion/custom(_:weight:isMustHave:_:)``) receives these facts rather
/// than the generic `ClientProfile`.
public struct ProfileFacts: Hashable, Sendable {
  /// The client's region, if known.
  public var region: String?
  /// The manager who owns the relationship, if any.
  public var manager: ManagerID?
  /// The client's birthday or founding day, if known.
  public var birthday: MonthDay?
  /// Further attributes by name.
  public var attributes: [String: AttributeValue]

  /// Creates facts directly.
  ///
  /// - Parameters:
  ///   - region: The region.
  ///   - manager: The owning manager.
  ///   - birthday: The birthday or founding day.
  ///   - attributes: Further attributes by name.
  public init(
    region: String? = nil, manager: ManagerID? = nil, birthday: MonthDay? = nil,
    attributes: [String: AttributeValue] = [:]
  ) {
    self.region = region
    self.manager = manager
    self.birthday = birthday
    self.attributes = attributes
  }

  /// The facts of a profile.
  ///
  /// - Parameter profile: The client's profile.
  public init<ID>(_ profile: ClientProfile<ID>) {
    self.init(
      region: profile.region, manager: profile.manager, birthday: profile.birthday,
      attributes: profile.attributes)
  }
}
