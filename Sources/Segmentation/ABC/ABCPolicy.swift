/// A rule that sorts clients into the A, B and C classes by a measure of their value.
///
/// The default, ``StandardABC``, follows an ``ABCRule``: by value share (reached as
/// `.standard`: A is the clients who make the first 80% of the value, B the next 15%) or by
/// rank (reached as `.byRank`: A is the top 5% of clients, B the next 15%). A host replaces it
/// with its own value type, building its result with
/// ``ABCClassification/init(measure:rule:measureName:classOfRow:)``.
///
/// ```swift
/// let spend = try ClientValues.spend(in: log, over: lastYear)
/// let abc = StandardABC.standard.classification(of: spend)
/// abc.counts[.a]            // how many A clients
/// abc.reason(forRow: 0)     // "A: clients above it make 12% of value (A ends at 80%, B at 95%)"
/// ```
///
/// Invariants every conformer must keep (`ABCLaws.violations(of:on:seed:)` in
/// ClientBaseTesting checks them):
/// - every client gets exactly one class, in a column over the input's row space;
/// - more value never gives a lower class, and clients with equal values get equal classes;
/// - the classes depend on the clients and their values, not on the order of the rows;
/// - the result is a pure function of the input (no clock, no randomness).
public protocol ABCPolicy: Sendable {
  /// Classifies every client.
  ///
  /// The input is valid by construction (finite values, each client once), so the call does
  /// not throw; an empty input gives an empty classification.
  ///
  /// - Parameter values: The measure (spend, margin, deposits...) of each client.
  /// - Returns: One class per row of `values`, over its row space.
  func classification<ID>(of values: ClientValues<ID>) -> ABCClassification<ID>
}
