// libFuzzer target: the summary file parser, `SummaryCSVDecoder`, and the fits on what it reads.
//
// Built by Fuzz/run.sh with Fuzz/Support/FitChecks.swift, over ClientBaseCore and Retention
// compiled as modules (it uses their public API only). For any bytes:
// - decoding either gives columns or throws a `CSVError` whose description names what is wrong
//   (never empty), the same with and without trailing extra fields allowed when the file has
//   none;
// - decoded columns are consistent: one entry per row in every column, file lines increasing
//   from 2, whole frequencies from 0, recencies from 0 up to the age, above 0 exactly with a
//   repeat purchase;
// - columns the decoder accepts build histories, or the histories refuse them with a typed error
//   (weights adding up to more than 2⁵³ clients, ages beyond the supported);
// - on up to 64 rows, BG/NBD (BG/BB for discrete data) and Gamma-Gamma (with a spend column) fit
//   or throw, and every fit passes FitChecks.swift's checks.

import Retention

/// Decodes one input from libFuzzer as a summary file and checks the properties above.
///
/// - Parameters:
///   - data: The input's bytes; `nil` only when `size` is 0.
///   - size: The number of bytes.
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSummary(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let columns: SummaryColumns
  do {
    columns = try SummaryCSVDecoder().decode(bytes)
  } catch {
    check(!error.description.isEmpty, "an empty CSVError description", bytes)
    return 0
  }
  let lenient = try? SummaryCSVDecoder(allowsExtraFields: true).decode(bytes)
  check(lenient == columns, "allowing extra fields changed a file without any", bytes)
  let n = columns.count
  check(
    columns.recency.count == n && columns.age.count == n && columns.lines.count == n
      && (columns.clientIDs?.count ?? n) == n && (columns.weight?.count ?? n) == n
      && (columns.monetaryValue?.count ?? n) == n,
    "columns of different lengths", bytes)
  check(zip(columns.lines, columns.lines.dropFirst()).allSatisfy { $0 < $1 }, "lines", bytes)
  check(columns.lines.allSatisfy { $0 >= 2 }, "a row on the header's line", bytes)
  for i in 0..<n {
    let (x, tx, t) = (columns.frequency[i], columns.recency[i], columns.age[i])
    check(
      x >= 0 && tx >= 0 && tx <= t && (x > 0) == (tx > 0) && t.isFinite,
      "row \(i): accepted x = \(x), t_x = \(tx), T = \(t)", bytes)
  }
  guard n > 0, n <= 64 else { return 0 }
  let options = FitOptions.standard
  if columns.isDiscrete {
    guard
      let histories = try? DiscretePurchaseHistories(
        frequency: columns.frequency, recency: columns.recency.map { Int($0) },
        periods: columns.age.map { Int($0) }, weight: columns.weight)
    else { return 0 }
    checkFit(
      try? BGBBModel.fit(histories, options: options), bytes,
      shapes: { [$0.alpha, $0.beta, $0.gamma, $0.delta] },
      all: { [$0.alpha, $0.beta, $0.gamma, $0.delta] },
      recomputed: { $0.logLikelihood(of: histories) })
    return 0
  }
  if let histories = try? PurchaseHistories(
    frequency: columns.frequency, recency: columns.recency, age: columns.age,
    weight: columns.weight)
  {
    checkFit(
      try? BGNBDModel.fit(histories, options: options), bytes, shapes: { [$0.r, $0.a, $0.b] },
      all: { [$0.r, $0.alpha, $0.a, $0.b] }, recomputed: { $0.logLikelihood(of: histories) })
  }
  if let spend = columns.monetaryValue,
    let histories = try? SpendHistories(
      frequency: columns.frequency, meanSpend: spend, weight: columns.weight)
  {
    checkFit(
      try? GammaGammaModel.fit(histories, options: options), bytes, shapes: { [$0.p, $0.q] },
      all: { [$0.p, $0.q, $0.v] }, recomputed: { $0.logLikelihood(of: histories) })
  }
  return 0
}
