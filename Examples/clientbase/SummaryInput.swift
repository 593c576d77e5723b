import ClientBase

/// Per-client rows a database already computed: the Python CLV libraries' columns.
struct SummaryInput {
  var ids: [String]
  var frequency: [Int]
  var recency: [Double]
  /// `T` for continuous data, `n_periods` for discrete data.
  var age: [Double]
  var monetary: [Double]?
  var weight: [Double]?
  var isDiscrete: Bool
  var source: String
  /// The file's line of each row, for messages about a row.
  var lines: [Int]

  /// The message for an error of the histories built from these rows: a row the histories
  /// name becomes the file's line, with the weight column when the weights are at fault.
  func message(for error: RetentionError) -> String {
    guard case .invalidHistory(let row, let reason) = error, lines.indices.contains(row) else {
      return "\(source): \(error)"
    }
    let column = weight != nil && reason.contains("weight") ? " (weight)" : ""
    return "\(source): line \(lines[row])\(column): \(reason)"
  }
}

/// Reads `frequency,recency,T` (or `n_periods`) with optional `client_id`, `monetary_value`
/// and `weight` through the library's `SummaryCSVDecoder`; the first bad value is reported
/// with its line, column and column name. Rows without a `client_id` are named by their
/// line (`row 2`).
func parseSummary(_ bytes: [UInt8], source: String) throws(CommandError) -> SummaryInput {
  let columns: SummaryColumns
  do {
    columns = try SummaryCSVDecoder().decode(bytes)
  } catch {
    throw .badInput("\(source): \(error)")
  }
  guard columns.count > 0 else { throw .badInput("\(source): no rows after the header") }
  return SummaryInput(
    ids: columns.clientIDs ?? columns.lines.map { "row \($0)" }, frequency: columns.frequency,
    recency: columns.recency, age: columns.age, monetary: columns.monetaryValue,
    weight: columns.weight, isDiscrete: columns.isDiscrete, source: source, lines: columns.lines)
}
