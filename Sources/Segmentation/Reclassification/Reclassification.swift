public import ClientBaseCore

/// Who moved between last review's classes and this review's: upgrades, downgrades, entries,
/// exits, stable clients.
///
/// The current classes come as a classification result or as a column over the current
/// clients; the previous ones as a `Snapshot`, the value a `SnapshotStore` keeps. Clients of
/// the snapshot that are not among the current clients — including clients the current base
/// never knew — count as exits.
///
/// As a `ClassifiedResult` its rows are the current clients, its entry and label each row's
/// ``Movement``, its scale `Movement.allCases` in declaration order, and ``counts`` counts its
/// rows, so ``Movement/exit`` is always 0 there (exits are not rows). ``movementCounts`` adds
/// the exits: the figure a review reports.
///
/// ```swift
/// let moves = Reclassification(from: lastMonth, to: tiers, on: tiers.day)
/// moves.counts[.upgrade]
/// moves.movementCounts[.exit]   // clients of last month's snapshot that are gone
/// moves[client: "ana"]      // .upgrade
/// moves.reason(forRow: 0)   // "upgrade: gold → platinum"
/// ```
public struct Reclassification<ID: Hashable & Sendable, Class: Hashable & Sendable>:
  ClassifiedResult
{
  /// The day of the previous snapshot, or `nil` on a first review.
  public let previousDay: Day?
  /// The day of the current classes.
  public let day: Day
  /// The row space: the current clients.
  public let clients: ClientIndex<ID>
  /// Each current client's class.
  public let classes: [Class]
  /// Each current client's previous class, `nil` for entries.
  public let previousClasses: [Class?]
  /// Each current client's movement (never ``Movement/exit``).
  public let movements: ContiguousArray<Movement>
  /// Clients of the previous snapshot not among the current clients, sorted by
  /// `String(describing:)` of the client, then of the previous class when two clients print
  /// alike.
  ///
  /// A snapshot keeps its labels in a dictionary, whose order changes from one process to the
  /// next; sorting makes reports and tests of the same data print the same list every time.
  /// The order is textual, so client 10 comes before client 9.
  public let exits: [ID]
  /// The previous class of each of ``exits``, in the same order.
  public let exitClasses: [Class]
  /// How many rows — current clients — made each movement, in the order of
  /// `Movement.allCases`, every movement present: `counts.total` is ``count``, and
  /// `counts[.exit]` is 0 because exits are not rows. No row is unlabeled.
  ///
  /// For the exits as well, read ``movementCounts``.
  public let counts: LabelCounts<Movement>
  /// How many clients of either review made each movement, in the order of
  /// `Movement.allCases`: ``counts`` with the exits added under ``Movement/exit``, so
  /// `movementCounts[.exit]` is the number of ``exits`` and `movementCounts.total` the number
  /// of clients in either review (rows plus exits).
  ///
  /// `movementCounts.inBoth` plus `movementCounts[.entry]` is the current clients, plus
  /// `movementCounts[.exit]` instead the previous ones.
  public let movementCounts: LabelCounts<Movement>

  /// Compares ordered classes over the host's identifiers: a greater class is a better one
  /// (`C < B < A`, tiers by rank).
  ///
  /// - Parameters:
  ///   - previous: The previous snapshot, or `nil` on a first review (everyone enters).
  ///   - ids: The current clients, each once; none makes an empty review in which every
  ///     client of the snapshot is an exit.
  ///   - classes: Their current classes, in the same order.
  ///   - day: The current day.
  /// - Throws: ``SegmentationError/lengthMismatch(what:expected:actual:)``;
  ///   ``SegmentationError/duplicateClient(_:)``.
  /// - Complexity: O(*n* + *m*) hash operations for *n* current and *m* previous clients,
  ///   plus O(*e* log *e*) to sort the *e* exits.
  public init(
    from previous: Snapshot<ID, Class>?, to ids: [ID], classes: [Class], on day: Day
  ) throws(SegmentationError) where Class: Comparable {
    try self.init(previous, .ids(ids), classes, day, compare: Self.ordered)
  }

  /// Compares ordered classes over an existing row space.
  ///
  /// - Parameters:
  ///   - previous: The previous snapshot, or `nil` on a first review.
  ///   - clients: The current clients' row space.
  ///   - classes: One class per row of `clients`.
  ///   - day: The current day.
  /// - Throws: ``SegmentationError/lengthMismatch(what:expected:actual:)``.
  /// - Complexity: O(*n* + *m*) hash operations, plus O(*e* log *e*) to sort the exits.
  public init(
    from previous: Snapshot<ID, Class>?, to clients: ClientIndex<ID>, classes: [Class],
    on day: Day
  ) throws(SegmentationError) where Class: Comparable {
    try self.init(previous, .index(clients), classes, day, compare: Self.ordered)
  }

  /// Compares a classification result with the previous snapshot: the current clients are
  /// the result's rows that have a class (a result's unlabeled rows — unrated, undetermined —
  /// are not classified now, and count as exits if the snapshot had them).
  ///
  /// ```swift
  /// let moves = Reclassification(from: lastMonth, to: tiers, on: tiers.day)
  /// ```
  ///
  /// - Parameters:
  ///   - previous: The previous snapshot, or `nil` on a first review.
  ///   - current: The current classification.
  ///   - day: The current day.
  /// - Complexity: O(*n* + *m*) hash operations, plus O(*e* log *e*) to sort the exits.
  public init(
    from previous: Snapshot<ID, Class>?, to current: some ClassifiedResult<ID, Class>,
    on day: Day
  ) where Class: Comparable {
    let (clients, classes) = Self.labelledRows(of: current)
    self.init(
      previous: previous, clients: clients, classes: classes, day: day, compare: Self.ordered)
  }

  /// Compares classes that have no order (RFM segment names) over the host's identifiers: a
  /// change of class is ``Movement/moved``.
  ///
  /// - Parameters:
  ///   - previous: The previous snapshot, or `nil` on a first review.
  ///   - ids: The current clients, each once.
  ///   - classes: Their current classes.
  ///   - day: The current day.
  /// - Throws: As the ordered form.
  /// - Complexity: As the ordered form.
  public init(
    unorderedFrom previous: Snapshot<ID, Class>?, to ids: [ID], classes: [Class], on day: Day
  ) throws(SegmentationError) {
    try self.init(previous, .ids(ids), classes, day, compare: Self.unordered)
  }

  /// Compares classes that have no order over an existing row space.
  ///
  /// - Parameters:
  ///   - previous: The previous snapshot, or `nil` on a first review.
  ///   - clients: The current clients' row space.
  ///   - classes: One class per row of `clients`.
  ///   - day: The current day.
  /// - Throws: As the ordered form.
  /// - Complexity: As the ordered form.
  public init(
    unorderedFrom previous: Snapshot<ID, Class>?, to clients: ClientIndex<ID>, classes: [Class],
    on day: Day
  ) throws(SegmentationError) {
    try self.init(previous, .index(clients), classes, day, compare: Self.unordered)
  }

  /// Compares a classification result whose classes have no order with the previous
  /// snapshot; the current clients are the result's rows that have a class.
  ///
  /// - Parameters:
  ///   - previous: The previous snapshot, or `nil` on a first review.
  ///   - current: The current classification.
  ///   - day: The current day.
  /// - Complexity: As the ordered form.
  public init(
    unorderedFrom previous: Snapshot<ID, Class>?, to current: some ClassifiedResult<ID, Class>,
    on day: Day
  ) {
    let (clients, classes) = Self.labelledRows(of: current)
    self.init(
      previous: previous, clients: clients, classes: classes, day: day, compare: Self.unordered)
  }

  private static func ordered(_ old: Class, _ new: Class) -> Movement where Class: Comparable {
    new > old ? .upgrade : (new < old ? .downgrade : .stable)
  }

  private static func unordered(_ old: Class, _ new: Class) -> Movement {
    old == new ? .stable : .moved
  }

  /// The current clients as a host passes them with a column of classes.
  private enum CurrentClients {
    /// The host's identifiers, checked for repeats.
    case ids([ID])
    /// An existing row space.
    case index(ClientIndex<ID>)
  }

  /// The initialiser behind every column form, ordered or not: checks the column's length,
  /// then builds the row space when the host passed identifiers.
  private init(
    _ previous: Snapshot<ID, Class>?, _ current: CurrentClients, _ classes: [Class], _ day: Day,
    compare: (Class, Class) -> Movement
  ) throws(SegmentationError) {
    let count: Int
    switch current {
    case .ids(let ids): count = ids.count
    case .index(let clients): count = clients.count
    }
    guard classes.count == count else {
      throw .lengthMismatch(what: "classes", expected: count, actual: classes.count)
    }
    let clients: ClientIndex<ID>
    switch current {
    case .ids(let ids): clients = try SegmentationError.clientIndex(ids)
    case .index(let index): clients = index
    }
    self.init(previous: previous, clients: clients, classes: classes, day: day, compare: compare)
  }

  /// The rows of a result that have a label, as a row space and a column of classes; the
  /// result's own row space when every row has one.
  ///
  /// The subset is taken with `ClientIndex.subset(rows:)`: the rows are a result's, each
  /// once, so every labelled row is kept and the row space and the column line up.
  private static func labelledRows(of current: some ClassifiedResult<ID, Class>)
    -> (ClientIndex<ID>, [Class])
  {
    var classes: [Class] = []
    classes.reserveCapacity(current.count)
    var labelled: [Int] = []
    labelled.reserveCapacity(current.count)
    for row in 0..<current.count {
      guard let label = current.label(forRow: row) else { continue }
      classes.append(label)
      labelled.append(row)
    }
    guard classes.count < current.count else { return (current.clients, classes) }
    return (current.clients.subset(rows: labelled), classes)
  }

  private init(
    previous: Snapshot<ID, Class>?, clients: ClientIndex<ID>, classes: [Class], day: Day,
    compare: (Class, Class) -> Movement
  ) {
    let old = previous?.labels ?? [:]
    var tally = [Int](repeating: 0, count: Movement.allCases.count)
    var movements = ContiguousArray<Movement>()
    movements.reserveCapacity(clients.count)
    var previousClasses = [Class?]()
    previousClasses.reserveCapacity(clients.count)
    for (id, now) in zip(clients.ids, classes) {
      let before = old[id]
      let movement = before.map { compare($0, now) } ?? .entry
      tally[movement.scalePosition] += 1
      movements.append(movement)
      previousClasses.append(before)
    }
    // Sorted on printed text so the order does not depend on the dictionary's seed; the texts
    // are built once per exit, not once per comparison.
    var leaving: [(id: String, label: String, exit: (ID, Class))] = []
    for (id, label) in old where clients.row(for: id) == nil {
      leaving.append((String(describing: id), String(describing: label), (id, label)))
    }
    leaving.sort { ($0.id, $0.label) < ($1.id, $1.label) }
    self.previousDay = previous?.day
    self.day = day
    self.clients = clients
    self.classes = classes
    self.previousClasses = previousClasses
    self.movements = movements
    self.exits = leaving.map(\.exit.0)
    self.exitClasses = leaving.map(\.exit.1)
    self.counts = LabelCounts(scale: Movement.allCases, counts: tally)
    tally[Movement.exit.scalePosition] = leaving.count
    self.movementCounts = LabelCounts(scale: Movement.allCases, counts: tally)
  }

  /// A row's movement.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> Movement { movements[row] }

  /// Every movement, in declaration order: upgrade, downgrade, stable, moved, entry, exit.
  public var scale: [Movement] { Movement.allCases }

  /// A row's movement; never `nil` (and never ``Movement/exit``: exits are not rows).
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The movement.
  public func label(forRow row: Int) -> Movement? { movements[row] }

  /// The current classes as a snapshot to store for the next review.
  ///
  /// `snapshot(on:)` is the snapshot of the *movements*; this is the one a
  /// `SnapshotStore` keeps between reviews.
  ///
  /// - Complexity: O(*n*) hash insertions.
  public var currentSnapshot: Snapshot<ID, Class> {
    var labels = [ID: Class](minimumCapacity: count)
    for (id, label) in zip(clients.ids, classes) { labels[id] = label }
    return Snapshot(day: day, labels: labels)
  }

  /// The rows that made a movement, in row order.
  ///
  /// - Parameter movement: The movement (``Movement/exit`` has no rows: see ``exits``).
  /// - Returns: The rows.
  /// - Complexity: O(*n*).
  public func rows(with movement: Movement) -> [Int] {
    movements.indices.filter { movements[$0] == movement }
  }

  /// A client's movement in words: `upgrade: gold → platinum`, `entry: gold`.
  ///
  /// - Parameter row: The client's row.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    let now = classes[row]
    guard let before = previousClasses[row] else { return "entry: \(now)" }
    switch movements[row] {
    case .stable: return "stable: \(now)"
    default: return "\(movements[row].rawValue): \(before) → \(now)"
    }
  }
}
