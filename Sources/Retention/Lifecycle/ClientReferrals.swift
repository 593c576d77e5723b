/// Each client's recommendations of others, grouped by the rows of a row space as of a day:
/// the referral input of the lifecycle.
///
/// A partner is a client who recommends the business; what counts is how many *different*
/// people a client has recommended, and from when. The referrals are cleaned once, here:
///
/// - a referral after the as-of day is left out (it has not happened yet on that day);
/// - a **self-referral** (a client recommending itself) is left out;
/// - a referral by a client who is not a row (a prospect, or an identifier the base does not
///   know) is left out: only a buying client can become a partner;
/// - a **duplicate** — the same client recommending the same person again — counts once, on
///   the day of its first recommendation;
/// - the person recommended need not be a client: a recommendation is the recommender's act,
///   whether or not the business has made a sale of it yet.
///
/// What was left out is counted in ``ignored``, so a report can say so. Nothing here throws.
///
/// ```swift
/// let referrals = ClientReferrals(hostReferrals, clients: table.clients, asOf: asOf)
/// referrals.days(ofRow: row)     // the day of each different person recommended, ascending
/// referrals.ignored.duplicates   // recommendations of the same person again
/// ```
///
/// Only clients who recommended someone are stored (most clients never do): ``referrerRows``
/// lists their rows in ascending order and ``offsets`` and ``days`` hold their days.
public struct ClientReferrals<ID: Hashable & Sendable>: Sendable {
  /// Referrals left out of a ``ClientReferrals``, by the reason.
  public struct Ignored: Hashable, Sendable, Codable {
    /// Referrals dated after the as-of day.
    public var afterAsOf: Int
    /// Referrals of a client by itself.
    public var selfReferrals: Int
    /// Referrals by a client who is not a row of the row space.
    public var unknownReferrers: Int
    /// Repeated recommendations of the same person by the same client.
    public var duplicates: Int

    /// Creates the counts.
    ///
    /// - Parameters:
    ///   - afterAsOf: Referrals after the as-of day.
    ///   - selfReferrals: Self-referrals.
    ///   - unknownReferrers: Referrals by clients who are not rows.
    ///   - duplicates: Repeated recommendations.
    public init(
      afterAsOf: Int = 0, selfReferrals: Int = 0, unknownReferrers: Int = 0,
      duplicates: Int = 0
    ) {
      self.afterAsOf = afterAsOf
      self.selfReferrals = selfReferrals
      self.unknownReferrers = unknownReferrers
      self.duplicates = duplicates
    }

    /// Every referral left out.
    public var total: Int { afterAsOf + selfReferrals + unknownReferrers + duplicates }
  }

  /// The row space: usually a `ClientTable`'s clients.
  public let clients: ClientIndex<ID>
  /// The day the referrals are counted on; later ones are left out.
  public let asOf: Day
  /// The rows that recommended at least one person, ascending.
  public let referrerRows: ContiguousArray<Int32>
  /// Where each referrer's days start in ``days``; `offsets[k + 1]` is where they end, for the
  /// referrer at position *k* of ``referrerRows``. One more element than there are referrers.
  public let offsets: ContiguousArray<Int>
  /// For each referrer, the day it first recommended each different person, ascending; one
  /// referrer after another.
  public let days: ContiguousArray<Day>
  /// The referrals left out, by the reason.
  public let ignored: Ignored

  /// No referrals over a row space.
  ///
  /// - Parameters:
  ///   - clients: The row space.
  ///   - asOf: The day.
  public init(clients: ClientIndex<ID>, asOf: Day) {
    self.clients = clients
    self.asOf = asOf
    referrerRows = []
    offsets = [0]
    days = []
    ignored = Ignored()
  }

  /// Groups referrals by the row of the client who recommended, as of a day.
  ///
  /// - Parameters:
  ///   - referrals: The host's referrals, in any order, duplicates and all.
  ///   - clients: The row space, usually the table's clients.
  ///   - asOf: The day to count on; referrals after it are left out.
  /// - Complexity: O(*r* log *r*) for *r* referrals: one hash of each identifier and a sort.
  public init(_ referrals: some Sequence<Referral<ID>>, clients: ClientIndex<ID>, asOf: Day) {
    var ignored = Ignored()
    // The person recommended: a row (its row), or an outsider numbered after the rows.
    var outsiders: [ID: Int] = [:]
    var kept: [(row: Int32, referred: Int, day: Int32)] = []
    kept.reserveCapacity(referrals.underestimatedCount)
    for referral in referrals {
      guard referral.day <= asOf else {
        ignored.afterAsOf += 1
        continue
      }
      guard referral.client != referral.referred else {
        ignored.selfReferrals += 1
        continue
      }
      guard let row = clients.row(for: referral.client) else {
        ignored.unknownReferrers += 1
        continue
      }
      let referred: Int
      if let known = clients.row(for: referral.referred) {
        referred = known
      } else if let outsider = outsiders[referral.referred] {
        referred = outsider
      } else {
        referred = clients.count + outsiders.count
        outsiders[referral.referred] = referred
      }
      kept.append((Int32(truncatingIfNeeded: row), referred, referral.day.daysSince1970))
    }
    kept.sort { ($0.row, $0.referred, $0.day) < ($1.row, $1.referred, $1.day) }
    var rows = ContiguousArray<Int32>()
    var offsets = ContiguousArray<Int>([0])
    var days = ContiguousArray<Day>()
    days.reserveCapacity(kept.count)
    var index = 0
    while index < kept.count {
      let row = kept[index].row
      let start = days.count
      var previousReferred = -1
      while index < kept.count, kept[index].row == row {
        if kept[index].referred == previousReferred {
          ignored.duplicates += 1
        } else {
          days.append(Day(daysSince1970: kept[index].day))
          previousReferred = kept[index].referred
        }
        index += 1
      }
      days[start...].sort()
      rows.append(row)
      offsets.append(days.count)
    }
    self.clients = clients
    self.asOf = asOf
    self.referrerRows = rows
    self.offsets = offsets
    self.days = days
    self.ignored = ignored
  }

  /// Whether no client recommended anyone.
  public var isEmpty: Bool { referrerRows.isEmpty }

  /// The position of a row in ``referrerRows``, or `nil` when it recommended no one.
  ///
  /// - Parameter row: A row of the row space.
  /// - Complexity: O(log *k*) for *k* referrers.
  func referrerIndex(ofRow row: Int) -> Int? {
    var low = 0
    var high = referrerRows.count
    while low < high {
      let middle = (low + high) / 2
      if Int(referrerRows[middle]) < row { low = middle + 1 } else { high = middle }
    }
    return low < referrerRows.count && Int(referrerRows[low]) == row ? low : nil
  }

  /// The days a row first recommended each different person, ascending; empty for a row that
  /// recommended no one.
  ///
  /// - Parameter row: A row of the row space.
  /// - Returns: One day per different person recommended.
  /// - Complexity: O(log *k*) for *k* referrers.
  public func days(ofRow row: Int) -> ArraySlice<Day> {
    guard let index = referrerIndex(ofRow: row) else { return [] }
    return ArraySlice(days[offsets[index]..<offsets[index + 1]])
  }

  /// How many different people a row recommended.
  ///
  /// - Parameter row: A row of the row space.
  /// - Returns: The count, 0 for none.
  /// - Complexity: O(log *k*) for *k* referrers.
  public func count(ofRow row: Int) -> Int {
    guard let index = referrerIndex(ofRow: row) else { return 0 }
    return offsets[index + 1] - offsets[index]
  }
}
