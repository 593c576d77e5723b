/// The default contact capacity: a manager's working days, split between acquisition calls
/// and personal contact with the clients already in the base.
///
/// **Working days.** A period of *d* calendar days has *d* × ``workingDaysPerWeek`` / 7
/// working days: 21.4 in a 30-day month at five days a week.
///
/// **Calls to meet the target.** A target of *T* new prospects per period, with a share *c*
/// of calls that find an interested prospect, takes *T* / *c* calls a period, spread over the
/// managers and the working days: 20 prospects a month at the practice's 15 interested in 70
/// calls (21.4%) is 93.3 calls a month, 4.4 a working day for one manager.
///
/// **Clients in personal contact.** What is left of ``contactsPerDay`` after the acquisition
/// calls, over the period's working days, divided by the ``contactsPerClientPerPeriod`` each
/// client needs: (70 − 4.4) × 21.4 = 1,405 clients for one contact a month each. Keeping a
/// client close means hearing from their manager once per buying cycle; beyond that number,
/// the rest of the base moves to **mailings and reminders** — the plan says how many, and
/// ``CapacityPlan/firstPeriodBeyondCapacity(in:)`` when a growing base will get there.
public struct StandardContactCapacity: ContactCapacityPolicy, Hashable, Codable {
  /// Personal contacts one manager makes a working day, positive; 70 by default (the
  /// practice's figure for a seller on the phone).
  public let contactsPerDay: Double
  /// Working days a week, above 0 and at most 7; 5 by default.
  public let workingDaysPerWeek: Double
  /// Personal contacts each client needs per period, positive; 1 by default.
  public let contactsPerClientPerPeriod: Double

  /// Creates the rule, checking its settings.
  ///
  /// - Parameters:
  ///   - contactsPerDay: Personal contacts a manager makes a working day; 70 by default.
  ///   - workingDaysPerWeek: Working days a week; 5 by default.
  ///   - contactsPerClientPerPeriod: Contacts each client needs per period; 1 by default.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a figure that is not positive
  ///   and finite, or more than 7 working days a week.
  public init(
    contactsPerDay: Double = 70, workingDaysPerWeek: Double = 5,
    contactsPerClientPerPeriod: Double = 1
  ) throws(GrowthError) {
    try checkPositive(contactsPerDay, "contactsPerDay")
    try checkPositive(workingDaysPerWeek, "workingDaysPerWeek")
    guard workingDaysPerWeek <= 7 else {
      throw .invalidParameter(
        "workingDaysPerWeek", reason: "a week has at most 7 days, got \(workingDaysPerWeek)")
    }
    try checkPositive(contactsPerClientPerPeriod, "contactsPerClientPerPeriod")
    self.init(unchecked: contactsPerDay, workingDaysPerWeek, contactsPerClientPerPeriod)
  }

  private init(unchecked perDay: Double, _ daysPerWeek: Double, _ perClient: Double) {
    self.contactsPerDay = perDay
    self.workingDaysPerWeek = daysPerWeek
    self.contactsPerClientPerPeriod = perClient
  }

  /// The defaults: 70 a day, 5 days a week, one contact per client per period.
  static let defaults = StandardContactCapacity(unchecked: 70, 5, 1)

  private enum CodingKeys: String, CodingKey {
    case contactsPerDay, workingDaysPerWeek, contactsPerClientPerPeriod
  }

  /// Decodes a rule and checks it as
  /// ``init(contactsPerDay:workingDaysPerWeek:contactsPerClientPerPeriod:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``GrowthError`` text
  ///   when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let perDay = try container.decode(Double.self, forKey: .contactsPerDay)
    let perWeek = try container.decode(Double.self, forKey: .workingDaysPerWeek)
    let perClient = try container.decode(Double.self, forKey: .contactsPerClientPerPeriod)
    self = try GrowthError.checkedDecoding(decoder) { () throws(GrowthError) in
      try StandardContactCapacity(
        contactsPerDay: perDay, workingDaysPerWeek: perWeek,
        contactsPerClientPerPeriod: perClient)
    }
  }

  /// Plans the managers' contacts for a target.
  ///
  /// - Parameters:
  ///   - target: The growth target.
  ///   - interestedPerCall: The share of calls that find an interested prospect, within 0...1.
  ///   - base: The clients to keep in contact, 0 or more.
  ///   - managers: The managers, 1 or more.
  /// - Returns: The plan.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for an argument out of range.
  public func plan(
    for target: GrowthTarget, interestedPerCall: Double, base: Int, managers: Int
  ) throws(GrowthError) -> CapacityPlan {
    try checkShare(interestedPerCall, "interestedPerCall")
    guard base >= 0 else {
      throw .invalidParameter("base", reason: "must be 0 or more, got \(base)")
    }
    guard managers >= 1 else {
      throw .invalidParameter("managers", reason: "must be 1 or more, got \(managers)")
    }
    let workingDays = target.periodDays * workingDaysPerWeek / 7
    let calls: Double? =
      interestedPerCall > 0
      ? Double(target.prospectsPerPeriod) / interestedPerCall / workingDays / Double(managers)
      : nil
    let left = Swift.max(contactsPerDay - (calls ?? 0), 0)
    // Whole clients, rounded down; the 10⁻⁹ keeps a product that is whole on paper (4⅔
    // contacts over 21³⁄₇ days: 100 clients) from rounding down to one fewer.
    let perManager = (left * workingDays / contactsPerClientPerPeriod + 1e-9).rounded(.down)
    let clientsPerManager = Int(Swift.min(perManager, Double(1 << 52)))
    let (capacity, overflow) = clientsPerManager.multipliedReportingOverflow(by: managers)
    let personal = overflow ? base : Swift.min(base, capacity)
    return CapacityPlan(
      target: target, managers: managers, workingDaysPerPeriod: workingDays,
      interestedPerCall: interestedPerCall, contactsPerDay: contactsPerDay,
      acquisitionCallsPerDay: calls, clientsPerManager: clientsPerManager, base: base,
      personalClients: personal)
  }
}
