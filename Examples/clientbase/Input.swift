import ClientBase
import ClientBaseTesting

/// The embedded sample: a seeded synthetic base whose clients buy by the BG/NBD process with
/// the published CDNOW parameters (in weeks) and spend by Gamma-Gamma. Same seed, same base,
/// on every machine.
func sampleConfiguration() throws -> SyntheticBaseConfiguration {
  try SyntheticBaseConfiguration(
    clients: 3_000, process: .cdnowBGNBD, spend: .cdnow, unit: .week,
    acquisitionStart: Day(daysSince1970: 20_089),  // 2025-01-01
    acquisitionWindowDays: 365,
    asOf: Day(daysSince1970: 20_757),  // 2026-10-31
    seed: 2026)
}

/// The purchases the report analyses: the CSV file given, or the embedded sample.
func loadInput(_ options: ReportOptions, environment: CommandEnvironment) throws -> ReportInput {
  guard let path = options.transactionsPath else {
    let sample = try sampleConfiguration()
    let base = try SyntheticBase(configuration: sample)
    var log = PurchaseLog<String>()
    log.reserveCapacity(base.log.count)
    for i in 0..<base.log.count {
      let purchase = base.log[i]
      log.append(client: sampleID(purchase.client), day: purchase.day, amount: purchase.amount)
    }
    return ReportInput(
      log: log,
      source: "embedded sample (\(NumberText.grouped(sample.clients)) clients, "
        + "seed \(sample.seed))", sample: base)
  }
  let bytes: [UInt8]
  do {
    bytes = try environment.readFile(path)
  } catch {
    throw CommandError.unreadableFile(path)
  }
  do {
    let decoder = PurchaseCSVDecoder(threadCount: reportFitOptions.threadCount)
    return ReportInput(log: try decoder.decode(bytes), source: path, bytes: bytes)
  } catch {
    throw CommandError.badInput("\(path): \(error)")
  }
}

/// The identifier of a sample client: `c00042`.
func sampleID(_ index: Int) -> String {
  let digits = String(index)
  return "c" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
}
