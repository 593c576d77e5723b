import ClientBaseCore

/// The default ABC policy: A, B and C by cumulative share of value (the Pareto form) or by
/// rank, as its ``rule`` says.
///
/// **By value share** (``ABCRule/valueShare(a:b:)``, the default, reached as `.standard`: A
/// makes the first 80% of the value, B the next 15%). Picture the clients in descending order
/// of value and a running total. A client belongs to A when the clients strictly above it make
/// less than `a` of the total value, so the client who crosses 80% is still A; likewise for B
/// with `a + b`. Clients with no positive value make no share of the value: the shares are
/// shares of the positive total. When every client has the same positive value, every client
/// is A (each tie group starts at a share of 0%). Sums are exact: values are rounded to a fixed
/// point of 2⁻⁵³ of the largest value and added in 128-bit integers, so the order of addition
/// cannot move a client across a cut-off.
///
/// **By rank** (``ABCRule/rank(a:b:)``, reached as `.byRank`: A is the top 5% of clients, B
/// the next 15%). With *n* clients, A holds the ⌈`a` × *n*⌉ clients with the highest values
/// and A and B together the ⌈(`a` + `b`) × *n*⌉ highest (rounded up, so any non-empty base has
/// an A client; a product that is a whole number up to rounding error, such as 0.05 × 2,000,
/// counts as that number) — see ``aCount(forClients:)``. Clients with no positive value still
/// count in *n*, so A and B can hold fewer clients than their counts when fewer clients have
/// a positive value: being in the top 5% of a window in which most clients bought nothing must
/// not make a silent client A.
///
/// Under both rules, clients with no positive value (zero, or net refunds) are always C;
/// clients with equal values always share a class, and a tie group that straddles a cut-off
/// goes whole into the higher class, so the classes depend only on the values, never on the
/// row order. An empty base gives an empty classification.
///
/// ```swift
/// let abc = StandardABC.standard.classification(of: spend)
/// let top = try StandardABC(rule: .rank(a: 0.10, b: 0.20)).classification(of: spend)
/// ```
public struct StandardABC: ABCPolicy, Hashable, Codable {
  /// The rule and its cut-offs: ``ABCRule/valueShare(a:b:)`` or ``ABCRule/rank(a:b:)``, never
  /// ``ABCRule/custom(_:)``. `a` is in `(0, 1]`, `b` in `[0, 1]`, and `a + b` at most 1.
  public let rule: ABCRule

  /// Creates the policy, checking its rule.
  ///
  /// - Parameter rule: The rule; value share with A at 80% and B at 15% by default.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` for a custom rule (it has no
  ///   cut-offs to apply: a host's own rule is its own ``ABCPolicy``), an `a` outside
  ///   `(0, 1]`, a `b` outside `[0, 1]`, a share that is not a number, or shares that add up
  ///   to more than 100%.
  public init(rule: ABCRule = .valueShare(a: 0.80, b: 0.15)) throws(SegmentationError) {
    switch rule {
    case .valueShare(let a, let b):
      _ = try ABCCutoffs.cumulativeShares(a: a, b: b, names: ("valueShare a", "valueShare b"))
    case .rank(let a, let b):
      _ = try ABCCutoffs.cumulativeShares(a: a, b: b, names: ("rank a", "rank b"))
    case .custom(let description):
      throw .invalidParameter(
        "rule",
        reason:
          "custom rule '\(description)' has no cut-offs to apply; write an ABCPolicy for it")
    }
    self.init(unchecked: rule)
  }

  private init(unchecked rule: ABCRule) {
    self.rule = rule
  }

  private enum CodingKeys: String, CodingKey {
    case rule
  }

  /// Decodes a policy and checks it as ``init(rule:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``SegmentationError``
  ///   text when the rule fails the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let rule = try container.decode(ABCRule.self, forKey: .rule)
    self = try SegmentationError.checkedDecoding(decoder) { () throws(SegmentationError) in
      try StandardABC(rule: rule)
    }
  }

  /// Value share: A makes the first 80% of value, B the next 15%.
  static let valueShareDefaults = StandardABC(unchecked: .valueShare(a: 0.80, b: 0.15))

  /// Rank: A is the top 5% of clients, B the next 15%.
  static let rankDefaults = StandardABC(unchecked: .rank(a: 0.05, b: 0.15))

  /// The number of clients A takes in a base of `count` clients under a rank rule when no tie
  /// straddles its cut-off: ⌈`a` × `count`⌉.
  ///
  /// ```swift
  /// StandardABC.byRank.aCount(forClients: 2_000)     // 100
  /// StandardABC.standard.aCount(forClients: 2_000)   // nil: it depends on the values
  /// ```
  ///
  /// - Parameter count: The number of clients; a negative count gives 0.
  /// - Returns: The count, in `0...max(count, 0)`; `nil` under a value-share rule, whose
  ///   classes depend on how the value is spread, not on the number of clients alone.
  public func aCount(forClients count: Int) -> Int? {
    guard case .rank(let a, _) = rule else { return nil }
    return ValueClassKernels.clientCount(share: ValueClassKernels.clampedShare(a), of: count)
  }

  /// The number of clients A and B take together in a base of `count` clients under a rank
  /// rule when no tie straddles a cut-off: ⌈(`a` + `b`) × `count`⌉.
  ///
  /// - Parameter count: The number of clients; a negative count gives 0.
  /// - Returns: The count, in `0...max(count, 0)`; `nil` under a value-share rule, as for
  ///   ``aCount(forClients:)``.
  public func abCount(forClients count: Int) -> Int? {
    guard case .rank(let a, let b) = rule else { return nil }
    let share = ValueClassKernels.clampedShare(a) + ValueClassKernels.clampedShare(b)
    return ValueClassKernels.clientCount(share: Swift.min(share, 1), of: count)
  }

  /// Classifies every client by its rule.
  ///
  /// - Parameter values: The measure of each client; any finite values.
  /// - Returns: One class per row of `values`, over its row space.
  /// - Complexity: O(*n*) expected: a histogram of the values (with exact partial sums for
  ///   the value share) and a selection inside the buckets that hold the two cut-offs; no
  ///   sort.
  public func classification<ID>(of values: ClientValues<ID>) -> ABCClassification<ID> {
    let cutoffs: (a: Double, b: Double)
    switch rule {
    case .valueShare(let a, let b):
      cutoffs = ABCCutoffs.valueShare(values.values, aEnd: a, bEnd: Swift.min(a + b, 1))
    case .rank:
      cutoffs = ABCCutoffs.rank(
        values.values, aRank: aCount(forClients: values.count) ?? 0,
        abRank: abCount(forClients: values.count) ?? 0)
    case .custom:
      // The initialiser refuses a custom rule; were one here, nobody would be A or B.
      cutoffs = (.infinity, .infinity)
    }
    return ABCClassification(
      trustedMeasure: values,
      classes: ABCCutoffs.classes(values.values, aCutoff: cutoffs.a, bCutoff: cutoffs.b),
      rule: rule)
  }
}

extension ABCPolicy where Self == StandardABC {
  /// The value-share ABC with its defaults: A makes the first 80% of value, B the next 15%.
  public static var standard: Self { .valueShareDefaults }

  /// The rank ABC with its defaults: A is the top 5% of clients by value, B the next 15%.
  public static var byRank: Self { .rankDefaults }
}
