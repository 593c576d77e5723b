import ClientBaseCore
import Testing

@testable import ClientBaseTesting
@testable import Retention

/// Weighs a stale evidence kept from an earlier run. Breaks the row-space law.
private struct Stale: AtRiskPolicy {
  let stale: AtRiskEvidence<Int>
  func atRisk<ID>(in evidence: AtRiskEvidence<ID>, threadCount: Int) -> AtRiskList<ID> {
    StandardAtRisk.standard.atRisk(
      in: stale as? AtRiskEvidence<ID> ?? evidence, threadCount: threadCount)
  }
}

/// Gives the clients not at risk a negative value at risk (a list the public initialiser
/// refuses, built here with the internal one). Breaks the values law only: the total and the
/// ranking cover the clients at risk.
private struct Signed: AtRiskPolicy {
  func atRisk<ID>(in evidence: AtRiskEvidence<ID>, threadCount: Int) -> AtRiskList<ID> {
    let s = StandardAtRisk.standard.atRisk(in: evidence, threadCount: threadCount)
    var values = s.valuesAtRisk
    for row in values.indices where !s.isAtRisk[row] { values[row] = -values[row] - 1 }
    return AtRiskList(
      trusted: evidence, maximumListed: 100, isAtRisk: s.isAtRisk, worth: s.worth,
      bases: s.bases, probabilityGone: s.probabilityGone, valuesAtRisk: values)
  }
}

/// Adds the row number to every worth (a row-number tie-breaker gone wrong). Breaks order
/// independence only.
private struct RowWeighted: AtRiskPolicy {
  func atRisk<ID>(in evidence: AtRiskEvidence<ID>, threadCount: Int) -> AtRiskList<ID> {
    let s = StandardAtRisk.standard.atRisk(in: evidence, threadCount: threadCount)
    do {
      return try AtRiskList(evidence: evidence, maximumListed: 100) { row in
        (s.isAtRisk[row], s.worth[row] + Double(row), s.bases[row], s.probabilityGone[row])
      }
    } catch {
      preconditionFailure("\(error)")
    }
  }
}

/// Lists ten clients per thread. Breaks thread independence only.
private struct ListPerThread: AtRiskPolicy {
  func atRisk<ID>(in evidence: AtRiskEvidence<ID>, threadCount: Int) -> AtRiskList<ID> {
    do {
      return try StandardAtRisk(maximumListed: 10 * threadCount)
        .atRisk(in: evidence, threadCount: threadCount)
    } catch {
      preconditionFailure("\(error)")
    }
  }
}

@Suite("AtRiskLaws")
struct AtRiskLawsTests {
  @Test("the standard at-risk rule and tuned ones keep every law")
  func keptLaws() throws {
    let standard = AtRiskLaws.violations(of: StandardAtRisk.standard, clients: 1_000)
    #expect(standard.isEmpty, "\(standard)")
    for policy in [
      try StandardAtRisk(maximumListed: 0),
      try StandardAtRisk(
        verdicts: [.overdue, .lost, .unknown], minimumProbabilityGone: 0.2, maximumListed: 7,
        valueMeasure: .lifetimeValue),
      try StandardAtRisk(minimumProbabilityGone: 1, valueMeasure: .pastValue),
    ] {
      let violations = AtRiskLaws.violations(of: policy, clients: 300, seed: 5)
      #expect(violations.isEmpty, "\(policy): \(violations)")
    }
  }

  /// The sample has clients at risk beyond the 100 listed, so the cut is checked too.
  @Test("the sample gives the laws something to check")
  func sampleIsVaried() throws {
    let samples = try AtRiskLaws.sampleEvidence(clients: 2_000, seed: 1)
    #expect(samples.map(\.0) == ["with scores", "P(alive) only", "rhythm alone"])
    for (_, evidence) in samples {
      let list = StandardAtRisk.standard.atRisk(in: evidence)
      #expect(list.atRiskCount > 100 && list.ranked.count == 100)
    }
  }

  @Test("each broken rule is caught by the law it breaks, and by no other")
  func brokenLaws() throws {
    let stale = try #require(AtRiskLaws.sampleEvidence(clients: 50, seed: 9).first).1
    for (policy, law) in [
      (Stale(stale: stale) as any AtRiskPolicy, "row space"), (Signed(), "values"),
      (RowWeighted(), "order independence"), (ListPerThread(), "thread independence"),
    ] {
      let violations = AtRiskLaws.violations(of: policy, clients: 400)
      #expect(Set(violations.map(\.law)) == [law], "\(type(of: policy)): \(violations)")
    }
  }

  /// No policy can give a wrong total or ranking (the list's initialiser computes them), so
  /// the total and ranked laws are checked on doctored answers.
  @Test("a doctored total or ranking is caught by the total or ranked law only")
  func doctoredAnswers() throws {
    let evidence = try #require(AtRiskLaws.sampleEvidence(clients: 2_000, seed: 1).first).1
    let list = StandardAtRisk.standard.atRisk(in: evidence)
    let ids = evidence.clients.ids
    func laws(_ change: (inout AtRiskLaws.Answer) -> Void) -> [LawViolation] {
      var answer = AtRiskLaws.Answer(list)
      change(&answer)
      var report = LawReport()
      AtRiskLaws.check(answer, ids: ids, into: &report)
      return report.violations
    }
    #expect(laws { _ in }.isEmpty)
    #expect(Set(laws { $0.totalValueAtRisk += 1 }.map(\.law)) == ["total"])
    #expect(Set(laws { $0.atRiskCount -= 1 }.map(\.law)) == ["total"])
    let top = list.ranked[0]
    let second = list.ranked[1]
    #expect(list.valuesAtRisk[top] > list.valuesAtRisk[second])
    let swapped = laws { $0.ranked.swapAt(0, 1) }
    #expect(swapped.map(\.law) == ["ranked"])
    #expect(swapped.first?.client == "\(ids[top])")
    #expect(laws { $0.ranked.append(second) }.map(\.law) == ["ranked"])
    let calm = try #require(list.isAtRisk.firstIndex(of: false))
    #expect(laws { $0.ranked.append(calm) }.first?.message == "listed at rank 100 but not at risk")
    // Leaving out the largest: it is worth more at risk than the last listed.
    let leftOut = laws { $0.ranked.removeFirst() }
    #expect(leftOut.map(\.law) == ["ranked"] && leftOut.first?.client == "\(ids[top])")
  }
}
