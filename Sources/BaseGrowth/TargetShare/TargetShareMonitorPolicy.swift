/// A rule that reviews how a base is being built: the share of target clients over time,
/// where the new clients and the acquisition effort came from, and the typical mistakes.
///
/// The default, ``StandardTargetShareMonitor`` (reached as `.standard`), judges the share with
/// Segmentation's `TargetShareBands` (healthy from 70%) and flags the three mistakes of
/// building a base — no clear target, effort aimed elsewhere, number over value — each with
/// the figures behind it. A host replaces the thresholds, or writes its own rule, building its
/// result with ``TargetShareReview/init(periods:bands:flags:)``.
///
/// ```swift
/// let mix = try TargetMix(table: table, targets: targetIDs, values: margins)
/// let review = try StandardTargetShareMonitor.standard.review(
///   mix, contacts: contacts, asOf: asOf, period: period, periods: 12)
/// review.reason
/// for flag in review.flags { print(flag.mistake, flag.reason) }
/// ```
///
/// Invariants every conformer must keep (`TargetShareMonitorLaws.violations(of:on:contacts:asOf:period:)`
/// in `ClientBaseTesting` checks them):
/// - **counts**: each period's base holds every client who joined by its last day, its
///   targets are among them, and the new clients of the periods add up to the growth of the
///   base;
/// - **shares**: every share is within 0...1;
/// - **order**: the review does not depend on the order of the contacts.
public protocol TargetShareMonitorPolicy: Sendable {
  /// Reviews the base over the `periods` characteristic periods up to `asOf`.
  ///
  /// - Parameters:
  ///   - mix: Which clients and prospects are targets, when each client joined, and values.
  ///   - contacts: The host's contacts (for the acquisition effort); may be empty.
  ///   - asOf: The last day of the last period.
  ///   - period: The characteristic period.
  ///   - periods: How many periods to review, at least 1.
  /// - Returns: The review.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a count of periods out of
  ///   range.
  func review<ID>(
    _ mix: TargetMix<ID>, contacts: some Sequence<Contact<ID>>, asOf: Day,
    period: CharacteristicPeriod, periods: Int
  ) throws(GrowthError) -> TargetShareReview
}

extension TargetShareMonitorPolicy where Self == StandardTargetShareMonitor {
  /// Healthy from 70% target clients, a target no clearer than 95% of everyone, effort
  /// focused from 70%, and a 10% fall in value per new client.
  public static var standard: Self { .defaults }
}
