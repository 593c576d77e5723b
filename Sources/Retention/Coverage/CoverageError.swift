public import ClientBaseCore

/// Why relationship coverage or a hand-over plan could not be built from what the host passed
/// in.
///
/// Every case names what was wrong and where — a contact or a profile by its position in the
/// sequence given (from 0), so a command reading a file reports the line — and the cases are
/// stable: switch on them.
public enum CoverageError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A contact names a manager who is not on the team. `contact` is the position of the first
  /// such contact in the contacts the ``ContactLog`` was built from.
  case contactByUnknownManager(ManagerID, contact: Int)
  /// A profile names an owner who is not on the team. `profile` is the position of the
  /// profile in the profiles given.
  case ownerNotOnTeam(ManagerID, client: String, profile: Int)
  /// A client has a second profile; `profile` is the position of the repeat.
  case duplicateProfile(client: String, profile: Int)
  /// A manager is listed twice in a team.
  case duplicateMember(ManagerID)
  /// The manager asked about is not on the team (a hand-over for someone who does not exist).
  case notOnTeam(ManagerID)
  /// A parameter or a column is outside its meaningful range; `reason` says why.
  case invalidParameter(String, reason: String)

  /// A sentence a person can read.
  public var description: String {
    switch self {
    case .contactByUnknownManager(let manager, let contact):
      return "contact \(contact): manager \(manager) is not on the team"
    case .ownerNotOnTeam(let manager, let client, let profile):
      return "profile \(profile): the owner \(manager) of client \(client) is not on the team"
    case .duplicateProfile(let client, let profile):
      return "profile \(profile): client \(client) has a profile already"
    case .duplicateMember(let manager):
      return "manager \(manager) is on the team more than once"
    case .notOnTeam(let manager):
      return "manager \(manager) is not on the team"
    case .invalidParameter(let name, let reason):
      return "\(name): \(reason)"
    }
  }
}
