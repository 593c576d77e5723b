/// A rule that hands a leaving manager's exposed clients over to the rest of the team.
///
/// The default, ``StandardHandover`` (reached as `.standard`), goes through the clients most
/// valuable first and gives each to someone with room: a person who already deals with the
/// client, else someone in the client's region, else the lightest load. A host replaces it
/// with its own value type, building its result with
/// ``HandoverPlan/init(exposure:decisions:)``, which checks the decisions and does the
/// bookkeeping (loads, totals, reasons):
///
/// ```swift
/// /// Everything to the team lead, as far as their capacity goes.
/// struct ToTheLead: HandoverPolicy {
///   let lead: ManagerID
///   func plan<ID>(for exposure: Exposure<ID>) -> HandoverPlan<ID> {
///     let team = exposure.coverage.team
///     guard let member = team.index(of: lead), member != exposure.member else {
///       return try! HandoverPlan(exposure: exposure, decisions: exposure.rows.map { _ in
///         .leave(.custom("no team lead to take it")) })
///     }
///     var load = exposure.coverage.managers[member].ownedClients
///     let decisions: [HandoverDecision] = exposure.rows.map { _ in
///       guard load < team[member].capacity else { return .leave(.noRoom) }
///       load += 1
///       return .assign(to: lead, ground: .custom("the team lead takes it"))
///     }
///     return try! HandoverPlan(exposure: exposure, decisions: decisions)
///   }
/// }
/// ```
///
/// Invariants every conformer must keep (the plan's initialiser enforces the first three):
/// - every exposed client is decided once: assigned to one manager or left unassigned, so
///   assigned + unassigned = exposed;
/// - no client goes to the leaving manager or to someone off the team;
/// - no manager ends above capacity: their clients before the hand-over plus those received
///   stay within their capacity;
/// - the plan is a pure function of the exposure: the same clients with the same coverage
///   give the same assignments whatever the order of the rows, the contacts and the roster.
///
/// `HandoverLaws` in `ClientBaseTesting` checks these on a host's rule.
public protocol HandoverPolicy: Sendable {
  /// Plans the hand-over of an exposure.
  ///
  /// The exposure is valid by construction (the leaving manager is on the team), so the call
  /// does not throw; an empty exposure gives an empty plan.
  ///
  /// - Parameter exposure: The leaving manager's exposed clients, most valuable first.
  /// - Returns: One decision per exposed client.
  func plan<ID>(for exposure: Exposure<ID>) -> HandoverPlan<ID>
}

extension HandoverPolicy where Self == StandardHandover {
  /// The default hand-over: most valuable first, to someone who already deals with the
  /// client, else someone in the client's region, else the lightest load, within capacity.
  public static var standard: Self { StandardHandover() }
}
