import ClientBase
import ClientBaseTesting

/// Where the report's purchases came from.
struct ReportInput {
  var log: PurchaseLog<String>
  var source: String
  /// The file's bytes, when the purchases came from a file.
  var bytes: [UInt8]? = nil
  /// The embedded sample base, when the purchases came from it: the host data not given
  /// in files comes from it too.
  var sample: SyntheticBase? = nil

  /// Where the day of event `event` of the log is in the file: `line L, column C (date)`,
  /// or `nil` for the embedded sample.
  ///
  /// The decoder keeps no line per event (it reads in place, for speed); only on this error
  /// path is the file read again, by the library's record reader, whose rows are the
  /// decoder's events one for one (the same rows, blank lines skipped alike).
  func location(ofEvent event: Int) -> String? {
    guard let bytes,
      let file = try? CSVRecordReader().read(bytes), file.records.indices.contains(event),
      let column = try? file.header.column(named: "date")
    else { return nil }
    return "line \(file.records[event].line(ofField: column)), column \(column + 1) (date)"
  }

  /// The message for an error of the library about the purchases: an event's day out of
  /// range becomes the file's line and column, a parameter the option that set it.
  func message(for error: InputError) -> String {
    if case .dayOutOfRange(let event, let day, let accepted) = error,
      let place = location(ofEvent: event)
    {
      return
        "\(source): \(place): \(day) is outside the days the library analyses, "
        + "\(accepted.lowerBound) to \(accepted.upperBound)"
    }
    return "\(source): \(optionMessage(error))"
  }
}

/// The description of an error of the library, its parameter named by the command-line
/// option that set it (`observationEnd` is `--as-of`).
func optionMessage(_ error: any Error) -> String {
  guard let input = error as? InputError, case .invalidParameter(let name, let reason) = input
  else { return "\(error)" }
  let options = [
    "observationEnd": "--as-of", "through": "--as-of", "asOf": "--as-of",
    "calibrationEnd": "--calibration-end",
  ]
  return "\(options[name] ?? name): \(reason)"
}

/// Distribution statistics of one measure over the clients.
struct Distribution: Equatable {
  var mean: Double
  var median: Double
  var p90: Double
  var p99: Double
  var max: Double

  /// Statistics of `values`; all zero for no values.
  init(_ values: [Double]) {
    self.init(sorted: values.sorted())
  }

  /// Statistics of values already in ascending order.
  init(sorted: [Double]) {
    guard !sorted.isEmpty else {
      self.init(mean: 0, median: 0, p90: 0, p99: 0, max: 0)
      return
    }
    self.init(
      mean: compensatedSum(sorted) / Double(sorted.count), median: quantile(sorted, 0.5),
      p90: quantile(sorted, 0.9), p99: quantile(sorted, 0.99), max: sorted[sorted.count - 1])
  }

  init(mean: Double, median: Double, p90: Double, p99: Double, max: Double) {
    self.mean = mean
    self.median = median
    self.p90 = p90
    self.p99 = p99
    self.max = max
  }
}

/// The sum of amounts with Neumaier's compensated summation: the rounding error of every
/// addition is carried along and added back at the end, so a total of a million amounts in
/// cents is the correctly rounded sum of the amounts in all but contrived cases (a plain sum
/// drifts by an error growing with the number of terms: `284374.0200000005`).
///
/// - Parameter values: The amounts.
/// - Returns: Their sum.
func compensatedSum(_ values: some Sequence<Double>) -> Double {
  var sum = CompensatedSum()
  for value in values { sum.add(value) }
  return sum.value
}

/// A running compensated (Neumaier) sum of amounts.
struct CompensatedSum {
  private var sum = 0.0
  private var compensation = 0.0

  /// Adds one amount.
  mutating func add(_ value: Double) {
    let next = sum + value
    // The low-order bits lost by this addition, from whichever operand was smaller.
    if abs(sum) >= abs(value) {
      compensation += (sum - next) + value
    } else {
      compensation += (value - next) + sum
    }
    sum = next
  }

  /// The sum so far.
  var value: Double { sum + compensation }
}

/// The quantile of sorted values by linear interpolation between order statistics (the
/// default of R and NumPy).
func quantile(_ sorted: [Double], _ q: Double) -> Double {
  guard !sorted.isEmpty else { return 0 }
  let position = q * Double(sorted.count - 1)
  let low = Int(position.rounded(.down))
  let high = min(low + 1, sorted.count - 1)
  let fraction = position - Double(low)
  return sorted[low] + (sorted[high] - sorted[low]) * fraction
}

/// The share of the total held by the top `fraction` of values (at least one value), from
/// values in ascending order.
func topShare(sorted values: [Double], fraction: Double) -> Double {
  let total = values.reduce(0, +)
  guard total > 0, !values.isEmpty else { return 0 }
  let count = max(1, Int((Double(values.count) * fraction).rounded(.up)))
  let top = values.suffix(count).reduce(0, +)
  return top / total
}

/// The report on a client base: what the base is and how its clients buy.
struct BaseReport {
  var source: String
  var asOf: Day
  var unit: TimeUnit
  var events: Int
  var eventsAfterAsOf: Int
  var clients: Int
  var refundOnlyClients: Int
  var purchaseDays: Int
  var grossSpend: Double
  var refunded: Double
  var spendPerClient: Distribution
  var topFivePercentShare: Double
  var topTwentyPercentShare: Double
  var repeatPurchases: Distribution
  var oneTimeBuyers: Int
  var recency: Distribution
  var tenure: Distribution
  var meanRepeatSpend: Distribution
  /// The per-client summaries as of the as-of day, for the other sections to reuse.
  var table: ClientTable<String>

  init(input: ReportInput, options: ReportOptions) throws {
    let log = input.log
    guard !log.isEmpty else { throw CommandError.badInput("\(input.source): no purchases") }
    let lastDay = log.days.max() ?? .epoch
    let asOf = options.asOf ?? lastDay
    let table: ClientTable<String>
    do {
      table = try Summarizer().summarize(log, through: asOf)
      self.table = table
    } catch {
      throw CommandError.badInput(input.message(for: error))
    }
    guard !table.isEmpty else {
      throw CommandError.badInput(
        "\(input.source): no purchase on or before the --as-of day \(asOf)")
    }
    // Every purchase in the table is on or before asOf, so this cannot throw.
    let inputs = try table.repeatPurchaseSummary(asOf: asOf, unit: options.unit)

    source = input.source
    self.asOf = asOf
    unit = options.unit
    events = log.count
    eventsAfterAsOf = log.days.reduce(0) { $0 + ($1 > asOf ? 1 : 0) }
    clients = table.count
    refundOnlyClients = table.refundsWithoutPurchase.count
    purchaseDays = table.purchaseDayCounts.reduce(0) { $0 + Int($1) }
    // Money totals: compensated sums, the refund-only clients' in a fixed order (a dictionary's
    // order changes from run to run).
    grossSpend = compensatedSum(table.grossSpend)
    refunded = compensatedSum(table.refunded + table.refundsWithoutPurchase.values.sorted())
    let spend = table.grossSpend.sorted()
    spendPerClient = Distribution(sorted: spend)
    topFivePercentShare = topShare(sorted: spend, fraction: 0.05)
    topTwentyPercentShare = topShare(sorted: spend, fraction: 0.20)
    repeatPurchases = Distribution(inputs.frequency.map(Double.init))
    oneTimeBuyers = inputs.frequency.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
    recency = Distribution(
      (0..<table.count).map {
        options.unit.amount(ofDays: Int32(table.lastDays[$0].days(to: asOf)))
      })
    tenure = Distribution((0..<inputs.count).map { inputs.age(at: $0) })
    meanRepeatSpend = Distribution(
      (0..<inputs.count).filter { inputs.frequency[$0] > 0 }.map { inputs.monetaryValue[$0] })
  }
}
