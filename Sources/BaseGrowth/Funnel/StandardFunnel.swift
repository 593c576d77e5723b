/// The default funnel reading: contacts with people who had not bought before are
/// acquisition calls, and the stages follow from the outcomes and the purchases.
///
/// A contact is an **acquisition call** when its channel is one of ``channels`` (every
/// channel when `nil`, the default) and the person contacted had no purchase day before the
/// contact's day — never bought, or first bought on that day or later. Contacts with existing
/// clients are relationship work, counted apart in
/// ``AcquisitionFunnel/clientContacts``.
///
/// Each prospect is **contacted**; **reached** when one of its calls has an outcome outside
/// ``notReachedOutcomes``; **interested** when one has an outcome in ``interestedOutcomes``;
/// at **first purchase** when its first purchase day falls on or after its first call and no
/// later than the window's last day; at **repeat purchase** when it has bought on a second
/// day as well. The stages are nested: a prospect who bought counts as interested and reached
/// whatever its calls recorded (the purchase is the stronger evidence).
///
/// Host-defined outcomes reach (they are not "not reached") and show interest only when
/// added to ``interestedOutcomes``.
public struct StandardFunnel: FunnelPolicy, Hashable, Codable {
  /// The outcomes that did not reach the person; "not reached" by default.
  public let notReachedOutcomes: Set<ContactOutcome>
  /// The outcomes that show interest; "interested" and "sale" by default.
  public let interestedOutcomes: Set<ContactOutcome>
  /// The channels counted, or `nil` for every channel (the default).
  public let channels: Set<Channel>?
  /// The confidence of the rates' intervals, strictly between 0 and 1; 0.95 by default.
  public let confidence: Double

  /// Creates the rule, checking its settings.
  ///
  /// - Parameters:
  ///   - notReachedOutcomes: The outcomes that did not reach; "not reached" by default.
  ///   - interestedOutcomes: The outcomes that show interest; "interested" and "sale" by
  ///     default.
  ///   - channels: The channels counted, or `nil` for all; all by default.
  ///   - confidence: The intervals' confidence; 0.95 by default.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` when an outcome is in both sets or
  ///   the confidence is not strictly between 0 and 1.
  public init(
    notReachedOutcomes: Set<ContactOutcome> = [.notReached],
    interestedOutcomes: Set<ContactOutcome> = [.interested, .sale], channels: Set<Channel>? = nil,
    confidence: Double = 0.95
  ) throws(GrowthError) {
    let both = notReachedOutcomes.intersection(interestedOutcomes)
    guard both.isEmpty else {
      throw .invalidParameter(
        "interestedOutcomes",
        reason: "\(both.map(\.rawValue).sorted()) cannot both reach no one and show interest")
    }
    try checkConfidence(confidence, "confidence")
    self.init(unchecked: notReachedOutcomes, interestedOutcomes, channels, confidence)
  }

  private init(
    unchecked notReached: Set<ContactOutcome>, _ interested: Set<ContactOutcome>,
    _ channels: Set<Channel>?, _ confidence: Double
  ) {
    self.notReachedOutcomes = notReached
    self.interestedOutcomes = interested
    self.channels = channels
    self.confidence = confidence
  }

  /// The defaults.
  static let defaults = StandardFunnel(unchecked: [.notReached], [.interested, .sale], nil, 0.95)

  private enum CodingKeys: String, CodingKey {
    case notReachedOutcomes, interestedOutcomes, channels, confidence
  }

  /// Decodes a rule and checks it as
  /// ``init(notReachedOutcomes:interestedOutcomes:channels:confidence:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``GrowthError`` text
  ///   when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let notReached = try container.decode(Set<ContactOutcome>.self, forKey: .notReachedOutcomes)
    let interested = try container.decode(Set<ContactOutcome>.self, forKey: .interestedOutcomes)
    let channels = try container.decodeIfPresent(Set<Channel>.self, forKey: .channels)
    let confidence = try container.decode(Double.self, forKey: .confidence)
    self = try GrowthError.checkedDecoding(decoder) { () throws(GrowthError) in
      try StandardFunnel(
        notReachedOutcomes: notReached, interestedOutcomes: interested, channels: channels,
        confidence: confidence)
    }
  }

  /// Reads the funnel.
  ///
  /// - Parameters:
  ///   - contacts: The host's contacts, in any order.
  ///   - clients: The purchases' per-client summary, through `through`.
  ///   - from: The first day counted.
  ///   - through: The last day counted.
  /// - Returns: The funnel.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` when `through` is before `from`.
  /// - Complexity: O(*m*) hash look-ups for *m* contacts.
  public func funnel<ID>(
    of contacts: some Sequence<Contact<ID>>, clients: ClientTable<ID>, from: Day, through: Day
  ) throws(GrowthError) -> AcquisitionFunnel {
    guard from <= through else {
      throw .invalidParameter("through", reason: "\(through) is before \(from)")
    }
    var prospects: [ID: FunnelProspect] = [:]
    var calls = 0
    var clientContacts = 0
    var days = Set<Int32>()
    for contact in contacts where contact.day >= from && contact.day <= through {
      if let channels, !channels.contains(contact.channel) { continue }
      let row = clients.clients.row(for: contact.client)
      if let row, clients.firstDays[row] < contact.day {
        clientContacts += 1
        continue
      }
      calls += 1
      days.insert(contact.day.daysSince1970)
      let reached = !notReachedOutcomes.contains(contact.outcome)
      let interested = interestedOutcomes.contains(contact.outcome)
      if var prospect = prospects[contact.client] {
        prospect.firstCall = Swift.min(prospect.firstCall, contact.day)
        prospect.reached = prospect.reached || reached
        prospect.interested = prospect.interested || interested
        prospects[contact.client] = prospect
      } else {
        prospects[contact.client] = FunnelProspect(
          row: row, firstCall: contact.day, reached: reached, interested: interested)
      }
    }
    var counts = [Int](repeating: 0, count: FunnelStage.allCases.count)
    for prospect in prospects.values {
      var bought = false
      var again = false
      if let row = prospect.row {
        let first = clients.firstDays[row]
        bought = first >= prospect.firstCall && first <= through
        again = bought && clients.purchaseDayCounts[row] >= 2
      }
      let interested = prospect.interested || bought
      let reached = prospect.reached || interested
      counts[0] += 1
      if reached { counts[1] += 1 }
      if interested { counts[2] += 1 }
      if bought { counts[3] += 1 }
      if again { counts[4] += 1 }
    }
    return try AcquisitionFunnel(
      from: from, through: through, calls: calls, callDays: days.count, stageCounts: counts,
      clientContacts: clientContacts, confidence: confidence)
  }
}

/// What the funnel knows of one prospect while reading the contacts.
private struct FunnelProspect {
  var row: Int?
  var firstCall: Day
  var reached: Bool
  var interested: Bool
}
