import ClientBaseCore
import Retention

/// What the rhythm and at-risk law checks share: the same clients read in another row order.
enum RhythmLawSupport {
  /// A table and purchase days whose row `k` is the client of row `order[k]`, with that row's
  /// purchase days and net spend, as of `asOf`.
  ///
  /// The table is built from summaries (net spend as gross spend, or as a refund when
  /// negative, so `grossSpend - refunded` gives it back exactly) and the days from a log of
  /// those days, so `PurchaseDays` checks that the two agree.
  ///
  /// - Parameters:
  ///   - ids: Each row's client.
  ///   - order: The rows in their new order.
  ///   - asOf: The as-of day.
  ///   - days: A row's distinct purchase days, ascending, at least one.
  ///   - netSpend: A row's net spend, finite.
  static func reordered<ID>(
    ids: [ID], order: [Int], asOf: Day, days: (Int) -> [Day], netSpend: (Int) -> Double
  ) throws -> (table: ClientTable<ID>, days: PurchaseDays<ID>) {
    var log = PurchaseLog<ID>()
    var summaries: [(ID, ClientSummary)] = []
    summaries.reserveCapacity(order.count)
    for row in order {
      let own = days(row)
      guard let first = own.first, let last = own.last else {
        throw RetentionError.invalidParameter("days", reason: "a row without purchase days")
      }
      for day in own { log.append(client: ids[row], day: day, amount: 1) }
      let net = netSpend(row)
      let gross = Swift.max(net, 0)
      summaries.append(
        (
          ids[row],
          try ClientSummary(
            first: first, last: last, purchaseDays: own.count, grossSpend: gross,
            firstDaySpend: gross, refunded: Swift.max(-net, 0))
        ))
    }
    let table = try ClientTable(summaries)
    return (table, try PurchaseDays(log, table: table, asOf: asOf))
  }

  /// The position of a verdict from the most recent (on rhythm, 0) to the least (lost, 3);
  /// unknown last.
  static func rank(of verdict: RhythmVerdict) -> Int {
    RhythmVerdict.allCases.firstIndex(of: verdict) ?? RhythmVerdict.allCases.count
  }
}
