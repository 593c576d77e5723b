/// A rule that reads the acquisition funnel from the host's contacts and purchases: who is a
/// prospect, which outcomes count as reached and interested.
///
/// The default, ``StandardFunnel`` (reached as `.standard`), counts every contact with
/// someone who had not bought before that day as an acquisition call, "not reached" as the
/// only outcome that does not reach, and "interested" and "sale" as interest. A host with its
/// own outcomes replaces the sets, or writes its own rule, building its result with
/// ``AcquisitionFunnel/init(from:through:calls:callDays:stageCounts:clientContacts:confidence:)``.
///
/// ```swift
/// let table = try Summarizer().summarize(log, through: asOf)
/// let funnel = try StandardFunnel.standard.funnel(
///   of: contacts, clients: table, from: try Day(iso8601: "2026-10-01"), through: asOf)
/// ```
///
/// Invariants every conformer must keep (`FunnelLaws.violations(of:contacts:clients:from:through:seed:)`
/// in `ClientBaseTesting` checks them on a host's contacts):
/// - **nested stages**: no stage counts more prospects than the one before, and the
///   contacted prospects are at most the calls;
/// - **in the window**: contacts outside `from...through` change nothing;
/// - **order**: the funnel does not depend on the order of the contacts.
public protocol FunnelPolicy: Sendable {
  /// Reads the funnel of the contacts from `from` through `through`.
  ///
  /// - Parameters:
  ///   - contacts: The host's contacts, in any order; those outside the window are ignored.
  ///   - clients: The per-client summary of the purchases, summarised through `through` (a
  ///     contacted id that is not a row never bought).
  ///   - from: The first day counted.
  ///   - through: The last day counted.
  /// - Returns: The funnel.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` when `through` is before `from`.
  func funnel<ID>(
    of contacts: some Sequence<Contact<ID>>, clients: ClientTable<ID>, from: Day, through: Day
  ) throws(GrowthError) -> AcquisitionFunnel
}

extension FunnelPolicy where Self == StandardFunnel {
  /// Every contact with a prospect is a call; any outcome but "not reached" reaches;
  /// "interested" and "sale" show interest; 95% intervals.
  public static var standard: Self { .defaults }
}
