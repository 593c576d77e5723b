import ClientBase
import Foundation

/// The segmentation section: ABC by net spend over the last twelve months, XYZ of monthly
/// spend over the last twelve whole months, RFM segments, the ABC-XYZ grid, and — when a
/// previous run's `--clients` file is given — who moved between ABC classes since.
struct SegmentsReport {
  /// The days whose spend ranks clients for ABC.
  var abcWindow: ClosedRange<Day>
  /// Clients and net spend per ABC class, A first.
  var abc: [(label: String, clients: Int, value: Double)]
  /// Clients per XYZ class, X first, then the unclassified.
  var xyz: [(label: String, clients: Int)]
  /// Clients per cell of the ABC-XYZ grid: rows A, B, C; columns X, Y, Z, unclassified.
  var grid: [[Int]]
  /// Clients per RFM segment, best segment first.
  var rfm: [(label: String, clients: Int)]
  /// The clients who bought by the as-of day, one row each.
  var table: ClientTable<String>
  /// Each row's ABC class and RFM segment, for `--clients`.
  var abcOfRow: [ABCClass]
  var rfmOfRow: [String]
  /// ABC movements against the previous run, when one was given.
  var movements: LabelCounts<Movement>?
  /// The previous run's file.
  var previousSource: String?
  /// A few of the clients who moved up or down, with their reasons.
  var notableMoves: [String]

  /// Classifies the clients of a purchase log as of a day, given the log's summaries as of
  /// that day (`table`, the base section's).
  init(
    log: PurchaseLog<String>, table: ClientTable<String>, asOf: Day,
    previous: (source: String, bytes: [UInt8])?
  ) throws {
    do {
      abcWindow = asOf.adding(months: -12).adding(days: 1)...asOf
      let spend = try ClientValues.spend(in: log, over: abcWindow)
      let classes = StandardABC.standard.classification(of: spend)
      let byClass = classes.counts
      let values = classes.valueTotals
      abc = ABCClass.allCases.map { ($0.description, byClass[$0], values[$0] ?? 0) }

      let grid = try PeriodGrid.trailingMonths(12, before: asOf)
      let matrix = try PeriodMatrix(spendIn: log, grid: grid)
      let threads = reportFitOptions.threadCount
      let xyzClasses = StandardXYZ.standard.classification(of: matrix, threadCount: threads)
      let xyzCounts = xyzClasses.counts
      xyz = XYZClass.allCases.map { ($0.description, xyzCounts[$0]) }
      xyz.append(("unclassified", xyzCounts.unlabeled))
      let cells = ABCXYZMatrix(abc: classes, xyz: xyzClasses)
      self.grid = ABCClass.allCases.map { a in
        (XYZClass.allCases.map { $0 } + [nil]).map { cells[a, $0].count }
      }

      let rfmClasses = try StandardRFM.standard.classification(of: table, asOf: asOf)
      rfm = rfmClasses.counts.sorted { $0.label > $1.label }.map { ($0.label.name, $0.count) }

      // ABC ranks every client of the log; the table holds those who bought by the as-of day.
      // One alignment reads the log's columns in the table's rows (a client of the table
      // always has a row in the log).
      let logRows = spend.clients.alignment(to: table.clients)
      let currentClasses = Array(logRows.gathered(classes.classes, missing: .c))
      let currentSpend = logRows.gathered(spend.values, missing: 0)
      let rfmOfRow = (0..<table.count).map { rfmClasses.segment(forRow: $0).name }
      self.table = table
      abcOfRow = currentClasses
      self.rfmOfRow = rfmOfRow

      movements = nil
      previousSource = previous?.source
      notableMoves = []
      if let previous {
        let snapshot = try previousSnapshot(previous.bytes, source: previous.source)
        let moves = try Reclassification(
          from: snapshot, to: table.clients, classes: currentClasses, on: asOf)
        movements = moves.movementCounts
        // The library's review ranks the moves by current spend; the report lists the five
        // largest spenders among those who moved either way, ties by identifier.
        let review = try ReclassificationSummary(
          moves, title: "ABC", measure: currentSpend, limit: 5)
        notableMoves = (review.topUpgrades + review.topDowngrades).sorted { a, b in
          let (sa, sb) = (a.measure ?? 0, b.measure ?? 0)
          return sa > sb || (sa == sb && a.id < b.id)
        }.prefix(5).map { "\($0.id): \(moves.reason(for: $0.id) ?? "")" }
      }
    } catch let error as CommandError {
      throw error
    } catch {
      throw CommandError.badInput("segmentation: \(error)")
    }
  }
}

extension SegmentsReport {
  /// A client's ABC class and RFM segment, or `nil` for a client who had not bought by the
  /// as-of day.
  func labels(for id: String) -> (abc: String, rfm: String)? {
    guard let row = table.row(for: id) else { return nil }
    return (abcOfRow[row].description, rfmOfRow[row])
  }
}

/// The ABC classes of a previous run's `--clients` file (columns `client_id` and `abc`),
/// read by the library's record reader: every problem names the file's line and column.
func previousSnapshot(_ bytes: [UInt8], source: String) throws -> Snapshot<String, ABCClass> {
  var labels: [String: ABCClass] = [:]
  var columns: (id: Int, abc: Int)?
  let file: CSVRecords
  do {
    file = try CSVRecordReader().read(bytes) { header throws(CSVError) in
      guard let id = try header.column(named: "client_id"),
        let abc = try header.column(named: "abc")
      else {
        throw .missingColumn("client_id and abc", header: header.names, line: header.line)
      }
      columns = (id, abc)
    }
  } catch {
    if case .missingColumn(_, _, let line) = error {
      throw CommandError.badInput(
        "\(source): line \(line): a previous run's client file needs client_id and abc columns")
    }
    throw CommandError.badInput("\(source): \(error)")
  }
  guard let (idColumn, abcColumn) = columns else { return Snapshot(day: .epoch, labels: [:]) }
  do throws(CSVError) {
    var firstLine: [String: Int] = [:]
    for record in file.records {
      let id = try record.clientID(at: idColumn)
      var text = Substring(record.text(at: abcColumn))
      while text.first == " " || text.first == "\t" { text.removeFirst() }
      while text.last == " " || text.last == "\t" { text.removeLast() }
      guard let label = ABCClass.allCases.first(where: { $0.description == text }) else {
        throw record.invalidField(at: abcColumn, reason: "not A, B or C")
      }
      if let first = firstLine[id] {
        throw record.invalidField(
          at: idColumn, reason: "the client appears more than once (first on line \(first))")
      }
      firstLine[id] = record.line(ofField: idColumn)
      labels[id] = label
    }
  } catch {
    throw CommandError.badInput("\(source): \(error)")
  }
  // The previous file does not say its day; the reclassification only needs the labels.
  return Snapshot(day: .epoch, labels: labels)
}
