/// Decodes the host's life-events file in CSV into ``LifeEvent``s.
///
/// The header names `client_id`, `date` and `kind`, in any order; other columns are
/// skipped.
///
/// ```swift
/// let csv = """
///   client_id,date,kind
///   c-1,2026-04-01,relocation
///   c-2,2026-04-03,retirement
///   """
/// let events = try LifeEventCSVDecoder().decode(csv)
/// events[0].kind        // .relocation
/// events[1].kind        // LifeEventKind(rawValue: "retirement"), the host's own kind
/// ```
///
/// What it accepts, beyond the format of ``CSVRecordReader`` (RFC 4180 quoting, a byte-order
/// mark, blank lines skipped but counted, every row as wide as the header unless
/// ``allowsExtraFields``):
/// - **`client_id`**: the rule of ``PurchaseCSVDecoder`` for client ids.
/// - **`date`**: ISO 8601 `YYYY-MM-DD`.
/// - **`kind`**: a name, trimmed of surrounding spaces and tabs, compared exactly (case
///   included) and held to the rule for ids. ``LifeEventKind`` is an open set: the
///   predefined kinds and any of the host's own are read.
///
/// Every row is kept, duplicates included. The first problem stops decoding with a
/// ``CSVError`` naming the line (the header is line 1), the column and its name.
public struct LifeEventCSVDecoder: Hashable, Sendable {
  /// Whether a row may have more fields than the header. The default is `false`: a field
  /// beyond the header is usually a value holding an unquoted comma.
  public var allowsExtraFields: Bool

  /// Creates a decoder.
  ///
  /// - Parameter allowsExtraFields: Whether a row may have trailing fields beyond the header.
  public init(allowsExtraFields: Bool = false) {
    self.allowsExtraFields = allowsExtraFields
  }

  /// Decodes life events from a file's bytes.
  ///
  /// - Parameter bytes: The file's contents, UTF-8.
  /// - Returns: One event per data row, in the order of the file, with each row's line.
  /// - Throws: ``CSVError`` for the first problem found; nothing is returned then.
  /// - Complexity: O(*n*) in the size of the input.
  public func decode(_ bytes: [UInt8]) throws(CSVError) -> CSVRows<LifeEvent<String>> {
    try decode(.bytes(bytes))
  }

  /// Decodes life events held in a string.
  ///
  /// - Parameter text: The file's contents.
  /// - Returns: One event per data row, in the order of the file, with each row's line.
  /// - Throws: ``CSVError`` for the first problem found; nothing is returned then.
  /// - Complexity: O(*n*) in the size of the input.
  public func decode(_ text: String) throws(CSVError) -> CSVRows<LifeEvent<String>> {
    try decode(.text(text))
  }

  private struct Layout {
    var client: Int
    var day: Int
    var kind: Int

    init(_ header: CSVHeader) throws(CSVError) {
      client = try header.requiredColumn(named: "client_id")
      day = try header.requiredColumn(named: "date")
      kind = try header.requiredColumn(named: "kind")
    }
  }

  private func decode(_ input: HostFileInput) throws(CSVError) -> CSVRows<LifeEvent<String>> {
    try decodeHostFile(
      input, allowsExtraFields: allowsExtraFields,
      layout: { header throws(CSVError) in try Layout(header) },
      row: { record, layout throws(CSVError) in
        LifeEvent(
          client: try record.clientID(at: layout.client), day: try record.day(at: layout.day),
          kind: LifeEventKind(rawValue: try record.name(at: layout.kind, noun: "kind")))
      })
  }
}
