public import BaseGrowth
import ClientBaseCore

/// Law checks for characteristic-period policies that a host calls from its own tests,
/// whatever test framework it uses.
///
/// ```swift
/// let violations = CharacteristicPeriodLaws.violations(of: TrimmedMeanPeriod(), seed: 7)
/// #expect(violations.isEmpty, "\(violations)")
/// ```
public enum CharacteristicPeriodLaws: Sendable {
  /// Checks the laws of `CharacteristicPeriodPolicy` on seeded samples of gaps: bases of 1 to
  /// 300 clients with 0 to 12 gaps each, mostly weekly to quarterly rhythms with some long
  /// pauses (and gaps beyond 16,384 days in a few samples).
  ///
  /// Laws, as violations name them:
  /// - **within the gaps**: the period and its interval lie between the shortest and the
  ///   longest gap, and the interval contains the period;
  /// - **counts**: the period rests on at most the sample's gaps and clients with gaps;
  /// - **no gaps, no period**: a sample without a gap throws `GrowthError.noGaps` (or
  ///   `.noData` when it has no client);
  /// - **order independence**: the clients in a seeded shuffle give the same period;
  /// - **thread independence**: 2 and 3 threads give the period of one;
  /// - **deterministic**: a second run gives the same period.
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - seed: The seed of the samples; 1 by default.
  ///   - samples: How many samples; 24 by default.
  /// - Returns: The violations found, at most five per law.
  public static func violations<Policy: CharacteristicPeriodPolicy>(
    of policy: Policy, seed: UInt64 = 1, samples: Int = 24
  ) -> [LawViolation] {
    var report = LawReport()
    var generator = SeededGenerator(seed: seed)
    for sample in 0..<Swift.max(samples, 1) {
      let clients = 1 + generator.nextInt(below: 300)
      let typical = [7, 14, 30, 45, 91][generator.nextInt(below: 5)]
      let long = sample % 8 == 7
      let gapsByClient: [[Int]] = (0..<clients).map { _ in
        let count = generator.nextInt(below: 13)
        return (0..<count).map { _ in
          if long { return 16_000 + generator.nextInt(below: 40_000) }
          if generator.nextUnitDouble() < 0.1 { return typical * (2 + generator.nextInt(below: 6)) }
          return Swift.max(1, typical / 2 + generator.nextInt(below: typical + 1))
        }
      }
      check(policy, gapsByClient, sample: sample, generator: &generator, into: &report)
    }
    // No gaps, and no clients.
    for (name, gapsByClient) in [
      ("one purchase each", [[Int]](repeating: [], count: 5)), ("empty", []),
    ] {
      let gaps = try? PurchaseGaps(gapsByClient: gapsByClient)
      guard let gaps else { continue }
      do {
        let period = try policy.characteristicPeriod(of: gaps)
        report.add(
          LawViolation(
            law: "no gaps, no period", values: [.init("sample", name)],
            message: "gave a period of \(period.days) days without a single gap"))
      } catch {
        switch error {
        case .noGaps, .noData: break
        default:
          report.add(
            LawViolation(
              law: "no gaps, no period", values: [.init("sample", name)],
              message: "threw \(error) instead of noGaps or noData"))
        }
      }
    }
    return report.violations
  }

  private static func check<Policy: CharacteristicPeriodPolicy>(
    _ policy: Policy, _ gapsByClient: [[Int]], sample: Int,
    generator: inout SeededGenerator, into report: inout LawReport
  ) {
    guard let gaps = try? PurchaseGaps(gapsByClient: gapsByClient) else { return }
    let name: [LawViolation.Value] = [
      .init("sample", "\(sample)"), .init("clients", "\(gaps.clientCount)"),
      .init("gaps", "\(gaps.count)"),
    ]
    let period: CharacteristicPeriod
    do {
      period = try policy.characteristicPeriod(of: gaps)
    } catch {
      if gaps.isEmpty { return }
      report.add(
        LawViolation(
          law: "no gaps, no period", values: name,
          message: "threw \(error) on a sample with gaps"))
      return
    }
    if gaps.isEmpty {
      report.add(
        LawViolation(
          law: "no gaps, no period", values: name,
          message: "gave a period of \(period.days) days without a single gap"))
      return
    }
    let shortest = Double(gaps.days.min() ?? 0)
    let longest = Double(gaps.days.max() ?? 0)
    let shown =
      name + [
        .init("period", "\(period.days)"), .init("interval", "\(period.interval)"),
        .init("gap range", "\(shortest)...\(longest)"),
      ]
    if !(period.interval.contains(period.days) && period.interval.lowerBound >= shortest
      && period.interval.upperBound <= longest)
    {
      report.add(
        LawViolation(
          law: "within the gaps", values: shown,
          message: "the period or its interval lies outside the gaps, or the interval does "
            + "not contain the period"))
    }
    if period.gapCount > gaps.count || period.clientCount > gaps.clientsWithGaps {
      report.add(
        LawViolation(
          law: "counts", values: shown + [.init("rests on", "\(period.gapCount) gaps")],
          message: "rests on more gaps or clients than the sample has"))
    }
    if (try? policy.characteristicPeriod(of: gaps)) != period {
      report.add(
        LawViolation(
          law: "deterministic", values: shown, message: "a second run gave another period"))
    }
    for threads in [2, 3]
    where (try? policy.characteristicPeriod(of: gaps, threadCount: threads)) != period {
      report.add(
        LawViolation(
          law: "thread independence", values: shown + [.init("threads", "\(threads)")],
          message: "\(threads) threads gave another period"))
    }
    let shuffled = gapsByClient.shuffled(using: &generator)
    if let other = try? PurchaseGaps(gapsByClient: shuffled),
      (try? policy.characteristicPeriod(of: other)) != period
    {
      report.add(
        LawViolation(
          law: "order independence", values: shown,
          message: "the same clients in another order gave another period"))
    }
  }
}
