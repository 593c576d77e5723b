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
  /// - Complexity: O(*n*): the rank and share are counted from the measure on demand.
  public func reason(forRow row: Int) -> String {
    let value = measure.values[row]
    let label = classes[row].description
    guard value > 0 else {
      return "\(label): no positive \(measureName) (\(ValueClassText.fixed(value)))"
    }
    var greaterCount = 0
    var greaterSum = 0.0
    var positiveSum = 0.0
    measure.values.withUnsafeBufferPointer { column in
      for other in column {
        if other > value {
          greaterCount += 1
          greaterSum += other
        }
        if other > 0 { positiveSum += other }
      }
    }
    let rank = greaterCount + 1
    let rankText =
      "rank \(ValueClassText.count(rank)) of \(ValueClassText.count(count)) by \(measureName)"
    switch rule {
    case .rank(let a, let b):
      let top = ValueClassText.percent(Double(rank) / Double(count))
      return
        "\(label): \(rankText), top \(top) (A is the top \(ValueClassText.percent(a)), "
        + "B the next \(ValueClassText.percent(b)))"
    case .valueShare(let a, let b):
      let share = ValueClassText.percent(greaterSum / positiveSum)
      return
        "\(label): clients above it make \(share) of \(measureName) "
        + "(A ends at \(ValueClassText.percent(a)), B at \(ValueClassText.percent(a + b)))"
    case .custom(let description):
      return "\(label): \(description); \(rankText)"
    }
  }

  /// Why a client got its class, or `nil` when it is not in the classification.
  ///
  /// - Parameter id: The client.
  /// - Returns: The reason; see ``reason(forRow:)``.
  /// - Complexity: O(*n*).
  public func reason(for id: ID) -> String? {
    row(for: id).map { reason(forRow: $0) }
  }
}
