/// Each client's distinct purchase days in ascending order, over a `ClientTable`'s row space,
/// as of a day: the input of a ``RhythmPolicy``.
///
/// The table says how many purchase days a client has and when the first and last were; the
/// rhythm needs the days in between. They come from the purchase log the table was summarised
/// from, grouped by the table's rows with a counting sort (no dictionary), each client's days
/// sorted and made distinct, in one flat column:
///
/// ```swift
/// let table = try Summarizer().summarize(log, through: asOf)
/// let days = try PurchaseDays(log, table: table, asOf: asOf)
/// days.days(ofRow: 0)     // the first buyer's purchase days, ascending, each once
/// ```
///
/// A purchase day is a day with an event whose amount is not negative, exactly as the
/// `Summarizer` counts them; a client's days after its last purchase day in the table are
/// left out, so a table summarised `through:` a day gets the days up to that day. The
/// initialiser checks that every row's days agree with the table (count, first and last day),
/// so the days and the table are known to describe the same purchases.
public struct PurchaseDays<ID: Hashable & Sendable>: Sendable {
  /// The row space: the table's clients.
  public let clients: ClientIndex<ID>
  /// The day the rhythm is judged on; on or after every purchase day.
  public let asOf: Day
  /// Where each row's days start in ``days``; `offsets[row + 1]` is where they end. One more
  /// element than there are rows.
  public let offsets: ContiguousArray<Int>
  /// Every row's distinct purchase days, ascending, one row after another.
  public let days: ContiguousArray<Day>

  /// Groups a log's purchase days by the rows of the table summarised from it.
  ///
  /// - Parameters:
  ///   - log: The purchase log the table was summarised from.
  ///   - table: The table; its clients are the row space.
  ///   - asOf: The day to judge the rhythm on: on or after every purchase day in the table (to
  ///     judge an earlier day, summarise the log `through:` that day) and within
  ///     `Summarizer/supportedDays`.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` when `asOf` is outside the
  ///   supported days or precedes a client's last purchase day (naming the client), or when a
  ///   row's purchase days in the log differ from the table's (the table was not summarised
  ///   from this log).
  /// - Complexity: O(*n* + *c*) for *n* events and *c* clients of the log, plus a sort of each
  ///   client's own days (insertion for up to 24 events).
  public init(_ log: PurchaseLog<ID>, table: ClientTable<ID>, asOf: Day) throws(RetentionError) {
    guard Summarizer.supportedDays.contains(asOf) else {
      throw .invalidParameter(
        "asOf",
        reason: "\(asOf) is outside the supported days \(Summarizer.supportedDays.lowerBound)"
          + "...\(Summarizer.supportedDays.upperBound)")
    }
    let rows = table.count
    if let late = table.lastDays.firstIndex(where: { $0 > asOf }) {
      throw .invalidParameter(
        "asOf",
        reason: "\(asOf) precedes the last purchase day \(table.lastDays[late]) of client "
          + "\(table.ids[late]); summarise the log through \(asOf) to judge that day")
    }
    // The table row of each client of the log (−1 for a client that is not a row).
    let alignment = log.clients.alignment(to: table.clients)
    var rowOfClient = ContiguousArray<Int32>(repeating: -1, count: log.clientIDs.count)
    for row in 0..<rows {
      guard let client = alignment.sourceRow(forRow: row) else {
        throw .invalidParameter(
          "log", reason: "client \(table.ids[row]) of the table has no event in the log")
      }
      rowOfClient[client] = Int32(truncatingIfNeeded: row)
    }
    // Counting sort of the purchase events by row: count, prefix sums, scatter.
    var starts = ContiguousArray<Int>(repeating: 0, count: rows + 1)
    let lastDays = table.lastDays
    log.clientIndices.withUnsafeBufferPointer { clients in
      log.days.withUnsafeBufferPointer { days in
        log.amounts.withUnsafeBufferPointer { amounts in
          for event in 0..<clients.count {
            let row = Int(rowOfClient[Int(clients[event])])
            guard row >= 0, !(amounts[event] < 0), days[event] <= lastDays[row] else { continue }
            starts[row + 1] &+= 1
          }
        }
      }
    }
    for row in 0..<rows { starts[row + 1] += starts[row] }
    var scattered = ContiguousArray<Int32>(repeating: 0, count: starts[rows])
    var cursor = starts
    log.clientIndices.withUnsafeBufferPointer { clients in
      log.days.withUnsafeBufferPointer { days in
        log.amounts.withUnsafeBufferPointer { amounts in
          for event in 0..<clients.count {
            let row = Int(rowOfClient[Int(clients[event])])
            guard row >= 0, !(amounts[event] < 0), days[event] <= lastDays[row] else { continue }
            scattered[cursor[row]] = days[event].daysSince1970
            cursor[row] &+= 1
          }
        }
      }
    }
    // Sort each row's days, keep each once, and pack the rows one after another.
    var offsets = ContiguousArray<Int>(repeating: 0, count: rows + 1)
    var packed = ContiguousArray<Day>()
    packed.reserveCapacity(scattered.count)
    scattered.withUnsafeMutableBufferPointer { scattered in
      for row in 0..<rows {
        let run = UnsafeMutableBufferPointer(rebasing: scattered[starts[row]..<starts[row + 1]])
        sortRun(run)
        var previous = Int32.min
        for day in run where day != previous {
          packed.append(Day(daysSince1970: day))
          previous = day
        }
        offsets[row + 1] = packed.count
      }
    }
    for row in 0..<rows {
      let count = offsets[row + 1] - offsets[row]
      guard count == Int(table.purchaseDayCounts[row]), count > 0,
        packed[offsets[row]] == table.firstDays[row],
        packed[offsets[row + 1] - 1] == table.lastDays[row]
      else {
        throw .invalidParameter(
          "log",
          reason: "client \(table.ids[row]) has \(count) purchase days in the log and "
            + "\(table.purchaseDayCounts[row]) in the table; summarise the table from this log")
      }
    }
    self.init(trusted: table.clients, asOf: asOf, offsets: offsets, days: packed)
  }

  init(
    trusted clients: ClientIndex<ID>, asOf: Day, offsets: ContiguousArray<Int>,
    days: ContiguousArray<Day>
  ) {
    self.clients = clients
    self.asOf = asOf
    self.offsets = offsets
    self.days = days
  }

  /// The number of clients (rows).
  public var count: Int { clients.count }

  /// Whether there is no client.
  public var isEmpty: Bool { clients.isEmpty }

  /// A row's distinct purchase days, ascending.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The days; at least one.
  public func days(ofRow row: Int) -> ArraySlice<Day> {
    ArraySlice(days[offsets[row]..<offsets[row + 1]])
  }
}

/// Sorts a small run (a client's days or gaps) by insertion, a large one with the standard
/// library.
@inline(__always)
func sortRun(_ run: UnsafeMutableBufferPointer<Int32>) {
  let count = run.count
  if count <= 24 {
    var i = 1
    while i < count {
      let item = run[i]
      var j = i - 1
      while j >= 0, item < run[j] {
        run[j + 1] = run[j]
        j -= 1
      }
      run[j + 1] = item
      i += 1
    }
  } else {
    var whole = run
    whole.sort()
  }
}
