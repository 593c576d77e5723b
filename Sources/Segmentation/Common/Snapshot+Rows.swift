import ClientBaseCore

extension Snapshot {
  /// A snapshot of the rows of a whole-base result that have a label, for the `snapshot(on:)`
  /// methods of the result types.
  ///
  /// Rows whose `label` is `nil` are left out. The results' inputs reject duplicate clients,
  /// so each client has one row; were one listed twice, its last row would win.
  static func rows(
    ids: [ID], day: Day, label: (Int) -> Label?
  ) -> Snapshot {
    var labels = [ID: Label](minimumCapacity: ids.count)
    for (row, id) in ids.enumerated() {
      if let value = label(row) { labels[id] = value }
    }
    return Snapshot(day: day, labels: labels)
  }
}
