/// How the ``Summarizer`` treats negative amounts (refunds).
public enum RefundHandling: String, Hashable, Sendable, Codable, CaseIterable {
  /// Refunds are summed into ``ClientSummary/refunded`` and never make a purchase day. The
  /// default: a refund is not a purchase, and a client's spend on purchases stays comparable.
  case separate
  /// Refunds are dropped.
  case ignore
  /// A refund is an error, ``InputError/negativeAmount(event:amount:)``.
  case reject
}

/// Turns purchase events into per-client summaries.
///
/// Events may come in any order and may repeat; purchases by one client on one day are one
/// purchase day. Each client's events are sorted by day and amount before they are added, so
/// the result does not depend on the order of the input, to the last bit.
///
/// ```swift
/// let table = try Summarizer().summarize(log, through: asOf)
/// let inputs = try table.repeatPurchaseSummary(asOf: asOf, unit: .week)
/// ```
///
/// The summarizer validates every event it reads: a non-finite amount or a day outside
/// ``acceptedDays`` is an error naming the event, and nothing is returned.
///
/// Every day the library analyses lies in ``supportedDays``, 1900-01-01 through 9999-12-31:
/// purchase days (whatever ``acceptedDays`` says), the day a summary is as of (the `through:`
/// of the `summarize` methods, `ClientTable.repeatPurchaseSummary(asOf:unit:)`), and the days
/// of a calibration split (``split(_:calibrationEnd:observationEnd:)``). A day outside is an
/// ``InputError``, so no time span the models see exceeds 8,100 years, and nothing the library
/// builds is sized by a day's value beyond that.
public struct Summarizer: Hashable, Sendable {
  /// The days an event may fall on; anything else is an input error (a misparsed year, a
  /// placeholder date). Default: 1900-01-01 through 9999-12-31. Days outside
  /// ``supportedDays`` are rejected even when this range includes them.
  public var acceptedDays: ClosedRange<Day>
  /// What to do with negative amounts. Default: ``RefundHandling/separate``.
  public var refunds: RefundHandling

  /// The days the library analyses, 1900-01-01 through 9999-12-31 (ISO-8601 years with four
  /// digits, from the first year any business records are likely to hold).
  public static let supportedDays: ClosedRange<Day> =
    Day(daysSince1970: -25_567)...Day(daysSince1970: 2_932_896)

  /// The default accepted days: all of ``supportedDays``, 1900-01-01 through 9999-12-31.
  public static let defaultAcceptedDays: ClosedRange<Day> = supportedDays

  /// Checks that a day argument lies in ``supportedDays``; throws
  /// ``InputError/invalidParameter(_:reason:)`` naming the argument otherwise.
  static func checkSupported(_ day: Day, _ name: String) throws(InputError) {
    guard supportedDays.contains(day) else {
      throw .invalidParameter(
        name,
        reason: "\(day) is outside the supported days "
          + "\(supportedDays.lowerBound)...\(supportedDays.upperBound)")
    }
  }

  /// The days an event is accepted on: ``acceptedDays`` within ``supportedDays``, or `nil`
  /// when the two do not overlap (then no day is accepted).
  var effectiveAcceptedDays: ClosedRange<Day>? {
    let supported = Self.supportedDays
    let low = Swift.max(acceptedDays.lowerBound, supported.lowerBound)
    let high = Swift.min(acceptedDays.upperBound, supported.upperBound)
    return low <= high ? low...high : nil
  }

  /// Creates a summarizer.
  ///
  /// - Parameters:
  ///   - acceptedDays: The days an event may fall on.
  ///   - refunds: What to do with negative amounts.
  public init(
    acceptedDays: ClosedRange<Day> = Summarizer.defaultAcceptedDays,
    refunds: RefundHandling = .separate
  ) {
    self.acceptedDays = acceptedDays
    self.refunds = refunds
  }

  /// Summarises a log of purchases.
  ///
  /// - Parameters:
  ///   - log: The events.
  ///   - day: When given, events after this day are left out (an analysis as of an earlier
  ///     day); they are still validated. A day in ``supportedDays``.
  /// - Returns: One row per client with at least one purchase day by `day`; clients with
  ///   refunds only are listed in ``ClientTable/refundsWithoutPurchase``.
  /// - Throws: ``InputError`` for the first bad event, and
  ///   ``InputError/invalidParameter(_:reason:)`` for a `day` outside ``supportedDays``.
  /// - Complexity: O(*n*) plus a sort of each client's own events.
  public func summarize<ID>(_ log: PurchaseLog<ID>, through day: Day? = nil) throws(InputError)
    -> ClientTable<ID>
  {
    if let day { try Self.checkSupported(day, "through") }
    let cut = day ?? .max
    let columns = try kernel(log, split: cut, end: cut)
    return ClientTable(log.clientIDs, index: log.identifierIndex, columns)
  }

  /// Summarises purchases from any sequence.
  ///
  /// - Parameters:
  ///   - purchases: The purchases, in any order.
  ///   - day: When given, events after this day are left out; a day in ``supportedDays``.
  /// - Returns: One row per client with at least one purchase day by `day`.
  /// - Throws: ``InputError`` for the first bad event, and
  ///   ``InputError/invalidParameter(_:reason:)`` for a `day` outside ``supportedDays``.
  /// - Complexity: O(*n*) with one hash look-up per purchase to intern its client.
  public func summarize<ID>(_ purchases: some Sequence<Purchase<ID>>, through day: Day? = nil)
    throws(InputError) -> ClientTable<ID>
  {
    try summarize(PurchaseLog(purchases), through: day)
  }

  /// Splits a history at a day: summaries of the calibration period, and what each client did
  /// after it.
  ///
  /// - Parameters:
  ///   - log: The events.
  ///   - calibrationEnd: The last day of the calibration period, in ``supportedDays``.
  ///   - observationEnd: The last day of the holdout period, in ``supportedDays``; later
  ///     events are left out.
  /// - Returns: The calibration table and, aligned with its rows, the holdout purchase days
  ///   and spend; clients whose first purchase falls in the holdout are counted apart.
  /// - Throws: ``InputError`` for the first bad event,
  ///   ``InputError/invalidParameter(_:reason:)`` when either day is outside
  ///   ``supportedDays`` or `observationEnd` precedes `calibrationEnd`, and
  ///   ``InputError/empty(_:)`` when no client bought in the calibration period (there would
  ///   be nothing to fit).
  public func split<ID>(_ log: PurchaseLog<ID>, calibrationEnd: Day, observationEnd: Day)
    throws(InputError) -> CalibrationSplit<ID>
  {
    try Self.checkSupported(calibrationEnd, "calibrationEnd")
    try Self.checkSupported(observationEnd, "observationEnd")
    guard calibrationEnd <= observationEnd else {
      throw .invalidParameter(
        "observationEnd",
        reason: "the holdout ends (\(observationEnd)) before calibration ends (\(calibrationEnd))")
    }
    let columns = try kernel(log, split: calibrationEnd, end: observationEnd, holdout: true)
    let table = ClientTable(log.clientIDs, index: log.identifierIndex, columns)
    guard !table.isEmpty else {
      throw .empty("no client bought on or before the calibration end \(calibrationEnd)")
    }
    return CalibrationSplit(
      calibration: table, calibrationEnd: calibrationEnd, observationEnd: observationEnd,
      holdoutPurchaseDays: columns.laterDays, holdoutSpend: columns.laterSpend,
      newClientsInHoldout: columns.newClientsLater,
      newClientPurchaseDaysInHoldout: columns.newClientDaysLater)
  }
}

/// What the summarizer's kernel produces: the columns of the clients with a purchase day (the
/// rows, in client order), and what became of the other clients.
struct SummaryColumns: Sendable {
  var first: ContiguousArray<Day>
  var last: ContiguousArray<Day>
  var purchaseDays: ContiguousArray<Int32>
  var gross: ContiguousArray<Double>
  var firstSpend: ContiguousArray<Double>
  var repeatSpend: ContiguousArray<Double>
  var refunded: ContiguousArray<Double>
  /// Distinct purchase days after the split day, aligned with the rows; empty when the kernel
  /// was asked for no holdout.
  var laterDays: ContiguousArray<Int32>
  /// Spend after the split day, aligned with the rows; empty when there is no holdout.
  var laterSpend: ContiguousArray<Double>
  /// The clients that are not rows (no purchase day by the split day), ascending.
  var dropped: ContiguousArray<Int32>
  /// The dropped clients with refunds, and their refunded amounts.
  var refundOnly: [(client: Int32, refunded: Double)]
  /// Dropped clients whose first purchase day falls after the split day.
  var newClientsLater = 0
  /// Their purchase days after the split day.
  var newClientDaysLater = 0

  /// The number of rows.
  var count: Int { first.count }
}

extension SummaryColumns {
  /// Builds the columns with room for `capacity` rows: `body` stores rows through the pointers
  /// it is given (the holdout pointers are empty unless `holdout`) and returns how many.
  ///
  /// The columns are never filled with placeholder values first: `body` writes each row once,
  /// and only the rows it reports are part of the result.
  init(capacity: Int, holdout: Bool, _ body: (FoldOutput) -> Int) {
    var rows = 0
    var last = ContiguousArray<Day>()
    var purchaseDays = ContiguousArray<Int32>()
    var gross = ContiguousArray<Double>()
    var firstSpend = ContiguousArray<Double>()
    var repeatSpend = ContiguousArray<Double>()
    var refunded = ContiguousArray<Double>()
    var laterDays = ContiguousArray<Int32>()
    var laterSpend = ContiguousArray<Double>()
    let later = holdout ? capacity : 0
    let first = ContiguousArray<Day>(columnCapacity: capacity) { first, firstCount in
      last = ContiguousArray(columnCapacity: capacity) { last, lastCount in
        purchaseDays = ContiguousArray(columnCapacity: capacity) { days, daysCount in
          gross = ContiguousArray(columnCapacity: capacity) { gross, grossCount in
            firstSpend = ContiguousArray(columnCapacity: capacity) {
              firstSpend, firstSpendCount in
              repeatSpend = ContiguousArray(columnCapacity: capacity) {
                repeatSpend, repeatSpendCount in
                refunded = ContiguousArray(columnCapacity: capacity) {
                  refunded, refundedCount in
                  laterDays = ContiguousArray(columnCapacity: later) {
                    laterDays, laterDaysCount in
                    laterSpend = ContiguousArray(columnCapacity: later) {
                      laterSpend, laterSpendCount in
                      rows = body(
                        FoldOutput(
                          first: first, last: last, purchaseDays: days, gross: gross,
                          firstSpend: firstSpend, repeatSpend: repeatSpend, refunded: refunded,
                          laterDays: laterDays, laterSpend: laterSpend, holdout: holdout))
                      laterSpendCount = holdout ? rows : 0
                    }
                    laterDaysCount = holdout ? rows : 0
                  }
                  refundedCount = rows
                }
                repeatSpendCount = rows
              }
              firstSpendCount = rows
            }
            grossCount = rows
          }
          daysCount = rows
        }
        lastCount = rows
      }
      firstCount = rows
    }
    self.init(
      first: first, last: last, purchaseDays: purchaseDays, gross: gross, firstSpend: firstSpend,
      repeatSpend: repeatSpend, refunded: refunded, laterDays: laterDays,
      laterSpend: laterSpend, dropped: [], refundOnly: [])
  }
}

/// Where the kernel stores each row: one pointer per column. Rows are stored in order, each
/// once, into memory not yet initialised.
struct FoldOutput {
  let first: UnsafeMutableBufferPointer<Day>
  let last: UnsafeMutableBufferPointer<Day>
  let purchaseDays: UnsafeMutableBufferPointer<Int32>
  let gross: UnsafeMutableBufferPointer<Double>
  let firstSpend: UnsafeMutableBufferPointer<Double>
  let repeatSpend: UnsafeMutableBufferPointer<Double>
  let refunded: UnsafeMutableBufferPointer<Double>
  let laterDays: UnsafeMutableBufferPointer<Int32>
  let laterSpend: UnsafeMutableBufferPointer<Double>
  /// Whether the holdout columns are stored.
  let holdout: Bool

  @inline(__always)
  func store(_ fold: ClientFold, at row: Int) {
    (first.baseAddress! + row).initialize(to: Day(daysSince1970: fold.first))
    (last.baseAddress! + row).initialize(to: Day(daysSince1970: fold.last))
    (purchaseDays.baseAddress! + row).initialize(to: fold.days)
    (gross.baseAddress! + row).initialize(to: fold.gross)
    (firstSpend.baseAddress! + row).initialize(to: fold.firstSpend)
    (repeatSpend.baseAddress! + row).initialize(to: fold.repeatSpend)
    (refunded.baseAddress! + row).initialize(to: fold.refunded)
    if holdout {
      (laterDays.baseAddress! + row).initialize(to: fold.laterDays)
      (laterSpend.baseAddress! + row).initialize(to: fold.laterSpend)
    }
  }
}

struct ClientFold {
  var first = Int32.max
  var last = Int32.min
  var days: Int32 = 0
  var laterDays: Int32 = 0
  var gross = 0.0
  var firstSpend = 0.0
  /// The spend of the purchase days after the first, summed from those days.
  var repeatSpend = 0.0
  var refunded = 0.0
  var laterSpend = 0.0
}

/// An event on its way to its client's summary.
struct StagedEvent {
  var client: Int32
  var day: Int32
  var amount: Double

  @inline(__always)
  static func precedes(_ a: StagedEvent, _ b: StagedEvent) -> Bool {
    a.day < b.day || (a.day == b.day && a.amount < b.amount)
  }
}

/// Folds one client's events, sorted by day and amount, into its record.
@inline(__always)
func fold(_ bucket: UnsafeMutableBufferPointer<StagedEvent>, splitDay: Int32) -> ClientFold {
  var fold = ClientFold()
  var previousLater = Int32.min
  for event in bucket {
    if event.amount < 0 {
      if event.day <= splitDay { fold.refunded -= event.amount }
    } else if event.day > splitDay {
      fold.laterSpend += event.amount
      if event.day != previousLater {
        fold.laterDays += 1
        previousLater = event.day
      }
    } else {
      fold.gross += event.amount
      if fold.days == 0 {
        fold.days = 1
        fold.first = event.day
        fold.last = event.day
        fold.firstSpend = event.amount
      } else if event.day == fold.last {
        if event.day == fold.first {
          fold.firstSpend += event.amount
        } else {
          fold.repeatSpend += event.amount
        }
      } else {
        fold.days += 1
        fold.last = event.day
        fold.repeatSpend += event.amount
      }
    }
  }
  return fold
}

extension Summarizer {
  /// Validates, buckets events by client, sorts each bucket and folds it.
  ///
  /// Events after `end` are validated and dropped; events after `split` (and up to `end`) are
  /// counted as later purchase days instead of entering the summary. The holdout columns are
  /// filled only when `holdout` is set.
  func kernel<ID>(_ log: PurchaseLog<ID>, split: Day, end: Day, holdout: Bool = false)
    throws(InputError) -> SummaryColumns
  {
    try kernel(
      clientCount: log.clientIDs.count, clientIndices: log.clientIndices, days: log.days,
      amounts: log.amounts, split: split, end: end, holdout: holdout)
  }

  /// The kernel proper, not generic, so that it is compiled once, specialised and fast,
  /// whatever module calls the generic entry points.
  func kernel(
    clientCount: Int, clientIndices: ContiguousArray<Int32>, days: ContiguousArray<Day>,
    amounts: ContiguousArray<Double>, split: Day, end: Day, holdout: Bool
  ) throws(InputError) -> SummaryColumns {
    let n = days.count
    // An empty effective range accepts no day: low above high.
    let accepted = effectiveAcceptedDays
    let low = accepted?.lowerBound.daysSince1970 ?? .max
    let high = accepted?.upperBound.daysSince1970 ?? .min
    let endDay = end.daysSince1970
    let splitDay = split.daysSince1970
    let dropRefunds = refunds == .ignore
    let rejectRefunds = refunds == .reject

    // Clients are grouped into blocks of 2^shift neighbours: one client per block when there
    // are few, 256 to 1,024 blocks when there are many. Scattering events to that many blocks
    // writes to few, sequential streams; each block then fits in cache for the per-client
    // pass.
    let clientBits = clientCount <= 1 ? 0 : Int.bitWidth - (clientCount - 1).leadingZeroBitCount
    // Aim for blocks of about 8,192 events (128 KB, cache-resident for the per-client pass),
    // with at most 1,024 blocks so the scatter still writes to few streams.
    let blockBits = min(max(Int.bitWidth - (n / 8_192).leadingZeroBitCount - 1, 8), 10)
    let shift = clientCount > 16_384 ? max(clientBits - blockBits, 0) : 0
    let blockCount = clientCount == 0 ? 0 : ((clientCount - 1) >> shift) + 1

    // Pass 1: validate every event and count the kept ones per block.
    var offsets = ContiguousArray<Int>(repeating: 0, count: blockCount + 1)
    var failure: InputError?
    clientIndices.withUnsafeBufferPointer { clients in
      days.withUnsafeBufferPointer { days in
        amounts.withUnsafeBufferPointer { amounts in
          offsets.withUnsafeMutableBufferPointer { counts in
            for i in 0..<n {
              let amount = amounts[i]
              let day = days[i].daysSince1970
              guard amount.isFinite else {
                failure = .nonFiniteAmount(event: i, amount: amount)
                return
              }
              guard day >= low, day <= high else {
                failure = .dayOutOfRange(
                  event: i, day: days[i], accepted: accepted ?? Self.supportedDays)
                return
              }
              if amount < 0 {
                if rejectRefunds {
                  failure = .negativeAmount(event: i, amount: amount)
                  return
                }
                if dropRefunds { continue }
              }
              if day <= endDay { counts[(Int(clients[i]) >> shift) + 1] &+= 1 }
            }
          }
        }
      }
    }
    if let failure { throw failure }
    for b in 0..<blockCount { offsets[b + 1] += offsets[b] }
    let kept = offsets[blockCount]

    // Pass 2: scatter kept events into their blocks.
    let staging = LargeBuffer<StagedEvent>(capacity: kept)
    defer { staging.deallocate() }
    if let out = staging.buffer.baseAddress {
      var cursor = offsets
      clientIndices.withUnsafeBufferPointer { clients in
        days.withUnsafeBufferPointer { days in
          amounts.withUnsafeBufferPointer { amounts in
            cursor.withUnsafeMutableBufferPointer { cursor in
              for i in 0..<n {
                let day = days[i].daysSince1970
                let amount = amounts[i]
                if day > endDay || (dropRefunds && amount < 0) { continue }
                let c = clients[i]
                let b = Int(c) >> shift
                (out + cursor[b]).initialize(to: StagedEvent(client: c, day: day, amount: amount))
                cursor[b] &+= 1
              }
            }
          }
        }
      }
    }

    // Pass 3: within each block, order events by client, then each client's by day and
    // amount (so sums never depend on input order), and fold them into the client's record.
    // Records of clients with a purchase day go straight into the result's columns as rows,
    // in client order; the others are noted as dropped.
    let blockSize = 1 << shift
    var largestBlock = 0
    for b in 0..<blockCount { largestBlock = max(largestBlock, offsets[b + 1] - offsets[b]) }
    var scratch = ContiguousArray<StagedEvent>(
      repeating: StagedEvent(client: 0, day: 0, amount: 0), count: shift > 0 ? largestBlock : 0)
    var local = ContiguousArray<Int>(repeating: 0, count: blockSize + 1)
    // Day counts for the counting sort by day, used when a block's days span at most about
    // twice its events (so clearing the counts costs no more than the sort).
    var dayCounts = ContiguousArray<Int>(
      repeating: 0, count: shift > 0 ? 2 * largestBlock + 1_025 : 0)
    var others = SummaryColumns.Dropped()
    var columns = SummaryColumns(capacity: clientCount, holdout: holdout) { output in
      var sink = RowSink(output: output)
      let events = staging.buffer
      scratch.withUnsafeMutableBufferPointer { scratch in
        local.withUnsafeMutableBufferPointer { local in
          dayCounts.withUnsafeMutableBufferPointer { dayCounts in
            for b in 0..<blockCount {
              let start = offsets[b]
              let stop = offsets[b + 1]
              let base = b << shift
              let width = min(blockSize, clientCount - base)
              guard start < stop else {
                sink.skip(base..<base + width)
                continue
              }
              let block = UnsafeMutableBufferPointer(rebasing: events[start..<stop])
              if shift == 0 {
                sortBucket(block)
                sink.add(fold(block, splitDay: splitDay), client: b)
                continue
              }
              // One pass finds the block's days and counts each client's events.
              var minDay = Int32.max
              var maxDay = Int32.min
              for k in 0...width { local[k] = 0 }
              for event in block {
                minDay = min(minDay, event.day)
                maxDay = max(maxDay, event.day)
                local[Int(event.client) - base + 1] &+= 1
              }
              for k in 0..<width { local[k + 1] += local[k] }
              let dayRange = Int(maxDay) - Int(minDay) + 1
              // With a narrow span of days, a stable counting sort by day into the scratch
              // space first means the client scatter below (back into the block) leaves each
              // client's events in day order without comparing them; only same-day runs
              // still need their amounts ordered. Otherwise the scatter goes to the scratch
              // space and each client's events are sorted.
              let isDayOrdered = dayRange <= dayCounts.count - 1
              let scratchBlock = UnsafeMutableBufferPointer(rebasing: scratch[0..<block.count])
              if isDayOrdered {
                for k in 0...dayRange { dayCounts[k] = 0 }
                for event in block { dayCounts[Int(event.day - minDay) + 1] &+= 1 }
                for k in 0..<dayRange { dayCounts[k + 1] += dayCounts[k] }
                for event in block {
                  let k = Int(event.day - minDay)
                  scratchBlock[dayCounts[k]] = event
                  dayCounts[k] &+= 1
                }
              }
              let source = isDayOrdered ? scratchBlock : block
              let target = isDayOrdered ? block : scratchBlock
              for position in 0..<source.count {
                let event = source[position]
                let k = Int(event.client) - base
                target[local[k]] = event
                local[k] &+= 1
              }
              // local[k] now ends client k's run; runs start where the previous one ends.
              var runStart = 0
              for k in 0..<width {
                let runEnd = local[k]
                if runStart < runEnd {
                  let bucket = UnsafeMutableBufferPointer(rebasing: target[runStart..<runEnd])
                  if isDayOrdered { sortSameDayRuns(bucket) } else { sortBucket(bucket) }
                  sink.add(fold(bucket, splitDay: splitDay), client: base + k)
                } else {
                  sink.skip(base + k..<base + k + 1)
                }
                runStart = runEnd
              }
            }
          }
        }
      }
      others = sink.dropped
      return sink.rows
    }
    columns.dropped = others.clients
    columns.refundOnly = others.refundOnly
    columns.newClientsLater = others.newClients
    columns.newClientDaysLater = others.newClientDays
    return columns
  }
}

extension SummaryColumns {
  /// The clients that are not rows, as the kernel notes them.
  struct Dropped {
    var clients: ContiguousArray<Int32> = []
    var refundOnly: [(client: Int32, refunded: Double)] = []
    var newClients = 0
    var newClientDays = 0
  }
}

/// Takes the kernel's records in client order: a client with a purchase day becomes the next
/// row, any other is noted as dropped.
struct RowSink {
  let output: FoldOutput
  var rows = 0
  var dropped = SummaryColumns.Dropped()

  init(output: FoldOutput) {
    self.output = output
  }

  @inline(__always)
  mutating func add(_ fold: ClientFold, client: Int) {
    if fold.days > 0 {
      output.store(fold, at: rows)
      rows += 1
      return
    }
    dropped.clients.append(Int32(truncatingIfNeeded: client))
    if fold.refunded > 0 {
      dropped.refundOnly.append((Int32(truncatingIfNeeded: client), fold.refunded))
    }
    if fold.laterDays > 0 {
      dropped.newClients += 1
      dropped.newClientDays += Int(fold.laterDays)
    }
  }

  /// Notes clients without a single kept event.
  mutating func skip(_ clients: Range<Int>) {
    for client in clients { dropped.clients.append(Int32(truncatingIfNeeded: client)) }
  }
}

/// Orders the events of each run of equal days by amount, in a bucket already in day order.
@inline(__always)
func sortSameDayRuns(_ bucket: UnsafeMutableBufferPointer<StagedEvent>) {
  let count = bucket.count
  var start = 0
  while start < count {
    var end = start + 1
    while end < count, bucket[end].day == bucket[start].day { end += 1 }
    if end - start > 1 {
      sortBucket(UnsafeMutableBufferPointer(rebasing: bucket[start..<end]))
    }
    start = end
  }
}

/// Sorts a small bucket by insertion, a large one with the standard library.
@inline(__always)
func sortBucket(_ bucket: UnsafeMutableBufferPointer<StagedEvent>) {
  let count = bucket.count
  if count <= 24 {
    var i = 1
    while i < count {
      let item = bucket[i]
      var j = i - 1
      while j >= 0, StagedEvent.precedes(item, bucket[j]) {
        bucket[j + 1] = bucket[j]
        j -= 1
      }
      bucket[j + 1] = item
      i += 1
    }
  } else {
    var whole = bucket
    whole.sort(by: StagedEvent.precedes)
  }
}
