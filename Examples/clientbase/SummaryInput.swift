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
}

/// Reads `frequency,recency,T` (or `n_periods`) with optional `client_id`, `monetary_value`
/// and `weight`; the first bad value is reported with its line and column.
func parseSummary(_ bytes: [UInt8], source: String) throws(CommandError) -> SummaryInput {
  let records = try parseCSVRecords(bytes, source: source)
  guard let header = records.first else { throw .badInput("\(source): the file is empty") }
  let names = header.fields.map { $0.trimmingSpaces() }
  func column(_ name: String) -> Int? { names.firstIndex(of: name) }
  guard let f = column("frequency"), let r = column("recency") else {
    throw .badInput(
      "\(source): line 1: the header needs frequency and recency, found \(names.joined(separator: ","))"
    )
  }
  let discreteColumn = column("n_periods")
  guard let t = column("T") ?? discreteColumn else {
    throw .badInput("\(source): line 1: the header needs T (or n_periods for discrete data)")
  }
  let isDiscrete = column("T") == nil
  let idColumn = column("client_id")
  let monetaryColumn = column("monetary_value")
  let weightColumn = column("weight")
  var input = SummaryInput(
    ids: [], frequency: [], recency: [], age: [], monetary: monetaryColumn.map { _ in [] },
    weight: weightColumn.map { _ in [] }, isDiscrete: isDiscrete, source: source)
  for record in records.dropFirst() {
    func field(_ index: Int) throws(CommandError) -> String {
      guard index < record.fields.count else {
        throw .badInput(
          "\(source): line \(record.line): expected at least \(index + 1) fields, found \(record.fields.count)"
        )
      }
      return record.fields[index].trimmingSpaces()
    }
    func number(_ index: Int, _ name: String) throws(CommandError) -> Double {
      let text = try field(index)
      guard let value = Double(text), value.isFinite else {
        throw .badInput(
          "\(source): line \(record.line), column \(index + 1) (\(name)): '\(text.prefix(40))' is not a finite number"
        )
      }
      return value
    }
    let x = try number(f, "frequency")
    guard x >= 0, x == x.rounded(), x < 2e9 else {
      throw .badInput(
        "\(source): line \(record.line), column \(f + 1) (frequency): must be a whole number ≥ 0")
    }
    input.ids.append(
      try idColumn.map { i throws(CommandError) in try field(i) } ?? "row \(record.line)")
    input.frequency.append(Int(x))
    input.recency.append(try number(r, "recency"))
    input.age.append(try number(t, isDiscrete ? "n_periods" : "T"))
    if let m = monetaryColumn { input.monetary?.append(try number(m, "monetary_value")) }
    if let w = weightColumn { input.weight?.append(try number(w, "weight")) }
  }
  guard !input.ids.isEmpty else { throw .badInput("\(source): no rows after the header") }
  return input
}

/// One CSV record and the line it starts on.
struct CSVRecord {
  var line: Int
  var fields: [String]
}

/// Splits RFC 4180 text into records (quotes, doubled quotes, embedded commas and line
/// breaks, CRLF, a leading byte-order mark); blank lines are skipped.
func parseCSVRecords(_ bytes: [UInt8], source: String) throws(CommandError) -> [CSVRecord] {
  var records: [CSVRecord] = []
  var fields: [String] = []
  var field: [UInt8] = []
  var line = 1
  var recordLine = 1
  var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
  var inQuotes = false
  var quoteLine = 0
  func endField() {
    fields.append(String(decoding: field, as: UTF8.self))
    field.removeAll(keepingCapacity: true)
  }
  func endRecord() {
    endField()
    if !(fields.count == 1 && fields[0].isEmpty) {
      records.append(CSVRecord(line: recordLine, fields: fields))
    }
    fields.removeAll(keepingCapacity: true)
  }
  while i < bytes.count {
    let byte = bytes[i]
    if inQuotes {
      if byte == 0x22 {
        if i + 1 < bytes.count, bytes[i + 1] == 0x22 {
          field.append(0x22)
          i += 1
        } else {
          inQuotes = false
        }
      } else {
        if byte == 0x0A { line += 1 }
        field.append(byte)
      }
    } else if byte == 0x22 && field.isEmpty {
      inQuotes = true
      quoteLine = line
    } else if byte == 0x2C {
      endField()
    } else if byte == 0x0A || byte == 0x0D {
      endRecord()
      if byte == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
      line += 1
      recordLine = line
    } else {
      field.append(byte)
    }
    i += 1
  }
  if inQuotes { throw .badInput("\(source): line \(quoteLine): a quoted field is never closed") }
  if !field.isEmpty || !fields.isEmpty { endRecord() }
  return records
}

extension String {
  func trimmingSpaces() -> String {
    var view = Substring(self)
    while view.first == " " || view.first == "\t" { view = view.dropFirst() }
    while view.last == " " || view.last == "\t" { view = view.dropLast() }
    return String(view)
  }
}
