public import ClientBaseCore

/// The default coverage rule: the people who reached a client personally over the last year,
/// plus the client's owner.
///
/// A manager **deals with** a client when they own it (``countsOwner``, on by default) or made
/// a counted contact with it in the **window**: the ``windowDays`` days (365 by default) up to
/// and including the as-of day. A contact counts unless its outcome is one of
/// ``excludedOutcomes`` (not-reached by default: a call nobody answered builds no
/// relationship) or its channel one of ``excludedChannels`` (mailings by default: a bulk
/// mailing is not a person). Contacts after the as-of day do not count.
///
/// With the defaults, a client owned by m-01 whom m-04 called last month and m-07 mailed is
/// dealt with by 2 people, m-01 and m-04.
public struct StandardCoverage: CoveragePolicy, Hashable, Codable {
  /// The length of the window in days, the as-of day included: from 1 to 36,525 (a century);
  /// 365 by default.
  public let windowDays: Int
  /// Whether the owner counts without contacts; `true` by default.
  public let countsOwner: Bool
  /// Outcomes whose contacts do not count; not-reached by default.
  public let excludedOutcomes: Set<ContactOutcome>
  /// Channels whose contacts do not count; mailings by default.
  public let excludedChannels: Set<Channel>

  /// Creates the rule, checking its settings.
  ///
  /// - Parameters:
  ///   - windowDays: The window's length in days; 365 by default.
  ///   - countsOwner: Whether the owner counts without contacts; `true` by default.
  ///   - excludedOutcomes: Outcomes that do not count; not-reached by default.
  ///   - excludedChannels: Channels that do not count; mailings by default.
  /// - Throws: ``CoverageError/invalidParameter(_:reason:)`` when `windowDays` is outside
  ///   1...36,525.
  public init(
    windowDays: Int = 365, countsOwner: Bool = true,
    excludedOutcomes: Set<ContactOutcome> = [.notReached],
    excludedChannels: Set<Channel> = [.mailing]
  ) throws(CoverageError) {
    guard (1...36_525).contains(windowDays) else {
      throw .invalidParameter(
        "windowDays", reason: "must be within 1...36,525, got \(windowDays)")
    }
    self.init(unchecked: windowDays, countsOwner, excludedOutcomes, excludedChannels)
  }

  private init(
    unchecked windowDays: Int, _ countsOwner: Bool, _ excludedOutcomes: Set<ContactOutcome>,
    _ excludedChannels: Set<Channel>
  ) {
    self.windowDays = windowDays
    self.countsOwner = countsOwner
    self.excludedOutcomes = excludedOutcomes
    self.excludedChannels = excludedChannels
  }

  private enum CodingKeys: String, CodingKey {
    case windowDays, countsOwner, excludedOutcomes, excludedChannels
  }

  /// Decodes a rule and checks it as
  /// ``init(windowDays:countsOwner:excludedOutcomes:excludedChannels:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``CoverageError``
  ///   text when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let window = try container.decode(Int.self, forKey: .windowDays)
    let owner = try container.decode(Bool.self, forKey: .countsOwner)
    let outcomes = try container.decode(Set<ContactOutcome>.self, forKey: .excludedOutcomes)
    let channels = try container.decode(Set<Channel>.self, forKey: .excludedChannels)
    do {
      try self.init(
        windowDays: window, countsOwner: owner, excludedOutcomes: outcomes,
        excludedChannels: channels)
    } catch {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description)
      )
    }
  }

  /// The defaults: 365 days, the owner counts, not-reached and mailings do not.
  static let defaults = StandardCoverage(
    unchecked: 365, true, [.notReached], [.mailing])

  /// The ``windowDays`` days up to and including `asOf`.
  ///
  /// - Parameter asOf: The as-of day.
  /// - Returns: `asOf − (windowDays − 1) ... asOf`.
  public func countedDays(asOf: Day) -> ClosedRange<Day> {
    asOf.adding(days: 1 - windowDays)...asOf
  }

  /// Whether a contact's outcome and channel are not excluded.
  ///
  /// - Parameter kind: The contact's manager, channel and outcome.
  /// - Returns: `true` when it counts.
  public func counts(_ kind: ContactKind) -> Bool {
    !excludedOutcomes.contains(kind.outcome) && !excludedChannels.contains(kind.channel)
  }
}
