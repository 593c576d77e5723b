/// How a ``StandardCharacteristicPeriod`` weighs the clients of a base.
public enum GapWeighting: String, Hashable, Sendable, Codable, CaseIterable {
  /// Every gap between consecutive purchase days counts once: the rhythm of the base's
  /// contracts, in which a client who buys every week weighs more than one who buys twice a
  /// year — as they do in the sales team's calendar.
  case perGap
  /// Every client with a gap counts once, by its own median gap: the rhythm of a typical
  /// client, whatever how often each buys.
  case perClient
}

/// The characteristic period as a quantile — by default the median — of the gaps between
/// consecutive purchase days across the base.
///
/// The **median** is the default because gaps are skewed: most clients come back on their
/// rhythm, a few after a long pause (a holiday, a lapse, a return after a competitor), and a
/// mean would be pulled towards the pauses. A base whose clients all buy every 30 days has a
/// period of 30 days; one long pause among hundreds of gaps does not move it.
///
/// The **interval** is the distribution-free one from the order statistics (Campbell &
/// Gardner 1988; Hahn & Meeker 1991): with *n* gaps and the quantile *q*, the gaps of ranks
/// *nq* − *z*√(*nq*(1 − *q*)) and 1 + *nq* + *z*√(*nq*(1 − *q*)), rounded, bound the quantile
/// with the chosen confidence (95% by default). It narrows as the base's history grows; with
/// a few dozen gaps it is wide, which is the honest answer.
///
/// The quantile of *n* sorted values is read the usual way (Hyndman & Fan's type 7, the
/// default of R and NumPy): the value at rank *h* = (*n* − 1)*q*, interpolated between its
/// neighbours, so the median of an even count is the mean of the two middle values.
///
/// Gaps are whole days (half days for the per-client medians), so the quantiles are
/// selected from a histogram in O(*n*) rather than by sorting; gaps longer than 16,383 days
/// are sorted apart.
public struct StandardCharacteristicPeriod: CharacteristicPeriodPolicy, Hashable, Codable {
  /// The quantile of the gaps taken as the period, strictly between 0 and 1; 0.5 (the median)
  /// by default.
  public let quantile: Double
  /// The confidence of the interval, strictly between 0 and 1; 0.95 by default.
  public let confidence: Double
  /// How the clients are weighed; ``GapWeighting/perGap`` by default.
  public let weighting: GapWeighting

  /// Creates the policy, checking its settings.
  ///
  /// - Parameters:
  ///   - quantile: The quantile of the gaps; 0.5 (the median) by default.
  ///   - confidence: The confidence of the interval; 0.95 by default.
  ///   - weighting: How the clients are weighed; every gap once by default.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` when the quantile or the
  ///   confidence is not strictly between 0 and 1.
  public init(
    quantile: Double = 0.5, confidence: Double = 0.95, weighting: GapWeighting = .perGap
  ) throws(GrowthError) {
    try checkConfidence(quantile, "quantile")
    try checkConfidence(confidence, "confidence")
    self.init(unchecked: quantile, confidence, weighting)
  }

  private init(unchecked quantile: Double, _ confidence: Double, _ weighting: GapWeighting) {
    self.quantile = quantile
    self.confidence = confidence
    self.weighting = weighting
  }

  /// The defaults: the median of every gap, 95% interval.
  static let defaults = StandardCharacteristicPeriod(unchecked: 0.5, 0.95, .perGap)

  private enum CodingKeys: String, CodingKey {
    case quantile, confidence, weighting
  }

  /// Decodes a policy and checks it as ``init(quantile:confidence:weighting:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``GrowthError`` text
  ///   when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let quantile = try container.decode(Double.self, forKey: .quantile)
    let confidence = try container.decode(Double.self, forKey: .confidence)
    let weighting = try container.decode(GapWeighting.self, forKey: .weighting)
    self = try GrowthError.checkedDecoding(decoder) { () throws(GrowthError) in
      try StandardCharacteristicPeriod(
        quantile: quantile, confidence: confidence, weighting: weighting)
    }
  }

  /// Estimates the period, counting the gaps in parts over up to `threadCount` threads.
  ///
  /// - Parameters:
  ///   - gaps: The gaps between every client's consecutive purchase days.
  ///   - threadCount: The most threads to use, at least 1; the result does not depend on it.
  /// - Returns: The period, with what it rests on and its interval.
  /// - Throws: ``GrowthError/noData(_:)`` without clients, ``GrowthError/noGaps(clients:)``
  ///   without a gap, ``GrowthError/invalidParameter(_:reason:)`` for a thread count below 1.
  /// - Complexity: O(*n*) for *n* gaps (plus a sort of each client's gaps with
  ///   ``GapWeighting/perClient``).
  public func characteristicPeriod(of gaps: PurchaseGaps, threadCount: Int) throws(GrowthError)
    -> CharacteristicPeriod
  {
    try checkThreads(threadCount)
    guard gaps.clientCount > 0 else { throw .noData("no clients: the purchase gaps are empty") }
    guard !gaps.isEmpty else { throw .noGaps(clients: gaps.clientCount) }
    let sample: HalfDaySample
    switch weighting {
    case .perGap: sample = HalfDaySample(gaps: gaps, threadCount: threadCount)
    case .perClient: sample = HalfDaySample(clientMediansOf: gaps, threadCount: threadCount)
    }
    let n = sample.count
    let h = Double(n - 1) * quantile
    let lowRank = Int(h.rounded(.down))
    let highRank = Swift.min(lowRank + 1, n - 1)
    let z = NormalQuantile.twoSided(confidence)
    let nq = Double(n) * quantile
    let spread = z * (nq * (1 - quantile)).squareRoot()
    // 1-based ranks of the interval (Campbell & Gardner 1988), as 0-based positions, widened
    // when needed so the interval always holds the interpolated estimate.
    let lower = Swift.min(Swift.max(Int((nq - spread).rounded()) - 1, 0), lowRank)
    let upper = Swift.max(Swift.min(Int((1 + nq + spread).rounded()) - 1, n - 1), highRank)
    let values = sample.halfDays(atRanks: [lower, lowRank, highRank, upper])
    let low = Double(values[1]) / 2
    let high = Double(values[2]) / 2
    let days = low + (h - Double(lowRank)) * (high - low)
    let clients = gaps.clientsWithGaps
    let what: String
    switch weighting {
    case .perGap:
      what =
        "\(quantileName) of \(NumberText.grouped(n)) gaps between consecutive purchase days "
        + "of \(NumberText.grouped(clients)) \(clients == 1 ? "client" : "clients")"
    case .perClient:
      what =
        "\(quantileName) of the typical gaps (each client's median gap) of "
        + "\(NumberText.grouped(clients)) \(clients == 1 ? "client" : "clients"), "
        + "\(NumberText.grouped(gaps.count)) gaps in all"
    }
    return CharacteristicPeriod(
      trusted: Swift.min(Swift.max(days, low), high),
      interval: Double(values[0]) / 2...Double(values[3]) / 2, confidence: confidence,
      gapCount: gaps.count, clientCount: clients, basis: what)
  }

  /// "the median", "the 60th percentile".
  var quantileName: String {
    if quantile == 0.5 { return "the median" }
    let percent = NumberText.decimal(quantile * 100, places: 1, dropsTrailingZeros: true)
    return "the \(percent)th percentile"
  }
}

/// Values in half days (twice the days, so per-client medians stay integers), counted in a
/// histogram with the rare long values kept apart and sorted.
struct HalfDaySample {
  /// Histogram bins: values below this many half days.
  static let bins = 32_768

  var histogram: [Int]
  var longer: [Int]
  var count: Int

  /// Every gap, twice.
  init(gaps: PurchaseGaps, threadCount: Int) {
    let n = gaps.count
    let parts = ParallelWork.partCount(for: n, grain: 262_144)
    let pieces = gaps.days.withUnsafeBufferPointer { days in
      let days = SendableBuffer(days)
      return ParallelWork.map(parts: parts, threads: threadCount) { part in
        var histogram = [Int32](repeating: 0, count: Self.bins)
        var longer: [Int] = []
        for i in ParallelWork.range(of: part, in: parts, count: n) {
          let doubled = Int(days.base[i]) &* 2
          if doubled < Self.bins { histogram[doubled] &+= 1 } else { longer.append(doubled) }
        }
        return (histogram, longer)
      }
    }
    self.init(merging: pieces, count: n)
  }

  /// Each client's median gap, twice (an integer: a middle gap or the sum of the two middle
  /// ones), for the clients with a gap.
  init(clientMediansOf gaps: PurchaseGaps, threadCount: Int) {
    let clients = gaps.clientCount
    let parts = ParallelWork.partCount(for: clients, grain: 65_536)
    let pieces = gaps.offsets.withUnsafeBufferPointer { offsets in
      gaps.days.withUnsafeBufferPointer { days in
        let offsets = SendableBuffer(offsets)
        let days = SendableBuffer(days)
        return ParallelWork.map(parts: parts, threads: threadCount) { part in
          var histogram = [Int32](repeating: 0, count: Self.bins)
          var longer: [Int] = []
          var scratch: [Int32] = []
          for client in ParallelWork.range(of: part, in: parts, count: clients) {
            let start = offsets.base[client]
            let end = offsets.base[client + 1]
            guard end > start else { continue }
            scratch.removeAll(keepingCapacity: true)
            for k in start..<end { scratch.append(days.base[k]) }
            scratch.sort()
            let m = scratch.count
            let doubled =
              m % 2 == 1
              ? Int(scratch[m / 2]) &* 2 : Int(scratch[m / 2 - 1]) &+ Int(scratch[m / 2])
            if doubled < Self.bins { histogram[doubled] &+= 1 } else { longer.append(doubled) }
          }
          return (histogram, longer)
        }
      }
    }
    self.init(merging: pieces, count: gaps.clientsWithGaps)
  }

  private init(merging pieces: [([Int32], [Int])], count: Int) {
    var histogram = [Int](repeating: 0, count: Self.bins)
    var longer: [Int] = []
    for (partHistogram, partLonger) in pieces {
      for bin in 0..<Self.bins { histogram[bin] &+= Int(partHistogram[bin]) }
      longer.append(contentsOf: partLonger)
    }
    longer.sort()
    self.histogram = histogram
    self.longer = longer
    self.count = count
  }

  /// The values of the given 0-based ranks (ascending ranks, each `0..<count`).
  func halfDays(atRanks ranks: [Int]) -> [Int] {
    var result: [Int] = []
    result.reserveCapacity(ranks.count)
    var seen = 0
    var bin = 0
    for rank in ranks {
      while bin < Self.bins, seen + histogram[bin] <= rank {
        seen += histogram[bin]
        bin += 1
      }
      if bin < Self.bins {
        result.append(bin)
      } else {
        result.append(longer[Swift.min(rank - seen, longer.count - 1)])
      }
    }
    return result
  }
}
