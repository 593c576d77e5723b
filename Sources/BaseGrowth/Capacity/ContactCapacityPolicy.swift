/// A rule that turns a growth target and the funnel's conversion into a manager's day: the
/// calls to make to meet the target, the clients one manager can keep in personal contact,
/// and the rest, who move to mailings and reminders.
///
/// The default, ``StandardContactCapacity`` (reached as `.standard`), takes the practice's
/// figures: 70 personal contacts a working day, five working days a week, one personal
/// contact per client per characteristic period. A host replaces the figures, or writes its
/// own rule returning a ``CapacityPlan``.
///
/// ```swift
/// let plan = try StandardContactCapacity.standard.plan(
///   for: target, interestedPerCall: 15.0 / 70, base: 400, managers: 1)
/// plan.acquisitionCallsPerDay   // 4.4 calls a day meet the √n target of 20 a month
/// plan.clientsPerManager        // 1,397 clients kept in personal contact
/// plan.mailingClients           // 0: nobody needs to move to mailings yet
/// ```
///
/// Invariants every conformer must keep (`ContactCapacityLaws.violations(of:target:)` in
/// `ClientBaseTesting` checks them):
/// - **the base splits**: personal and mailing clients add up to the base, neither negative;
/// - **conversion helps**: a higher interested-per-call rate never asks for more calls, and
///   no conversion at all gives no figure (`nil`) rather than an infinite one;
/// - **more managers help**: more managers never keep fewer clients in personal contact.
public protocol ContactCapacityPolicy: Sendable {
  /// Plans the managers' contacts for a target.
  ///
  /// - Parameters:
  ///   - target: The growth target, in new prospects per period.
  ///   - interestedPerCall: The share of acquisition calls that find an interested prospect,
  ///     within 0...1 (the funnel's ``AcquisitionFunnel/interestedPerCall``).
  ///   - base: The clients to keep in contact, 0 or more.
  ///   - managers: The managers sharing the work, 1 or more.
  /// - Returns: The plan, with its reason.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a rate outside 0...1 (a
  ///   negative rate included), a negative base or no manager.
  func plan(for target: GrowthTarget, interestedPerCall: Double, base: Int, managers: Int)
    throws(GrowthError) -> CapacityPlan
}

extension ContactCapacityPolicy where Self == StandardContactCapacity {
  /// 70 personal contacts a working day, 5 working days a week, one contact per client per
  /// period.
  public static var standard: Self { .defaults }
}
