/// A rule that sorts clients into the A, B and C classes by a measure of their value.
///
/// Two conformers ship: ``ABCByValueShare`` (the default, reached as `.standard`: A is the
/// clients who make the first 80% of the value, B the next 15%) and ``ABCByRank`` (reached as
/// `.byRank`: A is the top 5% of clients, B the next 15%). A host replaces either with its own
/// value type.
///
/// ```swift
/// let spend = try ClientValues.spend(in: log, over: lastYear)
/// let abc = try ABCByValueShare.standard.classification(of: spend)
/// abc.counts[.a]            // how many A clients
/// abc.reason(forRow: 0)     // "A: clients above it make 12% of value (A ends at 80%, B at 95%)"
/// ```
///
/// Invariants every conformer must keep (`ValueClassLaws.abcViolations` in ClientBaseTesting
/// checks them):
/// - every client gets exactly one class, in a column aligned with the input rows;
/// - more value never gives a lower class, and clients with equal values get equal classes;
/// - the classes depend on the clients and their values, not on the order of the rows;
/// - the result is a pure function of the input (no clock, no randomness).
public protocol ABCPolicy: Sendable {
  /// Classifies every client.
  ///
  /// - Parameter values: The measure (spend, margin, deposits...) of each client.
  /// - Returns: One class per row of `values`, in the same order.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` when the policy's own
  ///   settings are unusable; conformers document any other case.
  func classification<ID>(of values: ClientValues<ID>) throws(SegmentationError)
    -> ABCClassification<ID>
}

extension ABCPolicy where Self == ABCByValueShare {
  /// The value-share ABC with its defaults: A makes the first 80% of value, B the next 15%.
  public static var standard: Self { ABCByValueShare() }
}

extension ABCPolicy where Self == ABCByRank {
  /// The rank ABC with its defaults: A is the top 5% of clients by value, B the next 15%.
  public static var byRank: Self { ABCByRank() }
}
