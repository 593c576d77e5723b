import ClientBase
import Foundation

extension BaseReport {
  /// The base section as lines of text.
  func textLines() -> [String] {
    let unitName = unit == .week ? "weeks" : "days"
    var lines: [String] = []
    lines.append("ClientBase report — \(source)")
    lines.append("as of \(asOf), times in \(unitName)")
    lines.append("")
    lines.append("Base")
    lines.append("  clients               \(NumberText.grouped(clients))")
    lines.append("  purchase events       \(NumberText.grouped(events))")
    if eventsAfterAsOf > 0 {
      lines.append("  events after as-of    \(NumberText.grouped(eventsAfterAsOf)) (left out)")
    }
    lines.append("  purchase days         \(NumberText.grouped(purchaseDays))")
    lines.append(
      "  one-time buyers       \(NumberText.grouped(oneTimeBuyers)) (\(percent(oneTimeBuyers, clients)))"
    )
    if refundOnlyClients > 0 {
      lines.append(
        "  refund-only clients   \(NumberText.grouped(refundOnlyClients)) (not counted above)")
    }
    lines.append("")
    lines.append("Spend")
    lines.append("  gross                 \(money(grossSpend))")
    lines.append("  refunded              \(money(refunded))")
    lines.append("  net                   \(money(grossSpend - refunded))")
    lines.append("  top 5% of clients     \(percent(topFivePercentShare)) of gross spend")
    lines.append("  top 20% of clients    \(percent(topTwentyPercentShare)) of gross spend")
    lines.append("")
    lines.append(
      "                        "
        + ["mean", "median", "p90", "p99", "max"].map { pad($0) }
        .joined())
    lines.append(row("spend per client", spendPerClient, money: true))
    lines.append(row("repeat purchases (x)", repeatPurchases, money: false))
    lines.append(row("recency (\(unitName))", recency, money: false))
    lines.append(row("tenure T (\(unitName))", tenure, money: false))
    lines.append(row("mean repeat spend", meanRepeatSpend, money: true))
    return lines
  }

  /// The base section's JSON members.
  func jsonMembers() -> [(String, JSON)] {
    func distribution(_ d: Distribution, money: Bool = false) -> JSON {
      func number(_ value: Double) -> JSON { money ? JSON.money(value) : JSON.number(value) }
      return .object([
        ("mean", number(d.mean)), ("median", number(d.median)), ("p90", number(d.p90)),
        ("p99", number(d.p99)), ("max", number(d.max)),
      ])
    }
    return [
      ("source", .string(source)),
      ("asOf", .string(asOf.iso8601)),
      ("unit", .string(unit.rawValue)),
      ("clients", .int(clients)),
      ("events", .int(events)),
      ("eventsAfterAsOf", .int(eventsAfterAsOf)),
      ("purchaseDays", .int(purchaseDays)),
      ("oneTimeBuyers", .int(oneTimeBuyers)),
      ("refundOnlyClients", .int(refundOnlyClients)),
      (
        "spend",
        .object([
          ("gross", .money(grossSpend)), ("refunded", .money(refunded)),
          ("net", .money(grossSpend - refunded)),
          ("topFivePercentShare", .number(topFivePercentShare)),
          ("topTwentyPercentShare", .number(topTwentyPercentShare)),
          ("perClient", distribution(spendPerClient, money: true)),
        ])
      ),
      ("repeatPurchases", distribution(repeatPurchases)),
      ("recency", distribution(recency)),
      ("tenure", distribution(tenure)),
      ("meanRepeatSpend", distribution(meanRepeatSpend, money: true)),
    ]
  }

  private func row(_ label: String, _ d: Distribution, money: Bool) -> String {
    let format: (Double) -> String = money ? { self.money($0) } : { String(format: "%.2f", $0) }
    return "  " + label.padding(toLength: 22, withPad: " ", startingAt: 0)
      + [d.mean, d.median, d.p90, d.p99, d.max].map { pad(format($0)) }.joined()
  }

  func pad(_ text: String) -> String {
    String(repeating: " ", count: max(0, 12 - text.count)) + text
  }

  func money(_ value: Double) -> String { String(format: "%.2f", value) }

  func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }

  private func percent(_ part: Int, _ whole: Int) -> String {
    whole > 0 ? percent(Double(part) / Double(whole)) : "0.0%"
  }
}

/// A JSON value with keys kept in order, rendered deterministically.
///
/// Money (``money(_:)``) is printed rounded to cents, as the text report prints it: a total
/// carries no float noise (`284374.02`, not `284374.0200000005`) and reads the same to a
/// person and to a JSON parser. Other numbers are printed in full (the shortest text that
/// reads back as the same `Double`).
indirect enum JSON: Equatable {
  case object([(String, JSON)])
  case array([JSON])
  case string(String)
  case number(Double)
  case int(Int)
  case bool(Bool)
  case null

  static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.rendered() == rhs.rendered() }

  /// An amount of money: the number rounded to cents (a value too large for cents to matter
  /// is kept as it is; a non-finite one is written as null).
  static func money(_ value: Double) -> JSON {
    guard value.isFinite, abs(value) < 1e15 else { return .number(value) }
    // Adding 0 turns a rounded −0 into 0.
    return .number((value * 100).rounded() / 100 + 0)
  }

  func rendered() -> String {
    switch self {
    case .object(let members):
      return "{" + members.map { "\(JSON.quote($0.0)):\($0.1.rendered())" }.joined(separator: ",")
        + "}"
    case .array(let items):
      return "[" + items.map { $0.rendered() }.joined(separator: ",") + "]"
    case .string(let text):
      return JSON.quote(text)
    case .number(let value):
      // JSON has no NaN or infinity; a non-finite number is written as null.
      return value.isFinite ? "\(value)" : "null"
    case .int(let value):
      return "\(value)"
    case .bool(let value):
      return value ? "true" : "false"
    case .null:
      return "null"
    }
  }

  static func quote(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if scalar.value < 0x20 {
          result += String(format: "\\u%04x", scalar.value)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}

extension Report {
  /// The report as text for a person.
  func renderText() -> String {
    var lines = base?.textLines() ?? []
    if !host.isEmpty {
      // Under the source and the day when there is a base section, else on top.
      let line = "host data: " + host.summary
      if lines.count >= 2 { lines.insert(line, at: 2) } else { lines += [line, ""] }
    }
    if let segments {
      lines.append("")
      lines += segments.textLines()
    }
    if !lines.isEmpty { lines.append("") }
    lines += retention.textLines()
    if let practice {
      lines.append("")
      lines += practice.textLines()
    }
    if let growth { lines += [""] + growth.textLines() }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The report as one JSON object.
  func renderJSON() -> String {
    var members = base?.jsonMembers() ?? []
    if base == nil {
      members.append(("unit", .string(retention.unit.rawValue)))
      members.append(("clients", .number(retention.clients)))
    }
    members.append(("warnings", .array(retention.warnings.map(JSON.string))))
    if !host.isEmpty { members.append(("hostData", host.json())) }
    if let segments { members.append(("segments", segments.json())) }
    members += retention.jsonMembers()
    if let practice { members += practice.jsonMembers() }
    members += growth?.jsonMembers() ?? []
    return JSON.object(members).rendered() + "\n"
  }
}

extension HostData {
  /// What was loaded, part by part: the rows and where they came from.
  func json() -> JSON {
    func part<Value>(_ rows: HostRows<Value>?, _ extra: [(String, JSON)] = []) -> [JSON] {
      guard let rows else { return [] }
      return [.object([("rows", .int(rows.count)), ("source", .string(rows.source))] + extra)]
    }
    var members: [(String, JSON)] = []
    for (name, value) in [
      ("profiles", part(profiles)),
      ("contacts", part(contacts, [("managers", .int(managerCount))])),
      ("referrals", part(referrals)), ("services", part(services)),
      ("lifeEvents", part(lifeEvents)),
    ] {
      if let value = value.first { members.append((name, value)) }
    }
    return .object(members)
  }
}

extension RetentionReport {
  var unitName: String {
    isDiscrete ? "periods" : (unit == .week ? "weeks" : "days")
  }

  func textLines() -> [String] {
    var lines: [String] = []
    lines.append("Retention (buy-till-you-die models, times in \(unitName))")
    for model in models {
      let parameters = model.parameters.map { "\($0.0) = \(String(format: "%.4g", $0.1))" }
        .joined(separator: ", ")
      let status = model.converged ? "" : "  NOT CONVERGED: \(model.reason ?? model.message)"
      lines.append(
        "  " + model.name.padding(toLength: 12, withPad: " ", startingAt: 0) + parameters
          + "  (log-likelihood \(String(format: "%.2f", model.logLikelihood)))" + status)
    }
    for (key, reason) in failures {
      lines.append("  \(key): not fitted: \(reason)")
    }
    if let best = models.first(where: { $0.key == bestFit }), let aic = best.aic {
      let others = models.filter { $0.converged && $0.key != best.key && $0.aic != nil }
        .map { "\($0.name) \(String(format: "%.2f", $0.aic ?? 0))" }
      lines.append(
        "  best fit: \(best.name) (log-likelihood \(String(format: "%.2f", best.logLikelihood)), "
          + "AIC \(String(format: "%.2f", aic))"
          + (others.isEmpty
            ? "" : "; AIC of the other converged models: " + others.joined(separator: ", "))
          + ")")
    } else if !isDiscrete, !models.isEmpty {
      lines.append("  best fit: none (no purchase model converged)")
    }
    for warning in warnings {
      lines.append("  warning: \(warning)")
    }
    // A weighted count may be fractional (or, from a summary, as large as 2⁵³): printed by
    // NumberText, never converted to an Int.
    let clientsText = NumberText.decimal(clients, places: 1, dropsTrailingZeros: true)
    lines.append("")
    if let chosenModel, let expectedAlive, let expectedPurchases {
      lines.append("  per-client figures from \(chosenModel)")
      lines.append(
        "  expected alive now    \(String(format: "%.1f", expectedAlive)) of \(clientsText) "
          + "(\(String(format: "%.1f%%", clients > 0 ? expectedAlive / clients * 100 : 0)))")
      lines.append(
        "  expected purchases    \(String(format: "%.1f", expectedPurchases)) in the next "
          + "\(String(format: "%g", horizon)) \(unitName)")
    } else {
      lines.append("  per-client figures: none (no converged model to base them on)")
    }
    if let totalLifetimeValue {
      let months = lifetimeValueSettings?.months ?? 12
      lines.append(
        "  lifetime value (CLV)  \(String(format: "%.2f", totalLifetimeValue)) over \(months) "
          + (months == 1 ? "month" : "months"))
      if let settings = lifetimeValueSettings {
        lines.append(
          "                        discounted \(NumberText.percent(settings.discountRatePerMonth, places: 2)) a month, "
            + "a month of \(NumberText.decimal(settings.daysPerMonth, places: 4, dropsTrailingZeros: true)) days"
        )
      }
    }
    if let holdoutActual {
      lines.append("")
      lines.append(
        "  holdout: \(NumberText.grouped(holdoutActual)) purchase days happened; predicted:")
      for model in holdout {
        lines.append(
          "    \(model.key.padding(toLength: 10, withPad: " ", startingAt: 0))\(String(format: "%.1f", model.predicted))"
            + (model.converged ? "" : "  (not converged)"))
      }
      lines.append("  holdout error per model (per-client mean absolute, total):")
      for model in holdout {
        lines.append(
          "    \(model.key.padding(toLength: 10, withPad: " ", startingAt: 0))"
            + String(format: "%.3f  %+.1f", model.meanAbsoluteError, model.totalError))
      }
      if let best = bestHoldout {
        lines.append(
          "  best holdout prediction: \(best.key) (per-client mean absolute error "
            + "\(String(format: "%.3f", best.meanAbsoluteError)), total error "
            + "\(String(format: "%+.1f", best.totalError)))")
      } else {
        lines.append("  best holdout prediction: none (no purchase model converged)")
      }
    }
    if let atRisk {
      lines.append("")
      lines.append(
        "  At risk: \(NumberText.grouped(atRisk.count)) clients late against their own rhythm "
          + "and probably gone, \(String(format: "%.2f", atRisk.totalValueAtRisk)) at risk in "
          + "total")
      if !atRisk.clients.isEmpty {
        lines.append("    client        value at risk   P(alive)   overdue   why")
      }
      for client in atRisk.clients.prefix(10) {
        let value = String(format: "%.2f", client.valueAtRisk)
        let alive = client.probabilityAlive.map { String(format: "%.1f%%", $0 * 100) } ?? "–"
        let overdue = client.overdue.map { String(format: "%.1f×", $0) } ?? "–"
        lines.append(
          "    " + client.id.padding(toLength: 12, withPad: " ", startingAt: 0)
            + String(repeating: " ", count: max(0, 15 - value.count)) + value
            + String(repeating: " ", count: max(0, 11 - alive.count)) + alive
            + String(repeating: " ", count: max(0, 10 - overdue.count)) + overdue
            + "   " + client.reason)
      }
    } else if !slipping.isEmpty {
      lines.append("")
      let ranking = slipping.contains { $0.pastValue != nil } ? "high past value" : "most repeats"
      lines.append("  Probably gone silently (\(ranking), P(alive) < 50%)")
      lines.append("    client        past value   P(alive)   repeats   days since last")
      for client in slipping {
        let since = client.daysSinceLastPurchase.map { String($0) } ?? "–"
        let past = client.pastValue.map { String(format: "%.2f", $0) } ?? "–"
        lines.append(
          "    " + client.id.padding(toLength: 12, withPad: " ", startingAt: 0)
            + String(repeating: " ", count: max(0, 12 - past.count)) + past
            + String(
              format: " %9.1f%% %9d ", client.probabilityAlive * 100, client.frequency)
            + String(repeating: " ", count: max(0, 17 - since.count)) + since)
      }
    }
    return lines
  }

  func jsonMembers() -> [(String, JSON)] {
    var modelMembers: [(String, JSON)] = []
    for model in models {
      var fields = model.parameters.map { ($0.0, JSON.number($0.1)) }
      fields.append(("logLikelihood", .number(model.logLikelihood)))
      if let aic = model.aic { fields.append(("aic", .number(aic))) }
      fields.append(("converged", .bool(model.converged)))
      fields.append(("iterations", .int(model.iterations)))
      if !model.converged { fields.append(("reason", .string(model.reason ?? model.message))) }
      if let limit = model.limit {
        fields.append(
          (
            "limit",
            .object(
              [("model", JSON.string(limit.key))] + limit.parameters.map { ($0.0, .number($0.1)) }
                + [
                  ("logLikelihood", .number(limit.logLikelihood)),
                  ("converged", .bool(limit.converged)),
                ])
          ))
      }
      modelMembers.append((model.key, .object(fields)))
    }
    var members: [(String, JSON)] = [
      ("models", .object(modelMembers)),
      (
        "retention",
        .object([
          ("model", chosenModel.map(JSON.string) ?? .null),
          ("bestFit", bestFit.map(JSON.string) ?? .null),
          ("horizon", .number(horizon)),
          ("expectedAlive", expectedAlive.map(JSON.number) ?? .null),
          ("expectedPurchases", expectedPurchases.map(JSON.number) ?? .null),
          ("lifetimeValue", totalLifetimeValue.map(JSON.money) ?? .null),
          (
            "lifetimeValueSettings",
            lifetimeValueSettings.map { settings in
              JSON.object([
                ("months", .int(settings.months)),
                ("discountRatePerMonth", .number(settings.discountRatePerMonth)),
                ("daysPerMonth", .number(settings.daysPerMonth)),
              ])
            } ?? .null
          ),
          (
            "notFitted",
            .object(failures.map { ($0.0, JSON.string($0.1)) })
          ),
          (
            "probablyGone",
            .array(
              slipping.map {
                .object([
                  ("client", .string($0.id)), ("pastValue", $0.pastValue.map(JSON.money) ?? .null),
                  ("pAlive", .number($0.probabilityAlive)), ("x", .int($0.frequency)),
                ])
              })
          ),
        ])
      ),
    ]
    members.append(
      (
        "atRisk",
        .array(
          (atRisk?.clients ?? []).map { client in
            .object([
              ("client_id", .string(client.id)), ("value", .money(client.valueAtRisk)),
              ("pAlive", client.probabilityAlive.map(JSON.number) ?? .null),
              ("overdue", client.overdue.map(JSON.number) ?? .null),
              ("reason", .string(client.reason)),
            ])
          })
      ))
    if let atRisk {
      members.append(
        (
          "valueAtRisk",
          .object([
            ("clients", .int(atRisk.count)), ("total", .money(atRisk.totalValueAtRisk)),
          ])
        ))
    }
    if let holdoutActual {
      members.append(
        (
          "holdout",
          .object([
            ("actual", .int(holdoutActual)),
            ("predicted", .object(holdout.map { ($0.key, JSON.number($0.predicted)) })),
            (
              "meanAbsoluteError",
              .object(holdout.map { ($0.key, JSON.number($0.meanAbsoluteError)) })
            ),
            ("totalError", .object(holdout.map { ($0.key, JSON.number($0.totalError)) })),
            ("best", bestHoldout.map { JSON.string($0.key) } ?? .null),
          ])
        ))
    }
    return members
  }
}

extension SegmentsReport {
  /// The segments section as lines of text.
  func textLines() -> [String] {
    var lines: [String] = []
    let total = abc.reduce(0) { $0 + $1.clients }
    let value = abc.reduce(0.0) { $0 + $1.value }
    func share(_ part: Int) -> String {
      total == 0 ? "0.0%" : String(format: "%.1f%%", Double(part) / Double(total) * 100)
    }
    lines.append("Segments")
    lines.append(
      "  ABC by net spend \(abcWindow.lowerBound)...\(abcWindow.upperBound) "
        + "(A: first 80% of value, B: next 15%)")
    for (label, clients, spend) in abc {
      let valueShare = value > 0 ? String(format: "%.1f%%", spend / value * 100) : "–"
      lines.append(
        "    \(label)  \(NumberText.grouped(clients).padding(toLength: 10, withPad: " ", startingAt: 0))"
          + "\(share(clients).padding(toLength: 8, withPad: " ", startingAt: 0)) of clients, "
          + "\(valueShare) of value")
    }
    lines.append("  XYZ of monthly spend, last 12 whole months (X: CV ≤ 10%, Y: ≤ 25%)")
    lines.append(
      "    " + xyz.map { "\($0.label) \(NumberText.grouped($0.clients))" }.joined(separator: ", "))
    lines.append("  ABC × XYZ (clients)      X         Y         Z   unclassified")
    for (index, row) in grid.enumerated() {
      let label = abc[index].label
      lines.append(
        "    \(label)          "
          + row.map { NumberText.grouped($0).leftPadded(to: 10) }.joined())
    }
    lines.append("  RFM segments")
    for (label, clients) in rfm where clients > 0 {
      lines.append(
        "    \(label.padding(toLength: 20, withPad: " ", startingAt: 0))"
          + "\(NumberText.grouped(clients).leftPadded(to: 10))  \(share(clients))")
    }
    if let movements, let previousSource {
      lines.append("  ABC since the previous run (\(previousSource))")
      lines.append(
        "    upgrades \(NumberText.grouped(movements[.upgrade])), "
          + "downgrades \(NumberText.grouped(movements[.downgrade])), stable \(NumberText.grouped(movements[.stable])), "
          + "new \(NumberText.grouped(movements[.entry])), gone \(NumberText.grouped(movements[.exit]))"
      )
      for move in notableMoves { lines.append("    \(move)") }
    }
    return lines
  }

  /// The `segments` member of the JSON report.
  func json() -> JSON {
    var members: [(String, JSON)] = [
      ("abc", .object(abc.map { ($0.label, JSON.int($0.clients)) })),
      ("abcValue", .object(abc.map { ($0.label, JSON.money($0.value)) })),
      (
        "abcWindow",
        .object([
          ("from", .string(abcWindow.lowerBound.iso8601)),
          ("to", .string(abcWindow.upperBound.iso8601)),
        ])
      ),
      ("xyz", .object(xyz.map { ($0.label, JSON.int($0.clients)) })),
      ("rfm", .object(rfm.map { ($0.label, JSON.int($0.clients)) })),
    ]
    if let movements {
      members.append(
        (
          "abcMovements",
          .object([
            ("upgrades", .int(movements[.upgrade])), ("downgrades", .int(movements[.downgrade])),
            ("stable", .int(movements[.stable])), ("entries", .int(movements[.entry])),
            ("exits", .int(movements[.exit])),
          ])
        ))
    }
    return .object(members)
  }
}

extension String {
  /// The text right-aligned in a field of `width` characters.
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
