import ClientBaseCore

/// The target-profile assessment of a whole base: columns aligned with the input profiles, the
/// target share and reasons on demand.
///
/// Made by ``TargetProfilePolicy/evaluation(of:bands:)``. Row *i* is the *i*-th profile passed
/// in.
public struct TargetEvaluation<ID: Hashable & Sendable>: Sendable {
  /// The client of each row.
  public let ids: [ID]
  /// Each client's fit, in 0…1.
  public let fits: ContiguousArray<Double>
  /// Whether each client is a target client.
  public let isTarget: ContiguousArray<Bool>
  /// The criteria each client meets.
  public let met: ContiguousArray<TargetCriteriaSet>
  /// The criteria each client misses because its profile lacks the fact.
  public let missing: ContiguousArray<TargetCriteriaSet>
  /// The share of target clients and its health verdict.
  public let targetShare: TargetShare
  private let render: @Sendable (TargetAssessment) -> String

  init(
    ids: [ID], fits: ContiguousArray<Double>, isTarget: ContiguousArray<Bool>,
    met: ContiguousArray<TargetCriteriaSet>, missing: ContiguousArray<TargetCriteriaSet>,
    targetShare: TargetShare, render: @escaping @Sendable (TargetAssessment) -> String
  ) {
    self.ids = ids
    self.fits = fits
    self.isTarget = isTarget
    self.met = met
    self.missing = missing
    self.targetShare = targetShare
    self.render = render
  }

  /// The number of clients.
  public var count: Int { ids.count }

  /// The row of a client, or `nil` when it is not among the rows.
  ///
  /// - Parameter id: The client.
  /// - Returns: Its row.
  /// - Complexity: O(*n*): a scan, since no index is kept; build a dictionary for many
  ///   look-ups.
  public func row(for id: ID) -> Int? { ids.firstIndex(of: id) }

  /// The assessment of one row.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The row's assessment.
  public func assessment(forRow row: Int) -> TargetAssessment {
    TargetAssessment(fit: fits[row], isTarget: isTarget[row], met: met[row], missing: missing[row])
  }

  /// Why a row is or is not a target client.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The policy's reason text for the row.
  public func reason(forRow row: Int) -> String { render(assessment(forRow: row)) }

  /// The share of a measure held by target clients.
  ///
  /// Each value is matched to a row by client; clients of the evaluation without a value count
  /// as zero. When `values` lists the clients in the evaluation's order, no look-up is needed.
  ///
  /// - Parameter values: A non-negative measure per client (spend, margin, balances).
  /// - Returns: The target clients' value, the total and the share (`nil` when the total is 0).
  /// - Throws: ``SegmentationError/negativeValue(row:value:)`` for a negative value (a share
  ///   of a measure that can be negative means nothing: clamp refunds first), and
  ///   ``SegmentationError/unknownClients(count:example:)`` for values of clients the
  ///   evaluation does not hold.
  /// - Complexity: O(*n*), plus one hash look-up per value when the orders differ.
  public func valueShare(of values: ClientValues<ID>) throws(SegmentationError)
    -> TargetValueShare
  {
    for (row, value) in values.values.enumerated() where value < 0 {
      throw .negativeValue(row: row, value: value)
    }
    var targetValue = 0.0
    var totalValue = 0.0
    if values.ids == ids {
      for row in values.values.indices {
        totalValue += values.values[row]
        if isTarget[row] { targetValue += values.values[row] }
      }
    } else {
      var rows = [ID: Int](minimumCapacity: ids.count)
      for (row, id) in ids.enumerated() { rows[id] = row }
      var unknown = 0
      var example: ID?
      for (index, id) in values.ids.enumerated() {
        guard let row = rows[id] else {
          unknown += 1
          if example == nil { example = id }
          continue
        }
        totalValue += values.values[index]
        if isTarget[row] { targetValue += values.values[index] }
      }
      if let example {
        throw .unknownClients(count: unknown, example: String(describing: example))
      }
    }
    // Sums of finite non-negative values can still overflow to infinity.
    guard totalValue.isFinite else {
      throw .invalidParameter("values", reason: "their sum is not a finite number")
    }
    let share = totalValue > 0 ? min(1, targetValue / totalValue) : nil
    return TargetValueShare(targetValue: targetValue, totalValue: totalValue, share: share)
  }

  /// The offer package of a row, by its segment label.
  ///
  /// - Parameters:
  ///   - row: A row, `0..<count`.
  ///   - packages: The packages by segment label.
  /// - Returns: The row's package, or `nil` when its label has none.
  public func package(forRow row: Int, in packages: OfferPackages) -> OfferPackage? {
    packages.package(forSegment: assessment(forRow: row).segmentLabel)
  }
}
