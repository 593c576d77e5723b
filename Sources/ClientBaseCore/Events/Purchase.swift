/// One purchase (or refund) by a client on a day.
///
/// Amounts are `Double` in the host's currency. A negative amount is a refund: the
/// ``Summarizer`` counts it in ``ClientSummary/refunded`` and never as a purchase day.
public struct Purchase<ID: Hashable & Sendable>: Hashable, Sendable {
  /// The client who bought.
  public var client: ID
  /// The day of the purchase.
  public var day: Day
  /// The amount; negative for a refund.
  public var amount: Double
  /// The manager credited with the sale, if the host tracks it.
  public var manager: ManagerID?
  /// The channel of the sale, if the host tracks it.
  public var channel: Channel?

  /// Creates a purchase.
  ///
  /// - Parameters:
  ///   - client: The client who bought.
  ///   - day: The day of the purchase.
  ///   - amount: The amount; negative for a refund.
  ///   - manager: The manager credited with the sale.
  ///   - channel: The channel of the sale.
  public init(
    client: ID, day: Day, amount: Double, manager: ManagerID? = nil, channel: Channel? = nil
  ) {
    self.client = client
    self.day = day
    self.amount = amount
    self.manager = manager
    self.channel = channel
  }
}

extension Purchase: Codable where ID: Codable {}
