public import ClientBaseCore

/// A rule that says who at the company deals with a client: which contacts count, over which
/// days, and whether the client's owner counts without contacts.
///
/// The default, ``StandardCoverage`` (reached as `.standard`), counts the contacts of the last
/// 365 days up to the as-of day that reached the client personally (every outcome but
/// not-reached, every channel but mailings), plus the owner. A host replaces it with its own
/// value type; the whole-base pass, ``coverage(of:threadCount:)``, is the same engine for
/// every rule and asks the rule about each distinct ``ContactKind`` once, so a host's rule
/// runs as fast as the default.
///
/// ```swift
/// /// Only meetings and calls that got through count, over two years.
/// struct FaceTime: CoveragePolicy {
///   func countedDays(asOf: Day) -> ClosedRange<Day> { asOf.adding(days: -729)...asOf }
///   func counts(_ kind: ContactKind) -> Bool {
///     [.inPerson, .phone].contains(kind.channel) && kind.outcome != .notReached
///   }
///   var countsOwner: Bool { true }
/// }
/// let coverage = FaceTime().coverage(of: input, threadCount: 2)
/// ```
///
/// Invariants every conformer must keep (the engine builds the rest):
/// - ``countedDays(asOf:)`` ends on or before the as-of day: a coverage as of a day does not
///   rest on contacts after it;
/// - the answers are pure: the same kind and day give the same answer every time.
///
/// `CoverageLaws` in `ClientBaseTesting` checks these, and that the engine's result agrees
/// with the rule client by client, whatever the order of the input and the thread count.
public protocol CoveragePolicy: Sendable {
  /// The days whose contacts count, for a coverage as of `asOf`.
  ///
  /// - Parameter asOf: The as-of day.
  /// - Returns: The days, ending on or before `asOf`.
  func countedDays(asOf: Day) -> ClosedRange<Day>

  /// Whether a contact of this kind shows that its manager deals with the client.
  ///
  /// - Parameter kind: The contact's manager, channel and outcome.
  /// - Returns: `true` when it counts.
  func counts(_ kind: ContactKind) -> Bool

  /// Whether a client's owner deals with the client whether or not they have a counted
  /// contact.
  var countsOwner: Bool { get }
}

extension CoveragePolicy where Self == StandardCoverage {
  /// The default coverage rule: contacts of the last 365 days up to the as-of day, every
  /// outcome but not-reached, every channel but mailings, plus the owner.
  public static var standard: Self { .defaults }
}
