import ClientBase
import Foundation

/// One growth rule's figure as the report shows it: the rule's name (the JSON key), the
/// prospects it asks for per period, or `nil` when the rule cannot be applied, and the reason
/// either way.
struct GrowthTargetLine {
  var rule: String
  var target: GrowthTarget?
  var reason: String
}

/// The acquisition funnel of the report's window and the calls a day the √n target takes.
struct GrowthFunnel {
  var funnel: AcquisitionFunnel
  /// The managers the calls are shared by: those the profiles and contacts name.
  var managers: Int
  /// The plan for the √n target, or `nil` when there is no conversion to plan with (no call
  /// to a prospect in the window, or no manager).
  var plan: CapacityPlan?
  /// What the plan says, or why there is none.
  var planReason: String
}

/// The base-growth section of the report (`BaseGrowth`): the characteristic period, the
/// growth target under each rule with its reason, a seeded forecast of the clients still
/// buying with its bands, and — with contacts — the acquisition funnel and the calls a day the
/// √n target takes. From transactions only: a summary file has no purchase days to measure
/// the period on, so a report from one has no growth section.
///
/// - The **base** is the clients who bought by the as-of day (the report's `clients`): the
///   base the business counts, silent losses included, since nobody tells it who left. The
///   √n rule is applied to it.
/// - The **period** is `StandardCharacteristicPeriod`'s median gap between consecutive
///   purchase days. A base where no client bought twice has none, and then no target, forecast
///   or funnel either: the section says why.
/// - The **churn-compensating** rule needs the expected silent loss of a converged purchase
///   model: the model behind the retention section's per-client figures, scored on every
///   client as of the as-of day (with `--calibration-end` too: its parameters, today's
///   histories). Without one the rule is listed with no figure and the reason.
/// - The **forecast** starts from the clients the model expects alive now (rounded), since its
///   loss rate is a share of those, and runs ``forecastPeriods`` periods with new clients at
///   the mean of the last ``historyPeriods`` periods; ``forecastDraws`` paths with seed
///   ``forecastSeed``, so the report is the same on every run. No converged model, no loss
///   rate, no forecast.
/// - The **funnel** reads the contacts of the same ``historyPeriods`` periods, and the calls a
///   day are those the √n target takes at the funnel's interested-per-call rate, shared by
///   the managers the host data names.
struct GrowthSection {
  /// Periods ahead in the forecast.
  static let forecastPeriods = 12
  /// Past periods behind the acquisition rate and the funnel.
  static let historyPeriods = 6
  /// Simulated paths: enough that the 5–95% band's edges move by a few clients at most from
  /// seed to seed on the sample, few enough that the report stays fast in a debug build.
  static let forecastDraws = 2_000
  /// The forecast's seed: the same report on every run.
  static let forecastSeed: UInt64 = 1

  /// The clients who bought by the as-of day.
  var base: Int
  /// The characteristic period, or `nil` when it cannot be measured.
  var period: CharacteristicPeriod?
  /// Why there is no period, when there is none.
  var periodProblem: String?
  /// The √n rule and the churn-compensating rule, in that order (empty without a period).
  var targets: [GrowthTargetLine] = []
  /// The silent loss the model expects over the next period, when a converged model gives it.
  var expectedLoss: ExpectedLoss?
  /// How far the √n rule is from that loss, in a sentence.
  var comparison: String?
  /// The rates behind the forecast.
  var rates: GrowthRates?
  /// The forecast of the clients still buying.
  var forecast: BaseForecast?
  /// New clients a period that keep the clients still buying where they are now.
  var flatAcquisition: Double?
  /// Why there is no forecast, when there is none.
  var forecastProblem: String?
  /// The funnel and the calls a day, with contacts.
  var funnel: GrowthFunnel?
  /// Why there is no funnel, when there are contacts but no funnel.
  var funnelProblem: String?

  /// The section from what the report already has.
  ///
  /// - Parameters:
  ///   - table: The purchases summarised as of the report's day (the base section's table).
  ///   - days: The table's clients' purchase days, as of the report's day (the ones the
  ///     lifecycle section groups).
  ///   - retention: The retention section: its unit and the model behind its per-client
  ///     figures, used only when that model's fit converged.
  ///   - host: The host data; the funnel needs its contacts.
  ///   - threadCount: The threads to use; the section does not depend on it.
  /// - Throws: `CommandError.badInput` when a library call refuses the report's data.
  init(
    table: ClientTable<String>, days: PurchaseDays<String>, retention: RetentionReport,
    host: HostData, threadCount: Int
  ) throws {
    base = table.count
    let asOf = days.asOf
    let period: CharacteristicPeriod
    do {
      period = try StandardCharacteristicPeriod.standard.characteristicPeriod(
        of: PurchaseGaps(days, threadCount: threadCount), threadCount: threadCount)
    } catch {
      periodProblem = "no characteristic period: \(error)"
      return
    }
    self.period = period

    // The expected silent loss, from the chosen model when its fit converged.
    var lossProblem: String?
    do {
      expectedLoss = try Self.expectedLoss(
        table: table, asOf: asOf, retention: retention, period: period, threadCount: threadCount)
    } catch {
      lossProblem = "\(error)"
    }

    // The targets: √n always, the churn-compensating rule with the model's loss.
    let situation: GrowthSituation
    do {
      situation = try GrowthSituation(baseSize: base, period: period, expectedLoss: expectedLoss)
    } catch {
      periodProblem = "no growth targets: \(error)"
      return
    }
    let sqrtN = try? StandardGrowthTarget.standard.target(for: situation)
    targets.append(
      GrowthTargetLine(
        rule: StandardGrowthTarget.standard.ruleName, target: sqrtN,
        reason: sqrtN?.reason ?? "the √n rule gives no figure for this base"))
    let churn = try ChurnCompensatingTarget()
    if let lossProblem {
      targets.append(GrowthTargetLine(rule: churn.ruleName, target: nil, reason: lossProblem))
    } else {
      do {
        let target = try churn.target(for: situation)
        targets.append(GrowthTargetLine(rule: target.rule, target: target, reason: target.reason))
      } catch {
        targets.append(GrowthTargetLine(rule: churn.ruleName, target: nil, reason: "\(error)"))
      }
    }
    if let sqrtN, let expectedLoss {
      comparison = try? GrowthTargetComparison(target: sqrtN, expectedLoss: expectedLoss).reason
    }

    // The forecast of the clients still buying: new clients as in the last periods, the
    // model's loss rate.
    if let expectedLoss {
      do {
        let history = try AcquisitionHistory(
          table: table, asOf: asOf, period: period, periods: Self.historyPeriods)
        let rates = try GrowthRates(acquisition: history, loss: expectedLoss)
        let policy = try StandardBaseForecast(draws: Self.forecastDraws)
        let alive = min(
          expectedLoss.expectedAlive.rounded(), Double(StandardBaseForecast.maximumBase))
        forecast = try policy.forecast(
          from: Int(alive), rates: rates, periods: Self.forecastPeriods, seed: Self.forecastSeed,
          threadCount: threadCount)
        flatAcquisition = try policy.acquisitionKeepingFlat(base: alive, rates: rates)
        self.rates = rates
      } catch {
        forecastProblem = "no forecast: \(error)"
      }
    } else {
      forecastProblem =
        "no forecast: it needs the loss rate of a converged purchase model ("
        + (lossProblem ?? "none") + ")"
    }

    // The funnel of the same periods, with contacts, and the calls a day the √n rule takes.
    guard let contacts = host.contacts else { return }
    let window = Int((Double(Self.historyPeriods) * period.days).rounded())
    let from = asOf.adding(days: -(max(window, 1) - 1))
    do {
      let funnel = try StandardFunnel.standard.funnel(
        of: contacts.values, clients: table, from: from, through: asOf)
      let managers = host.managerCount
      var plan: CapacityPlan?
      let planReason: String
      if let sqrtN, let perCall = funnel.interestedPerCall.rate, managers > 0 {
        let made = try StandardContactCapacity.standard.plan(
          for: sqrtN, interestedPerCall: perCall, base: base, managers: managers)
        plan = made
        planReason = made.reason
      } else if funnel.calls == 0 {
        planReason = "no call to a prospect in the window, so no conversion to plan calls with"
      } else {
        planReason = "no manager named in the host data to share the calls"
      }
      self.funnel = GrowthFunnel(
        funnel: funnel, managers: managers, plan: plan, planReason: planReason)
    } catch {
      funnelProblem = "no funnel: \(error)"
    }
  }

  /// The silent loss the retention section's model expects over the next period, scored on
  /// every client's history as of `asOf` (each distinct history once, by the library's
  /// `ExpectedLoss`).
  ///
  /// - Throws: `GrowthError.notConverged` or `.missingEvidence` (with the reason a person
  ///   reads) when there is no converged model; the library's errors for a model that gives
  ///   no probability for a history.
  static func expectedLoss(
    table: ClientTable<String>, asOf: Day, retention: RetentionReport,
    period: CharacteristicPeriod, threadCount: Int
  ) throws -> ExpectedLoss {
    guard let key = retention.chosenModel, let model = retention.purchaseModel,
      let summary = retention.models.first(where: { $0.key == key })
    else {
      throw GrowthError.missingEvidence(
        "no purchase model converged, so there is no expected silent loss to compensate")
    }
    guard summary.converged else {
      throw GrowthError.notConverged(
        "\(summary.name) (chosen by --model): \(summary.reason ?? summary.message)")
    }
    let histories = try PurchaseHistories(
      table.repeatPurchaseSummary(asOf: asOf, unit: retention.unit))
    return try expectedLoss(
      of: model, fit: summary, histories: histories, unit: retention.unit, period: period,
      threadCount: threadCount)
  }

  /// The library's expected loss for a model the retention section holds as `any
  /// PurchaseModel` (opened here), with the fit's figures from its summary.
  ///
  /// The retention section keeps the model and the summary of its fit apart; the caller has
  /// checked that the fit converged, which is the verdict `ExpectedLoss` asks for.
  static func expectedLoss<Model: PurchaseModel>(
    of model: Model, fit summary: ModelSummary, histories: PurchaseHistories, unit: TimeUnit,
    period: CharacteristicPeriod, threadCount: Int
  ) throws -> ExpectedLoss {
    let fit = FittedModel(
      model: model, logLikelihood: summary.logLikelihood, verdict: .converged,
      iterations: summary.iterations, evaluations: 0, standardErrors: nil,
      message: summary.message, clients: histories.totalWeight)
    return try ExpectedLoss(
      fit: fit, histories: histories, unit: unit, period: period, threadCount: threadCount)
  }
}

extension GrowthSection {
  /// The section as lines of text, after the retention section.
  func textLines() -> [String] {
    var lines = ["Growth (new prospects needed to outgrow the silent loss)"]
    lines.append("  base                  \(NumberText.grouped(base)) clients")
    guard let period else {
      lines.append("  \(periodProblem ?? "no characteristic period")")
      return lines
    }
    lines.append("  characteristic period \(period.reason)")
    lines.append("  targets (new prospects per period)")
    for line in targets {
      let figure = line.target.map { NumberText.grouped($0.prospectsPerPeriod) } ?? "–"
      lines.append(
        "    " + line.rule.padding(toLength: 18, withPad: " ", startingAt: 0)
          + figure.leftPadded(to: 6) + "   " + line.reason)
    }
    if let comparison { lines.append("  \(comparison)") }
    if let forecast, let rates {
      lines.append(
        "  forecast of the clients still buying, from \(NumberText.grouped(forecast.start)) "
          + "expected alive now: \(rates.reason)")
      let band = NumberText.decimal(
        (forecast.bandQuantiles.upperBound - forecast.bandQuantiles.lowerBound) * 100, places: 1,
        dropsTrailingZeros: true)
      lines.append("    period      days   expected   \(band)% band")
      for entry in forecast.periods {
        let range =
          NumberText.decimal(entry.low, places: 0) + "–" + NumberText.decimal(entry.high, places: 0)
        lines.append(
          "    " + String(entry.period).leftPadded(to: 6)
            + NumberText.decimal(entry.days, places: 0).leftPadded(to: 10)
            + NumberText.decimal(entry.expected, places: 0).leftPadded(to: 11) + "   " + range)
      }
      if let steady = rates.steadyState {
        lines.append(
          "    gains and losses balance at \(NumberText.decimal(steady, places: 0)) clients "
            + "(\(NumberText.grouped(forecast.draws)) simulated paths, seed \(forecast.seed))")
      }
      if let flatAcquisition {
        lines.append(
          "    \(NumberText.decimal(flatAcquisition, places: 1)) new clients a period keep "
            + "\(NumberText.grouped(forecast.start)) flat")
      }
    } else if let forecastProblem {
      lines.append("  \(forecastProblem)")
    }
    if let funnel {
      lines.append(
        "  funnel \(funnel.funnel.from)...\(funnel.funnel.through): \(funnel.funnel.reason)")
      for stage in FunnelStage.allCases.dropFirst() {
        guard let rate = funnel.funnel.rate(into: stage) else { continue }
        lines.append(
          "    " + stage.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
            + rate.reason)
      }
      lines.append("  calls: \(funnel.planReason)")
    } else if let funnelProblem {
      lines.append("  \(funnelProblem)")
    }
    return lines
  }

  /// The section's JSON member, `growth` (names in the design's contract).
  func jsonMembers() -> [(String, JSON)] {
    func rate(_ rate: FunnelRate?) -> JSON {
      guard let rate else { return .null }
      return .object([
        ("rate", rate.rate.map(JSON.number) ?? .null),
        ("low", rate.interval.map { JSON.number($0.lowerBound) } ?? .null),
        ("high", rate.interval.map { JSON.number($0.upperBound) } ?? .null),
        ("successes", .int(rate.successes)), ("trials", .int(rate.trials)),
        ("reason", .string(rate.reason)),
      ])
    }
    var members: [(String, JSON)] = [
      ("base", .int(base)),
      ("characteristicPeriodDays", period.map { JSON.number($0.days) } ?? .null),
    ]
    if let period {
      members.append(
        (
          "characteristicPeriod",
          .object([
            ("days", .number(period.days)), ("low", .number(period.interval.lowerBound)),
            ("high", .number(period.interval.upperBound)), ("gaps", .int(period.gapCount)),
            ("clients", .int(period.clientCount)), ("reason", .string(period.reason)),
          ])
        ))
    } else if let periodProblem {
      members.append(("reason", .string(periodProblem)))
    }
    members.append(
      (
        "targets",
        .object(
          targets.map { line in
            (
              line.rule,
              .object([
                (
                  "prospectsPerPeriod", line.target.map { JSON.int($0.prospectsPerPeriod) } ?? .null
                ),
                ("exactProspects", line.target.map { JSON.number($0.exactProspects) } ?? .null),
                ("reason", .string(line.reason)),
              ])
            )
          })
      ))
    if let expectedLoss {
      members.append(
        (
          "expectedLoss",
          .object([
            ("expectedLost", .number(expectedLoss.expectedLost)),
            ("standardDeviation", .number(expectedLoss.standardDeviation)),
            ("expectedAlive", .number(expectedLoss.expectedAlive)),
            ("lossRate", .number(expectedLoss.lossRate)),
            ("reason", .string(expectedLoss.reason)),
          ])
        ))
    }
    if let comparison { members.append(("comparison", .string(comparison))) }
    members.append(
      (
        "forecast",
        .array(
          (forecast?.periods ?? []).map { entry in
            .object([
              ("period", .int(entry.period)), ("days", .number(entry.days)),
              ("expected", .number(entry.expected)), ("low", .number(entry.low)),
              ("median", .number(entry.median)), ("high", .number(entry.high)),
            ])
          })
      ))
    if let forecast, let rates {
      var settings: [(String, JSON)] = [
        ("start", .int(forecast.start)),
        ("acquisitionPerPeriod", .number(rates.acquisitionPerPeriod)),
        ("lossRate", .number(rates.lossRate)), ("draws", .int(forecast.draws)),
        ("seed", .int(Int(forecast.seed))),
      ]
      if let steady = rates.steadyState { settings.append(("steadyState", .number(steady))) }
      if let flatAcquisition {
        settings.append(("acquisitionKeepingFlat", .number(flatAcquisition)))
      }
      settings.append(("reason", .string(forecast.reason)))
      members.append(("forecastSettings", .object(settings)))
    } else if let forecastProblem {
      members.append(("forecastSettings", .object([("reason", .string(forecastProblem))])))
    }
    if let funnel {
      let f = funnel.funnel
      members.append(
        (
          "funnel",
          .object([
            ("from", .string(f.from.iso8601)), ("through", .string(f.through.iso8601)),
            ("calls", .int(f.calls)), ("callDays", .int(f.callDays)),
            ("clientContacts", .int(f.clientContacts)),
            (
              "stages",
              .object(FunnelStage.allCases.map { ($0.rawValue, JSON.int(f.count(at: $0))) })
            ),
            (
              "rates",
              .object(
                FunnelStage.allCases.dropFirst().map { ($0.rawValue, rate(f.rate(into: $0))) })
            ),
            ("interestedPerCall", rate(f.interestedPerCall)),
            ("observedCallsPerDay", f.callsPerDay.map(JSON.number) ?? .null),
            ("managers", .int(funnel.managers)),
            ("callsPerDay", funnel.plan?.acquisitionCallsPerDay.map(JSON.number) ?? .null),
            ("callsPerDayRule", .string(funnel.plan?.target.rule ?? "sqrtN")),
            ("clientsInPersonalContact", funnel.plan.map { JSON.int($0.personalClients) } ?? .null),
            ("clientsToMailings", funnel.plan.map { JSON.int($0.mailingClients) } ?? .null),
            ("reason", .string(f.reason)), ("capacity", .string(funnel.planReason)),
          ])
        ))
    } else if let funnelProblem {
      members.append(("funnel", .object([("reason", .string(funnelProblem))])))
    }
    return [("growth", .object(members))]
  }
}
