public import ClientBaseCore

/// What is true of one synthetic client: the hidden parameters the models try to recover,
/// and the exact continuous-time history before it was rounded to days.
///
/// Times are in the configuration's ``SyntheticBaseConfiguration/unit`` and count from the
/// client's acquisition moment (their first purchase). ``frequency``, ``recency`` and ``age``
/// are the model's own x, t_x and T: repeat purchases are counted as events, so two purchases
/// that round to the same day count twice here but once in a `Summarizer` table, and the
/// table's t_x and T, counted in whole days, differ from these by less than a day.
public struct SyntheticClient: Hashable, Sendable, Codable {
  /// The client's identifier, its position in ``SyntheticBase/clients``.
  public let id: Int
  /// The day of the first purchase.
  public let acquisitionDay: Day
  /// The acquisition moment in days after ``SyntheticBaseConfiguration/acquisitionStart``,
  /// with its fraction of a day.
  public let acquisitionOffsetDays: Double
  /// λ, the purchase rate per unit of time while active.
  public let purchaseRate: Double
  /// p, the dropout probability after a purchase (BG/NBD and MBG/NBD), else `nil`.
  public let dropoutProbability: Double?
  /// μ, the dropout rate per unit of time (Pareto/NBD), else `nil`.
  public let dropoutRate: Double?
  /// When the client dropped out, in units after acquisition, or `nil` when still active at
  /// the end of the as-of day.
  public let dropoutTime: Double?
  /// x, the number of repeat purchases (purchases after the first) observed.
  public let frequency: Int
  /// t_x, the time of the last purchase after the first; 0 without repeat purchases.
  public let recency: Double
  /// T, the time from the first purchase to the end of the as-of day.
  public let age: Double
  /// ν, the rate of the gamma distribution of the client's transaction values.
  public let spendRate: Double
  /// The client's mean transaction value, p/ν in Gamma-Gamma terms.
  public let meanSpend: Double

  /// Whether the client is still active at the end of the as-of day.
  public var isAlive: Bool { dropoutTime == nil }

  /// The number of purchases generated, the first one included: x + 1.
  public var purchaseCount: Int { frequency + 1 }
}
