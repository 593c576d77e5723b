/// A result over a whole base: one entry per client, in columns aligned with a row space,
/// with a reason a person can read for every row.
///
/// Every whole-base result of the library conforms — summaries (``ClientTable``), value
/// classes, scores, tiers, ratings — so they all answer the same questions the same way:
///
/// ```swift
/// abc.row(for: "c-1042")          // O(1), through the result's ClientIndex
/// abc[row]                         // the row's entry (here its ABC class)
/// abc.reason(forRow: row)          // "A: clients above it make 41.3% of value …"
/// abc[client: "c-1042"]            // the entry of a client, or nil
/// abc.aligned(to: table.clients)   // the same result read in another row space
/// table.clients.joined(abc, rfm, scores)   // several results side by side
/// ```
///
/// Results whose entries fall into a fixed set of labels (classes, segments, tiers, grades)
/// conform to ``ClassifiedResult`` as well, which adds counts per label and snapshots.
///
/// A host's own result type conforms by naming its row space, its entry per row and a reason;
/// everything else comes from the protocol's extensions.
public protocol ClientResult<ID, Entry>: Sendable {
  /// The client identifier.
  associatedtype ID: Hashable & Sendable
  /// What the result holds for one client.
  associatedtype Entry: Sendable

  /// The row space: the client of each row.
  var clients: ClientIndex<ID> { get }

  /// The entry of a row.
  ///
  /// - Parameter row: A row, `0..<count`.
  subscript(row: Int) -> Entry { get }

  /// Why a row has its entry, in a sentence a person can read.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The reason.
  func reason(forRow row: Int) -> String

  /// The reasons of many rows, in the order of `rows`.
  ///
  /// The default asks ``reason(forRow:)`` row by row; a result whose reasons need a pass over
  /// the base (a rank among all clients) answers many at once for the cost of one.
  ///
  /// - Parameter rows: Rows, `0..<count` each, in any order.
  /// - Returns: One reason per element of `rows`.
  func reasons(forRows rows: some Sequence<Int>) -> [String]
}

extension ClientResult {
  /// Asks ``reason(forRow:)`` row by row.
  ///
  /// - Parameter rows: Rows, `0..<count` each.
  /// - Returns: One reason per element of `rows`.
  /// - Complexity: That of ``reason(forRow:)`` per row.
  public func reasons(forRows rows: some Sequence<Int>) -> [String] {
    rows.map { reason(forRow: $0) }
  }

  /// The number of clients (rows).
  public var count: Int { clients.count }

  /// Whether the result holds no client.
  public var isEmpty: Bool { clients.isEmpty }

  /// The clients, in row order.
  public var ids: [ID] { clients.ids }

  /// The row of a client, or `nil` when the result does not hold it.
  ///
  /// - Parameter id: The client.
  /// - Returns: Its row.
  /// - Complexity: O(1) on average.
  public func row(for id: ID) -> Int? { clients.row(for: id) }

  /// The entry of a client, or `nil` when the result does not hold it.
  ///
  /// - Parameter id: The client.
  /// - Complexity: O(1) on average, plus the entry's cost.
  public subscript(client id: ID) -> Entry? {
    row(for: id).map { self[$0] }
  }

  /// Why a client has its entry, or `nil` when the result does not hold it.
  ///
  /// - Parameter id: The client.
  /// - Returns: The reason; see ``reason(forRow:)``.
  /// - Complexity: O(1) look-up plus the reason's cost.
  public func reason(for id: ID) -> String? {
    row(for: id).map { reason(forRow: $0) }
  }

  /// This result read in another row space: the entry of each of `clients`' rows, `nil` for
  /// a client the result does not hold.
  ///
  /// - Parameter clients: The row space to read the result in.
  /// - Returns: The aligned view.
  /// - Complexity: That of ``ClientIndex/alignment(to:)``.
  public func aligned(to clients: ClientIndex<ID>) -> AlignedResult<Self> {
    AlignedResult(self, to: clients)
  }
}
