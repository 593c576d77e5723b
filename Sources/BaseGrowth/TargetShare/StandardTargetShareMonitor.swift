public import Segmentation

/// The default target-share review: the share of target clients period by period, judged by
/// Segmentation's bands, and the three typical mistakes of building a base.
///
/// **The periods** end on the as-of day and run back one characteristic period each (as in
/// ``AcquisitionHistory``). A period's base is every client who joined (first purchase day) by
/// its last day; its new clients joined during it; its acquisition calls are contacts during
/// it with people who had not bought before the contact's day.
///
/// **The share** of target clients is judged by ``bands`` (Segmentation's
/// `TargetShareBands.standard` by default: healthy from 70%, poor below 50%): teams that build
/// their base deliberately keep 70–80% or more target clients.
///
/// **The mistakes**, each flagged with its figures:
/// - ``BaseBuildingMistake/noClearTarget``: no client or contacted prospect is a target, or
///   every one of them is (at least ``minimumEvidence`` people) — the target then picks out
///   no one, and effort is scattered by construction;
/// - ``BaseBuildingMistake/effortOffTarget``: less than ``focusedEffortFrom`` (70%) of the
///   acquisition calls went to target prospects, or less than the bands' poor bound (50%) of
///   the new clients are target clients — the sales effort is aimed at another group than
///   the target (each judged on at least ``minimumEvidence`` calls or new clients);
/// - ``BaseBuildingMistake/volumeOverValue``: comparing the later half of the periods with the
///   earlier half, more new clients per period while the mean value per new client fell by
///   ``valueDropFrom`` (10%) or more — chasing the number of clients while profit per client
///   falls (needs values, two periods or more, and at least ``minimumEvidence`` new clients
///   in each half).
public struct StandardTargetShareMonitor: TargetShareMonitorPolicy, Hashable, Codable {
  /// The bands judging the share; Segmentation's `TargetShareBands.standard` by default.
  public let bands: TargetShareBands
  /// The share of acquisition calls to target prospects from which the effort is focused,
  /// within 0...1; 0.7 by default.
  public let focusedEffortFrom: Double
  /// The fall in mean value per new client that flags chasing the number, above 0 and below
  /// 1; 0.1 by default.
  public let valueDropFrom: Double
  /// The fewest people (calls, new clients, clients and prospects) a flag rests on, 1 or
  /// more; 10 by default.
  public let minimumEvidence: Int

  /// Creates the rule, checking its settings.
  ///
  /// - Parameters:
  ///   - bands: The bands judging the share; the standard bands by default.
  ///   - focusedEffortFrom: The share of calls on target from which effort is focused; 0.7 by
  ///     default.
  ///   - valueDropFrom: The fall in value per new client that flags chasing the number; 0.1
  ///     by default.
  ///   - minimumEvidence: The fewest people a flag rests on; 10 by default.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a share outside 0...1, a fall
  ///   outside (0, 1) or a minimum below 1.
  public init(
    bands: TargetShareBands = .standard, focusedEffortFrom: Double = 0.7,
    valueDropFrom: Double = 0.1, minimumEvidence: Int = 10
  ) throws(GrowthError) {
    try checkShare(focusedEffortFrom, "focusedEffortFrom")
    try checkConfidence(valueDropFrom, "valueDropFrom")
    guard minimumEvidence >= 1 else {
      throw .invalidParameter(
        "minimumEvidence", reason: "must be 1 or more, got \(minimumEvidence)")
    }
    self.init(unchecked: bands, focusedEffortFrom, valueDropFrom, minimumEvidence)
  }

  private init(
    unchecked bands: TargetShareBands, _ focused: Double, _ drop: Double, _ minimum: Int
  ) {
    self.bands = bands
    self.focusedEffortFrom = focused
    self.valueDropFrom = drop
    self.minimumEvidence = minimum
  }

  /// The defaults.
  static let defaults = StandardTargetShareMonitor(unchecked: .standard, 0.7, 0.1, 10)

  private enum CodingKeys: String, CodingKey {
    case bands, focusedEffortFrom, valueDropFrom, minimumEvidence
  }

  /// Decodes a rule and checks it as
  /// ``init(bands:focusedEffortFrom:valueDropFrom:minimumEvidence:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``GrowthError`` text
  ///   when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let bands = try container.decode(TargetShareBands.self, forKey: .bands)
    let focused = try container.decode(Double.self, forKey: .focusedEffortFrom)
    let drop = try container.decode(Double.self, forKey: .valueDropFrom)
    let minimum = try container.decode(Int.self, forKey: .minimumEvidence)
    self = try GrowthError.checkedDecoding(decoder) { () throws(GrowthError) in
      try StandardTargetShareMonitor(
        bands: bands, focusedEffortFrom: focused, valueDropFrom: drop, minimumEvidence: minimum)
    }
  }

  /// Reviews the base over the periods up to `asOf`.
  ///
  /// - Parameters:
  ///   - mix: Targets, joining days and values.
  ///   - contacts: The host's contacts, in any order; may be empty.
  ///   - asOf: The last day of the last period.
  ///   - period: The characteristic period.
  ///   - periods: How many periods, 1 to ``AcquisitionHistory/maximumPeriods``.
  /// - Returns: The review.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a count of periods out of range
  ///   or periods that reach before the first representable day.
  /// - Complexity: O(*n* log *k* + *m*) for *n* clients, *k* periods and *m* contacts.
  public func review<ID>(
    _ mix: TargetMix<ID>, contacts: some Sequence<Contact<ID>>, asOf: Day,
    period: CharacteristicPeriod, periods: Int
  ) throws(GrowthError) -> TargetShareReview {
    guard periods >= 1, periods <= AcquisitionHistory.maximumPeriods else {
      throw .invalidParameter(
        "periods",
        reason: "must be within 1...\(AcquisitionHistory.maximumPeriods), got \(periods)")
    }
    let offsets = (0...periods).map { Int((Double($0) * period.days).rounded()) }
    let end = Int(asOf.daysSince1970)
    guard end - offsets[periods] >= Int(Int32.min) else {
      throw .invalidParameter(
        "periods", reason: "\(periods) periods of \(period.days) days reach before the first day")
    }
    /// The period (oldest first) holding a day `back` days before `asOf`, or `nil` outside.
    func periodIndex(back: Int) -> Int? {
      guard back >= 0, back < offsets[periods] else { return nil }
      var low = 0
      var high = periods
      while high - low > 1 {
        let middle = (low + high) / 2
        if offsets[middle] <= back { low = middle } else { high = middle }
      }
      return periods - 1 - low
    }
    var priorClients = 0
    var priorTargets = 0
    var newClients = [Int](repeating: 0, count: periods)
    var newTargets = [Int](repeating: 0, count: periods)
    var newValue = [Double](repeating: 0, count: periods)
    let hasValues = !mix.values.isEmpty
    for row in 0..<mix.count {
      let back = end - Int(mix.firstDays[row].daysSince1970)
      guard back >= 0 else { continue }
      let target = mix.isTarget[row]
      if let index = periodIndex(back: back) {
        newClients[index] += 1
        if target { newTargets[index] += 1 }
        if hasValues { newValue[index] += mix.values[row] }
      } else {
        priorClients += 1
        if target { priorTargets += 1 }
      }
    }
    var targetCalls = [Int](repeating: 0, count: periods)
    var otherCalls = [Int](repeating: 0, count: periods)
    var prospects = Set<ID>()
    var targetProspects = 0
    for contact in contacts {
      guard let index = periodIndex(back: end - Int(contact.day.daysSince1970)) else { continue }
      let row = mix.clients.row(for: contact.client)
      if let row, mix.firstDays[row] < contact.day { continue }
      let target = row.map { mix.isTarget[$0] } ?? mix.targetProspects.contains(contact.client)
      if target { targetCalls[index] += 1 } else { otherCalls[index] += 1 }
      if row == nil, prospects.insert(contact.client).inserted, target { targetProspects += 1 }
    }
    var rows: [TargetSharePeriod] = []
    var baseClients = priorClients
    var baseTargets = priorTargets
    for index in 0..<periods {
      baseClients += newClients[index]
      baseTargets += newTargets[index]
      let last = end - offsets[periods - 1 - index]
      let first = end - offsets[periods - index] + 1
      rows.append(
        TargetSharePeriod(
          from: Day(daysSince1970: Int32(truncatingIfNeeded: first)),
          through: Day(daysSince1970: Int32(truncatingIfNeeded: last)), baseClients: baseClients,
          baseTargets: baseTargets, newClients: newClients[index], newTargets: newTargets[index],
          newClientValue: hasValues && newClients[index] > 0
            ? newValue[index] / Double(newClients[index]) : nil,
          targetCalls: targetCalls[index], otherCalls: otherCalls[index]))
    }
    var flags: [BaseBuildingFlag] = []
    let people = baseClients + prospects.count
    let targets = baseTargets + targetProspects
    let noTarget = targets == 0 || (targets == people && people >= minimumEvidence)
    if noTarget {
      let who =
        "\(NumberText.grouped(baseClients)) clients and \(NumberText.grouped(prospects.count)) "
        + "contacted prospects"
      flags.append(
        BaseBuildingFlag(
          mistake: .noClearTarget,
          figures: [
            .init("targets", Double(targets)), .init("people", Double(people)),
          ],
          reason: targets == 0
            ? "no clear target: none of the \(who) is a target client, so the sales effort "
              + "is scattered"
            : "no clear target: every one of the \(who) is a target client, so the target "
              + "picks out no one and the sales effort is scattered"))
    }
    let review = try TargetShareReview(periods: rows, bands: bands, flags: [])
    if !noTarget, let flag = offTarget(review) { flags.append(flag) }
    if hasValues, let flag = volumeOverValue(rows) { flags.append(flag) }
    return try TargetShareReview(periods: rows, bands: bands, flags: flags)
  }

  /// The effort-off-target flag, or `nil`.
  private func offTarget(_ review: TargetShareReview) -> BaseBuildingFlag? {
    let calls = review.periods.reduce(0) { $0 + $1.targetCalls + $1.otherCalls }
    let newClients = review.periods.reduce(0) { $0 + $1.newClients }
    var findings: [String] = []
    var figures: [BaseBuildingFlag.Figure] = [.init("share", review.share)]
    if let effort = review.effortShare, calls >= minimumEvidence {
      figures.append(.init("effortShare", effort))
      if effort < focusedEffortFrom {
        findings.append(
          "\(NumberText.percent(effort)) of \(NumberText.grouped(calls)) acquisition calls "
            + "went to target prospects (focused from \(NumberText.percent(focusedEffortFrom)))")
      }
    }
    if let fresh = review.newClientShare, newClients >= minimumEvidence {
      figures.append(.init("newClientShare", fresh))
      if fresh < bands.poorBelow {
        findings.append(
          "\(NumberText.percent(fresh)) of \(NumberText.grouped(newClients)) new clients are "
            + "target clients (poor below \(NumberText.percent(bands.poorBelow)))")
      }
    }
    guard !findings.isEmpty else { return nil }
    return BaseBuildingFlag(
      mistake: .effortOffTarget, figures: figures,
      reason: "sales effort aimed at another group than the target: "
        + findings.joined(separator: ", and "))
  }

  /// The volume-over-value flag, or `nil`.
  private func volumeOverValue(_ rows: [TargetSharePeriod]) -> BaseBuildingFlag? {
    let half = rows.count / 2
    guard half >= 1 else { return nil }
    let earlier = rows[0..<half]
    let later = rows[(rows.count - half)...]
    func totals(_ slice: ArraySlice<TargetSharePeriod>) -> (clients: Int, value: Double) {
      slice.reduce((0, 0.0)) { total, period in
        (
          total.0 + period.newClients,
          total.1 + (period.newClientValue ?? 0) * Double(period.newClients)
        )
      }
    }
    let (earlyClients, earlyValue) = totals(earlier)
    let (lateClients, lateValue) = totals(later)
    guard earlyClients >= minimumEvidence, lateClients >= minimumEvidence else { return nil }
    let earlyPer = earlyValue / Double(earlyClients)
    let latePer = lateValue / Double(lateClients)
    guard lateClients > earlyClients, earlyPer > 0, latePer <= (1 - valueDropFrom) * earlyPer
    else { return nil }
    let perPeriod = Double(half)
    let fall = 1 - latePer / earlyPer
    return BaseBuildingFlag(
      mistake: .volumeOverValue,
      figures: [
        .init("earlierNewClientsPerPeriod", Double(earlyClients) / perPeriod),
        .init("laterNewClientsPerPeriod", Double(lateClients) / perPeriod),
        .init("earlierValuePerNewClient", earlyPer), .init("laterValuePerNewClient", latePer),
      ],
      reason: "chasing the number of clients: new clients rose from "
        + "\(NumberText.decimal(Double(earlyClients) / perPeriod, places: 1)) to "
        + "\(NumberText.decimal(Double(lateClients) / perPeriod, places: 1)) a period while the "
        + "value per new client fell \(NumberText.percent(fall)) (from "
        + "\(NumberText.decimal(earlyPer, places: 0)) to \(NumberText.decimal(latePer, places: 0)))"
    )
  }
}
