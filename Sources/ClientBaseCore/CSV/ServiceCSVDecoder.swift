/// Decodes the host's services file in CSV — one row per non-commodity service a client
/// uses — into ``ServiceUse``s.
///
/// The header names `client_id` and `service`, in any order; other columns are skipped.
///
/// ```swift
/// let csv = """
///   client_id,service
///   c-1,credit-line
///   c-1,online-ordering
///   """
/// let uses = try ServiceCSVDecoder().decode(csv)
/// uses[0].service        // .creditLine
/// ```
///
/// What it accepts, beyond the format of ``CSVRecordReader`` (RFC 4180 quoting, a byte-order
/// mark, blank lines skipped but counted, every row as wide as the header unless
/// ``allowsExtraFields``):
/// - **`client_id`**: the rule of ``PurchaseCSVDecoder`` for client ids.
/// - **`service`**: a name, trimmed of surrounding spaces and tabs, compared exactly (case
///   included) and held to the rule for ids. ``Service`` is an open set: the host names its
///   own services, and the decoder reads any name.
///
/// **Every row is kept**, a use listed twice included: a use repeated is the same use, and
/// switching barriers count the distinct services of each client. The first problem stops
/// decoding with a ``CSVError`` naming the line (the header is line 1), the column and its
/// name.
public struct ServiceCSVDecoder: Hashable, Sendable {
  /// Whether a row may have more fields than the header. The default is `false`: a field
  /// beyond the header is usually a value holding an unquoted comma.
  public var allowsExtraFields: Bool

  /// Creates a decoder.
  ///
  /// - Parameter allowsExtraFields: Whether a row may have trailing fields beyond the header.
  public init(allowsExtraFields: Bool = false) {
    self.allowsExtraFields = allowsExtraFields
  }

  /// Decodes service uses from a file's bytes.
  ///
  /// - Parameter bytes: The file's contents, UTF-8.
  /// - Returns: One use per data row, in the order of the file, with each row's line.
  /// - Throws: ``CSVError`` for the first problem found; nothing is returned then.
  /// - Complexity: O(*n*) in the size of the input.
  public func decode(_ bytes: [UInt8]) throws(CSVError) -> CSVRows<ServiceUse<String>> {
    try decode(.bytes(bytes))
  }

  /// Decodes service uses held in a string.
  ///
  /// - Parameter text: The file's contents.
  /// - Returns: One use per data row, in the order of the file, with each row's line.
  /// - Throws: ``CSVError`` for the first problem found; nothing is returned then.
  /// - Complexity: O(*n*) in the size of the input.
  public func decode(_ text: String) throws(CSVError) -> CSVRows<ServiceUse<String>> {
    try decode(.text(text))
  }

  private struct Layout {
    var client: Int
    var service: Int

    init(_ header: CSVHeader) throws(CSVError) {
      client = try header.requiredColumn(named: "client_id")
      service = try header.requiredColumn(named: "service")
    }
  }

  private func decode(_ input: HostFileInput) throws(CSVError) -> CSVRows<ServiceUse<String>> {
    try decodeHostFile(
      input, allowsExtraFields: allowsExtraFields,
      layout: { header throws(CSVError) in try Layout(header) },
      row: { record, layout throws(CSVError) in
        ServiceUse(
          client: try record.clientID(at: layout.client),
          service: Service(rawValue: try record.name(at: layout.service, noun: "service")))
      })
  }
}
