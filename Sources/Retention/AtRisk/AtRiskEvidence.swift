/// What an ``AtRiskPolicy`` weighs for every client: the purchase rhythm, the spend from the
/// table, and — when a purchase model converged — its scores, all over one row space.
///
/// ```swift
/// let rhythm = StandardRhythm.standard.rhythm(of: days)
/// let scores = try model.scores(for: inputs, horizon: 52, spend: spend, value: value,
///                               fallbackSpend: 30)
/// let evidence = try AtRiskEvidence(rhythm: rhythm, table: table, scores: scores)
/// let list = StandardAtRisk.standard.atRisk(in: evidence)
/// ```
///
/// Pass scores only from a model whose fit converged (``FitVerdict``); without them the
/// policy judges on the rhythm alone.
public struct AtRiskEvidence<ID: Hashable & Sendable>: Sendable {
  /// Each client's purchase rhythm; its row space is the evidence's.
  public let rhythm: PurchaseRhythm<ID>
  /// Each row's net spend (purchases less refunds) from the table.
  public let netSpend: ContiguousArray<Double>
  /// Each row's P(alive), between 0 and 1, or empty when no model's scores were given.
  public let probabilityAlive: ContiguousArray<Double>
  /// Each row's lifetime value, or empty when the scores have none (or there are no scores).
  public let lifetimeValue: ContiguousArray<Double>
  /// Whether a purchase model's scores are part of the evidence.
  public let hasScores: Bool

  /// Gathers the evidence, checking that it lines up.
  ///
  /// - Parameters:
  ///   - rhythm: The purchase rhythm.
  ///   - table: The table the rhythm's purchase days were built over.
  ///   - scores: A converged purchase model's scores over the same clients, or `nil`.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` when the table or the scores
  ///   list other clients than the rhythm, or in another order, and
  ///   ``RetentionError/invalidHistory(row:reason:)`` for a row whose P(alive) is outside
  ///   0...1 or whose lifetime value or net spend is not finite.
  /// - Complexity: O(*n*).
  public init(rhythm: PurchaseRhythm<ID>, table: ClientTable<ID>, scores: ClientScores<ID>?)
    throws(RetentionError)
  {
    guard table.clients.isSameRowSpace(as: rhythm.clients) else {
      throw .invalidParameter(
        "table", reason: "lists other clients than the rhythm, or in another order")
    }
    if let scores, !scores.clients.isSameRowSpace(as: rhythm.clients) {
      throw .invalidParameter(
        "scores", reason: "list other clients than the rhythm, or in another order")
    }
    var spend = ContiguousArray<Double>()
    spend.reserveCapacity(table.count)
    for row in 0..<table.count {
      let net = table.grossSpend[row] - table.refunded[row]
      guard net.isFinite else {
        throw .invalidHistory(row: row, reason: "net spend \(net) is not finite")
      }
      spend.append(net)
    }
    let alive = scores?.probabilityAlive ?? []
    for row in alive.indices where !(alive[row] >= 0 && alive[row] <= 1) {
      throw .invalidHistory(row: row, reason: "P(alive) \(alive[row]) is outside 0...1")
    }
    let values = scores?.lifetimeValue ?? []
    // ClientScores checked the lengths against the same row space.
    for row in values.indices where !values[row].isFinite {
      throw .invalidHistory(row: row, reason: "lifetime value \(values[row]) is not finite")
    }
    self.rhythm = rhythm
    self.netSpend = spend
    self.probabilityAlive = alive
    self.lifetimeValue = values
    self.hasScores = scores != nil
  }

  /// The row space: the rhythm's clients.
  public var clients: ClientIndex<ID> { rhythm.clients }

  /// The number of clients.
  public var count: Int { rhythm.count }

}
