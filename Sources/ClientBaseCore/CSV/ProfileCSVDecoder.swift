/// Decodes the host's profiles file in CSV — one row per client — into ``ClientProfile``s.
///
/// The header names `client_id` and, optionally, `birthday`, `manager`, `region` and `since`,
/// in any order; every other named column becomes an attribute of the profile.
///
/// ```swift
/// let csv = """
///   client_id,birthday,manager,region,since,sector,employees
///   c-1,03-14,m-01,north,2019-05-02,retail,40
///   c-2,,m-02,south,,wholesale,
///   """
/// let profiles = try ProfileCSVDecoder().decode(csv)
/// profiles[0].birthday                  // --03-14
/// profiles[0].attributes["employees"]   // .number(40)
/// profiles[1].birthday                  // nil: left blank
/// profiles.line(ofRow: 1)               // 3
/// ```
///
/// What it accepts, beyond the format of ``CSVRecordReader`` (RFC 4180 quoting, a byte-order
/// mark, blank lines skipped but counted, every row as wide as the header unless
/// ``allowsExtraFields``):
/// - **`client_id`**, required: the rule of ``PurchaseCSVDecoder`` (the text as it is, valid
///   UTF-8, no control character, not empty or only spaces). **One row per client**: a second
///   row for a client is an error at its `client_id`, naming the line of the first, since
///   which of two profiles is right would be a guess.
/// - **`birthday`**: `MM-DD`, `--MM-DD`, or a full date `YYYY-MM-DD` whose year is dropped;
///   `02-29` is a birthday, `02-30` and `13-01` are errors, and so is `2023-02-29`.
/// - **`manager`**: the owning manager's id, by the rule for ids (as it is, no control
///   character, not only spaces).
/// - **`region`**: a name, trimmed of surrounding spaces and tabs.
/// - **`since`**: the day the client became a client, ISO 8601 (`YYYY-MM-DD`).
/// - **Other columns** become ``ClientProfile/attributes`` under their header names. With
///   ``infersAttributeTypes`` (the default) a decimal number (`40`, `-3.5`, `1e3`, spaces
///   around it ignored) is an ``AttributeValue/number(_:)``, `true`, `false`, `yes` and `no`
///   (any case) are an ``AttributeValue/flag(_:)``, and anything else is an
///   ``AttributeValue/text(_:)`` as it is; without it every attribute is text. A column with
///   an empty name is skipped; a name given to two attribute columns is an error
///   (``CSVError/duplicateColumn(_:header:line:)``), as is any column the decoder reads named
///   twice.
///
/// An optional field left empty (or only spaces and tabs) is `nil` — or, for an attribute,
/// absent from the profile. The first problem stops decoding with a ``CSVError`` naming the
/// line (the header is line 1), the column and its name.
public struct ProfileCSVDecoder: Hashable, Sendable {
  /// Whether a row may have more fields than the header. The default is `false`: a field
  /// beyond the header is usually a value holding an unquoted comma.
  public var allowsExtraFields: Bool
  /// Whether attribute columns are read as numbers and flags where their text is one. The
  /// default is `true`; `false` keeps every attribute as text (for codes such as `007`).
  public var infersAttributeTypes: Bool

  /// The columns the decoder reads itself; every other becomes an attribute.
  public static let knownColumns = ["client_id", "birthday", "manager", "region", "since"]

  /// Creates a decoder.
  ///
  /// - Parameters:
  ///   - allowsExtraFields: Whether a row may have trailing fields beyond the header.
  ///   - infersAttributeTypes: Whether attributes are read as numbers and flags where they
  ///     are; see ``infersAttributeTypes``.
  public init(allowsExtraFields: Bool = false, infersAttributeTypes: Bool = true) {
    self.allowsExtraFields = allowsExtraFields
    self.infersAttributeTypes = infersAttributeTypes
  }

  /// Decodes profiles from a file's bytes.
  ///
  /// - Parameter bytes: The file's contents, UTF-8.
  /// - Returns: One profile per data row, in the order of the file, with each row's line.
  /// - Throws: ``CSVError`` for the first problem found; nothing is returned then.
  /// - Complexity: O(*n*) in the size of the input.
  public func decode(_ bytes: [UInt8]) throws(CSVError) -> CSVRows<ClientProfile<String>> {
    try decode(.bytes(bytes))
  }

  /// Decodes profiles held in a string.
  ///
  /// - Parameter text: The file's contents.
  /// - Returns: One profile per data row, in the order of the file, with each row's line.
  /// - Throws: ``CSVError`` for the first problem found; nothing is returned then.
  /// - Complexity: O(*n*) in the size of the input.
  public func decode(_ text: String) throws(CSVError) -> CSVRows<ClientProfile<String>> {
    try decode(.text(text))
  }

  private struct Layout {
    var client: Int
    var birthday: Int?
    var manager: Int?
    var region: Int?
    var since: Int?
    /// Each attribute column's position and name.
    var attributes: [(column: Int, name: String)]

    init(_ header: CSVHeader) throws(CSVError) {
      client = try header.requiredColumn(named: "client_id")
      birthday = try header.column(named: "birthday")
      manager = try header.column(named: "manager")
      region = try header.column(named: "region")
      since = try header.column(named: "since")
      attributes = []
      var seen = Set<String>()
      for (column, name) in header.names.enumerated()
      where !name.isEmpty && !ProfileCSVDecoder.knownColumns.contains(name) {
        guard seen.insert(name).inserted else {
          throw .duplicateColumn(name, header: header.names, line: header.line)
        }
        attributes.append((column, name))
      }
    }
  }

  private func decode(_ input: HostFileInput) throws(CSVError) -> CSVRows<ClientProfile<String>> {
    var firstLine: [String: Int] = [:]
    let infers = infersAttributeTypes
    return try decodeHostFile(
      input, allowsExtraFields: allowsExtraFields,
      layout: { header throws(CSVError) in
        try Layout(header)
      },
      row: { record, layout throws(CSVError) in
        let id = try record.clientID(at: layout.client)
        if let first = firstLine[id] {
          throw record.invalidField(
            at: layout.client,
            reason: "a second profile for this client (the first is on line \(first))")
        }
        firstLine[id] = record.line
        var profile = ClientProfile(id: id)
        if let column = layout.birthday, !record.isBlank(at: column) {
          profile.birthday = try record.birthday(at: column)
        }
        if let column = layout.manager, !record.isBlank(at: column) {
          profile.manager = ManagerID(try record.identifier(at: column, noun: "manager id"))
        }
        if let column = layout.region, !record.isBlank(at: column) {
          profile.region = try record.name(at: column, noun: "region")
        }
        if let column = layout.since, !record.isBlank(at: column) {
          profile.since = try record.day(at: column)
        }
        for (column, name) in layout.attributes where !record.isBlank(at: column) {
          let text = record.text(at: column)
          profile.attributes[name] = infers ? inferredAttribute(text) : .text(text)
        }
        return profile
      })
  }
}

/// An attribute's value read from its text: a number where the text is a decimal number, a
/// flag for `true`, `false`, `yes` and `no` in any case, else the text as it is.
func inferredAttribute(_ text: String) -> AttributeValue {
  var trimmed = Substring(text)
  while let first = trimmed.first, first == " " || first == "\t" { trimmed.removeFirst() }
  while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
  var number = String(trimmed)
  let scan = number.withUTF8 { buffer -> DecimalScan in
    guard let base = buffer.baseAddress else { return .malformed }
    return scanDecimal(base, count: buffer.count)
  }
  if case .value(let value) = scan { return .number(value) }
  switch number.lowercased() {
  case "true", "yes": return .flag(true)
  case "false", "no": return .flag(false)
  default: return .text(text)
  }
}
