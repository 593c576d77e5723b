/// What a ``BarrierPolicy`` weighs for every client: the services it uses and what it is
/// worth, over one row space.
///
/// The value is the host's measure of what a client is worth — a lifetime value from a
/// converged model, a yearly spend, a margin — one number per row of the usage, in the same
/// order. The policy decides from it who counts as high value.
///
/// ```swift
/// let usage = try ServiceUsage(clients: table.clients, uses: uses)
/// let evidence = try BarrierEvidence(usage: usage, value: scores.lifetimeValue)
/// let barriers = StandardBarriers.standard.barriers(in: evidence)
/// ```
public struct BarrierEvidence<ID: Hashable & Sendable>: Sendable {
  /// Each client's services; its row space is the evidence's.
  public let usage: ServiceUsage<ID>
  /// What each row is worth, finite, in the usage's row order.
  public let value: ContiguousArray<Double>

  /// Gathers the evidence, checking that it lines up.
  ///
  /// - Parameters:
  ///   - usage: Each client's services.
  ///   - value: What each row of `usage` is worth, in its order: a lifetime value, a yearly
  ///     spend. Negative values are allowed (refunds beyond purchases); a client worth 0 or
  ///     less is never high value.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` naming `value` when it has
  ///   another number of entries than the usage has rows, and
  ///   ``RetentionError/invalidHistory(row:reason:)`` for a row whose value is not finite.
  /// - Complexity: O(*n*).
  public init(usage: ServiceUsage<ID>, value: some Sequence<Double>) throws(RetentionError) {
    let value = ContiguousArray(value)
    guard value.count == usage.count else {
      throw .invalidParameter(
        "value", reason: "has \(value.count) entries for \(usage.count) clients")
    }
    for row in value.indices where !value[row].isFinite {
      throw .invalidHistory(row: row, reason: "value \(value[row]) is not finite")
    }
    self.usage = usage
    self.value = value
  }

  /// The row space: the usage's clients.
  public var clients: ClientIndex<ID> { usage.clients }

  /// The number of clients.
  public var count: Int { usage.count }
}
