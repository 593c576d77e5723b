/// The clients of a base and the row each one occupies: the row space every input and every
/// result of the library is aligned with.
///
/// An index is built once — by the ``Summarizer`` (a ``ClientTable``'s clients), by a
/// ``PurchaseLog`` (every client it has seen), or from the host's own identifiers — and then
/// travels with every column computed over those clients. Each client appears once; finding a
/// client's row costs one hash, whatever the size of the base.
///
/// ```swift
/// let clients = try ClientIndex(["anna", "ben", "carla"])
/// clients.row(for: "ben")     // 1
/// clients[2]                  // "carla"
/// let rows = table.clients.alignment(to: clients)   // the table's row of each of them
/// ```
///
/// Two indexes are the *same row space* when they list the same clients in the same order;
/// results over the same row space line up row by row, and results over different ones are
/// matched by identifier with ``alignment(to:)`` (or ``ClientJoin`` for several at once).
///
/// Copies share their storage: passing an index along with every result costs nothing.
public struct ClientIndex<ID: Hashable & Sendable>: Sendable {
  /// The client of each row.
  public let ids: [ID]
  /// Finds a client's position in ``keys`` (or in ``ids`` when ``keys`` is `nil`).
  let lookup: IdentifierIndex
  /// The identifiers ``lookup`` indexes when they are not the rows themselves: a table that
  /// keeps the purchase log's index of all its clients, of which only the buyers are rows.
  let keys: [ID]?
  /// The row of each key (−1 for a key that is not a row), when ``keys`` is set.
  let rowOfKey: ContiguousArray<Int32>?

  /// An empty row space.
  public init() {
    ids = []
    lookup = IdentifierIndex()
    keys = nil
    rowOfKey = nil
  }

  /// The row space of a host's own identifiers, in the order given.
  ///
  /// - Parameter ids: The clients, each once.
  /// - Throws: ``InputError/duplicateClient(_:)`` naming the first identifier that repeats
  ///   an earlier one; ``InputError/invalidParameter(_:reason:)`` for more than 2³¹ − 1
  ///   clients.
  /// - Complexity: O(*n*): one hash per identifier.
  public init(_ ids: [ID]) throws(InputError) {
    guard ids.count <= Int(Int32.max) else {
      throw .invalidParameter("ids", reason: "more than \(Int32.max) clients")
    }
    switch IdentifierIndex.build(ids) {
    case .success(let built):
      self.init(ids: ids, lookup: built)
    case .failure(let repeated):
      throw .duplicateClient(String(describing: ids[repeated.position]))
    }
  }

  /// An index whose rows are the positions `lookup` finds in `ids`.
  init(ids: [ID], lookup: IdentifierIndex) {
    self.ids = ids
    self.lookup = lookup
    self.keys = nil
    self.rowOfKey = nil
  }

  /// An index of `ids` that finds clients through another array's index (`keys`, indexed by
  /// `lookup`) and maps each key to its row (−1 for none).
  init(ids: [ID], keys: [ID], lookup: IdentifierIndex, rowOfKey: ContiguousArray<Int32>) {
    self.ids = ids
    self.lookup = lookup
    self.keys = keys
    self.rowOfKey = rowOfKey
  }

  /// The number of clients (rows).
  public var count: Int { ids.count }

  /// Whether the row space holds no client.
  public var isEmpty: Bool { ids.isEmpty }

  /// The row of a client, or `nil` when the client is not in this row space.
  ///
  /// - Parameter id: The client.
  /// - Returns: Its row, `0..<count`.
  /// - Complexity: O(1) on average: one hash of `id`.
  public func row(for id: ID) -> Int? {
    guard let keys, let rowOfKey else { return lookup.position(of: id, in: ids).map(Int.init) }
    guard let key = lookup.position(of: id, in: keys) else { return nil }
    let row = rowOfKey[Int(key)]
    return row >= 0 ? Int(row) : nil
  }

  /// The row space of some of this index's rows, in the order given.
  ///
  /// The clients are this index's, so they are distinct and the call cannot fail; a row given
  /// twice is kept once, at its first place, and a row outside `0..<count` is skipped.
  ///
  /// ```swift
  /// let labelled = result.clients.subset(rows: rowsWithALabel)
  /// ```
  ///
  /// - Parameter rows: Rows of this index.
  /// - Returns: The subset's row space; row *k* of it is the *k*-th distinct valid row given.
  /// - Complexity: O(*m*) for *m* rows: one hash per row kept.
  public func subset(rows: some Sequence<Int>) -> ClientIndex<ID> {
    var builder = Builder(reservingCapacity: rows.underestimatedCount)
    for row in rows where row >= 0 && row < count { _ = builder.append(ids[row]) }
    return builder.index
  }

  /// Whether this index lists the same clients in the same order as another, so that columns
  /// over the two line up row by row.
  ///
  /// - Parameter other: Another index.
  /// - Returns: `true` for the same row space.
  /// - Complexity: O(1) when both share their storage (copies of one index), O(*n*)
  ///   comparisons otherwise.
  public func isSameRowSpace(as other: ClientIndex<ID>) -> Bool {
    ids == other.ids
  }

  /// Where each client of `target` sits in this row space: the alignment that reads a column
  /// over this index in `target`'s row order.
  ///
  /// ```swift
  /// // ABC over the log's clients, read in the table's rows:
  /// let rows = abc.clients.alignment(to: table.clients)
  /// let classes = rows.gathered(abc.classes, missing: .c)
  /// ```
  ///
  /// - Parameter target: The row space to align to.
  /// - Returns: For each row of `target`, this index's row of the same client, or none.
  /// - Complexity: O(1) for the same row space; O(*n*) with no hashing between a purchase
  ///   log's index and the table summarised from it; otherwise one hash per client of
  ///   `target`.
  public func alignment(to target: ClientIndex<ID>) -> RowAlignment {
    if isSameRowSpace(as: target) { return RowAlignment(identityOf: count) }
    // A table keeps its log's index: its keys are the log's rows.
    if let keys = target.keys, let rowOfKey = target.rowOfKey, keys == ids {
      var rows = ContiguousArray<Int32>(repeating: -1, count: target.count)
      for key in rowOfKey.indices where rowOfKey[key] >= 0 {
        rows[Int(rowOfKey[key])] = Int32(truncatingIfNeeded: key)
      }
      return RowAlignment(sourceRows: rows, sourceCount: count)
    }
    if let keys, let rowOfKey, keys == target.ids {
      return RowAlignment(sourceRows: rowOfKey, sourceCount: count)
    }
    var rows = ContiguousArray<Int32>(repeating: -1, count: target.count)
    rows.withUnsafeMutableBufferPointer { rows in
      for row in 0..<target.count {
        if let found = self.row(for: target.ids[row]) {
          rows[row] = Int32(truncatingIfNeeded: found)
        }
      }
    }
    return RowAlignment(sourceRows: rows, sourceCount: count)
  }
}

extension ClientIndex: RandomAccessCollection {
  /// The first row, 0.
  public var startIndex: Int { 0 }

  /// One past the last row.
  public var endIndex: Int { ids.count }

  /// The client of a row.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> ID { ids[row] }
}

extension ClientIndex: Equatable {
  /// Whether two indexes are the same row space (see ``isSameRowSpace(as:)``).
  ///
  /// - Parameters:
  ///   - lhs: An index.
  ///   - rhs: Another index.
  /// - Returns: `true` when both list the same clients in the same order.
  public static func == (lhs: ClientIndex<ID>, rhs: ClientIndex<ID>) -> Bool {
    lhs.isSameRowSpace(as: rhs)
  }
}

extension ClientIndex: Hashable {
  /// Hashes the clients in row order.
  ///
  /// - Parameter hasher: The hasher.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(ids)
  }
}

extension ClientIndex {
  /// A builder for tables assembled row by row: an index whose positions are its rows.
  struct Builder {
    private(set) var ids: [ID]
    private var lookup: IdentifierIndex

    init(reservingCapacity capacity: Int) {
      ids = []
      ids.reserveCapacity(capacity)
      lookup = IdentifierIndex(capacity: capacity)
    }

    /// Starts from an existing index's clients.
    init(_ index: ClientIndex<ID>) {
      var builder = Builder(reservingCapacity: index.keys == nil ? 0 : index.count)
      if index.keys == nil {
        builder.ids = index.ids
        builder.lookup = index.lookup
      } else {
        for id in index.ids { _ = builder.append(id) }
      }
      self = builder
    }

    /// The row of a client appended so far.
    func row(for id: ID) -> Int? { lookup.position(of: id, in: ids).map(Int.init) }

    /// Appends a client as the next row; `false` (and nothing appended) when it is a row
    /// already.
    mutating func append(_ id: ID) -> Bool {
      if row(for: id) != nil { return false }
      ids.append(id)
      lookup.insert(ids.count - 1, of: id, in: ids)
      return true
    }

    /// The index built.
    var index: ClientIndex<ID> { ClientIndex(ids: ids, lookup: lookup) }
  }
}
