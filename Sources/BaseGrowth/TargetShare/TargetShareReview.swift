public import Segmentation

/// One period of a target-share review: the base and its target share at the period's end,
/// the new clients of the period and where the acquisition calls went.
public struct TargetSharePeriod: Hashable, Sendable, Codable {
  /// The period's first day.
  public let from: Day
  /// The period's last day.
  public let through: Day
  /// Clients who had joined by the period's last day.
  public let baseClients: Int
  /// Target clients among them.
  public let baseTargets: Int
  /// Clients who joined during the period.
  public let newClients: Int
  /// Target clients among them.
  public let newTargets: Int
  /// The mean value of the period's new clients, or `nil` without values or new clients.
  public let newClientValue: Double?
  /// Acquisition calls to target prospects during the period.
  public let targetCalls: Int
  /// Acquisition calls to other prospects during the period.
  public let otherCalls: Int

  /// Creates a period's figures; ``TargetShareReview``'s initialiser checks them.
  ///
  /// - Parameters:
  ///   - from: The first day.
  ///   - through: The last day.
  ///   - baseClients: Clients who had joined by the last day.
  ///   - baseTargets: Target clients among them.
  ///   - newClients: Clients who joined in the period.
  ///   - newTargets: Target clients among them.
  ///   - newClientValue: The new clients' mean value, or `nil`.
  ///   - targetCalls: Acquisition calls to target prospects.
  ///   - otherCalls: Acquisition calls to other prospects.
  public init(
    from: Day, through: Day, baseClients: Int, baseTargets: Int, newClients: Int,
    newTargets: Int, newClientValue: Double?, targetCalls: Int, otherCalls: Int
  ) {
    self.from = from
    self.through = through
    self.baseClients = baseClients
    self.baseTargets = baseTargets
    self.newClients = newClients
    self.newTargets = newTargets
    self.newClientValue = newClientValue
    self.targetCalls = targetCalls
    self.otherCalls = otherCalls
  }

  /// The share of target clients in the base, within 0...1; 0 for an empty base.
  public var share: Double {
    baseClients > 0 ? Double(baseTargets) / Double(baseClients) : 0
  }

  /// The share of target clients among the new clients, or `nil` without new clients.
  public var newClientShare: Double? {
    newClients > 0 ? Double(newTargets) / Double(newClients) : nil
  }

  /// The share of acquisition calls aimed at target prospects, or `nil` without calls.
  public var effortShare: Double? {
    let calls = targetCalls + otherCalls
    return calls > 0 ? Double(targetCalls) / Double(calls) : nil
  }
}

/// One of the three typical mistakes of building a base.
public enum BaseBuildingMistake: String, Hashable, Sendable, Codable, CaseIterable {
  /// No clear target: the target picks out nobody, or nearly everybody, so the sales effort
  /// cannot be anything but scattered.
  case noClearTarget
  /// The sales effort goes to another group than the target: most acquisition calls reach
  /// non-target prospects, or most new clients come from outside the target.
  case effortOffTarget
  /// Chasing the number of clients: more new clients per period while each is worth less.
  case volumeOverValue
}

/// A mistake the review found, with the figures behind it.
public struct BaseBuildingFlag: Hashable, Sendable {
  /// A named figure.
  public struct Figure: Hashable, Sendable {
    /// What the figure is ("effortShare").
    public var name: String
    /// Its value.
    public var value: Double

    /// Creates a figure.
    ///
    /// - Parameters:
    ///   - name: What it is.
    ///   - value: Its value.
    public init(_ name: String, _ value: Double) {
      self.name = name
      self.value = value
    }
  }

  /// The mistake.
  public let mistake: BaseBuildingMistake
  /// The figures behind it.
  public let figures: [Figure]
  /// The finding in a sentence, figures included.
  public let reason: String

  /// Creates a flag.
  ///
  /// - Parameters:
  ///   - mistake: The mistake.
  ///   - figures: The figures behind it.
  ///   - reason: The finding in a sentence.
  public init(mistake: BaseBuildingMistake, figures: [Figure], reason: String) {
    self.mistake = mistake
    self.figures = figures
    self.reason = reason
  }

  /// The value of a named figure, or `nil`.
  ///
  /// - Parameter name: The figure's name.
  public subscript(figure name: String) -> Double? {
    figures.first { $0.name == name }?.value
  }
}

/// The share of target clients in a base over time against the healthy 70–80%, whether the
/// new clients came from the target, where the acquisition effort went, and the typical
/// mistakes of building a base, each with its figures.
public struct TargetShareReview: Hashable, Sendable {
  /// The periods, oldest first; the last ends on the as-of day.
  public let periods: [TargetSharePeriod]
  /// The bands that judge the share.
  public let bands: TargetShareBands
  /// The mistakes found, in ``BaseBuildingMistake`` order.
  public let flags: [BaseBuildingFlag]

  /// Creates a review: the way a host's ``TargetShareMonitorPolicy`` builds its result.
  ///
  /// - Parameters:
  ///   - periods: The periods, oldest first, at least one.
  ///   - bands: The bands.
  ///   - flags: The mistakes found.
  /// - Throws: ``GrowthError/noData(_:)`` without periods,
  ///   ``GrowthError/invalidParameter(_:reason:)`` for a period whose counts are negative, or
  ///   more targets than clients.
  public init(periods: [TargetSharePeriod], bands: TargetShareBands, flags: [BaseBuildingFlag])
    throws(GrowthError)
  {
    guard !periods.isEmpty else { throw .noData("a review needs at least one period") }
    for (index, period) in periods.enumerated() {
      guard period.baseTargets >= 0, period.baseTargets <= period.baseClients,
        period.newTargets >= 0, period.newTargets <= period.newClients,
        period.targetCalls >= 0, period.otherCalls >= 0
      else {
        throw .invalidParameter(
          "periods", reason: "period \(index): counts must be 0 or more, targets within clients")
      }
    }
    self.periods = periods
    self.bands = bands
    self.flags = flags
  }

  /// The last period: the base as of the review's day.
  public var current: TargetSharePeriod {
    periods[periods.count - 1]
  }

  /// The share of target clients in the base now.
  public var share: Double { current.share }

  /// The health of that share.
  public var health: TargetShareHealth { bands.health(ofShare: share) }

  /// The share of target clients among all new clients of the periods, or `nil` without any.
  public var newClientShare: Double? {
    let clients = periods.reduce(0) { $0 + $1.newClients }
    let targets = periods.reduce(0) { $0 + $1.newTargets }
    return clients > 0 ? Double(targets) / Double(clients) : nil
  }

  /// The share of all acquisition calls of the periods aimed at target prospects, or `nil`
  /// without calls.
  public var effortShare: Double? {
    let target = periods.reduce(0) { $0 + $1.targetCalls }
    let other = periods.reduce(0) { $0 + $1.otherCalls }
    return target + other > 0 ? Double(target) / Double(target + other) : nil
  }

  /// Whether the review found a mistake of this kind.
  ///
  /// - Parameter mistake: The mistake.
  public func has(_ mistake: BaseBuildingMistake) -> Bool {
    flags.contains { $0.mistake == mistake }
  }

  /// The review in a sentence: "healthy: 74.2% of 1,000 clients are target clients (healthy
  /// from 70%); 68% of new clients and 81% of calls were on target; no mistake found".
  public var reason: String {
    let now = current
    var text =
      "\(health): \(NumberText.percent(share)) of \(NumberText.grouped(now.baseClients)) "
      + "clients are target clients (healthy from \(NumberText.percent(bands.healthyFrom)))"
    var parts: [String] = []
    if let newClientShare {
      parts.append("\(NumberText.percent(newClientShare)) of new clients")
    }
    if let effortShare { parts.append("\(NumberText.percent(effortShare)) of calls") }
    if !parts.isEmpty { text += "; " + parts.joined(separator: " and ") + " were on target" }
    if flags.isEmpty { return text + "; no mistake found" }
    return text + "; " + flags.map(\.reason).joined(separator: "; ")
  }
}
