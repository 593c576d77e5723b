import ClientBaseCore

extension ABCClassification {
  /// Why a row got its class, in a sentence a person can read.
  ///
  /// Examples: "A: rank 37 of 2,000 by 12-month spend, top 1.9% (A is the top 5%)";
  /// "B: clients above it make 83.1% of value (A ends at 80%, B at 95%)";
  /// "C: no positive value (−12.50)". Ranks are competition ranks: one more than the number
  /// of clients with a strictly greater value, so tied clients share a rank.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The reason.
  /// - Complexity: O(*n*): the rank and share are counted from the measure on demand; for
  ///   the reasons of many rows use ``reasons(forRows:)``.
  public func reason(forRow row: Int) -> String {
    let value = measure.values[row]
    guard value > 0 else {
      return reason(forRow: row, greaterCount: 0, greaterUnits: 0, totals: nil)
    }
    var largest = 0.0
    measure.values.withUnsafeBufferPointer { column in
      for other in column where other > largest { largest = other }
    }
    let scaling = ValueClassKernels.ExactSum(largest: largest)
    var greaterCount = 0
    var greaterUnits: Int128 = 0
    var positiveUnits: Int128 = 0
    measure.values.withUnsafeBufferPointer { column in
      for other in column where other > 0 {
        let units = scaling.units(other)
        positiveUnits &+= units
        if other > value {
          greaterCount += 1
          greaterUnits &+= units
        }
      }
    }
    return reason(
      forRow: row, greaterCount: greaterCount, greaterUnits: greaterUnits,
      totals: positiveUnits)
  }

  /// The reasons of many rows at once, in the order of `rows`: the same sentences as
  /// ``reason(forRow:)``, with the ranks and shares of every row found from one sort of the
  /// values instead of one pass over the base per row.
  ///
  /// ```swift
  /// let all = abc.reasons(forRows: 0..<abc.count)
  /// ```
  ///
  /// - Parameter rows: Rows, `0..<count` each, in any order.
  /// - Returns: One reason per element of `rows`.
  /// - Complexity: O(*n* log *n* + *m* log *n*) for *m* rows.
  public func reasons(forRows rows: some Sequence<Int>) -> [String] {
    // Positive values in descending order, with exact running sums: the rank of a value is
    // one more than the number of strictly larger values, found by binary search.
    var positives = measure.values.filter { $0 > 0 }
    positives.sort(by: >)
    let scaling = ValueClassKernels.ExactSum(largest: positives.first ?? 1)
    var running = ContiguousArray<Int128>()
    running.reserveCapacity(positives.count + 1)
    var total: Int128 = 0
    running.append(0)
    for value in positives {
      total &+= scaling.units(value)
      running.append(total)
    }
    return rows.map { row in
      let value = measure.values[row]
      guard value > 0 else {
        return reason(forRow: row, greaterCount: 0, greaterUnits: 0, totals: nil)
      }
      var low = 0
      var high = positives.count
      while low < high {
        let middle = (low + high) / 2
        if positives[middle] > value { low = middle + 1 } else { high = middle }
      }
      return reason(
        forRow: row, greaterCount: low, greaterUnits: running[low], totals: total)
    }
  }

  /// The sentence of a row from its rank facts: the clients with a strictly greater value,
  /// their summed value and the sum of all positive values, in exact units (`totals` is `nil`
  /// for a row without a positive value).
  private func reason(
    forRow row: Int, greaterCount: Int, greaterUnits: Int128, totals: Int128?
  ) -> String {
    let value = measure.values[row]
    let label = classes[row].description
    guard value > 0, let totals else {
      return "\(label): no positive \(measureName) (\(NumberText.decimal(value)))"
    }
    let rank = greaterCount + 1
    let rankText =
      "rank \(NumberText.grouped(rank)) of \(NumberText.grouped(count)) by \(measureName)"
    switch rule {
    case .rank(let a, let b):
      let top = NumberText.percent(Double(rank) / Double(count))
      return
        "\(label): \(rankText), top \(top) (A is the top \(NumberText.percent(a)), "
        + "B the next \(NumberText.percent(b)))"
    case .valueShare(let a, let b):
      let share = NumberText.percent(Double(greaterUnits) / Double(totals))
      return
        "\(label): clients above it make \(share) of \(measureName) "
        + "(A ends at \(NumberText.percent(a)), B at \(NumberText.percent(a + b)))"
    case .custom(let description):
      return "\(label): \(description); \(rankText)"
    }
  }
}
