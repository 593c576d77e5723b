extension LifecycleStages {
  /// Why a row is in its stage, naming the evidence:
  ///
  /// - "new: first purchase on 2026-10-02, 29 days ago"
  /// - "repeat: 3 purchase days over 62 days; regular takes 5 over 180 days on a rhythm of its
  ///   own"
  /// - "regular: 14 purchase days over 410 days, every 31 days; recommended 2 clients; 4,124 a
  ///   year, below the top 20% (from 5,000)"
  /// - "partner: 14 purchase days over 410 days, every 31 days; recommended 2 clients; 4,124 a
  ///   year, top 20% from 3,100"
  /// - "at risk: 94 days since the last purchase, 3.0 gaps of 31 days (at risk from 2.5 gaps);
  ///   was regular"
  /// - "lapsed: 210 days since the last purchase, 6.8 gaps of 31 days, lapsed since
  ///   2026-06-05 (from 4 gaps); was regular"
  /// - "won back: bought on 2026-10-02 after 210 days without a purchase, lapsed since
  ///   2026-06-05; 4,124 a year"
  ///
  /// A result of a host's policy (``policy`` `nil`) states the evidence without the standard
  /// thresholds.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    let stage = stages[row]
    switch stage {
    case .prospect, .new:
      let first = evidence.days.days[evidence.days.offsets[row]]
      let ago = first.days(to: asOf)
      let when = ago == 0 ? "today" : "\(Self.daysText(ago)) ago"
      return "new: first purchase on \(first), \(when)"
    case .repeat:
      var text = "repeat: \(runClause(forRow: row))"
      if let policy {
        text +=
          "; regular takes \(policy.regularMinimumPurchaseDays) over "
          + "\(Self.daysText(policy.regularMinimumSpanDays)) on a rhythm of its own"
      }
      return text
    case .regular:
      var text = "regular: \(runClause(forRow: row)); \(referralClause(forRow: row))"
      let recommended = evidence.referrals.count(ofRow: row)
      let value = evidence.values[row]
      if let policy, recommended >= policy.partnerMinimumReferrals {
        text += "; \(evidence.measure.text(value))"
        text += ", " + Self.belowClause(policy.highValue, cutoff: highValueCutoff)
      } else if let policy {
        text += " (a partner has recommended at least \(policy.partnerMinimumReferrals))"
        text += "; \(evidence.measure.text(value))"
      } else {
        text += "; \(evidence.measure.text(value))"
      }
      return text
    case .partner:
      var text =
        "partner: \(runClause(forRow: row)); \(referralClause(forRow: row)); "
        + evidence.measure.text(evidence.values[row])
      if let policy, let highValueCutoff {
        switch policy.highValue {
        case .topShare: text += ", \(policy.highValue) from \(Self.amount(highValueCutoff))"
        case .atLeast: text += ", \(policy.highValue)"
        }
      }
      return text
    case .atRisk:
      var text = "at risk: \(silenceClause(forRow: row))"
      if let policy { text += " (at risk from \(Self.multiple(policy.atRiskFrom)))" }
      return text + wasClause(forRow: row, back: 2)
    case .lapsed:
      let end = transitionOffsets[row + 1]
      var text = "lapsed: \(silenceClause(forRow: row)), lapsed since \(transitionDays[end - 1])"
      if let policy { text += " (from \(Self.multiple(policy.lapsedFrom)))" }
      return text + wasClause(forRow: row, back: 3)
    case .wonBack:
      let purchases = evidence.days.offsets[row + 1] - evidence.days.offsets[row]
      let last = evidence.days.days[evidence.days.offsets[row + 1] - 1]
      let before =
        purchases > 1 ? evidence.days.days[evidence.days.offsets[row + 1] - 2] : last
      let end = transitionOffsets[row + 1]
      let lapse = end >= 2 ? " since \(transitionDays[end - 2])" : ""
      return "won back: bought on \(last) after \(Self.daysText(before.days(to: last))) "
        + "without a purchase, lapsed\(lapse); \(evidence.measure.text(evidence.values[row]))"
    }
  }

  /// The current run of purchases: "14 purchase days over 410 days, every 31 days", with
  /// "since won back on 2025-01-02" when the run began with a win-back.
  func runClause(forRow row: Int) -> String {
    // The run starts at the last new or won-back transition.
    var runStart = evidence.days.days[evidence.days.offsets[row]]
    var wonBack = false
    for position in transitionOffsets[row]..<transitionOffsets[row + 1] {
      let stage = transitionStages[position]
      if stage == .new || stage == .wonBack {
        runStart = transitionDays[position]
        wonBack = stage == .wonBack
      }
    }
    let days = evidence.days.days
    var runDays = 0
    var last = runStart
    for position in evidence.days.offsets[row]..<evidence.days.offsets[row + 1]
    where days[position] >= runStart {
      runDays += 1
      last = days[position]
    }
    var text =
      "\(NumberText.grouped(runDays)) purchase days over \(Self.daysText(runStart.days(to: last)))"
    if evidence.rhythm.gapSources[row] == .own {
      text += ", every \(PurchaseRhythm<ID>.daysText(evidence.rhythm.typicalGaps[row]))"
    }
    if wonBack { text += " since won back on \(runStart)" }
    return text
  }

  /// "recommended 2 clients", "recommended 1 client", "recommended no one".
  func referralClause(forRow row: Int) -> String {
    let count = evidence.referrals.count(ofRow: row)
    switch count {
    case 0: return "recommended no one"
    case 1: return "recommended 1 client"
    default: return "recommended \(NumberText.grouped(count)) clients"
    }
  }

  /// "94 days since the last purchase, 3.0 gaps of 31 days".
  func silenceClause(forRow row: Int) -> String {
    let rhythm = evidence.rhythm
    let since = Self.daysText(Int(rhythm.daysSinceLast[row]))
    let ratio = NumberText.decimal(rhythm.overdue[row], places: 1)
    let gap = PurchaseRhythm<ID>.daysText(rhythm.typicalGaps[row])
    let whose = rhythm.gapSources[row] == .fallback ? " of the base's" : ""
    return "\(since) since the last purchase, \(ratio)\(whose) gaps of \(gap)"
  }

  /// "; was regular": the stage `back` transitions before the last.
  func wasClause(forRow row: Int, back: Int) -> String {
    let position = transitionOffsets[row + 1] - back
    guard position >= transitionOffsets[row] else { return "" }
    return "; was \(transitionStages[position])"
  }

  /// Why a client with enough recommendations is not high value: "below the top 20% (from
  /// 5,000)", "below 5,000", "not high value" (no cut-off: no client is).
  static func belowClause(_ rule: HighValueRule, cutoff: Double?) -> String {
    guard let cutoff else { return "not high value" }
    switch rule {
    case .topShare: return "below the \(rule) (from \(amount(cutoff)))"
    case .atLeast: return "below \(amount(cutoff))"
    }
  }

  /// "1 day", "410 days".
  static func daysText(_ days: Int) -> String {
    days == 1 ? "1 day" : "\(NumberText.grouped(days)) days"
  }

  /// "2.5 gaps", "4 gaps".
  static func multiple(_ value: Double) -> String {
    "\(NumberText.decimal(value, places: 2, dropsTrailingZeros: true)) gaps"
  }

  /// "3,100".
  static func amount(_ value: Double) -> String { NumberText.decimal(value, places: 0) }
}
