import Testing

@testable import ClientBaseCore

@Suite("Parallel work")
struct ParallelWorkTests {
  @Test("parts cover every element once, in order", arguments: [0, 1, 7, 8_192, 100_003])
  func partsCoverTheRange(count: Int) {
    let parts = ParallelWork.partCount(for: count)
    #expect((1...16).contains(parts))
    var next = 0
    for part in 0..<parts {
      let range = ParallelWork.range(of: part, in: parts, count: count)
      #expect(range.lowerBound == next)
      // Near-equal: no part is more than one element longer than another.
      #expect(range.count >= count / parts && range.count <= count / parts + 1)
      next = range.upperBound
    }
    #expect(next == count)
  }

  @Test("map returns each part's result in part order on any number of threads")
  func mapKeepsOrder() {
    for threads in [1, 2, 3, 8, 40] {
      let results = ParallelWork.map(parts: 23, threads: threads) { part in
        // Enough work per part that threads overlap.
        var sum = 0.0
        for i in 0..<20_000 { sum += Double(i % (part + 3)) }
        return (part, sum)
      }
      #expect(results.map(\.0) == Array(0..<23))
      let serial = (0..<23).map { part in
        var sum = 0.0
        for i in 0..<20_000 { sum += Double(i % (part + 3)) }
        return sum
      }
      #expect(results.map(\.1) == serial)
    }
    #expect(ParallelWork.map(parts: 0, threads: 4) { $0 }.isEmpty)
    #expect(ParallelWork.partCount(for: 10, grain: 0) == 1)
  }
}
