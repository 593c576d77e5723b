/// Decodes a purchase export in CSV into a ``PurchaseLog``, one event per row.
///
/// The input is the bytes of an RFC 4180 file whose first line is a header naming the columns.
/// The decoder reads three of them, found by name in any order (``Columns``); every other
/// column is skipped. Each row becomes one event: the client's id, the day, and the amount.
///
/// ```swift
/// let csv = """
///   client_id,date,amount,channel
///   c-1,2024-03-01,120.00,web
///   "c-2",2024-03-02,-15.5,"shop, Main St"
///   """
/// let log = try PurchaseCSVDecoder().decode(csv)
/// log.clientIDs   // ["c-1", "c-2"]
/// log.amounts     // [120.0, -15.5]
/// ```
///
/// What the decoder accepts:
/// - **Header.** Names are compared with ``Columns`` exactly (case-sensitive) after trimming
///   spaces and tabs around each name; a name may be quoted. A needed column missing or
///   named twice is an error; other names may repeat.
/// - **Quoting.** A field in double quotes may hold commas, line breaks and quotes written
///   twice (`"5"" screen"`). A quote inside an unquoted field is an ordinary character;
///   text after a closing quote (`"a"b`) is an error.
/// - **Lines.** LF or CRLF line endings, mixed freely; the last line needs no line break. A
///   UTF-8 byte-order mark at the start is skipped. Blank lines (nothing between two line
///   breaks) are skipped anywhere, including before the header.
/// - **Values.** Fields are taken as they are, spaces included (RFC 4180). The client id is
///   the field's text after unquoting, and an id must be valid UTF-8, hold no control
///   character (U+0000–U+001F, so no tab, NUL or line break even inside quotes, and U+007F),
///   and not be empty or only spaces; `" c-1"` and `"c-1"` are different clients. The day is ISO 8601
///   `YYYY-MM-DD` (or the expanded `±YYYYY-MM-DD` that ``Day/init(iso8601:)`` reads). The
///   amount is a decimal number: an optional sign, digits with an optional point (`12`,
///   `12.50`, `.5`, `5.`) and an optional exponent (`1.5e3`, `2E-4`), rounded correctly to
///   the nearest `Double`. NaN, infinity, hexadecimal, digit separators and a magnitude
///   beyond the range of `Double` are refused.
/// - **Rows.** Every row has as many fields as the header: fewer is
///   ``CSVError/tooFewFields(line:column:expected:found:)``, more is
///   ``CSVError/tooManyFields(line:column:expected:)`` (an unquoted `1,5` amount is two
///   fields, never the amount 1). With ``allowsExtraFields`` a row may have trailing fields
///   beyond the header, which are ignored. Columns the decoder does not read are skipped.
///
/// A file with a header and no rows decodes to an empty log: no purchases is a valid export.
///
/// The first problem stops decoding with a ``CSVError``; nothing is returned. Lines are
/// physical lines from 1, line breaks inside quoted fields included, so they are the numbers
/// an editor shows: a bad field is reported at the line where the field starts, a short row at
/// the line where the row starts, a long row at the line where its first extra field starts,
/// an unclosed quote at the line where it opens. Problems come
/// in the order of the file, so the error names the first bad row.
///
/// The bytes are read in place, never copied: a quick count of line feeds sizes the result,
/// then one pass parses the rows straight into it. Clients are interned by the bytes of their
/// ids: a row whose client was seen before allocates nothing, and a `String` is made once per
/// distinct client. Ids that differ in bytes but are equal as Swift strings (canonically
/// equivalent Unicode, such as `é` precomposed or not) are one client. A typical export
/// decodes at several hundred megabytes per second on one thread, faster on more
/// (``threadCount``).
///
/// The decoder is a value holding only its settings; it is `Sendable`, and one value may
/// decode many inputs concurrently.
public struct PurchaseCSVDecoder: Hashable, Sendable {
  /// The names of the header columns the decoder reads.
  ///
  /// The defaults, `client_id`, `date` and `amount`, are the ones the `clientbase` command
  /// line documents. Names are compared exactly, case included, with header names trimmed of
  /// surrounding spaces and tabs.
  ///
  /// ```swift
  /// let decoder = PurchaseCSVDecoder(
  ///   columns: .init(client: "customer", day: "order_date", amount: "total"))
  /// ```
  public struct Columns: Hashable, Sendable {
    /// The name of the column holding the client's id.
    ///
    /// The default is `client_id`.
    public var client: String
    /// The name of the column holding the purchase day, in ISO 8601.
    ///
    /// The default is `date`.
    public var day: String
    /// The name of the column holding the amount.
    ///
    /// The default is `amount`.
    public var amount: String

    /// Creates a set of column names.
    ///
    /// Each name is matched against the header exactly, case included.
    ///
    /// - Parameters:
    ///   - client: The name of the client-id column.
    ///   - day: The name of the day column.
    ///   - amount: The name of the amount column.
    public init(client: String = "client_id", day: String = "date", amount: String = "amount") {
      self.client = client
      self.day = day
      self.amount = amount
    }
  }

  /// The names of the columns to read.
  ///
  /// Change them when an export uses other names. The default is `client_id`, `date` and
  /// `amount`, as ``Columns/init(client:day:amount:)`` gives them.
  public var columns: Columns

  /// The number of threads that decode one large input. The default is 1.
  ///
  /// With more than one, an input of more than a few megabytes is cut at line breaks into up
  /// to that many parts, one per thread, and the parts are joined in order. The result is the
  /// same as with one thread, to the bit: the same events in the same order, clients numbered
  /// in order of first appearance, and the same first error with the same line. Values below
  /// 1 count as 1.
  ///
  /// The library never asks the system how many cores there are; a host that wants them all
  /// passes its own count (`ProcessInfo.processInfo.activeProcessorCount` in Foundation).
  public var threadCount: Int

  /// Whether a row may have more fields than the header. The default is `false`.
  ///
  /// Off, a row with a field beyond the header is an error, because the usual cause is a
  /// value with an unquoted comma, which would otherwise be read as its first part. On, the
  /// fields beyond the header are ignored, for exports that end some rows with a trailing
  /// comma or notes. A row with fewer fields than the header is an error either way.
  public var allowsExtraFields: Bool

  /// The smallest part, in bytes, worth a thread of its own.
  var minimumPartBytes = 1 << 20

  /// Creates a decoder.
  ///
  /// A decoder holds only its settings; one value may decode any number of inputs, from any
  /// number of threads.
  ///
  /// - Parameters:
  ///   - columns: The names of the columns to read.
  ///   - threadCount: The number of threads that decode one large input; see
  ///     ``threadCount``.
  ///   - allowsExtraFields: Whether a row may have trailing fields beyond the header; see
  ///     ``allowsExtraFields``.
  public init(columns: Columns = Columns(), threadCount: Int = 1, allowsExtraFields: Bool = false) {
    self.columns = columns
    self.threadCount = threadCount
    self.allowsExtraFields = allowsExtraFields
  }

  /// Decodes a purchase export from its bytes.
  ///
  /// See ``PurchaseCSVDecoder`` for the format accepted. Events keep the order of the rows;
  /// clients are numbered in order of first appearance.
  ///
  /// - Parameter bytes: The file's contents, UTF-8.
  /// - Returns: One event per data row; empty when the file holds only a header.
  /// - Throws: ``CSVError`` for the first problem found; nothing is returned then.
  /// - Complexity: O(*n*) in the size of the input, with one allocation per distinct client.
  public func decode(_ bytes: [UInt8]) throws(CSVError) -> PurchaseLog<String> {
    var result: Result<PurchaseLog<String>, CSVError> = .failure(.emptyInput)
    bytes.withUnsafeBufferPointer { buffer in
      result = Result { () throws(CSVError) in try decodeBytes(buffer) }
    }
    return try result.get()
  }

  /// Decodes a purchase export from raw memory.
  ///
  /// The form for hosts that map or read a file into memory they own. The memory is only
  /// read, and only during the call. See ``PurchaseCSVDecoder`` for the format accepted.
  ///
  /// - Parameter bytes: The file's contents, UTF-8.
  /// - Returns: One event per data row; empty when the file holds only a header.
  /// - Throws: ``CSVError`` for the first problem found; nothing is returned then.
  /// - Complexity: O(*n*) in the size of the input, with one allocation per distinct client.
  public func decode(_ bytes: UnsafeRawBufferPointer) throws(CSVError) -> PurchaseLog<String> {
    var result: Result<PurchaseLog<String>, CSVError> = .failure(.emptyInput)
    bytes.withMemoryRebound(to: UInt8.self) { buffer in
      result = Result { () throws(CSVError) in try decodeBytes(buffer) }
    }
    return try result.get()
  }

  /// Decodes a purchase export held in a string.
  ///
  /// A convenience for text already in memory as a `String`, such as a test fixture; it
  /// reads the string's UTF-8 without copying when the string is native. See
  /// ``PurchaseCSVDecoder`` for the format accepted.
  ///
  /// - Parameter text: The file's contents.
  /// - Returns: One event per data row; empty when the text holds only a header.
  /// - Throws: ``CSVError`` for the first problem found; nothing is returned then.
  /// - Complexity: O(*n*) in the size of the input, with one allocation per distinct client.
  public func decode(_ text: String) throws(CSVError) -> PurchaseLog<String> {
    var text = text
    var result: Result<PurchaseLog<String>, CSVError> = .failure(.emptyInput)
    text.withUTF8 { buffer in
      result = Result { () throws(CSVError) in try decodeBytes(buffer) }
    }
    return try result.get()
  }
}
