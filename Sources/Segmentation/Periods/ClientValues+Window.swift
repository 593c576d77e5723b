public import ClientBaseCore

extension ClientValues {
  /// Each client's spend over a window of days, from a purchase log: the measure behind
  /// "ABC by 12-month spend".
  ///
  /// Every client of the log gets a row — the column's row space is `log.clients`, shared,
  /// not rebuilt — with 0 when it bought nothing in the window; refunds in the window are subtracted (a client can end negative),
  /// unless `subtractsRefunds` is `false`.
  ///
  /// ```swift
  /// let lastYear = try PeriodGrid.trailingDays(365, before: asOf).days
  /// let spend = try ClientValues.spend(in: log, over: lastYear)
  /// ```
  ///
  /// - Parameters:
  ///   - log: The purchases.
  ///   - days: The window, both ends included.
  ///   - subtractsRefunds: Whether negative amounts reduce the spend; `true` by default.
  /// - Returns: The spend of each client of the log.
  /// - Throws: ``SegmentationError/nonFiniteValue(at:value:)`` naming the client whose
  ///   amounts in the window add up to NaN or an infinity (its row is its index in the log).
  /// - Complexity: O(*e* + *n*) for *e* events and *n* clients; one pass, no hashing.
  public static func spend(
    in log: PurchaseLog<ID>, over days: ClosedRange<Day>, subtractsRefunds: Bool = true
  ) throws(SegmentationError) -> ClientValues<ID> {
    var sums = ContiguousArray<Double>(repeating: 0, count: log.clients.count)
    let first = days.lowerBound.daysSince1970
    let last = days.upperBound.daysSince1970
    sums.withUnsafeMutableBufferPointer { out in
      log.clientIndices.withUnsafeBufferPointer { clients in
        log.days.withUnsafeBufferPointer { eventDays in
          log.amounts.withUnsafeBufferPointer { amounts in
            for event in 0..<amounts.count {
              let day = eventDays[event].daysSince1970
              let amount = amounts[event]
              guard day >= first, day <= last, subtractsRefunds || amount > 0 else { continue }
              out[Int(clients[event])] += amount
            }
          }
        }
      }
    }
    for (row, value) in sums.enumerated() where !value.isFinite {
      throw .nonFiniteValue(
        at: .client(String(describing: log.clientIDs[row]), row: row), value: value)
    }
    return ClientValues(trustedClients: log.clients, values: sums)
  }
}
