import ClientBaseCore

/// The combined ABC-XYZ grid: how many clients, and how much value, fall in each pair of
/// classes — the 3 × 3 matrix plus a column for clients with no XYZ class.
///
/// ```swift
/// let grid = ABCXYZMatrix(abc: abc, xyz: xyz)
/// grid[.a, .x].count     // steady top clients
/// grid[.a, nil].value    // value of top clients too new or too irregular to judge
/// ```
public struct ABCXYZMatrix: Hashable, Sendable, Codable {
  /// One cell of the grid.
  public struct Cell: Hashable, Sendable, Codable {
    /// The number of clients.
    public var count: Int
    /// Their total value (the ABC measure).
    public var value: Double

    /// Creates a cell.
    ///
    /// - Parameters:
    ///   - count: The number of clients.
    ///   - value: Their total value.
    public init(count: Int, value: Double) {
      self.count = count
      self.value = value
    }
  }

  /// The cells, ABC class by ABC class (A, B, C), each with X, Y, Z and unclassified.
  public private(set) var cells: [Cell]

  /// Crosses an ABC classification with an XYZ one, client by client.
  ///
  /// The grid counts the ABC classification's clients. The two results need not cover the
  /// same clients: a host commonly ranks ABC on a table-based measure (the clients who bought
  /// by the as-of day) and reads XYZ from a log-based `PeriodMatrix` (every client of the log,
  /// including refund-only clients and those who first bought later). An ABC client with no
  /// XYZ row counts in the unclassified (`nil`) column, as one whose stability could not be
  /// judged; an XYZ client with no ABC row is left out, since it has no class or value to
  /// place it by. So ``clientCount`` is always `abc.count`.
  ///
  /// ```swift
  /// let abc = StandardABC.standard.classification(of: .netSpend(of: table))
  /// let xyz = StandardXYZ.standard.classification(of: try PeriodMatrix(spendIn: log, grid: grid))
  /// let grid = ABCXYZMatrix(abc: abc, xyz: xyz)   // table's clients only
  /// ```
  ///
  /// - Parameters:
  ///   - abc: The ABC classes; its measure gives each cell's value and its clients are the
  ///     grid's.
  ///   - xyz: XYZ outcomes over any row space.
  /// - Complexity: O(*n*) for *n* ABC clients when the two share a row space or the ABC rows
  ///   are a table summarised from the XYZ matrix's log; otherwise one hash look-up per ABC
  ///   client (see `ClientIndex.alignment(to:)`).
  public init<ID>(abc: ABCClassification<ID>, xyz: XYZClassification<ID>) {
    cells = Array(repeating: Cell(count: 0, value: 0), count: 12)
    let rows = xyz.clients.alignment(to: abc.clients)
    for row in 0..<abc.count {
      let xyzClass = rows.sourceRow(forRow: row).flatMap { xyz.classes[$0] }
      add(abc.classes[row], xyzClass, abc.measure.values[row])
    }
  }

  private enum CodingKeys: String, CodingKey {
    case cells
  }

  /// Decodes a grid, checking that it has its 12 cells with non-negative counts and finite
  /// values, so the subscript can trust the layout.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``SegmentationError``
  ///   text for another number of cells, a negative count or a value that is not finite.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let cells = try container.decode([Cell].self, forKey: .cells)
    try SegmentationError.checkedDecoding(decoder) { () throws(SegmentationError) in
      guard cells.count == 12 else {
        throw .lengthMismatch(what: "ABC-XYZ cells", expected: 12, actual: cells.count)
      }
      for (index, cell) in cells.enumerated() {
        guard cell.count >= 0 else {
          throw .invalidParameter("cells", reason: "cell \(index) has count \(cell.count)")
        }
        guard cell.value.isFinite else {
          throw .nonFiniteValue(at: .cell(index), value: cell.value)
        }
      }
    }
    self.cells = cells
  }

  @inline(__always)
  static func index(_ abc: ABCClass, _ xyz: XYZClass?) -> Int {
    let column: Int
    switch xyz {
    case .x: column = 0
    case .y: column = 1
    case .z: column = 2
    case nil: column = 3
    }
    return (2 - abc.valueRank) * 4 + column
  }

  private mutating func add(_ abc: ABCClass, _ xyz: XYZClass?, _ value: Double) {
    let index = Self.index(abc, xyz)
    cells[index].count += 1
    cells[index].value += value
  }

  /// The cell of an ABC class and an XYZ class (`nil` for clients with no XYZ class).
  ///
  /// - Parameters:
  ///   - abc: The ABC class.
  ///   - xyz: The XYZ class, or `nil`.
  public subscript(abc: ABCClass, xyz: XYZClass?) -> Cell {
    cells[Self.index(abc, xyz)]
  }

  /// The number of clients in the grid.
  public var clientCount: Int { cells.reduce(0) { $0 + $1.count } }
}
