import ClientBaseTesting
import Retention
import Testing

/// Three broken barrier policies, each caught by the law it breaks.
@Suite("BarrierLaws")
struct BarrierLawsTests {
  static func evidence() throws -> BarrierEvidence<String> {
    let clients = try ClientIndex(["a", "b", "c", "d"])
    let uses: [ServiceUse<String>] = [
      ServiceUse(client: "a", service: .creditLine),
      ServiceUse(client: "a", service: .onlineOrdering),
      ServiceUse(client: "b", service: .creditLine),
      ServiceUse(client: "d", service: .creditLine),
    ]
    return try BarrierEvidence(
      usage: try ServiceUsage(clients: clients, uses: uses), value: [100, 300, 200, 50])
  }

  /// A result from per-row answers, valid by construction.
  static func result<ID>(
    _ evidence: BarrierEvidence<ID>,
    _ answer: (Int) -> (score: Double, isHighValue: Bool, hasLowBarriers: Bool)
  ) -> SwitchingBarriers<ID> {
    do {
      return try SwitchingBarriers(
        evidence: evidence,
        serviceWeights: [Double](repeating: 1, count: evidence.usage.services.count),
        highValueFrom: nil, lowScoreAtMost: nil, assessment: answer)
    } catch {
      preconditionFailure("\(error)")
    }
  }

  /// Fewer services, a higher score.
  struct Inverted: BarrierPolicy {
    func barriers<ID>(in evidence: BarrierEvidence<ID>, threadCount: Int)
      -> SwitchingBarriers<ID>
    {
      BarrierLawsTests.result(evidence) { row in
        (Double(4 - evidence.usage.serviceCount(forRow: row)), false, false)
      }
    }
  }

  /// High value by position, not by value.
  struct FirstRows: BarrierPolicy {
    func barriers<ID>(in evidence: BarrierEvidence<ID>, threadCount: Int)
      -> SwitchingBarriers<ID>
    {
      BarrierLawsTests.result(evidence) { row in
        (Double(evidence.usage.serviceCount(forRow: row)), row < 2, false)
      }
    }
  }

  /// Another score on more threads.
  struct Threaded: BarrierPolicy {
    func barriers<ID>(in evidence: BarrierEvidence<ID>, threadCount: Int)
      -> SwitchingBarriers<ID>
    {
      BarrierLawsTests.result(evidence) { row in
        (Double(evidence.usage.serviceCount(forRow: row) + (threadCount > 1 ? 1 : 0)), false, false)
      }
    }
  }

  @Test("the default keeps every law; each broken policy breaks the law it should")
  func laws() throws {
    let evidence = try Self.evidence()
    #expect(BarrierLaws.violations(of: StandardBarriers.standard, on: evidence).isEmpty)

    let inverted = BarrierLaws.violations(of: Inverted(), on: evidence)
    #expect(inverted.contains { $0.law == "more services, no lower barrier" && $0.client == "a" })
    #expect(!inverted.contains { $0.law == "order independence" })

    let firstRows = BarrierLaws.violations(of: FirstRows(), on: evidence)
    // b (300) is high value; c (200) is not, yet worth more than a (100), who is.
    #expect(firstRows.contains { $0.law == "value decides high value" && $0.client == "c" })
    #expect(firstRows.contains { $0.law == "order independence" })

    let threaded = BarrierLaws.violations(of: Threaded(), on: evidence)
    #expect(threaded.map(\.law) == Array(repeating: "thread independence", count: 4))
    #expect(threaded.first?.description.hasPrefix("thread independence: client a:") == true)
  }
}
