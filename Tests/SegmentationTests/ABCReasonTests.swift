import ClientBaseTesting
import Segmentation
import Testing

@Suite("ABC reasons in bulk")
struct ABCBulkReasonTests {
  @Test("reasons(forRows:) gives every row the sentence reason(forRow:) gives it")
  func bulkEqualsSingle() throws {
    var rng = SeededGenerator(seed: 41)
    // Values with ties, zeros and refunds, so every branch of the sentence is reached.
    let values = (0..<3_000).map { _ -> Double in
      let u = rng.nextUnitDouble()
      return u < 0.1 ? 0 : (u < 0.15 ? -12.5 : Double(rng.nextInt(below: 400)) * 2.5)
    }
    let measure = try ClientValues(ids: Array(0..<values.count), values: values)
    let results = [
      StandardABC.standard.classification(of: measure),
      StandardABC.byRank.classification(of: measure),
      ABCClassification(measure: measure, rule: .custom("everyone in C")) { _ in .c },
    ]
    for result in results {
      let bulk = result.reasons(forRows: 0..<values.count)
      #expect(bulk.count == values.count)
      for row in Swift.stride(from: 0, to: values.count, by: 7) {
        #expect(bulk[row] == result.reason(forRow: row))
      }
      // Rows in any order, repeated, give the same sentences.
      let some = [17, 3, 17, 2_999, 0]
      #expect(result.reasons(forRows: some) == some.map { result.reason(forRow: $0) })
    }
  }
}
