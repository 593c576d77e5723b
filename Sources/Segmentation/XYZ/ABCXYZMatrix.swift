/// The combined ABC-XYZ grid: how many clients, and how much value, fall in each pair of
/// classes — the 3 × 3 matrix plus a column for clients with no XYZ class.
///
/// ```swift
/// let grid = try ABCXYZMatrix(abc: abc, xyz: xyz)
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

  /// Crosses an ABC classification with an XYZ one over the same clients.
  ///
  /// - Parameters:
  ///   - abc: The ABC classes; its measure gives each cell's value.
  ///   - xyz: The XYZ outcomes of the same clients, in any row order.
  /// - Throws: ``SegmentationError/lengthMismatch(what:expected:actual:)`` when the two
  ///   cover different numbers of clients, ``SegmentationError/unknownClients(count:example:)``
  ///   when an ABC client has no XYZ row.
  /// - Complexity: O(*n*); one hash look-up per client only when the row orders differ.
  public init<ID>(abc: ABCClassification<ID>, xyz: XYZClassification<ID>)
    throws(SegmentationError)
  {
    guard abc.count == xyz.count else {
      throw .lengthMismatch(what: "XYZ clients", expected: abc.count, actual: xyz.count)
    }
    cells = Array(repeating: Cell(count: 0, value: 0), count: 12)
    if abc.ids == xyz.ids {
      for row in 0..<abc.count {
        add(abc.classes[row], xyz.classes[row], abc.measure.values[row])
      }
      return
    }
    var rowByID = [ID: Int](minimumCapacity: xyz.count)
    for (row, id) in xyz.ids.enumerated() { rowByID[id] = row }
    var missing = 0
    var example: ID?
    for row in 0..<abc.count {
      guard let other = rowByID[abc.ids[row]] else {
        missing += 1
        if example == nil { example = abc.ids[row] }
        continue
      }
      add(abc.classes[row], xyz.classes[other], abc.measure.values[row])
    }
    if let example {
      throw .unknownClients(count: missing, example: String(describing: example))
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
        guard cell.value.isFinite else { throw .nonFiniteValue(row: index, value: cell.value) }
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
