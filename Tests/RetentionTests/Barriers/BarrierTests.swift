import ClientBaseTesting
import Foundation
import Testing

@testable import Retention

/// Five clients over four services, worked by hand:
///
/// | client | services                                  | value |
/// |--------|-------------------------------------------|-------|
/// | a      | online-ordering                           | 1,000 |
/// | b      | credit-line, online-ordering, personal-manager | 900 |
/// | c      | none                                      |   800 |
/// | d      | online-ordering, credit-line              |   100 |
/// | e      | trade-programme                           |    50 |
private func handMadeEvidence(values: [Double] = [1_000, 900, 800, 100, 50]) throws
  -> BarrierEvidence<String>
{
  let clients = try ClientIndex(["a", "b", "c", "d", "e"])
  let uses: [ServiceUse<String>] = [
    ServiceUse(client: "a", service: .onlineOrdering),
    ServiceUse(client: "b", service: .creditLine),
    ServiceUse(client: "b", service: .onlineOrdering),
    ServiceUse(client: "b", service: .personalManager),
    ServiceUse(client: "d", service: .onlineOrdering),
    ServiceUse(client: "d", service: .creditLine),
    ServiceUse(client: "e", service: .tradeProgramme),
  ]
  let usage = try ServiceUsage(clients: clients, uses: uses)
  return try BarrierEvidence(usage: usage, value: values)
}

@Suite("Switching barriers")
struct BarrierTests {
  @Test("the usage: catalogue by name, services per client sorted, repeats once, others counted")
  func usage() throws {
    let clients = try ClientIndex(["a", "b"])
    let uses: [ServiceUse<String>] = [
      ServiceUse(client: "b", service: .onlineOrdering),
      ServiceUse(client: "b", service: .creditLine),
      ServiceUse(client: "b", service: .onlineOrdering),
      ServiceUse(client: "prospect", service: .creditLine),
      ServiceUse(client: "a", service: "extended-warranty"),
    ]
    let usage = try ServiceUsage(clients: clients, uses: uses)
    #expect(usage.services == ["credit-line", "extended-warranty", "online-ordering"])
    #expect(usage[0] == ["extended-warranty"])
    #expect(usage[1] == [.creditLine, .onlineOrdering])
    #expect(usage.serviceCount(forRow: 1) == 2)
    #expect(usage.uptake == [1, 1, 1])
    #expect(usage.usesOfOtherClients == 1)
    #expect(usage.usesOfOtherServices == 0)
    #expect(usage.reason(forRow: 1) == "uses 2 of 3 services: credit-line, online-ordering")
    // With a catalogue: a service outside it is left out and counted.
    let named = try ServiceUsage(
      clients: clients, uses: uses, services: [.onlineOrdering, .creditLine, .personalManager])
    #expect(named.services == [.onlineOrdering, .creditLine, .personalManager])
    #expect(named[0].isEmpty)
    #expect(named[1] == [.onlineOrdering, .creditLine])
    #expect(named.usesOfOtherServices == 1)
    #expect(named.reason(forRow: 0) == "uses none of the 3 services")
    #expect(throws: RetentionError.self) {
      _ = try ServiceUsage(clients: clients, uses: uses, services: [.creditLine, .creditLine])
    }
  }

  @Test("worked answer: scores, high value, standings, flagged, suggestions, reasons")
  func workedAnswer() throws {
    let evidence = try handMadeEvidence()
    // The top 40% of 5 clients: ⌈2⌉ = 2, a (1,000) and b (900).
    let policy = try StandardBarriers(highValue: .topShare(0.4))
    let barriers = policy.barriers(in: evidence)
    #expect(barriers.scores == [1, 3, 0, 2, 1])
    #expect(barriers.isHighValue == [true, true, false, false, false])
    #expect(barriers.hasLowBarriers == [true, false, true, false, true])
    #expect(barriers.standings == [.exposed, .anchored, .loose, .bound, .loose])
    #expect(barriers.counts[.exposed] == 1 && barriers.counts[.anchored] == 1)
    #expect(barriers.counts[.loose] == 2 && barriers.counts[.bound] == 1)
    #expect(barriers.counts.total == 5)
    #expect(barriers.flagged == [0])
    #expect(barriers.highValueFrom == 900)
    #expect(barriers.highValueCount == 2)
    // Among a and b: credit-line 1, online-ordering 2, personal-manager 1, trade-programme 0.
    #expect(barriers.highValueUptake == [1, 2, 1, 0])
    // Most used among the high-value first; ties by weight (equal) then name.
    #expect(
      barriers.suggestionOrder.map { evidence.usage.services[$0] } == [
        .onlineOrdering, .creditLine, .personalManager, .tradeProgramme,
      ])
    #expect(barriers.suggestions(forRow: 0) == [.creditLine, .personalManager, .tradeProgramme])
    #expect(
      barriers.reason(forRow: 0)
        == "high value (1,000; high from 900) with low barriers: uses 1 of 4 services "
        + "(online-ordering), score 1, low at 1 or less; would rise with credit-line (used by "
        + "50% of high-value clients), personal-manager (50%), trade-programme (0%)")
    #expect(
      barriers.reason(forRow: 1)
        == "high value (900; high from 900) with barriers above low: uses 3 of 4 services "
        + "(credit-line, online-ordering, personal-manager), score 3, low at 1 or less")
    #expect(
      barriers.reason(forRow: 2)
        == "not high value (800; high from 900) with low barriers: uses none of the 4 services, "
        + "score 0, low at 1 or less")
    #expect(
      barriers[3]
        == BarrierEntry(
          score: 2, serviceCount: 2, value: 100, isHighValue: false, hasLowBarriers: false,
          standing: .bound))
    #expect(barriers.label(for: "e") == .loose)
  }

  @Test("the default: the top 20% by value, one client of five")
  func defaults() throws {
    let barriers = StandardBarriers.standard.barriers(in: try handMadeEvidence())
    // ⌈0.2 × 5⌉ = 1: a alone, with one service: exposed.
    #expect(barriers.isHighValue == [true, false, false, false, false])
    #expect(barriers.flagged == [0])
    #expect(StandardBarriers.standard == (try StandardBarriers()))
  }

  @Test("weights: a heavy credit line, a light online ordering, a weightless service never offered")
  func weights() throws {
    let evidence = try handMadeEvidence()
    let policy = try StandardBarriers(
      weights: [.creditLine: 3, .onlineOrdering: 0.5, .tradeProgramme: 0], lowScoreAtMost: 2,
      highValue: .atLeast(850))
    let barriers = policy.barriers(in: evidence)
    // a 0.5; b 3 + 0.5 + 1 = 4.5; c 0; d 3.5; e 0 (trade-programme weighs nothing).
    #expect(barriers.scores == [0.5, 4.5, 0, 3.5, 0])
    #expect(barriers.standings == [.exposed, .anchored, .loose, .bound, .loose])
    #expect(barriers.serviceWeights == [3, 0.5, 1, 0])
    // credit-line and personal-manager tie on uptake among a and b (1 each): the heavier
    // first. trade-programme weighs 0: never suggested.
    #expect(barriers.suggestions(forRow: 0) == [.creditLine, .personalManager])
    #expect(barriers.reason(forRow: 0).contains("score 0.5, low at 2 or less"))
  }

  @Test("ties at the cut are all high value; a client worth 0 or less never is")
  func tiesAndZeros() throws {
    // The top 20% is one client, but two tie at the top.
    let tied = StandardBarriers.standard.barriers(
      in: try handMadeEvidence(values: [500, 500, 100, 100, 0]))
    #expect(tied.isHighValue == [true, true, false, false, false])
    #expect(tied.flagged == [0])
    // Ties among the flagged go to the identifier's text.
    let policy = try StandardBarriers(lowScoreAtMost: 5, highValue: .topShare(1))
    let all = policy.barriers(in: try handMadeEvidence(values: [7, 7, 7, 0, -3]))
    #expect(all.isHighValue == [true, true, true, false, false])
    #expect(all.flagged == [0, 1, 2])
    #expect(all.highValueFrom == 7)
    // Nobody worth anything: nobody high value, no threshold.
    let none = StandardBarriers.standard.barriers(
      in: try handMadeEvidence(values: [0, 0, -1, 0, 0]))
    #expect(none.highValueCount == 0 && none.flagged.isEmpty && none.highValueFrom == nil)
    #expect(none.reason(forRow: 0).hasPrefix("not high value (0) with low barriers"))
    // A share of 0 takes nobody.
    let zero = try StandardBarriers(highValue: .topShare(0)).barriers(in: try handMadeEvidence())
    #expect(zero.highValueCount == 0)
  }

  @Test("flagged clients of equal value are ordered by their identifiers' text, any row order")
  func tieOrder() throws {
    func flagged<ID: Hashable & Sendable>(_ ids: [ID]) throws -> [ID] {
      let usage = try ServiceUsage(clients: try ClientIndex(ids), uses: [ServiceUse<ID>]())
      let evidence = try BarrierEvidence(
        usage: usage, value: [Double](repeating: 5, count: ids.count))
      let barriers = try StandardBarriers(highValue: .topShare(1)).barriers(in: evidence)
      return barriers.flagged.map { ids[$0] }
    }
    // By text: "10" < "100" < "9", whatever the rows' order.
    #expect(try flagged([9, 100, 10]) == [10, 100, 9])
    #expect(try flagged([100, 10, 9]) == [10, 100, 9])
    #expect(try flagged(["b", "c", "a"]) == ["a", "b", "c"])
    // Other identifier types through their description.
    #expect(try flagged([UInt8(9), 100, 10]) == [10, 100, 9])
  }

  @Test("an empty base gives an empty result")
  func empty() throws {
    let usage = try ServiceUsage(clients: ClientIndex<String>(), uses: [ServiceUse<String>]())
    let barriers = StandardBarriers.standard.barriers(
      in: try BarrierEvidence(usage: usage, value: [Double]()), threadCount: 3)
    #expect(barriers.isEmpty && barriers.flagged.isEmpty && barriers.counts.total == 0)
  }

  @Test("bad input: typed errors naming the parameter or the row")
  func badInput() throws {
    let evidence = try handMadeEvidence()
    #expect(throws: RetentionError.invalidParameter("value", reason: "has 2 entries for 5 clients"))
    {
      _ = try BarrierEvidence(usage: evidence.usage, value: [1, 2])
    }
    #expect(throws: RetentionError.invalidHistory(row: 2, reason: "value nan is not finite")) {
      _ = try BarrierEvidence(usage: evidence.usage, value: [1, 2, .nan, 4, 5])
    }
    func parameter(_ make: () throws(RetentionError) -> StandardBarriers) -> String? {
      do {
        _ = try make()
        return nil
      } catch {
        if case .invalidParameter(let name, _) = error { return name }
        return "\(error)"
      }
    }
    #expect(
      parameter { () throws(RetentionError) in try StandardBarriers(weights: [.creditLine: -1]) }
        == "weights")
    #expect(
      parameter { () throws(RetentionError) in try StandardBarriers(defaultWeight: .infinity) }
        == "defaultWeight")
    #expect(
      parameter { () throws(RetentionError) in try StandardBarriers(lowScoreAtMost: .nan) }
        == "lowScoreAtMost")
    #expect(
      parameter { () throws(RetentionError) in try StandardBarriers(highValue: .topShare(1.5)) }
        == "highValue")
    #expect(
      parameter { () throws(RetentionError) in try StandardBarriers(highValue: .atLeast(.infinity))
      } == "highValue")
    // A host's result with a negative score or the wrong number of weights is refused.
    #expect(throws: RetentionError.self) {
      _ = try SwitchingBarriers(
        evidence: evidence, serviceWeights: [1, 1, 1, 1], highValueFrom: nil,
        lowScoreAtMost: nil
      ) { _ in (-1, false, false) }
    }
    #expect(throws: RetentionError.self) {
      _ = try SwitchingBarriers(
        evidence: evidence, serviceWeights: [1], highValueFrom: nil, lowScoreAtMost: nil
      ) { _ in (1, false, false) }
    }
  }

  @Test("the policy round-trips through JSON, weights as an object, and decoding checks")
  func codable() throws {
    let policy = try StandardBarriers(
      weights: [.creditLine: 3], lowScoreAtMost: 2, highValue: .atLeast(1_000))
    let data = try JSONEncoder().encode(policy)
    #expect(String(decoding: data, as: UTF8.self).contains("\"credit-line\":3"))
    #expect(try JSONDecoder().decode(StandardBarriers.self, from: data) == policy)
    let bad = String(decoding: data, as: UTF8.self).replacingOccurrences(
      of: "\"credit-line\":3", with: "\"credit-line\":-3")
    #expect(throws: DecodingError.self) {
      _ = try JSONDecoder().decode(StandardBarriers.self, from: Data(bad.utf8))
    }
  }

  @Test("a host's policy through the checked initialiser: a credit line is the barrier")
  func hostPolicy() throws {
    /// Only a credit line binds: exposed when high value without one.
    struct CreditLineOnly: BarrierPolicy {
      func barriers<ID>(in evidence: BarrierEvidence<ID>, threadCount: Int)
        -> SwitchingBarriers<ID>
      {
        let usage = evidence.usage
        let credit = usage.services.firstIndex(of: .creditLine)
        let weights = usage.services.map { $0 == .creditLine ? 1.0 : 0 }
        // Checked: the answers are valid by construction.
        return try! SwitchingBarriers(
          evidence: evidence, serviceWeights: weights, highValueFrom: 500, lowScoreAtMost: 0
        ) { row in
          let has = credit.map { usage.uses(row: row, service: $0) } ?? false
          return (has ? 1 : 0, evidence.value[row] >= 500, !has)
        }
      }
    }
    let barriers = CreditLineOnly().barriers(in: try handMadeEvidence())
    #expect(barriers.standings == [.exposed, .anchored, .exposed, .bound, .loose])
    #expect(barriers.flagged == [0, 2])
    #expect(barriers.suggestions(forRow: 2) == [.creditLine])
    #expect(BarrierLaws.violations(of: CreditLineOnly(), on: try handMadeEvidence()).isEmpty)
  }

  @Test("properties on a seeded base: the laws, counts, flagged order, suggestions unused")
  func seededBase() throws {
    let base = try SyntheticBase(
      configuration: .init(
        clients: 3_000, acquisitionStart: Day(daysSince1970: 20_089), acquisitionWindowDays: 365,
        asOf: Day(daysSince1970: 20_757), seed: 5))
    let evidence = try BarrierLaws.sampleEvidence(from: base)
    let violations = BarrierLaws.violations(of: StandardBarriers.standard, on: evidence)
    #expect(violations.isEmpty, "\(violations)")
    let weighted = try StandardBarriers(
      weights: [.creditLine: 3, .personalManager: 2], lowScoreAtMost: 2)
    #expect(BarrierLaws.violations(of: weighted, on: evidence, seed: 9).isEmpty)

    let barriers = StandardBarriers.standard.barriers(in: evidence, threadCount: 2)
    #expect(barriers.counts.total == 3_000)
    #expect(barriers.flagged.count == barriers.counts[.exposed])
    // The top 20%: 600 clients, more only through ties at the cut.
    #expect(barriers.highValueCount >= 600 && barriers.highValueCount < 610)
    for pair in zip(barriers.flagged, barriers.flagged.dropFirst()) {
      #expect(evidence.value[pair.0] >= evidence.value[pair.1])
    }
    for row in barriers.flagged {
      #expect(barriers.isHighValue[row] && barriers.scores[row] <= 1)
      let used = Set(evidence.usage[row])
      let suggested = barriers.suggestions(forRow: row)
      #expect(suggested.allSatisfy { !used.contains($0) })
      #expect(suggested.count + used.count == evidence.usage.services.count)
    }
    // Valuable clients use more services in the synthetic base: the high-value clients'
    // uptake of every service is above the base's.
    for (k, service) in evidence.usage.services.enumerated() {
      let baseShare = Double(evidence.usage.uptake[k]) / 3_000
      let highShare = Double(barriers.highValueUptake[k]) / Double(barriers.highValueCount)
      #expect(highShare > baseShare, "\(service)")
    }
  }
}
