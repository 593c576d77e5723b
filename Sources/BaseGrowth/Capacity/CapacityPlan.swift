/// The managers' contacts for a growth target: acquisition calls a day, the clients each can
/// keep in personal contact, and the rest of the base, who move to mailings and reminders.
public struct CapacityPlan: Hashable, Sendable {
  /// The target the plan meets.
  public let target: GrowthTarget
  /// The managers sharing the work.
  public let managers: Int
  /// Working days in one period.
  public let workingDaysPerPeriod: Double
  /// The share of acquisition calls that find an interested prospect.
  public let interestedPerCall: Double
  /// Personal contacts one manager makes a working day.
  public let contactsPerDay: Double
  /// Acquisition calls one manager makes a working day to meet the target, or `nil` when no
  /// call has found an interested prospect (no number of calls would do).
  public let acquisitionCallsPerDay: Double?
  /// Clients one manager keeps in personal contact with what is left of the day.
  public let clientsPerManager: Int
  /// The clients to keep in contact.
  public let base: Int
  /// The clients in personal contact: the base, up to the managers' capacity.
  public let personalClients: Int

  /// Creates a plan: the way a host's ``ContactCapacityPolicy`` builds its result.
  ///
  /// - Parameters:
  ///   - target: The target.
  ///   - managers: The managers.
  ///   - workingDaysPerPeriod: Working days in a period.
  ///   - interestedPerCall: The conversion of calls.
  ///   - contactsPerDay: A manager's contacts a working day.
  ///   - acquisitionCallsPerDay: Acquisition calls a manager makes a day, or `nil`.
  ///   - clientsPerManager: Clients a manager keeps in personal contact.
  ///   - base: The clients to keep in contact.
  ///   - personalClients: The clients in personal contact, at most `base`.
  public init(
    target: GrowthTarget, managers: Int, workingDaysPerPeriod: Double, interestedPerCall: Double,
    contactsPerDay: Double, acquisitionCallsPerDay: Double?, clientsPerManager: Int, base: Int,
    personalClients: Int
  ) {
    self.target = target
    self.managers = managers
    self.workingDaysPerPeriod = workingDaysPerPeriod
    self.interestedPerCall = interestedPerCall
    self.contactsPerDay = contactsPerDay
    self.acquisitionCallsPerDay = acquisitionCallsPerDay
    self.clientsPerManager = clientsPerManager
    self.base = base
    self.personalClients = personalClients
  }

  /// The clients beyond the managers' personal capacity, who move to mailings and reminders.
  public var mailingClients: Int { base - personalClients }

  /// Whether the acquisition calls fit in the managers' day.
  public var isAcquisitionFeasible: Bool {
    acquisitionCallsPerDay.map { $0 <= contactsPerDay } ?? false
  }

  /// The clients all managers together keep in personal contact.
  public var personalCapacity: Int {
    let (capacity, overflow) = clientsPerManager.multipliedReportingOverflow(by: managers)
    return overflow ? .max : capacity
  }

  /// The first forecast period whose expected base is beyond the managers' personal
  /// capacity — when the rest must start moving to mailings — or `nil` when none is (0 when
  /// the base is beyond it already).
  ///
  /// - Parameter forecast: A forecast of the base.
  /// - Returns: The period, or `nil`.
  public func firstPeriodBeyondCapacity(in forecast: BaseForecast) -> Int? {
    let capacity = Double(personalCapacity)
    if Double(forecast.start) > capacity { return 0 }
    return forecast.periods.first { $0.expected > capacity }?.period
  }

  /// The plan in a sentence: "4.4 acquisition calls a working day meet 20 new prospects every
  /// 30 days at 21.4% interested per call (21.4 working days a period, 1 manager); 65.6
  /// contacts a day are left for 1,405 clients in personal contact each: all 400 clients
  /// kept in personal contact".
  public var reason: String {
    let who = managers == 1 ? "1 manager" : "\(NumberText.grouped(managers)) managers"
    let days = NumberText.decimal(workingDaysPerPeriod, places: 1, dropsTrailingZeros: true)
    let goal = GrowthTarget.headline(target.prospectsPerPeriod, periodDays: target.periodDays)
    var text: String
    if let calls = acquisitionCallsPerDay {
      text =
        "\(NumberText.decimal(calls, places: 1)) acquisition calls a working day meet \(goal) "
        + "at \(NumberText.percent(interestedPerCall)) interested per call (\(days) working days "
        + "a period, \(who))"
      if !isAcquisitionFeasible {
        text +=
          ", more than the \(NumberText.decimal(contactsPerDay, places: 0)) contacts a "
          + "manager makes a day"
      }
    } else {
      text =
        "no call has found an interested prospect yet, so no number of calls meets \(goal) "
        + "(\(days) working days a period, \(who))"
    }
    let left = Swift.max(contactsPerDay - (acquisitionCallsPerDay ?? 0), 0)
    text +=
      "; \(NumberText.decimal(left, places: 1, dropsTrailingZeros: true)) contacts a day are "
      + "left for \(NumberText.grouped(clientsPerManager)) clients in personal contact each"
    if mailingClients == 0 {
      text += ": all \(NumberText.grouped(base)) clients kept in personal contact"
    } else {
      text +=
        ": \(NumberText.grouped(personalClients)) of \(NumberText.grouped(base)) clients in "
        + "personal contact, \(NumberText.grouped(mailingClients)) move to mailings and "
        + "reminders"
    }
    return text
  }
}
