public import ClientBaseCore

/// The RFM scores and segment of every client of a base, in columns over the measures' row
/// space.
///
/// Scores are one byte per client and segments an index into the map's rules; names and
/// reasons are looked up on demand. As a `ClassifiedResult` its entry and label are the
/// row's ``RFMSegment`` and its ``scale`` is the map's segments: the distinct segments of its
/// rules in rule order, then the fallback (unless a rule names it already). Every client has a
/// segment.
///
/// ```swift
/// let rfm = StandardRFM.standard.classification(of: measures)
/// rfm[client: "c-1042"]       // .champions, found in O(1)
/// rfm.counts[.atRisk]         // 1_530
/// rfm.countsByName["Lost"]    // 2_204
/// ```
public struct RFMClassification<ID: Hashable & Sendable>: ClassifiedResult {
  /// The measures the scores were computed from.
  public let measures: RFMMeasures<ID>
  /// The recency score (1–5) of each row.
  public let recencyScores: ContiguousArray<UInt8>
  /// The frequency score (1–5) of each row.
  public let frequencyScores: ContiguousArray<UInt8>
  /// The monetary score (1–5) of each row.
  public let monetaryScores: ContiguousArray<UInt8>
  /// The map that named the segments.
  public let segmentMap: RFMSegmentMap
  /// The index of the matching rule of each row, or `segmentMap.rules.count` for the
  /// fallback.
  public let ruleIndices: ContiguousArray<Int32>

  /// Creates a classification from scores a host policy computed, one triple per row, naming
  /// segments with a map: how a host policy returns its result.
  ///
  /// ```swift
  /// RFMClassification(measures: measures, segmentMap: .standard) { row in
  ///   (recency: measures.recencyDays[row] <= 30 ? 5 : 1, frequency: 3, monetary: 3)
  /// }
  /// ```
  ///
  /// A score below 1 is taken as 1 and one above 5 as 5, so every row has a score from 1 to 5
  /// per measure and a segment.
  ///
  /// - Parameters:
  ///   - measures: The measures that were scored; the result's row space is theirs.
  ///   - segmentMap: The segment names.
  ///   - scoresOfRow: The recency, frequency and monetary scores of a row, asked once per row
  ///     in order.
  /// - Complexity: O(*n*) calls of `scoresOfRow`.
  public init(
    measures: RFMMeasures<ID>, segmentMap: RFMSegmentMap,
    scoresOfRow: (Int) -> (recency: Int, frequency: Int, monetary: Int)
  ) {
    var recency = ContiguousArray<UInt8>()
    var frequency = ContiguousArray<UInt8>()
    var monetary = ContiguousArray<UInt8>()
    recency.reserveCapacity(measures.count)
    frequency.reserveCapacity(measures.count)
    monetary.reserveCapacity(measures.count)
    func clamped(_ score: Int) -> UInt8 { UInt8(Swift.min(Swift.max(score, 1), 5)) }
    for row in 0..<measures.count {
      let scores = scoresOfRow(row)
      recency.append(clamped(scores.recency))
      frequency.append(clamped(scores.frequency))
      monetary.append(clamped(scores.monetary))
    }
    self.init(
      trustedMeasures: measures, recency: recency, frequency: frequency, monetary: monetary,
      segmentMap: segmentMap)
  }

  /// Creates a classification from columns of scores, checking them, and names segments with
  /// a map.
  ///
  /// - Parameters:
  ///   - measures: The measures that were scored.
  ///   - recency: One recency score per row, 1–5.
  ///   - frequency: One frequency score per row, 1–5.
  ///   - monetary: One monetary score per row, 1–5.
  ///   - segmentMap: The segment names.
  /// - Throws: ``SegmentationError/lengthMismatch(what:expected:actual:)`` when a column
  ///   has the wrong length, ``SegmentationError/invalidParameter(_:reason:)`` when a score
  ///   is outside 1–5.
  /// - Complexity: O(*n*).
  public init(
    measures: RFMMeasures<ID>, recency: ContiguousArray<UInt8>,
    frequency: ContiguousArray<UInt8>, monetary: ContiguousArray<UInt8>,
    segmentMap: RFMSegmentMap
  ) throws(SegmentationError) {
    for (name, column) in [("recency", recency), ("frequency", frequency), ("monetary", monetary)] {
      guard column.count == measures.count else {
        throw .lengthMismatch(what: name, expected: measures.count, actual: column.count)
      }
      if let bad = column.first(where: { $0 < 1 || $0 > 5 }) {
        throw .invalidParameter(name, reason: "score \(bad) is outside 1...5")
      }
    }
    self.init(
      trustedMeasures: measures, recency: recency, frequency: frequency, monetary: monetary,
      segmentMap: segmentMap)
  }

  init(
    trustedMeasures measures: RFMMeasures<ID>, recency: ContiguousArray<UInt8>,
    frequency: ContiguousArray<UInt8>, monetary: ContiguousArray<UInt8>,
    segmentMap: RFMSegmentMap
  ) {
    let table = segmentMap.ruleTable()
    var indices = ContiguousArray<Int32>(repeating: 0, count: measures.count)
    indices.withUnsafeMutableBufferPointer { out in
      table.withUnsafeBufferPointer { table in
        for row in out.indices {
          let cell =
            (Int(recency[row]) - 1) * 25 + (Int(frequency[row]) - 1) * 5 + Int(monetary[row]) - 1
          out[row] = table[cell]
        }
      }
    }
    self.measures = measures
    self.recencyScores = recency
    self.frequencyScores = frequency
    self.monetaryScores = monetary
    self.segmentMap = segmentMap
    self.ruleIndices = indices
  }

  /// The row space: the measures'.
  public var clients: ClientIndex<ID> { measures.clients }

  /// The segment of a row.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> RFMSegment { segment(forRow: row) }

  /// The segment of a row.
  ///
  /// - Parameter row: A row, `0..<count`.
  public func segment(forRow row: Int) -> RFMSegment {
    let index = Int(ruleIndices[row])
    return index < segmentMap.rules.count ? segmentMap.rules[index].segment : segmentMap.fallback
  }

  /// The segment of a row; never `nil`, every client has one.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The segment.
  public func label(forRow row: Int) -> RFMSegment? { segment(forRow: row) }

  /// Every segment the map can give, each once: its rules' segments in rule order, then the
  /// fallback (unless a rule names it already) — the order of ``counts``.
  public var scale: [RFMSegment] { segmentMap.scale }

  /// The scores of a row as "R F M" digits, e.g. "545".
  ///
  /// - Parameter row: A row, `0..<count`.
  public func scoreCode(forRow row: Int) -> String {
    "\(recencyScores[row])\(frequencyScores[row])\(monetaryScores[row])"
  }

  /// The number of clients in each segment of ``scale`` — every segment of ``segmentMap``,
  /// its rules' in rule order then its fallback, zero when no client has it.
  ///
  /// Every segment is there so reports of different bases list the same segments; a report
  /// that wants only occupied segments filters on the count. Two rules naming the same segment
  /// add up under it.
  ///
  /// ```swift
  /// rfm.counts[.champions]                      // 812
  /// rfm.counts[.other]                          // 0 with the standard map
  /// rfm.counts.filter { $0.count > 0 }          // occupied segments only
  /// ```
  ///
  /// - Complexity: O(*n*): one pass over the rule indices.
  public var counts: LabelCounts<RFMSegment> {
    var perRule = [Int](repeating: 0, count: segmentMap.rules.count + 1)
    perRule.withUnsafeMutableBufferPointer { perRule in
      ruleIndices.withUnsafeBufferPointer { column in
        for index in column { perRule[Int(index)] += 1 }
      }
    }
    return LabelCounts(
      scale: segmentMap.rules.map(\.segment) + [segmentMap.fallback], counts: perRule)
  }

  /// The number of clients in each segment, keyed by segment name (the shape of a report's
  /// `segments.rfm`), with every segment of ``segmentMap`` present as in ``counts``.
  ///
  /// Two segments that share a name add up under it.
  ///
  /// - Complexity: O(*n*).
  public var countsByName: [String: Int] {
    var named: [String: Int] = [:]
    for entry in counts { named[entry.label.name, default: 0] += entry.count }
    return named
  }

  /// The number of clients with each score (index 0 for score 1) of one measure.
  ///
  /// - Parameter scores: One of the score columns.
  /// - Returns: Five counts.
  /// - Complexity: O(*n*).
  public static func scoreCounts(_ scores: ContiguousArray<UInt8>) -> [Int] {
    var counts = [Int](repeating: 0, count: 5)
    for score in scores where (1...5).contains(score) { counts[Int(score) - 1] += 1 }
    return counts
  }

  /// Why a row is in its segment, in a sentence.
  ///
  /// Example: "Champions (R 5, F 5, M 4): 12 days since the last purchase, 9 purchase days,
  /// money 1,234.50; rule 1 of 11 (R 5, F 4–5)".
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    let index = Int(ruleIndices[row])
    let facts =
      "\(segment(forRow: row).name) (R \(recencyScores[row]), F \(frequencyScores[row]), "
      + "M \(monetaryScores[row])): \(NumberText.grouped(Int(measures.recencyDays[row]))) "
      + "days since the last purchase, "
      + "\(NumberText.grouped(Int(measures.frequency[row]))) purchase days, "
      + "money \(NumberText.decimal(measures.monetary[row]))"
    guard index < segmentMap.rules.count else { return facts + "; no rule matched (fallback)" }
    let rule = segmentMap.rules[index]
    func range(_ range: ClosedRange<Int>) -> String {
      range.lowerBound == range.upperBound
        ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
    }
    var ranges = "R \(range(rule.recency)), F \(range(rule.frequency))"
    if rule.monetary != 1...5 { ranges += ", M \(range(rule.monetary))" }
    return facts + "; rule \(index + 1) of \(segmentMap.rules.count) (\(ranges))"
  }
}
