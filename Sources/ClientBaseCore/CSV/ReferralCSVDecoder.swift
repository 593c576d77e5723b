/// Decodes the host's referrals file in CSV — who recommended whom — into ``Referral``s.
///
/// The header names `client_id` (the client who recommended), `referred_id` (the client or
/// prospect recommended) and `date`, in any order; other columns are skipped.
///
/// ```swift
/// let csv = """
///   client_id,referred_id,date
///   c-1,c-9,2026-02-11
///   c-1,p-4,2026-05-30
///   """
/// let referrals = try ReferralCSVDecoder().decode(csv)
/// referrals[1].referred     // "p-4"
/// ```
///
/// What it accepts, beyond the format of ``CSVRecordReader`` (RFC 4180 quoting, a byte-order
/// mark, blank lines skipped but counted, every row as wide as the header unless
/// ``allowsExtraFields``):
/// - **`client_id`** and **`referred_id`**: the rule of ``PurchaseCSVDecoder`` for client ids.
///   Either may be someone who never bought.
/// - **`date`**: ISO 8601 `YYYY-MM-DD`.
///
/// **A self-referral is an error** at its `referred_id`: a client cannot recommend the
/// business to itself, so the row is a broken export, and counting it would make a client a
/// recommender on no evidence. **Repeated referrals are kept**, whether the same row twice or
/// the same pair on two days: the file may record a recommendation each time it was made,
/// and the instruments count distinct clients recommended. The first problem stops decoding
/// with a ``CSVError`` naming the line (the header is line 1), the column and its name.
public struct ReferralCSVDecoder: Hashable, Sendable {
  /// Whether a row may have more fields than the header. The default is `false`: a field
  /// beyond the header is usually a value holding an unquoted comma.
  public var allowsExtraFields: Bool

  /// Creates a decoder.
  ///
  /// - Parameter allowsExtraFields: Whether a row may have trailing fields beyond the header.
  public init(allowsExtraFields: Bool = false) {
    self.allowsExtraFields = allowsExtraFields
  }

  /// Decodes referrals from a file's bytes.
  ///
  /// - Parameter bytes: The file's contents, UTF-8.
  /// - Returns: One referral per data row, in the order of the file, with each row's line.
  /// - Throws: ``CSVError`` for the first problem found; nothing is returned then.
  /// - Complexity: O(*n*) in the size of the input.
  public func decode(_ bytes: [UInt8]) throws(CSVError) -> CSVRows<Referral<String>> {
    try decode(.bytes(bytes))
  }

  /// Decodes referrals held in a string.
  ///
  /// - Parameter text: The file's contents.
  /// - Returns: One referral per data row, in the order of the file, with each row's line.
  /// - Throws: ``CSVError`` for the first problem found; nothing is returned then.
  /// - Complexity: O(*n*) in the size of the input.
  public func decode(_ text: String) throws(CSVError) -> CSVRows<Referral<String>> {
    try decode(.text(text))
  }

  private struct Layout {
    var client: Int
    var referred: Int
    var day: Int

    init(_ header: CSVHeader) throws(CSVError) {
      client = try header.requiredColumn(named: "client_id")
      referred = try header.requiredColumn(named: "referred_id")
      day = try header.requiredColumn(named: "date")
    }
  }

  private func decode(_ input: HostFileInput) throws(CSVError) -> CSVRows<Referral<String>> {
    try decodeHostFile(
      input, allowsExtraFields: allowsExtraFields,
      layout: { header throws(CSVError) in try Layout(header) },
      row: { record, layout throws(CSVError) in
        let client = try record.clientID(at: layout.client)
        let referred = try record.clientID(at: layout.referred)
        guard referred != client else {
          throw record.invalidField(
            at: layout.referred, reason: "a client cannot recommend itself (self-referral)")
        }
        return Referral(client: client, referred: referred, day: try record.day(at: layout.day))
      })
  }
}
