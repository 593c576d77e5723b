/// ABC by cumulative share of value (the Pareto form): A is the clients who together make the
/// first 80% of the value, B those who make the next 15%, C the rest.
///
/// Picture the clients in descending order of value and a running total. A client belongs to
/// A when the clients strictly above it make less than ``aValueShare`` of the total value, so
/// the client who crosses 80% is still A; likewise for B with ``aValueShare`` +
/// ``bValueShare``.
///
/// Ties: the test looks only at clients with *strictly* greater value, so clients with equal
/// values always share a class, and a tie group that straddles a cut-off goes whole into the
/// higher class. The classes therefore depend only on the values, never on the order of the
/// rows.
///
/// Clients with no positive value (zero, or net refunds) make no share of the value: they are
/// always C, and the shares are shares of the positive total. When every client has the same
/// positive value, every client is A (each tie group starts at a share of 0%). An empty base
/// gives an empty classification.
///
/// Sums are exact: values are rounded to a fixed point of 2⁻⁵³ of the largest value and added
/// in 128-bit integers, so the order of addition cannot move a client across a cut-off.
public struct ABCByValueShare: ABCPolicy, Hashable, Codable {
  /// The share of value the A clients make, in `(0, 1]`; 0.80 by default.
  public var aValueShare: Double
  /// The share of value the B clients make after A, in `[0, 1 − aValueShare]`; 0.15 by
  /// default, so B ends at 95%.
  public var bValueShare: Double

  /// Creates the policy.
  ///
  /// - Parameters:
  ///   - aValueShare: The share of value A makes; 0.80 by default.
  ///   - bValueShare: The share of value B makes after A; 0.15 by default.
  public init(aValueShare: Double = 0.80, bValueShare: Double = 0.15) {
    self.aValueShare = aValueShare
    self.bValueShare = bValueShare
  }

  /// Classifies every client by the cumulative share of value above it.
  ///
  /// - Parameter values: The measure of each client; any finite values.
  /// - Returns: One class per row.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` when the shares are not
  ///   in range or add up to more than 100%.
  /// - Complexity: O(*n*) expected: a histogram of the values with exact partial sums and a
  ///   selection inside the two buckets that hold the cut-offs; no sort.
  public func classification<ID>(of values: ClientValues<ID>) throws(SegmentationError)
    -> ABCClassification<ID>
  {
    let (aEnd, bEnd) = try ABCCutoffCheck.cumulativeShares(
      a: aValueShare, b: bValueShare, names: ("aValueShare", "bValueShare"))
    let rule = ABCRule.valueShare(a: aValueShare, b: bValueShare)
    guard
      let cutoffs = ValueClassKernels.shareCutoffs(values.values, shares: [aEnd, bEnd])
    else {
      return ABCClassification(
        trustedMeasure: values, classes: ContiguousArray(repeating: .c, count: values.count),
        rule: rule)
    }
    let (aCutoff, bCutoff) = (cutoffs[0], cutoffs[1])
    return ABCClassification(
      trustedMeasure: values,
      classes: ABCCutoffCheck.classes(values.values, aCutoff: aCutoff, bCutoff: bCutoff),
      rule: rule)
  }
}

/// Checks and applies the cut-offs both ABC policies share.
enum ABCCutoffCheck {
  /// Validates the A and B widths and returns where A and B end.
  static func cumulativeShares(a: Double, b: Double, names: (String, String))
    throws(SegmentationError) -> (aEnd: Double, bEnd: Double)
  {
    guard a > 0, a <= 1 else {
      throw .invalidParameter(names.0, reason: "must be in (0, 1], got \(a)")
    }
    guard b >= 0, b <= 1 else {
      throw .invalidParameter(names.1, reason: "must be in [0, 1], got \(b)")
    }
    let sum = a + b
    guard sum <= 1 + 1e-12 else {
      throw .invalidParameter(
        names.1, reason: "A and B together take \(sum * 100)%, more than 100%")
    }
    return (a, Swift.min(sum, 1))
  }

  /// One class per value: A from `aCutoff` up, B from `bCutoff` up, and C for the rest.
  ///
  /// Both cut-offs are positive values or infinity, so a value that is not positive is
  /// always C.
  static func classes(_ values: ContiguousArray<Double>, aCutoff: Double, bCutoff: Double)
    -> ContiguousArray<ABCClass>
  {
    let byRank: ContiguousArray<ABCClass> = [.c, .b, .a]
    var classes = ContiguousArray<ABCClass>(repeating: .c, count: values.count)
    classes.withUnsafeMutableBufferPointer { out in
      values.withUnsafeBufferPointer { source in
        byRank.withUnsafeBufferPointer { byRank in
          for row in source.indices {
            let value = source[row]
            // A table look-up instead of branches, which shuffled clients would mispredict.
            out[row] = byRank[(value >= bCutoff ? 1 : 0) + (value >= aCutoff ? 1 : 0)]
          }
        }
      }
    }
    return classes
  }
}
