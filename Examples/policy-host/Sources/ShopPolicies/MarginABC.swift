public import ClientBase

/// ABC by gross margin, the way a wholesaler ranks its clients: the clients who make the first
/// 80% of the margin are A, as in the standard rule, and so is every client whose margin alone
/// reaches a floor — a large account stays A even in a year when a few giants dominate.
///
/// ```swift
/// let margins = try ClientValues(ids: ids, values: marginColumn)
/// let abc = try MarginABC(floor: 10_000).classification(of: margins)
/// abc.reason(forRow: 2)   // "A: first 80% of margin, or margin of at least 10,000; rank 3 of 5 by margin"
/// ```
public struct MarginABC: ABCPolicy {
  /// The margin that makes a client A whatever the shares say.
  public let floor: Double
  /// The value-share rule for everyone else.
  public let shares: StandardABC

  /// Creates the policy, checking its settings once.
  ///
  /// - Parameters:
  ///   - floor: The margin that makes a client A; positive and finite.
  ///   - shares: The rule for the other clients; the standard value-share rule by default.
  /// - Throws: `SegmentationError.invalidParameter` for a floor that is not positive and
  ///   finite.
  public init(floor: Double, shares: StandardABC = .standard) throws(SegmentationError) {
    guard floor.isFinite, floor > 0 else {
      throw .invalidParameter("floor", reason: "must be positive and finite, got \(floor)")
    }
    self.floor = floor
    self.shares = shares
  }

  /// Classifies every client by margin: A from the floor up, the value-share class otherwise.
  ///
  /// - Parameter margins: Each client's margin.
  /// - Returns: One class per row of `margins`.
  /// - Complexity: That of the value-share rule, plus one pass.
  public func classification<ID>(of margins: ClientValues<ID>) -> ABCClassification<ID> {
    let byShare = shares.classification(of: margins)
    let floor = floor
    let others: String
    switch shares.rule {
    case .valueShare(let a, _): others = "first \(NumberText.percent(a)) of margin"
    case .rank(let a, _): others = "top \(NumberText.percent(a)) of clients by margin"
    case .custom(let description): others = description
    }
    let rule = ABCRule.custom(
      "\(others), or margin of at least \(NumberText.decimal(floor, places: 0))")
    return ABCClassification(measure: margins, rule: rule, measureName: "margin") { row in
      margins.values[row] >= floor ? .a : byShare.classes[row]
    }
  }
}
