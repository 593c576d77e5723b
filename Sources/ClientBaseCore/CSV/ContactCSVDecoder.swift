/// Decodes the host's contacts file in CSV — calls, meetings, visits, mail, messages — into
/// ``Contact``s.
///
/// The header names `client_id`, `date`, `manager`, `channel` and `outcome`, in any order;
/// other columns are skipped.
///
/// ```swift
/// let csv = """
///   client_id,date,manager,channel,outcome
///   c-1,2026-03-02,m-01,call,reached
///   p-7,2026-03-02,m-02,visit,interested
///   """
/// let contacts = try ContactCSVDecoder(
///   channels: ContactCSVDecoder.listedChannels, outcomes: ContactCSVDecoder.listedOutcomes
/// ).decode(csv)
/// contacts[1].channel        // .visit
/// ```
///
/// What it accepts, beyond the format of ``CSVRecordReader`` (RFC 4180 quoting, a byte-order
/// mark, blank lines skipped but counted, every row as wide as the header unless
/// ``allowsExtraFields``):
/// - **`client_id`**: the rule of ``PurchaseCSVDecoder``. A contact may name anyone: a client
///   who never bought is a prospect, which is what the instruments make of it.
/// - **`date`**: ISO 8601 `YYYY-MM-DD`, as purchase dates.
/// - **`manager`**: the manager's id, by the rule for ids (as it is, no control character,
///   not empty or only spaces).
/// - **`channel`** and **`outcome`**: names, trimmed of surrounding spaces and tabs and
///   compared exactly, case included. `Channel` and `ContactOutcome` are open sets, and so
///   is the decoder by default: any name is read (`whatsapp`, `left-voicemail`). Restrict
///   ``channels`` or ``outcomes`` to make a name outside them an error at its line: the
///   `clientbase` command does, with ``listedChannels`` and ``listedOutcomes``, the names
///   its documentation lists, so a typing slip (`meting`) is caught rather than counted as
///   a channel of its own.
///
/// **Every row is kept**, duplicates included: two calls on one day may both have happened,
/// and what a repeat means is the instrument's call (relationship coverage counts distinct
/// managers, so repeats change nothing there). The first problem stops decoding with a
/// ``CSVError`` naming the line (the header is line 1), the column and its name.
public struct ContactCSVDecoder: Hashable, Sendable {
  /// Whether a row may have more fields than the header. The default is `false`: a field
  /// beyond the header is usually a value holding an unquoted comma.
  public var allowsExtraFields: Bool
  /// The channels accepted, or `nil` (the default) for any name.
  public var channels: Set<Channel>?
  /// The outcomes accepted, or `nil` (the default) for any name.
  public var outcomes: Set<ContactOutcome>?

  /// The channels the `clientbase` command documents: `call`, `meeting`, `visit`, `mail`,
  /// `message`.
  public static let listedChannels: Set<Channel> = [.call, .meeting, .visit, .mail, .message]
  /// The outcomes the `clientbase` command documents: `not-reached`, `reached`,
  /// `interested`, `declined`, `sale`.
  public static let listedOutcomes: Set<ContactOutcome> = [
    .notReached, .reached, .interested, .declined, .sale,
  ]

  /// Creates a decoder.
  ///
  /// - Parameters:
  ///   - allowsExtraFields: Whether a row may have trailing fields beyond the header.
  ///   - channels: The channels accepted, or `nil` for any.
  ///   - outcomes: The outcomes accepted, or `nil` for any.
  public init(
    allowsExtraFields: Bool = false, channels: Set<Channel>? = nil,
    outcomes: Set<ContactOutcome>? = nil
  ) {
    self.allowsExtraFields = allowsExtraFields
    self.channels = channels
    self.outcomes = outcomes
  }

  /// Decodes contacts from a file's bytes.
  ///
  /// - Parameter bytes: The file's contents, UTF-8.
  /// - Returns: One contact per data row, in the order of the file, with each row's line.
  /// - Throws: ``CSVError`` for the first problem found; nothing is returned then.
  /// - Complexity: O(*n*) in the size of the input.
  public func decode(_ bytes: [UInt8]) throws(CSVError) -> CSVRows<Contact<String>> {
    try decode(.bytes(bytes))
  }

  /// Decodes contacts held in a string.
  ///
  /// - Parameter text: The file's contents.
  /// - Returns: One contact per data row, in the order of the file, with each row's line.
  /// - Throws: ``CSVError`` for the first problem found; nothing is returned then.
  /// - Complexity: O(*n*) in the size of the input.
  public func decode(_ text: String) throws(CSVError) -> CSVRows<Contact<String>> {
    try decode(.text(text))
  }

  private struct Layout {
    var client: Int
    var day: Int
    var manager: Int
    var channel: Int
    var outcome: Int

    init(_ header: CSVHeader) throws(CSVError) {
      client = try header.requiredColumn(named: "client_id")
      day = try header.requiredColumn(named: "date")
      manager = try header.requiredColumn(named: "manager")
      channel = try header.requiredColumn(named: "channel")
      outcome = try header.requiredColumn(named: "outcome")
    }
  }

  private func decode(_ input: HostFileInput) throws(CSVError) -> CSVRows<Contact<String>> {
    let channels = self.channels
    let outcomes = self.outcomes
    // The vocabulary as a sentence, made once.
    let channelList = channels.map { vocabularyList($0.map(\.rawValue)) }
    let outcomeList = outcomes.map { vocabularyList($0.map(\.rawValue)) }
    return try decodeHostFile(
      input, allowsExtraFields: allowsExtraFields,
      layout: { header throws(CSVError) in try Layout(header) },
      row: { record, layout throws(CSVError) in
        let client = try record.clientID(at: layout.client)
        let day = try record.day(at: layout.day)
        let manager = ManagerID(try record.identifier(at: layout.manager, noun: "manager id"))
        let channel = Channel(rawValue: try record.name(at: layout.channel, noun: "channel"))
        if let channels, let channelList, !channels.contains(channel) {
          throw record.invalidField(
            at: layout.channel, reason: "not one of the channels accepted: \(channelList)")
        }
        let outcome = ContactOutcome(
          rawValue: try record.name(at: layout.outcome, noun: "outcome"))
        if let outcomes, let outcomeList, !outcomes.contains(outcome) {
          throw record.invalidField(
            at: layout.outcome, reason: "not one of the outcomes accepted: \(outcomeList)")
        }
        return Contact(
          client: client, day: day, manager: manager, channel: channel, outcome: outcome)
      })
  }
}

/// Names of a closed vocabulary in order, for an error message: `call, mail, meeting`.
func vocabularyList(_ names: [String]) -> String {
  names.isEmpty ? "none" : names.sorted().joined(separator: ", ")
}
