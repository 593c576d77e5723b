import ClientBase
import Foundation

/// One fitted model as the report shows it.
struct ModelSummary {
  var key: String
  var name: String
  var parameters: [(String, Double)]
  var logLikelihood: Double
  var converged: Bool
  var iterations: Int
  var message: String
  /// Why the fit did not converge (the verdict's reason); `nil` when it converged.
  var reason: String?
  /// The parameters AIC counts, for the purchase models (fitted to the same observations and
  /// so comparable); `nil` for the spend model.
  var parameterCount: Int?
  /// The fit of the model the parameters ran off to, when the verdict names one (the NBD).
  var limit: LimitSummary?

  /// Akaike's information criterion, 2k − 2 ln L: lower is better.
  var aic: Double? { parameterCount.map { 2 * Double($0) - 2 * logLikelihood } }
}

/// The known model a non-converged fit ran off to, as the report shows it.
struct LimitSummary {
  var key: String
  var parameters: [(String, Double)]
  var logLikelihood: Double
  var converged: Bool
}

/// How one purchase model predicted the holdout.
struct HoldoutSummary {
  var key: String
  var converged: Bool
  /// Purchase days predicted in the holdout, in total.
  var predicted: Double
  /// The per-client mean absolute difference between predicted and actual purchase days.
  var meanAbsoluteError: Double
  /// Predicted minus actual purchase days, in total.
  var totalError: Double
}

/// The purchase models in the order the report shows them, with their names.
let purchaseModelNames: [(key: String, name: String)] = [
  ("bgnbd", "BG/NBD"), ("mbgnbd", "MBG/NBD"), ("paretonbd", "Pareto/NBD"),
]

/// A client who probably left silently: high past value, low P(alive).
struct SlippingClient {
  var id: String
  /// What the client spent as far as the input shows, or `nil` when it shows no money.
  var pastValue: Double?
  var probabilityAlive: Double
  var frequency: Int
  var daysSinceLastPurchase: Int?
}

/// The clients who have probably left silently, the most valuable first: P(alive) below one
/// half, ranked by past value — the spend the input shows: gross spend from transactions,
/// repeat purchases × mean repeat spend from a summary (which does not give the first
/// purchase's spend) — or, when the input shows no money (discrete data, a summary without
/// `monetary_value`), by repeat purchases; ties by identifier, so the list is deterministic.
///
/// - Parameters:
///   - rows: The per-client rows of the report.
///   - pastValue: The past value of a row, or `nil` when the input shows no money.
///   - daysSinceLastPurchase: The days since a row's last purchase, when the input gives them.
///   - limit: The most clients listed.
/// - Returns: The clients, most valuable first.
func probablyGone(
  _ rows: [ClientRow], pastValue: (Int) -> Double?, daysSinceLastPurchase: (Int) -> Int?,
  limit: Int = 10
) -> [SlippingClient] {
  let gone = rows.indices.compactMap { row -> SlippingClient? in
    guard let alive = rows[row].probabilityAlive, alive < 0.5 else { return nil }
    return SlippingClient(
      id: rows[row].id, pastValue: pastValue(row), probabilityAlive: alive,
      frequency: rows[row].x, daysSinceLastPurchase: daysSinceLastPurchase(row))
  }
  func rank(_ client: SlippingClient) -> Double { client.pastValue ?? Double(client.frequency) }
  return Array(
    gone.sorted { a, b in rank(a) > rank(b) || (rank(a) == rank(b) && a.id < b.id) }.prefix(limit)
  )
}

/// The models fitted for a report, and what could not be fitted.
struct FittedModels {
  var summaries: [ModelSummary]
  var failures: [(String, String)]
  /// Every purchase model that could be fitted, converged or not.
  var models: [String: any PurchaseModel]
  /// The spend model, only when its fit converged.
  var spend: GammaGammaModel?

  func summary(_ key: String) -> ModelSummary? { summaries.first { $0.key == key } }

  /// The purchase models whose fits converged, in the report's order.
  var convergedPurchaseModels: [ModelSummary] {
    purchaseModelNames.compactMap { summary($0.key) }.filter(\.converged)
  }

  /// The converged purchase model that fits best: the lowest AIC, which for models with the
  /// same number of parameters fitted to the same observations is the highest log-likelihood.
  var bestFit: ModelSummary? {
    convergedPurchaseModels.min { ($0.aic ?? .infinity) < ($1.aic ?? .infinity) }
  }

  /// The model behind the per-client columns and the warnings that go with the choice.
  ///
  /// `--model` forces its model, with a warning when that fit did not converge; without it,
  /// the default BG/NBD when it converged, otherwise the best converged model, with a
  /// warning; `nil` (per-client figures left empty) when no purchase model converged.
  func choose(_ requested: ModelChoice?) -> (key: String?, warnings: [String]) {
    func name(_ key: String) -> String {
      purchaseModelNames.first { $0.key == key }?.name ?? key
    }
    func why(_ key: String) -> String {
      if let summary = summary(key) {
        return "\(name(key)) did not converge: \(summary.reason ?? summary.message)"
      }
      let reason = failures.first { $0.0 == key }?.1 ?? "not fitted"
      return "\(name(key)) could not be fitted: \(reason)"
    }
    if let requested {
      let key = requested.rawValue
      if let summary = summary(key), summary.converged { return (key, []) }
      if models[key] != nil {
        return (
          key,
          [
            "--model \(key): \(why(key)); its per-client figures are shown because --model asks "
              + "for them, but they rest on parameters the data do not identify"
          ]
        )
      }
      return (nil, ["--model \(key): \(why(key)); per-client figures are left empty"])
    }
    if let summary = summary("bgnbd"), summary.converged { return ("bgnbd", []) }
    if let best = bestFit {
      return (
        best.key,
        [
          "\(why("bgnbd")); per-client figures come from \(best.name), the best converged "
            + "model by log-likelihood and AIC"
        ]
      )
    }
    return (
      nil,
      [
        "no purchase model converged, so per-client figures (P(alive), expected purchases, "
          + "lifetime value) are left empty: "
          + purchaseModelNames.map { why($0.key) }.joined(separator: "; ")
      ]
    )
  }
}

/// One row of `--clients`; the model's figures are `nil` when no converged model gives them.
struct ClientRow {
  var id: String
  var x: Int
  var recency: Double
  var age: Double
  var probabilityAlive: Double?
  var expectedPurchases: Double?
  var lifetimeValue: Double?
  /// Days since the last purchase over the client's typical gap (1 = on rhythm); `nil` when
  /// unknown (summary input, or too few purchases and no fallback gap).
  var overdue: Double? = nil
  /// The lifecycle stage's name; `nil` when the report has no lifecycle (summary input).
  var stage: String? = nil
}

/// A client on the library's at-risk list (`StandardAtRisk`), as the report shows it.
struct AtRiskClient {
  var id: String
  var valueAtRisk: Double
  var probabilityAlive: Double?
  var overdue: Double?
  var reason: String
}

/// The at-risk section: the library's ranked list and its total, from transactions only (a
/// summary has no purchase days, so no rhythm).
struct AtRiskSection {
  var clients: [AtRiskClient]
  /// Every client at risk, listed or not.
  var count: Int
  var totalValueAtRisk: Double

  /// The section from the purchase days of the fitting period and the chosen model's scores.
  ///
  /// - Parameters:
  ///   - log: The purchase log.
  ///   - table: The fitting period's table.
  ///   - asOf: The fitting period's last day.
  ///   - scores: The chosen model's scores over the table's rows, `nil` when none converged.
  ///   - threadCount: The threads to use.
  /// - Returns: The section and each row's overdue ratio.
  static func make(
    log: PurchaseLog<String>, table: ClientTable<String>, asOf: Day,
    scores: ClientScores<String>?, threadCount: Int
  ) throws -> (section: AtRiskSection, overdue: [Double?]) {
    let days = try PurchaseDays(log, table: table, asOf: asOf)
    let rhythm = StandardRhythm.standard.rhythm(of: days, threadCount: threadCount)
    let evidence = try AtRiskEvidence(rhythm: rhythm, table: table, scores: scores)
    let list = StandardAtRisk.standard.atRisk(in: evidence, threadCount: threadCount)
    let clients = list.ranked.map { row in
      AtRiskClient(
        id: list.ids[row], valueAtRisk: list.valuesAtRisk[row],
        probabilityAlive: evidence.hasScores ? evidence.probabilityAlive[row] : nil,
        overdue: rhythm[row].overdue, reason: list.reason(forRow: row))
    }
    return (
      AtRiskSection(
        clients: clients, count: list.atRiskCount, totalValueAtRisk: list.totalValueAtRisk),
      (0..<rhythm.count).map { rhythm[$0].overdue }
    )
  }
}

/// The buy-till-you-die section of the report.
struct RetentionReport {
  var unit: TimeUnit
  var horizon: Double
  var isDiscrete: Bool
  /// The model behind the per-client figures, or `nil` when no converged model gives them.
  var chosenModel: String?
  var clients: Double
  var models: [ModelSummary]
  var failures: [(String, String)]
  /// The converged purchase model that fits best by log-likelihood and AIC.
  var bestFit: String?
  var warnings: [String]
  var expectedAlive: Double?
  var expectedPurchases: Double?
  var totalLifetimeValue: Double?
  var slipping: [SlippingClient]
  /// The library's at-risk list, from transactions; `nil` for summary input.
  var atRisk: AtRiskSection? = nil
  var holdoutActual: Int?
  var holdout: [HoldoutSummary]
  var rows: [ClientRow]
  /// How lifetime value was discounted, when the report has one.
  var lifetimeValueSettings: LifetimeValueSettings? = nil
  /// The model behind the per-client figures (`chosenModel`), from transactions, for the
  /// sections that score with it (growth).
  var purchaseModel: (any PurchaseModel)? = nil

  /// The converged purchase model that predicts the holdout best: the lowest per-client mean
  /// absolute error.
  var bestHoldout: HoldoutSummary? {
    holdout.filter(\.converged).min { $0.meanAbsoluteError < $1.meanAbsoluteError }
  }
}

/// The settings of the report's lifetime value: `--clv-months`, `--discount-rate` and the
/// library's month of 365.25/12 days.
struct LifetimeValueSettings {
  var months: Int
  var discountRatePerMonth: Double
  var daysPerMonth: Double

  init(_ options: ReportOptions) {
    months = options.clvMonths
    discountRatePerMonth = options.discountRate
    daysPerMonth = LifetimeValue.daysPerMonth
  }

  /// The calculation in a model's time unit.
  func lifetimeValue(in unit: TimeUnit) throws -> LifetimeValue {
    try LifetimeValue.monthly(
      in: unit, months: months, monthlyDiscountRate: discountRatePerMonth,
      daysPerMonth: daysPerMonth)
  }
}

/// The whole report: the descriptive base section (from transactions) and retention.
struct Report {
  var base: BaseReport?
  var retention: RetentionReport
  /// Segments, from transactions only (a summary file has no purchase history to rank).
  var segments: SegmentsReport?
  /// The host data loaded beside the purchases (profiles, contacts, referrals, services,
  /// life events), for the sections that use it.
  var host = HostData()
  /// Lifecycle stages, win-back and relationship coverage, from transactions only.
  var practice: PracticeReport? = nil
  /// Base growth, from transactions only (a summary file has no purchase days to measure the
  /// characteristic period on): no section at all from a summary.
  var growth: GrowthSection? = nil
}

func makeReport(_ options: ReportOptions, environment: CommandEnvironment) throws -> Report {
  if let path = options.summaryPath {
    let bytes: [UInt8]
    do {
      bytes = try environment.readFile(path)
    } catch {
      throw CommandError.unreadableFile(path)
    }
    let input = try parseSummary(bytes, source: path)
    // Host files are read before the models are fitted: a bad row stops the run at once.
    let host = try loadHostData(options.hostFiles, sample: nil, environment: environment)
    return Report(
      base: nil, retention: try RetentionReport(summary: input, options: options), segments: nil,
      host: host)
  }
  let input = try loadInput(options, environment: environment)
  let host = try loadHostData(options.hostFiles, sample: input.sample, environment: environment)
  let base = try BaseReport(input: input, options: options)
  var retention = try RetentionReport(
    log: input.log, asOf: base.asOf, options: options, table: base.table)
  let inputs = try PracticeInputs(
    log: input.log, table: base.table, asOf: base.asOf, host: host,
    threadCount: reportFitOptions.threadCount)
  let practice = PracticeReport(inputs, threadCount: reportFitOptions.threadCount)
  for i in retention.rows.indices {
    retention.rows[i].stage = practice.stages[retention.rows[i].id]?.rawValue
  }
  var previous: (source: String, bytes: [UInt8])?
  if let path = options.previousClientsPath {
    do {
      previous = (path, try environment.readFile(path))
    } catch {
      throw CommandError.unreadableFile(path)
    }
  }
  let segments = try SegmentsReport(
    log: input.log, table: base.table, asOf: base.asOf, previous: previous)
  let growth = try GrowthSection(
    table: base.table, days: inputs.evidence.days, retention: retention, host: host,
    threadCount: reportFitOptions.threadCount)
  return Report(
    base: base, retention: retention, segments: segments, host: host, practice: practice,
    growth: growth)
}

func modelSummary<Model>(
  _ key: String, _ name: String, _ fit: FittedModel<Model>, _ parameters: [(String, Double)],
  comparable: Bool = true
) -> ModelSummary {
  ModelSummary(
    key: key, name: name, parameters: parameters, logLikelihood: fit.logLikelihood,
    converged: fit.converged, iterations: fit.iterations, message: fit.message,
    reason: fit.reason, parameterCount: comparable ? parameters.count : nil,
    limit: fit.verdict.limit.map {
      LimitSummary(
        key: "nbd", parameters: [("r", $0.model.r), ("alpha", $0.model.alpha)],
        logLikelihood: $0.logLikelihood, converged: $0.converged)
    })
}

/// The fitting options of the report: every core of this machine (the library itself never
/// asks the system; the host decides).
let reportFitOptions =
  (try? FitOptions(threadCount: max(ProcessInfo.processInfo.activeProcessorCount, 1)))
  ?? .standard

extension RetentionReport {
  /// Fits the continuous-time models on the histories; a model that cannot be fitted is
  /// reported, not fatal.
  static func fitModels(
    _ histories: PurchaseHistories, spend: (() throws -> SpendHistories)?
  ) -> FittedModels {
    var summaries: [ModelSummary] = []
    var failures: [(String, String)] = []
    var models: [String: any PurchaseModel] = [:]
    func attempt<Model: PurchaseModel>(
      _ key: String, _ name: String, parameters: (Model) -> [(String, Double)],
      fit: () throws -> FittedModel<Model>
    ) {
      do {
        let result = try fit()
        summaries.append(modelSummary(key, name, result, parameters(result.model)))
        models[key] = result.model
      } catch {
        failures.append((key, "\(error)"))
      }
    }
    attempt(
      "bgnbd", "BG/NBD",
      parameters: { [("r", $0.r), ("alpha", $0.alpha), ("a", $0.a), ("b", $0.b)] },
      fit: { try BGNBDModel.fit(histories, options: reportFitOptions) })
    attempt(
      "mbgnbd", "MBG/NBD",
      parameters: { [("r", $0.r), ("alpha", $0.alpha), ("a", $0.a), ("b", $0.b)] },
      fit: { try MBGNBDModel.fit(histories, options: reportFitOptions) })
    attempt(
      "paretonbd", "Pareto/NBD",
      parameters: { [("r", $0.r), ("alpha", $0.alpha), ("s", $0.s), ("beta", $0.beta)] },
      fit: { try ParetoNBDModel.fit(histories, options: reportFitOptions) })
    var spendModel: GammaGammaModel?
    if let spend {
      do {
        let fit = try GammaGammaModel.fit(spend(), options: reportFitOptions)
        // A spend model that did not converge never feeds lifetime values.
        if fit.converged { spendModel = fit.model }
        summaries.append(
          modelSummary(
            "gammagamma", "Gamma-Gamma", fit,
            [("p", fit.model.p), ("q", fit.model.q), ("v", fit.model.v)], comparable: false))
      } catch {
        failures.append(("gammagamma", "\(error)"))
      }
    }
    return FittedModels(
      summaries: summaries, failures: failures, models: models, spend: spendModel)
  }

  /// The retention report from purchase events.
  ///
  /// `table`, when given, is the log summarised as of `asOf` (the base section's); it is
  /// reused when there is no calibration split.
  init(
    log: PurchaseLog<String>, asOf: Day, options: ReportOptions,
    table given: ClientTable<String>? = nil
  ) throws {
    let unit = options.unit
    let summary: RepeatPurchaseSummary<String>
    let table: ClientTable<String>
    var split: CalibrationSplit<String>?
    let defaultHorizon: Double
    // The holdout runs from the day after --calibration-end to the as-of day, which without
    // --as-of is the file's last day: say so in the options' names, not the library's.
    if let calibrationEnd = options.calibrationEnd, calibrationEnd >= asOf {
      throw CommandError.usage(
        "--calibration-end \(calibrationEnd) must come before the as-of day \(asOf)"
          + (options.asOf == nil
            ? " (the last day in the file; give a later --as-of or an earlier --calibration-end)"
            : ""))
    }
    do {
      if let calibrationEnd = options.calibrationEnd {
        let s = try Summarizer().split(log, calibrationEnd: calibrationEnd, observationEnd: asOf)
        split = s
        table = s.calibration
        summary = s.calibrationSummary(unit: unit)
        defaultHorizon = unit.amount(ofDays: Int32(s.holdoutDays))
      } else {
        table = try given ?? Summarizer().summarize(log, through: asOf)
        summary = try table.repeatPurchaseSummary(asOf: asOf, unit: unit)
        defaultHorizon = unit == .week ? 52 : 365
      }
    } catch {
      if let input = error as? InputError, case .empty = input,
        let calibrationEnd = options.calibrationEnd
      {
        throw CommandError.badInput(
          "--calibration-end \(calibrationEnd): no client bought on or before that day")
      }
      throw CommandError.badInput(optionMessage(error))
    }
    let horizon = options.horizon ?? defaultHorizon
    let histories: PurchaseHistories
    do {
      histories = try PurchaseHistories(summary)
    } catch {
      throw CommandError.badInput("\(error)")
    }
    let fitted = Self.fitModels(histories, spend: { try SpendHistories(summary) })
    var (key, warnings) = fitted.choose(options.model)
    let spendModel = fitted.spend
    let repeaters = (0..<summary.count).filter { summary.frequency[$0] > 0 }
    let fallbackSpend =
      repeaters.isEmpty
      ? 0 : repeaters.reduce(0.0) { $0 + summary.monetaryValue[$1] } / Double(repeaters.count)
    let clvSettings = LifetimeValueSettings(options)
    let value = try clvSettings.lifetimeValue(in: unit)
    let scores = try key.flatMap { fitted.models[$0] }.map {
      try $0.scores(
        for: summary, horizon: horizon, spend: spendModel, value: value,
        fallbackSpend: fallbackSpend, threadCount: reportFitOptions.threadCount)
    }
    if key != nil { warnings += Self.spendWarnings(fitted) }

    var holdout: [HoldoutSummary] = []
    if let split {
      for (modelKey, _) in purchaseModelNames {
        guard let m = fitted.models[modelKey] else { continue }
        let evaluation = try HoldoutEvaluation(model: m, split: split, log: log, unit: unit)
        holdout.append(
          HoldoutSummary(
            key: modelKey, converged: fitted.summary(modelKey)?.converged == true,
            predicted: evaluation.totalPredicted,
            meanAbsoluteError: evaluation.meanAbsoluteError,
            totalError: evaluation.totalPredicted - Double(evaluation.totalActual)))
      }
    }
    let lifetimeValues = scores.flatMap { $0.lifetimeValue.isEmpty ? nil : $0.lifetimeValue }
    let (atRisk, overdue): (AtRiskSection, [Double?])
    do {
      (atRisk, overdue) = try AtRiskSection.make(
        log: log, table: table, asOf: summary.asOf, scores: scores,
        threadCount: reportFitOptions.threadCount)
    } catch {
      throw CommandError.badInput(optionMessage(error))
    }
    let rows = (0..<summary.count).map { i in
      ClientRow(
        id: table.ids[i], x: Int(summary.frequency[i]), recency: summary.recency(at: i),
        age: summary.age(at: i), probabilityAlive: scores?.probabilityAlive[i],
        expectedPurchases: scores?.expectedPurchases[i], lifetimeValue: lifetimeValues?[i],
        overdue: overdue[i])
    }
    self.init(
      unit: unit, horizon: horizon, isDiscrete: false, chosenModel: key,
      clients: Double(summary.count), models: fitted.summaries, failures: fitted.failures,
      bestFit: fitted.bestFit?.key, warnings: warnings,
      expectedAlive: scores?.probabilityAlive.reduce(0, +),
      expectedPurchases: scores?.expectedPurchases.reduce(0, +),
      totalLifetimeValue: lifetimeValues.map { compensatedSum($0) },
      slipping: probablyGone(
        rows, pastValue: { table.grossSpend[$0] },
        daysSinceLastPurchase: { table.lastDays[$0].days(to: summary.asOf) }),
      holdoutActual: split.map { $0.holdoutPurchaseDays.reduce(0) { $0 + Int($1) } },
      holdout: holdout, rows: rows)
    self.atRisk = atRisk
    purchaseModel = key.flatMap { fitted.models[$0] }
    if lifetimeValues != nil { lifetimeValueSettings = clvSettings }
  }

  /// A warning when the spend model was fitted but did not converge: lifetime values are then
  /// left empty.
  static func spendWarnings(_ fitted: FittedModels) -> [String] {
    guard let spend = fitted.summary("gammagamma"), !spend.converged else { return [] }
    return [
      "Gamma-Gamma did not converge, so lifetime values are left empty: "
        + (spend.reason ?? spend.message)
    ]
  }

  /// The retention report from per-client summary rows.
  init(summary input: SummaryInput, options: ReportOptions) throws {
    let unit = options.unit
    if input.isDiscrete {
      try self.init(discrete: input, options: options)
      return
    }
    let histories: PurchaseHistories
    do {
      histories = try PurchaseHistories(
        frequency: input.frequency, recency: input.recency, age: input.age, weight: input.weight)
    } catch {
      throw CommandError.badInput(input.message(for: error))
    }
    let horizon = options.horizon ?? (unit == .week ? 52 : 365)
    let spendRows: (() throws -> SpendHistories)? = input.monetary.map { monetary in
      {
        let usable = input.frequency.indices.filter { input.frequency[$0] > 0 && monetary[$0] > 0 }
        return try SpendHistories(
          frequency: usable.map { input.frequency[$0] }, meanSpend: usable.map { monetary[$0] },
          weight: input.weight.map { w in usable.map { w[$0] } })
      }
    }
    let fitted = Self.fitModels(histories, spend: spendRows)
    var (key, warnings) = fitted.choose(options.model)
    if key != nil, input.monetary != nil { warnings += Self.spendWarnings(fitted) }
    guard let model = key.flatMap({ fitted.models[$0] }) else {
      self.init(
        unit: unit, horizon: horizon, isDiscrete: false, chosenModel: nil,
        clients: histories.totalWeight, models: fitted.summaries, failures: fitted.failures,
        bestFit: nil, warnings: warnings, expectedAlive: nil, expectedPurchases: nil,
        totalLifetimeValue: nil, slipping: [], holdoutActual: nil, holdout: [],
        rows: input.ids.indices.map {
          ClientRow(
            id: input.ids[$0], x: input.frequency[$0], recency: input.recency[$0],
            age: input.age[$0])
        })
      return
    }
    let spendModel = fitted.spend
    let clvSettings = LifetimeValueSettings(options)
    let value = try clvSettings.lifetimeValue(in: unit)
    var rows: [ClientRow] = []
    var alive = 0.0
    var expected = 0.0
    var totalValue = CompensatedSum()
    for i in input.ids.indices {
      let w = input.weight?[i] ?? 1
      let pAlive = model.probabilityAlive(
        frequency: input.frequency[i], recency: input.recency[i], age: input.age[i])
      let purchases = model.expectedPurchases(
        inNext: horizon, frequency: input.frequency[i], recency: input.recency[i], age: input.age[i]
      )
      var clv: Double?
      if let spendModel {
        let spend =
          spendModel.expectedSpend(
            frequency: input.frequency[i], meanSpend: input.monetary?[i] ?? 0)
          ?? 0
        clv = value.value(
          of: model, spendPerPurchase: spend, frequency: input.frequency[i],
          recency: input.recency[i], age: input.age[i])
        totalValue.add(w * (clv ?? 0))
      }
      alive += w * pAlive
      expected += w * purchases
      rows.append(
        ClientRow(
          id: input.ids[i], x: input.frequency[i], recency: input.recency[i], age: input.age[i],
          probabilityAlive: pAlive, expectedPurchases: purchases, lifetimeValue: clv))
    }
    self.init(
      unit: unit, horizon: horizon, isDiscrete: false, chosenModel: key,
      clients: histories.totalWeight, models: fitted.summaries, failures: fitted.failures,
      bestFit: fitted.bestFit?.key, warnings: warnings, expectedAlive: alive,
      expectedPurchases: expected,
      totalLifetimeValue: spendModel == nil ? nil : totalValue.value,
      slipping: probablyGone(
        rows, pastValue: { row in input.monetary.map { Double(input.frequency[row]) * $0[row] } },
        daysSinceLastPurchase: { _ in nil }),
      holdoutActual: nil, holdout: [], rows: rows)
    if spendModel != nil { lifetimeValueSettings = clvSettings }
  }

  /// The retention report from discrete-time rows: BG/BB.
  init(discrete input: SummaryInput, options: ReportOptions) throws {
    let histories: DiscretePurchaseHistories
    var recency: [Int] = []
    var periods: [Int] = []
    // The decoder read recency and n_periods as whole numbers, n_periods at most
    // `DiscretePurchaseHistories.maximumSupportedPeriods`, recency at most n_periods.
    for i in input.ids.indices {
      recency.append(Int(input.recency[i]))
      periods.append(Int(input.age[i]))
    }
    do {
      histories = try DiscretePurchaseHistories(
        frequency: input.frequency, recency: recency, periods: periods, weight: input.weight)
    } catch {
      throw CommandError.badInput(input.message(for: error))
    }
    let horizon = options.horizon ?? 5
    let fit: FittedModel<BGBBModel>
    do {
      fit = try BGBBModel.fit(histories)
    } catch {
      self.init(
        unit: options.unit, horizon: Double(Int(horizon)), isDiscrete: true, chosenModel: nil,
        clients: histories.totalWeight, models: [], failures: [("bgbb", "\(error)")],
        bestFit: nil,
        warnings: ["BG/BB could not be fitted, so per-client figures are left empty: \(error)"],
        expectedAlive: nil, expectedPurchases: nil, totalLifetimeValue: nil, slipping: [],
        holdoutActual: nil, holdout: [],
        rows: input.ids.indices.map {
          ClientRow(
            id: input.ids[$0], x: input.frequency[$0], recency: Double(recency[$0]),
            age: Double(periods[$0]))
        })
      return
    }
    let m = fit.model
    let summaries = [
      modelSummary(
        "bgbb", "BG/BB", fit,
        [("alpha", m.alpha), ("beta", m.beta), ("gamma", m.gamma), ("delta", m.delta)])
    ]
    guard fit.converged else {
      self.init(
        unit: options.unit, horizon: Double(Int(horizon)), isDiscrete: true, chosenModel: nil,
        clients: histories.totalWeight, models: summaries, failures: [], bestFit: nil,
        warnings: [
          "BG/BB did not converge, so per-client figures are left empty: "
            + (fit.reason ?? fit.message)
        ],
        expectedAlive: nil, expectedPurchases: nil, totalLifetimeValue: nil, slipping: [],
        holdoutActual: nil, holdout: [],
        rows: input.ids.indices.map {
          ClientRow(
            id: input.ids[$0], x: input.frequency[$0], recency: Double(recency[$0]),
            age: Double(periods[$0]))
        })
      return
    }
    var rows: [ClientRow] = []
    var alive = 0.0
    var expected = 0.0
    for i in input.ids.indices {
      let w = input.weight?[i] ?? 1
      let pAlive = m.probabilityAlive(
        frequency: input.frequency[i], recency: recency[i], periods: periods[i])
      let purchases = m.expectedPurchases(
        inNext: Int(horizon), frequency: input.frequency[i], recency: recency[i],
        periods: periods[i])
      alive += w * pAlive
      expected += w * purchases
      rows.append(
        ClientRow(
          id: input.ids[i], x: input.frequency[i], recency: Double(recency[i]),
          age: Double(periods[i]), probabilityAlive: pAlive, expectedPurchases: purchases,
          lifetimeValue: nil))
    }
    self.init(
      unit: options.unit, horizon: Double(Int(horizon)), isDiscrete: true, chosenModel: "bgbb",
      clients: histories.totalWeight, models: summaries, failures: [], bestFit: "bgbb",
      warnings: [], expectedAlive: alive, expectedPurchases: expected, totalLifetimeValue: nil,
      slipping: probablyGone(rows, pastValue: { _ in nil }, daysSinceLastPurchase: { _ in nil }),
      holdoutActual: nil, holdout: [], rows: rows)
  }

  /// `--clients`: one row per client.
  /// The `--clients` file; `abc` and `rfm` come from the segments section and stay empty
  /// without one (summary input).
  func clientsCSV(segments: SegmentsReport?) -> String {
    var text = "client_id,x,t_x,T,p_alive,expected_purchases,clv,abc,rfm,stage,overdue\n"
    for row in rows {
      text += csvField(row.id) + ",\(row.x),\(row.recency),\(row.age),"
      text += (row.probabilityAlive.map { "\($0)" } ?? "") + ","
      text += (row.expectedPurchases.map { "\($0)" } ?? "") + ","
      text += row.lifetimeValue.map { "\($0)" } ?? ""
      let labels = segments?.labels(for: row.id)
      text += "," + (labels?.abc ?? "") + "," + csvField(labels?.rfm ?? "")
      text += "," + (row.stage ?? "") + "," + (row.overdue.map { "\($0)" } ?? "")
      text += "\n"
    }
    return text
  }
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
func csvField(_ text: String) -> String {
  guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
    return text
  }
  return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
