public import ClientBaseCore

/// The target-profile assessment of a whole base: columns over the profiles' row space, the
/// target share and reasons on demand.
///
/// Made by ``TargetProfilePolicy/evaluation(of:bands:)``. As a `ClassifiedResult` its entry
/// is each client's ``TargetAssessment`` and its label the segment label offer packages are
/// keyed by: the scale is `"target"` then `"non-target"` (``OfferPackages/targetLabel``,
/// ``OfferPackages/nonTargetLabel``), and every client has one.
///
/// ```swift
/// let evaluation = profile.evaluation(of: profiles)
/// evaluation[client: "c-17"]?.fit     // 0.85
/// evaluation.counts["target"]         // the target clients
/// evaluation.targetShare.health       // .watch
/// ```
public struct TargetEvaluation<ID: Hashable & Sendable>: ClassifiedResult {
  /// The row space: the profiles'.
  public let clients: ClientIndex<ID>
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

  /// Creates an evaluation from an assessment per row: how a host policy that replaces the
  /// whole-base call returns its result.
  ///
  /// A fit that is not a finite number is recorded as 0 and a finite one clamped into 0…1, so
  /// a conformer that breaks its contract cannot leak NaN into the columns (the law check
  /// reports it).
  ///
  /// ```swift
  /// func evaluation<ID>(of profiles: ClientProfiles<ID>, bands: TargetShareBands)
  ///   -> TargetEvaluation<ID>
  /// {
  ///   let scored = warehouse.assessments(of: profiles.clients.ids)
  ///   return TargetEvaluation(
  ///     profiles: profiles, bands: bands, reason: { "fit \($0.fit)" },
  ///     assessmentOfRow: { scored[$0] })
  /// }
  /// ```
  ///
  /// - Parameters:
  ///   - profiles: The profiles that were assessed.
  ///   - bands: The bands that judge the target share.
  ///   - reason: The sentence explaining an assessment, for ``reason(forRow:)``.
  ///   - assessmentOfRow: The assessment of a row of `profiles`, asked once per row in order.
  /// - Complexity: O(*n*) calls of `assessmentOfRow`.
  public init(
    profiles: ClientProfiles<ID>, bands: TargetShareBands,
    reason: @escaping @Sendable (TargetAssessment) -> String,
    assessmentOfRow: (_ row: Int) -> TargetAssessment
  ) {
    let count = profiles.count
    var fits = ContiguousArray<Double>()
    var isTarget = ContiguousArray<Bool>()
    var met = ContiguousArray<TargetCriteriaSet>()
    var missing = ContiguousArray<TargetCriteriaSet>()
    fits.reserveCapacity(count)
    isTarget.reserveCapacity(count)
    met.reserveCapacity(count)
    missing.reserveCapacity(count)
    var targets = 0
    for row in 0..<count {
      let assessment = assessmentOfRow(row)
      fits.append(assessment.fit.isFinite ? min(1, max(0, assessment.fit)) : 0)
      isTarget.append(assessment.isTarget)
      met.append(assessment.met)
      missing.append(assessment.missing)
      if assessment.isTarget { targets += 1 }
    }
    let share = count > 0 ? Double(targets) / Double(count) : 0
    self.clients = profiles.clients
    self.fits = fits
    self.isTarget = isTarget
    self.met = met
    self.missing = missing
    self.targetShare = TargetShare(
      targetCount: targets, clientCount: count, share: share,
      health: bands.health(ofShare: share), bands: bands)
    self.render = reason
  }

  /// The assessment of one row: the row's entry.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> TargetAssessment { assessment(forRow: row) }

  /// The assessment of one row.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The row's assessment.
  public func assessment(forRow row: Int) -> TargetAssessment {
    TargetAssessment(fit: fits[row], isTarget: isTarget[row], met: met[row], missing: missing[row])
  }

  /// The segment labels: `"target"`, then `"non-target"`.
  public var scale: [String] { [OfferPackages.targetLabel, OfferPackages.nonTargetLabel] }

  /// A row's segment label, `"target"` or `"non-target"`; never `nil`.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The label.
  public func label(forRow row: Int) -> String? {
    isTarget[row] ? OfferPackages.targetLabel : OfferPackages.nonTargetLabel
  }

  /// The target and non-target clients, in that order; no client is unlabeled.
  ///
  /// - Complexity: O(1): the counting was done when assessing.
  public var counts: LabelCounts<String> {
    LabelCounts(
      scale: scale,
      counts: [targetShare.targetCount, targetShare.clientCount - targetShare.targetCount])
  }

  /// Why a row is or is not a target client.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The policy's reason text for the row.
  public func reason(forRow row: Int) -> String { render(assessment(forRow: row)) }

  /// The share of a measure held by target clients.
  ///
  /// Each value is matched to a row by client through an alignment of the two row spaces
  /// (nothing is looked up when they are the same); clients of the evaluation without a value
  /// count as zero.
  ///
  /// - Parameter values: A non-negative measure per client (spend, margin, balances).
  /// - Returns: The target clients' value, the total and the share (`nil` when the total is 0).
  /// - Throws: ``SegmentationError/negativeValue(at:value:)``, naming the client, for a
  ///   negative value (a share
  ///   of a measure that can be negative means nothing: clamp refunds first),
  ///   ``SegmentationError/unknownClients(count:example:)`` for values of clients the
  ///   evaluation does not hold, and ``SegmentationError/invalidParameter(_:reason:)`` when
  ///   the values sum past the largest finite number.
  /// - Complexity: O(*n*), plus one hash per value when the row spaces differ.
  public func valueShare(of values: ClientValues<ID>) throws(SegmentationError)
    -> TargetValueShare
  {
    for (row, value) in values.values.enumerated() where value < 0 {
      throw .negativeValue(at: .client(String(describing: values.ids[row]), row: row), value: value)
    }
    // For each value, the evaluation's row of its client.
    let rows = clients.alignment(to: values.clients)
    if !rows.isComplete {
      let unmatched = (0..<values.count).filter { rows.sourceRow(forRow: $0) == nil }
      throw .unknownClients(
        count: unmatched.count, example: String(describing: values.ids[unmatched[0]]))
    }
    var targetValue = 0.0
    var totalValue = 0.0
    for index in 0..<values.count {
      guard let row = rows.sourceRow(forRow: index) else { continue }
      totalValue += values.values[index]
      if isTarget[row] { targetValue += values.values[index] }
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
