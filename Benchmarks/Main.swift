import ClientBase
import ClientBaseTesting
import Foundation
import Synchronization

/// ClientBase benchmarks. Run in release mode:
///
///     swift run -c release clientbase-benchmarks [filter]
///
/// Each figure is one JSON line on standard output:
/// `{"benchmark": …, "best_s": …, "median_s": …, "rate": …, "rate_unit": …, …}`.
///
/// Options after the filter shrink a run, e.g. for an instruction count under valgrind:
/// `--clients N` (the retention group's base sizes, default 100000 and 1000000), `--threads N`
/// (its thread counts, default 1 and 2) and `--runs N` (timed runs per figure after the
/// warm-up, default several).
@main
struct Benchmarks {
  static func main() throws {
    let filter = CommandLine.arguments.dropFirst().first.flatMap { $0.hasPrefix("--") ? nil : $0 }
    for benchmark in all where filter.map({ benchmark.name.contains($0) }) ?? true {
      try benchmark.run()
    }
  }

  static let all: [Benchmark] = [
    Benchmark(name: "summarize") {
      for (events, clients) in [(1_000_000, 100_000), (10_000_000, 1_000_000)] {
        let log = syntheticLog(events: events, clients: clients, seed: 42)
        let summarizer = Summarizer()
        let stats = try measure(runs: events > 5_000_000 ? 5 : 9) {
          let table = try summarizer.summarize(log)
          blackHole(table.count)
        }
        report(
          "summarize.log", stats, work: Double(events), unit: "purchases/s",
          extra: ["events": events, "clients": clients])
      }
      let purchases = syntheticPurchases(events: 1_000_000, clients: 100_000, seed: 7)
      let stats = try measure(runs: 7) {
        blackHole(try Summarizer().summarize(purchases).count)
      }
      report(
        "summarize.purchases-with-interning", stats, work: 1_000_000, unit: "purchases/s",
        extra: ["events": 1_000_000, "clients": 100_000])
    },
    Benchmark(name: "csv") {
      for rows in [1_000_000, 5_000_000] {
        let bytes = syntheticCSV(rows: rows, clients: rows / 10, seed: 3)
        for threads in [1, 2] {
          let decoder = PurchaseCSVDecoder(threadCount: threads)
          let stats = try measure(runs: 7) {
            blackHole(try decoder.decode(bytes).count)
          }
          report(
            "csv.decode", stats, work: Double(bytes.count) / 1e6, unit: "MB/s",
            extra: ["rows": rows, "bytes": bytes.count, "threads": threads])
        }
      }
    },
    Benchmark(name: "retention") {
      // Each figure includes compressing the per-client summary and the standard errors, and
      // is measured on the calling thread alone and with both cores of the development machine.
      for clients in Settings.current.clients ?? [100_000, 1_000_000] {
        let summary = try syntheticSummary(clients: clients, seed: 17)
        let rows = try PurchaseHistories(summary).count
        for threads in Settings.current.threads ?? [1, 2] {
          let options = try FitOptions(threadCount: threads)
          let extra = ["clients": clients, "threads": threads]
          var stats = try measure(runs: 9) {
            blackHole(try BGNBDModel.fit(PurchaseHistories(summary), options: options).model)
          }
          let bgFit = try BGNBDModel.fit(PurchaseHistories(summary), options: options)
          report(
            "fit.bgnbd", stats, work: Double(clients), unit: "clients/s",
            extra: extra.merging([
              "rows": rows, "evaluations": bgFit.evaluations, "iterations": bgFit.iterations,
            ]) { $1 })
          stats = try measure(runs: 5) {
            blackHole(try ParetoNBDModel.fit(PurchaseHistories(summary), options: options).model)
          }
          report("fit.paretonbd", stats, work: Double(clients), unit: "clients/s", extra: extra)
          stats = try measure(runs: 9) {
            blackHole(try GammaGammaModel.fit(SpendHistories(summary), options: options).model)
          }
          report("fit.gammagamma", stats, work: Double(clients), unit: "clients/s", extra: extra)
          let model = bgFit.model
          let spend = try GammaGammaModel.fit(SpendHistories(summary)).model
          let value = try LifetimeValue.monthly(in: .week, months: 12)
          stats = try measure(runs: 9) {
            blackHole(
              try model.scores(
                for: summary, horizon: 52, spend: spend, value: value, fallbackSpend: 30,
                threadCount: threads
              ).count)
          }
          report("score.bgnbd+clv", stats, work: Double(clients), unit: "clients/s", extra: extra)
        }
      }
    },
    Benchmark(name: "rhythm") {
      // Rhythm and the at-risk list over 1M clients of a synthetic BG/NBD base (issue 11's
      // budget: rhythm, at-risk and lifecycle together within 50 ms). Grouping the log's
      // purchase days by client (PurchaseDays) is the input's cost, reported apart.
      let clients = 1_000_000
      let base = try SyntheticBase(
        configuration: SyntheticBaseConfiguration(
          clients: clients, process: .cdnowBGNBD, unit: .week, seed: 23, contactsPerYear: 0,
          lifeEventsPerYear: 0))
      let asOf = base.configuration.asOf
      let table = try Summarizer().summarize(base.log, through: asOf)
      let summary = try table.repeatPurchaseSummary(asOf: asOf, unit: .week)
      let model = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
      let scores = try model.scores(for: summary, horizon: 52)
      let extra = ["clients": table.count, "events": base.log.count]
      var stats = try measure(runs: 7) {
        blackHole(try PurchaseDays(base.log, table: table, asOf: asOf).count)
      }
      report(
        "rhythm.purchase-days", stats, work: Double(table.count), unit: "clients/s", extra: extra)
      let days = try PurchaseDays(base.log, table: table, asOf: asOf)
      for threads in [1, 2] {
        let threaded = extra.merging(["threads": threads]) { $1 }
        stats = try measure(runs: 9) {
          blackHole(StandardRhythm.standard.rhythm(of: days, threadCount: threads).count)
        }
        report("rhythm", stats, work: Double(table.count), unit: "clients/s", extra: threaded)
        let rhythm = StandardRhythm.standard.rhythm(of: days, threadCount: threads)
        let evidence = try AtRiskEvidence(rhythm: rhythm, table: table, scores: scores)
        stats = try measure(runs: 9) {
          blackHole(StandardAtRisk.standard.atRisk(in: evidence, threadCount: threads).count)
        }
        report("at-risk", stats, work: Double(table.count), unit: "clients/s", extra: threaded)
        stats = try measure(runs: 9) {
          let rhythm = StandardRhythm.standard.rhythm(of: days, threadCount: threads)
          let evidence = try AtRiskEvidence(rhythm: rhythm, table: table, scores: scores)
          blackHole(StandardAtRisk.standard.atRisk(in: evidence, threadCount: threads).count)
        }
        report(
          "rhythm+at-risk", stats, work: Double(table.count), unit: "clients/s", extra: threaded)
      }
    },
    Benchmark(name: "growth") { try growthBenchmark() },
    Benchmark(name: "lifecycle") { try lifecycleBenchmark() },
    Benchmark(name: "coverage") { try runCoverageBenchmarks() },
    Benchmark(name: "hostdata") { try hostDataBenchmarks() },
    Benchmark(name: "segmentation") {
      // A million clients with twelve months of spend and of month-end balances, classified
      // by ABC (value share), XYZ, RFM and VIP tiers. Inputs are built before timing; the
      // figures time the classifications themselves.
      let clients = 1_000_000
      let months = 12
      var rng = SeededGenerator(seed: 99)
      let ids = Array(0..<clients)
      var monthly = ContiguousArray<Double>()
      var balances = ContiguousArray<Double>()
      monthly.reserveCapacity(clients * months)
      balances.reserveCapacity(clients * months)
      var recency = ContiguousArray<Int32>()
      var frequency = ContiguousArray<Int32>()
      var spend = ContiguousArray<Double>()
      for _ in 0..<clients {
        let level = 20 * exp(2.5 * rng.nextUnitDouble())
        var total = 0.0
        for _ in 0..<months {
          let value = rng.nextUnitDouble() < 0.3 ? 0 : level * (0.5 + rng.nextUnitDouble())
          monthly.append(value)
          total += value
        }
        spend.append(total)
        recency.append(Int32(rng.nextInt(below: 365)))
        frequency.append(Int32(1 + rng.nextInt(below: 40)))
        var balance = 4_000 * exp(7 * rng.nextUnitDouble())
        for _ in 0..<months {
          balance *= 0.9 + 0.2 * rng.nextUnitDouble()
          balances.append(balance)
        }
      }
      let periods = (0..<months).map { Day(daysSince1970: 20_000 + 30 * Int32($0)) }
      let values = try ClientValues(ids: ids, values: spend)
      let matrix = try PeriodMatrix(ids: ids, periodCount: months, values: monthly)
      let measures = try RFMMeasures(
        ids: ids, recencyDays: recency, frequency: frequency, monetary: spend)
      let history = try BalanceHistory(ids: ids, periods: periods, balances: balances)
      let extra = ["clients": clients, "periods": months]
      var stats = try measure(runs: 9) {
        blackHole(StandardABC.standard.classification(of: values).counts.entries.count)
      }
      report("segment.abc", stats, work: Double(clients), unit: "clients/s", extra: extra)
      for threads in [1, 2] {
        stats = try measure(runs: 9) {
          blackHole(
            StandardXYZ.standard.classification(of: matrix, threadCount: threads).counts.entries
              .count)
        }
        report(
          "segment.xyz", stats, work: Double(clients), unit: "clients/s",
          extra: extra.merging(["threads": threads]) { $1 })
      }
      stats = try measure(runs: 9) {
        blackHole(StandardRFM.standard.classification(of: measures).counts.entries.count)
      }
      report("segment.rfm", stats, work: Double(clients), unit: "clients/s", extra: extra)
      for threads in [1, 2] {
        stats = try measure(runs: 9) {
          blackHole(StandardTiers().assignments(for: history, threadCount: threads).counts.total)
        }
        report(
          "segment.tiers", stats, work: Double(clients), unit: "clients/s",
          extra: extra.merging(["threads": threads]) { $1 })
      }
      for threads in [1, 2] {
        stats = try measure(runs: 9) {
          let abc = StandardABC.standard.classification(of: values)
          let xyz = StandardXYZ.standard.classification(of: matrix, threadCount: threads)
          let rfm = StandardRFM.standard.classification(of: measures)
          let tiers = StandardTiers.standard.assignments(for: history, threadCount: threads)
          blackHole(
            abc.counts.entries.count + xyz.counts.entries.count + rfm.counts.entries.count
              + tiers.counts.total)
        }
        report(
          "segment.abc+xyz+rfm+tiers", stats, work: Double(clients), unit: "clients/s",
          extra: extra.merging(["threads": threads]) { $1 })
      }
      // The way a host with two cores runs independent analyses: two at a time, one per core
      // (ABC then XYZ on one, RFM then tiers on the other), each on a single thread.
      stats = try measure(runs: 9) {
        let total = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 2) { lane in
          let count: Int
          if lane == 0 {
            let abc = StandardABC.standard.classification(of: values)
            let xyz = StandardXYZ.standard.classification(of: matrix)
            count = abc.counts.entries.count + xyz.counts.entries.count
          } else {
            let rfm = StandardRFM.standard.classification(of: measures)
            let tiers = StandardTiers.standard.assignments(for: history)
            count = rfm.counts.entries.count + tiers.counts.total
          }
          total.withLock { $0 += count }
        }
        blackHole(total.withLock { $0 })
      }
      report(
        "segment.abc+xyz+rfm+tiers.concurrent", stats, work: Double(clients), unit: "clients/s",
        extra: extra.merging(["threads": 2]) { $1 })
    },
    Benchmark(name: "report") {
      // The whole `clientbase report` process on a 100k-client, ~240k-row export.
      let log = try SyntheticBase(
        configuration: SyntheticBaseConfiguration(
          clients: 100_000, process: .bgnbd(r: 0.6, alpha: 4.414, a: 0.793, b: 2.426),
          acquisitionWindowDays: 84, seed: 5, contactsPerYear: 0, lifeEventsPerYear: 0)
      ).log
      var text = "client_id,date,amount\n"
      for i in 0..<log.count {
        text += "c\(log.clientIndices[i]),\(log.days[i].iso8601),\(log.amounts[i])\n"
      }
      let path = FileManager.default.temporaryDirectory.appendingPathComponent(
        "clientbase-bench.csv"
      ).path
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("clientbase").path
      guard FileManager.default.isExecutableFile(atPath: executable) else {
        print(
          "{\"benchmark\":\"report\",\"skipped\":\"build the clientbase product in release first\"}"
        )
        return
      }
      let stats = try measure(runs: 5) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["report", "--transactions", path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
      }
      report(
        "report.process", stats, work: 1, unit: "runs/s",
        extra: ["rows": log.count, "clients": 100_000])
    },
  ]
}

/// A per-client summary of a synthetic BG/NBD base, as the Summarizer would give it, in weeks.
func syntheticSummary(clients: Int, seed: UInt64) throws -> RepeatPurchaseSummary<Int> {
  let base = try SyntheticBase(
    configuration: SyntheticBaseConfiguration(
      clients: clients, process: .cdnowBGNBD, unit: .week, seed: seed, contactsPerYear: 0,
      lifeEventsPerYear: 0))
  let table = try Summarizer().summarize(base.log)
  return try table.repeatPurchaseSummary(asOf: base.configuration.asOf, unit: .week)
}

/// The command line's options after the filter: `--clients N`, `--threads N`, `--runs N`, each
/// repeatable where a list makes sense.
struct Settings: Sendable {
  var clients: [Int]?
  var threads: [Int]?
  var runs: Int?

  static let current: Settings = {
    var settings = Settings()
    var arguments = CommandLine.arguments.dropFirst()[...]
    while let argument = arguments.popFirst() {
      guard argument.hasPrefix("--") else { continue }
      guard let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else {
        fatalError("\(argument) needs a positive integer")
      }
      switch argument {
      case "--clients": settings.clients = (settings.clients ?? []) + [value]
      case "--threads": settings.threads = (settings.threads ?? []) + [value]
      case "--runs": settings.runs = value
      default: fatalError("unknown option \(argument)")
      }
    }
    return settings
  }()
}

struct Benchmark: Sendable {
  let name: String
  let run: @Sendable () throws -> Void
}

struct Stats {
  var best: Double
  var median: Double
}

/// Runs `body` `runs` times after one warm-up and returns the best and median wall time.
func measure(runs defaultRuns: Int, _ body: () throws -> Void) throws -> Stats {
  let runs = Settings.current.runs ?? defaultRuns
  try body()
  var times: [Double] = []
  let clock = ContinuousClock()
  for _ in 0..<runs {
    let elapsed = try clock.measure(body)
    times.append(
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
  }
  times.sort()
  return Stats(best: times[0], median: times[times.count / 2])
}

func report(_ name: String, _ stats: Stats, work: Double, unit: String, extra: [String: Int]) {
  var fields: [String] = [
    "\"benchmark\":\"\(name)\"",
    "\"best_s\":\(String(format: "%.6f", stats.best))",
    "\"median_s\":\(String(format: "%.6f", stats.median))",
    "\"rate\":\(String(format: "%.1f", work / stats.best))",
    "\"rate_unit\":\"\(unit)\"",
  ]
  for (key, value) in extra.sorted(by: { $0.key < $1.key }) {
    fields.append("\"\(key)\":\(value)")
  }
  print("{" + fields.joined(separator: ",") + "}")
}

/// Keeps the optimiser from discarding work whose result is otherwise unused.
@inline(never)
func blackHole<T>(_ value: T) {
  withExtendedLifetime(value) {}
}

/// Unsorted synthetic purchases over two years, in columns.
func syntheticLog(events: Int, clients: Int, seed: UInt64) -> PurchaseLog<Int> {
  var rng = SeededGenerator(seed: seed)
  var indices = ContiguousArray<Int32>()
  var days = ContiguousArray<Day>()
  var amounts = ContiguousArray<Double>()
  indices.reserveCapacity(events)
  days.reserveCapacity(events)
  amounts.reserveCapacity(events)
  for _ in 0..<events {
    indices.append(Int32(truncatingIfNeeded: rng.next() % UInt64(clients)))
    days.append(Day(daysSince1970: 19_000 + Int32(truncatingIfNeeded: rng.next() % 730)))
    amounts.append(Double(rng.next() % 20_000) / 100)
  }
  // Every synthetic client index is in range, so this cannot fail.
  return try! PurchaseLog(
    clientIDs: Array(0..<clients), clientIndices: indices, days: days, amounts: amounts)
}

func syntheticPurchases(events: Int, clients: Int, seed: UInt64) -> [Purchase<Int>] {
  let log = syntheticLog(events: events, clients: clients, seed: seed)
  return (0..<log.count).map { log[$0] }
}

/// A CSV export `client_id,date,amount` with ids like `c123456` and amounts like `123.45`.
func syntheticCSV(rows: Int, clients: Int, seed: UInt64) -> [UInt8] {
  let log = syntheticLog(events: rows, clients: clients, seed: seed)
  var text = "client_id,date,amount\n"
  text.reserveCapacity(rows * 28)
  for i in 0..<rows {
    text += "c\(log.clientIndices[i]),\(log.days[i].iso8601),"
    text += String(format: "%.2f", log.amounts[i]) + "\n"
  }
  return Array(text.utf8)
}
