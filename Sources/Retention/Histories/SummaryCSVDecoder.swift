/// Decodes a per-client summary in CSV, the form a database or a data warehouse computes
/// (one row per client, or per group of identical clients), into columns the histories take.
///
/// The header names the columns the Python CLV libraries use, in any order:
/// `frequency,recency,T` for continuous time, or `frequency,recency,n_periods` for discrete
/// time (``SummaryColumns/isDiscrete``; `T` wins when both are named), each optionally with
/// `client_id`, `monetary_value` and `weight` (a row standing for that many identical
/// clients). Other columns are skipped.
///
/// ```swift
/// let csv = """
///   client_id,frequency,recency,T,monetary_value
///   c-1,2,30.5,38.9,22.35
///   c-2,0,0,38.9,0
///   """
/// let summary = try SummaryCSVDecoder().decode(csv)
/// let histories = try PurchaseHistories(
///   frequency: summary.frequency, recency: summary.recency, age: summary.age,
///   weight: summary.weight)
/// ```
///
/// What it accepts, beyond the format of `CSVRecordReader` (RFC 4180 quoting, a byte-order
/// mark, blank lines skipped but counted, every row as wide as the header unless
/// ``allowsExtraFields``):
/// - **Header.** `frequency`, `recency` and `T` (or `n_periods`) must be there; a column the
///   decoder reads may not be named twice (`CSVError/duplicateColumn(_:header:)`).
/// - **Numbers.** Decimal numbers (`12`, `3.5`, `1e3`), spaces and tabs around them ignored;
///   NaN, infinity and hexadecimal are refused. `frequency` is a whole number from 0 to less
///   than 2,000,000,000; `recency` and `T` (`n_periods`) are at least 0, with
///   `recency ≤ T`, and `recency` is 0 exactly when `frequency` is; `T` is at most
///   ``PurchaseHistories/maximumTime``. For discrete data `recency` and `n_periods` are whole
///   numbers, `n_periods` at most ``DiscretePurchaseHistories/maximumSupportedPeriods`` and
///   `frequency ≤ recency`. `monetary_value` is any finite number; `weight` is at least 0.
/// - **Client ids.** The rule of `PurchaseCSVDecoder`: the field's text as it is, valid
///   UTF-8, with no control character (U+0000–U+001F, U+007F), not empty or only spaces.
///
/// The one rule left to the histories is the weights' total (at most
/// ``PurchaseHistories/maximumTotalWeight``); their errors name a row, which
/// ``SummaryColumns/lines`` turns into the file's line.
///
/// The first problem stops decoding with a `CSVError` naming the line (the header is line 1
/// unless blank lines precede it; lines are counted as an editor counts them), the column and
/// its name.
public struct SummaryCSVDecoder: Hashable, Sendable {
  /// Whether a row may have more fields than the header. The default is `false`.
  ///
  /// Off, a field beyond the header is an error: an unquoted `1,5` is two fields, never 1.
  /// On, fields beyond the header are dropped.
  public var allowsExtraFields: Bool

  /// The most repeat purchases a row may have: 2,000,000,000 (the models count in 32 bits).
  public static let frequencyLimit: Double = 2e9

  /// Creates a decoder.
  ///
  /// - Parameter allowsExtraFields: Whether a row may have trailing fields beyond the header;
  ///   see ``allowsExtraFields``.
  public init(allowsExtraFields: Bool = false) {
    self.allowsExtraFields = allowsExtraFields
  }

  /// Decodes a summary from its bytes.
  ///
  /// See ``SummaryCSVDecoder`` for the format accepted.
  ///
  /// - Parameter bytes: The file's contents, UTF-8.
  /// - Returns: One entry per data row in each column; empty columns when the file holds only
  ///   a header.
  /// - Throws: `CSVError` for the first problem found.
  /// - Complexity: O(*n*) in the size of the input.
  public func decode(_ bytes: [UInt8]) throws(CSVError) -> SummaryColumns {
    var layout: Layout?
    let file = try CSVRecordReader(allowsExtraFields: allowsExtraFields).read(bytes) {
      header throws(CSVError) in layout = try Layout(header)
    }
    return try decode(file, layout)
  }

  /// Decodes a summary held in a string.
  ///
  /// See ``SummaryCSVDecoder`` for the format accepted.
  ///
  /// - Parameter text: The file's contents.
  /// - Returns: One entry per data row in each column; empty columns when the text holds only
  ///   a header.
  /// - Throws: `CSVError` for the first problem found.
  /// - Complexity: O(*n*) in the size of the input.
  public func decode(_ text: String) throws(CSVError) -> SummaryColumns {
    var layout: Layout?
    let file = try CSVRecordReader(allowsExtraFields: allowsExtraFields).read(text) {
      header throws(CSVError) in layout = try Layout(header)
    }
    return try decode(file, layout)
  }

  /// The columns read, found in the header.
  private struct Layout {
    var frequency: Int
    var recency: Int
    var age: Int
    var isDiscrete: Bool
    var id: Int?
    var monetary: Int?
    var weight: Int?

    init(_ header: CSVHeader) throws(CSVError) {
      frequency = try header.requiredColumn(named: "frequency")
      recency = try header.requiredColumn(named: "recency")
      let continuousAge = try header.column(named: "T")
      let discreteAge = try header.column(named: "n_periods")
      guard let age = continuousAge ?? discreteAge else {
        throw .missingColumn("T", header: header.names, line: header.line)
      }
      self.age = age
      isDiscrete = continuousAge == nil
      id = try header.column(named: "client_id")
      monetary = try header.column(named: "monetary_value")
      weight = try header.column(named: "weight")
    }
  }

  private func decode(_ file: CSVRecords, _ layout: Layout?) throws(CSVError) -> SummaryColumns {
    // The reader checked the header through `Layout.init` before reading any row.
    guard let layout else { throw .emptyInput }
    let frequencyColumn = layout.frequency
    let recencyColumn = layout.recency
    let ageColumn = layout.age
    let isDiscrete = layout.isDiscrete
    let ageName = isDiscrete ? "n_periods" : "T"
    let idColumn = layout.id
    let monetaryColumn = layout.monetary
    let weightColumn = layout.weight

    let n = file.records.count
    var columns = SummaryColumns(isDiscrete: isDiscrete)
    columns.frequency.reserveCapacity(n)
    columns.recency.reserveCapacity(n)
    columns.age.reserveCapacity(n)
    columns.lines.reserveCapacity(n)
    if idColumn != nil { columns.clientIDs = [] }
    if monetaryColumn != nil { columns.monetaryValue = [] }
    if weightColumn != nil { columns.weight = [] }
    for record in file.records {
      let x = try record.number(at: frequencyColumn)
      guard x >= 0, x == x.rounded(), x < Self.frequencyLimit else {
        throw record.invalidField(
          at: frequencyColumn,
          reason: "the frequency must be a whole number from 0 to less than 2,000,000,000")
      }
      let recency = try record.number(at: recencyColumn)
      guard recency >= 0 else {
        throw record.invalidField(at: recencyColumn, reason: "the recency must be at least 0")
      }
      if isDiscrete, recency != recency.rounded() {
        throw record.invalidField(
          at: recencyColumn, reason: "the recency must be a whole number of periods")
      }
      guard x > 0 || recency == 0 else {
        throw record.invalidField(
          at: recencyColumn, reason: "the recency must be 0 when the frequency is 0")
      }
      guard isDiscrete || x == 0 || recency > 0 else {
        throw record.invalidField(
          at: recencyColumn,
          reason: "the recency must be above 0 when the frequency is above 0 (a repeat purchase "
            + "comes after the first)")
      }
      let age = try record.number(at: ageColumn)
      guard age >= 0 else {
        throw record.invalidField(at: ageColumn, reason: "\(ageName) must be at least 0")
      }
      if isDiscrete {
        guard age == age.rounded(), age <= Double(DiscretePurchaseHistories.maximumSupportedPeriods)
        else {
          throw record.invalidField(
            at: ageColumn,
            reason: "n_periods must be a whole number of at most "
              + "\(DiscretePurchaseHistories.maximumSupportedPeriods)")
        }
        // Each period with a purchase is one of the first `recency` periods.
        guard x <= recency else {
          throw record.invalidField(
            at: frequencyColumn,
            reason:
              "the frequency is greater than the recency (\(record.text(at: recencyColumn))): "
              + "more periods with a purchase than periods up to the last one")
        }
      } else if age > PurchaseHistories.maximumTime {
        throw record.invalidField(
          at: ageColumn, reason: "T is above the supported maximum \(PurchaseHistories.maximumTime)"
        )
      }
      guard recency <= age else {
        throw record.invalidField(
          at: recencyColumn,
          reason: "the recency is greater than \(ageName) (\(record.text(at: ageColumn)))")
      }
      if let idColumn { columns.clientIDs?.append(try record.clientID(at: idColumn)) }
      if let monetaryColumn {
        columns.monetaryValue?.append(try record.number(at: monetaryColumn))
      }
      if let weightColumn {
        let weight = try record.number(at: weightColumn)
        guard weight >= 0 else {
          throw record.invalidField(at: weightColumn, reason: "the weight must be at least 0")
        }
        columns.weight?.append(weight)
      }
      columns.frequency.append(Int(x))
      columns.recency.append(recency)
      columns.age.append(age)
      columns.lines.append(record.line)
    }
    return columns
  }
}

/// A per-client summary as ``SummaryCSVDecoder`` reads it: one entry per data row in each
/// column, in the order of the file.
public struct SummaryColumns: Hashable, Sendable {
  /// `client_id` of each row, or `nil` when the file has no such column.
  public var clientIDs: [String]?
  /// `frequency`: repeat purchases (continuous) or periods with a purchase (discrete).
  public var frequency: [Int] = []
  /// `recency`: from first to last purchase, in the file's time unit, or the period of the
  /// last purchase for discrete data.
  public var recency: [Double] = []
  /// `T`, from first purchase to the end of observation, or `n_periods` for discrete data.
  public var age: [Double] = []
  /// `monetary_value` of each row, or `nil` when the file has no such column.
  public var monetaryValue: [Double]?
  /// `weight` of each row, or `nil` when the file has no such column (one client each).
  public var weight: [Double]?
  /// Whether the file is discrete-time data: its header names `n_periods`, not `T`.
  public var isDiscrete: Bool
  /// The line where each row starts in the file, for messages about a row: an error of the
  /// histories naming row *k* is about line `lines[k]`.
  public var lines: [Int] = []

  /// Creates empty columns.
  ///
  /// - Parameter isDiscrete: Whether the data are discrete-time.
  public init(isDiscrete: Bool) {
    self.isDiscrete = isDiscrete
  }

  /// The number of rows.
  public var count: Int { frequency.count }
}
