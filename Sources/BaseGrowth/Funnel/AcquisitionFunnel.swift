/// A stage of the acquisition funnel, from the first call to the second purchase.
public enum FunnelStage: String, Hashable, Sendable, Codable, CaseIterable {
  /// Contacted at least once while not yet a client: a prospect.
  case contacted
  /// Reached at least once (a contact whose outcome was not "not reached").
  case reached
  /// Showed interest at least once (a meeting, a quote, a call back, a sale), or bought.
  case interested
  /// Made a first purchase on or after the first contact.
  case firstPurchase
  /// Made a first purchase and came back for another purchase day.
  case repeatPurchase
}

/// The acquisition funnel of a period: how many prospects the calls reached, how many showed
/// interest, bought and bought again, with the rates between the stages and their
/// uncertainty.
///
/// ```swift
/// let funnel = try StandardFunnel.standard.funnel(
///   of: contacts, clients: table, from: monthStart, through: asOf)
/// funnel.count(at: .interested)            // 300
/// funnel.rate(into: .interested)?.reason   // "30.6% (300 of 980; 95% interval 27.8–33.6%)"
/// funnel.interestedPerCall.rate            // 0.214: 15 interested out of 70 calls
/// funnel.callsPerDay                       // 70
/// ```
///
/// The stages are nested — every prospect at a stage is counted at every earlier one (a
/// prospect who bought counts as interested and reached, whatever the calls recorded) — so
/// each rate is a share within 0...1.
public struct AcquisitionFunnel: Hashable, Sendable {
  /// The first day of the contacts counted.
  public let from: Day
  /// The last day of the contacts (and purchases) counted.
  public let through: Day
  /// The contacts with prospects in the period: the acquisition calls.
  public let calls: Int
  /// The distinct days with an acquisition call.
  public let callDays: Int
  /// Distinct prospects at each stage, in ``FunnelStage`` order.
  public let stageCounts: [Int]
  /// Contacts with existing clients in the period: not acquisition, so not in the funnel.
  public let clientContacts: Int
  /// The confidence of the rates' intervals.
  public let confidence: Double

  /// Creates a funnel from its counts, checking them: the way a host's ``FunnelPolicy``
  /// builds its result.
  ///
  /// - Parameters:
  ///   - from: The first day counted.
  ///   - through: The last day counted, on or after `from`.
  ///   - calls: The acquisition calls, at least the prospects contacted.
  ///   - callDays: The distinct days with a call, within 0...`calls`.
  ///   - stageCounts: Prospects per stage in ``FunnelStage`` order, one per stage, each 0 or
  ///     more and none above the one before.
  ///   - clientContacts: Contacts with existing clients, 0 or more.
  ///   - confidence: The rates' confidence, strictly between 0 and 1; 0.95 by default.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` or
  ///   ``GrowthError/lengthMismatch(what:expected:actual:)`` for counts that break these rules.
  public init(
    from: Day, through: Day, calls: Int, callDays: Int, stageCounts: [Int], clientContacts: Int,
    confidence: Double = 0.95
  ) throws(GrowthError) {
    guard from <= through else {
      throw .invalidParameter("through", reason: "\(through) is before \(from)")
    }
    guard stageCounts.count == FunnelStage.allCases.count else {
      throw .lengthMismatch(
        what: "stageCounts", expected: FunnelStage.allCases.count, actual: stageCounts.count)
    }
    guard stageCounts.allSatisfy({ $0 >= 0 }),
      zip(stageCounts, stageCounts.dropFirst()).allSatisfy({ $0 >= $1 })
    else {
      throw .invalidParameter(
        "stageCounts", reason: "must be 0 or more and never grow down the funnel: \(stageCounts)")
    }
    guard calls >= stageCounts[0], callDays >= 0, callDays <= calls, clientContacts >= 0 else {
      throw .invalidParameter(
        "calls",
        reason: "need calls ≥ prospects contacted and 0 ≤ call days ≤ calls, got \(calls) "
          + "calls on \(callDays) days to \(stageCounts[0]) prospects")
    }
    try checkConfidence(confidence, "confidence")
    self.from = from
    self.through = through
    self.calls = calls
    self.callDays = callDays
    self.stageCounts = stageCounts
    self.clientContacts = clientContacts
    self.confidence = confidence
  }

  /// The prospects at a stage.
  ///
  /// - Parameter stage: The stage.
  /// - Returns: The distinct prospects.
  public func count(at stage: FunnelStage) -> Int { stageCounts[stage.index] }

  /// The rate from the stage before into `stage`, or `nil` for ``FunnelStage/contacted`` (the
  /// first stage has none before it).
  ///
  /// - Parameter stage: The later stage.
  /// - Returns: The rate with its interval.
  public func rate(into stage: FunnelStage) -> FunnelRate? {
    let index = stage.index
    guard index > 0 else { return nil }
    return try? FunnelRate(
      successes: stageCounts[index], trials: stageCounts[index - 1], confidence: confidence)
  }

  /// Interested prospects per acquisition call: the practice's "70 calls, 15 interested" is
  /// 21.4%.
  public var interestedPerCall: FunnelRate {
    // Interested prospects are contacted prospects, each with at least one call.
    (try? FunnelRate(
      successes: count(at: .interested), trials: calls, confidence: confidence))
      ?? FunnelRate(unchecked: 0, 0, confidence)
  }

  /// Acquisition calls per day with calls, or `nil` without any.
  public var callsPerDay: Double? { callDays > 0 ? Double(calls) / Double(callDays) : nil }

  /// Interested prospects per day with calls, or `nil` without any.
  public var interestedPerDay: Double? {
    callDays > 0 ? Double(count(at: .interested)) / Double(callDays) : nil
  }

  /// The funnel in a sentence: "1,400 calls on 20 days (70 a day) to 1,400 prospects: 980
  /// reached (70%), 300 interested (30.6%), 45 bought (15%), 12 bought again (26.7%); 21.4%
  /// of calls found an interested prospect".
  public var reason: String {
    guard calls > 0 else {
      let others =
        clientContacts > 0 ? " (\(NumberText.grouped(clientContacts)) contacts with clients)" : ""
      return "no call to a prospect from \(from.iso8601) to \(through.iso8601)\(others)"
    }
    var text = "\(NumberText.grouped(calls)) \(calls == 1 ? "call" : "calls") on "
    text += "\(NumberText.grouped(callDays)) \(callDays == 1 ? "day" : "days")"
    if let perDay = callsPerDay {
      text += " (\(NumberText.decimal(perDay, places: 1, dropsTrailingZeros: true)) a day)"
    }
    text += " to \(NumberText.grouped(count(at: .contacted))) prospects: "
    let names: [(FunnelStage, String)] = [
      (.reached, "reached"), (.interested, "interested"), (.firstPurchase, "bought"),
      (.repeatPurchase, "bought again"),
    ]
    text += names.map { stage, name in
      let share = rate(into: stage)?.rate.map { " (\(NumberText.percent($0)))" } ?? ""
      return "\(NumberText.grouped(count(at: stage))) \(name)\(share)"
    }.joined(separator: ", ")
    if let perCall = interestedPerCall.rate {
      text += "; \(NumberText.percent(perCall)) of calls found an interested prospect"
    }
    return text
  }
}

extension FunnelRate {
  init(unchecked successes: Int, _ trials: Int, _ confidence: Double) {
    self.successes = successes
    self.trials = trials
    self.confidence = confidence
  }
}

extension FunnelStage {
  /// The stage's position in `allCases`.
  var index: Int {
    switch self {
    case .contacted: return 0
    case .reached: return 1
    case .interested: return 2
    case .firstPurchase: return 3
    case .repeatPurchase: return 4
    }
  }
}
