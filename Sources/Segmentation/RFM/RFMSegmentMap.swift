/// One rule of a segment map: the segment for clients whose scores lie in all three ranges.
public struct RFMSegmentRule: Hashable, Sendable, Codable {
  /// The segment the rule assigns.
  public var segment: RFMSegment
  /// The recency scores it covers.
  public var recency: ClosedRange<Int>
  /// The frequency scores it covers.
  public var frequency: ClosedRange<Int>
  /// The monetary scores it covers; all of them by default.
  public var monetary: ClosedRange<Int>

  /// Creates a rule.
  ///
  /// - Parameters:
  ///   - segment: The segment.
  ///   - recency: The recency scores covered.
  ///   - frequency: The frequency scores covered.
  ///   - monetary: The monetary scores covered; `1...5` by default.
  public init(
    _ segment: RFMSegment, recency: ClosedRange<Int>, frequency: ClosedRange<Int>,
    monetary: ClosedRange<Int> = 1...5
  ) {
    self.segment = segment
    self.recency = recency
    self.frequency = frequency
    self.monetary = monetary
  }

  /// Whether the rule covers a triple of scores.
  ///
  /// - Parameters:
  ///   - recency: The recency score.
  ///   - frequency: The frequency score.
  ///   - monetary: The monetary score.
  public func matches(recency: Int, frequency: Int, monetary: Int) -> Bool {
    self.recency.contains(recency) && self.frequency.contains(frequency)
      && self.monetary.contains(monetary)
  }
}

/// Names for RFM score triples: an ordered list of rules, the first match wins, and a fallback
/// for triples no rule covers — so every client gets exactly one segment.
///
/// The map is plain data a host can edit, store and load (it is `Codable`). A host map is
/// checked by `RFMSegmentMapLaws.violations(of:)` in ClientBaseTesting: every one of the 125
/// score triples matched by a rule (the fallback is a safety net, not a segment to rely on —
/// write a catch-all as a last rule with ranges `1...5`), every rule reachable, and a client
/// better on all three scores never named a segment of lower ``RFMSegment/rank``.
///
/// The ``standard`` map follows the recency × frequency grid that marketing analysts have
/// published and reused widely (it circulates in RFM tutorials and open-source RFM
/// notebooks): recency on one axis, frequency on the other, monetary not consulted because it
/// tracks frequency closely. The published grid's "Hibernating" corner (R 1–2, F 1–2) is
/// split here into Hibernating (R 2) and Lost (R 1), giving eleven segments that cover each of
/// the 25 (R, F) cells exactly once:
///
/// | R \ F | 1 | 2 | 3 | 4 | 5 |
/// |---|---|---|---|---|---|
/// | 5 | New | Potential Loyalist | Potential Loyalist | Champions | Champions |
/// | 4 | Promising | Potential Loyalist | Potential Loyalist | Loyal | Loyal |
/// | 3 | About to Sleep | About to Sleep | Need Attention | Loyal | Loyal |
/// | 2 | Hibernating | Hibernating | At Risk | At Risk | Can't Lose Them |
/// | 1 | Lost | Lost | At Risk | At Risk | Can't Lose Them |
public struct RFMSegmentMap: Hashable, Sendable, Codable {
  /// The rules, tried in order.
  public var rules: [RFMSegmentRule]
  /// The segment of score triples no rule covers.
  public var fallback: RFMSegment

  /// Creates a map.
  ///
  /// - Parameters:
  ///   - rules: The rules, tried in order; the first match wins.
  ///   - fallback: The segment when no rule matches.
  public init(rules: [RFMSegmentRule], fallback: RFMSegment) {
    self.rules = rules
    self.fallback = fallback
  }

  /// The recency × frequency grid described above, with ``RFMSegment/other`` as fallback.
  public static let standard = RFMSegmentMap(
    rules: [
      RFMSegmentRule(.champions, recency: 5...5, frequency: 4...5),
      RFMSegmentRule(.loyal, recency: 3...4, frequency: 4...5),
      RFMSegmentRule(.potentialLoyalist, recency: 4...5, frequency: 2...3),
      RFMSegmentRule(.new, recency: 5...5, frequency: 1...1),
      RFMSegmentRule(.promising, recency: 4...4, frequency: 1...1),
      RFMSegmentRule(.needAttention, recency: 3...3, frequency: 3...3),
      RFMSegmentRule(.aboutToSleep, recency: 3...3, frequency: 1...2),
      RFMSegmentRule(.atRisk, recency: 1...2, frequency: 3...4),
      RFMSegmentRule(.cantLoseThem, recency: 1...2, frequency: 5...5),
      RFMSegmentRule(.hibernating, recency: 2...2, frequency: 1...2),
      RFMSegmentRule(.lost, recency: 1...1, frequency: 1...2),
    ],
    fallback: .other)

  /// Every segment the map can give, each once: the distinct segments of its rules in rule
  /// order, then the fallback unless a rule names it already. The order in which
  /// ``RFMClassification/counts`` lists segments.
  public var scale: [RFMSegment] {
    var seen = Set<RFMSegment>()
    return (rules.map(\.segment) + [fallback]).filter { seen.insert($0).inserted }
  }

  /// The index of the first rule covering a triple, or `nil` for the fallback.
  ///
  /// - Parameters:
  ///   - recency: The recency score.
  ///   - frequency: The frequency score.
  ///   - monetary: The monetary score.
  public func ruleIndex(recency: Int, frequency: Int, monetary: Int) -> Int? {
    rules.firstIndex { $0.matches(recency: recency, frequency: frequency, monetary: monetary) }
  }

  /// The segment of a triple of scores.
  ///
  /// - Parameters:
  ///   - recency: The recency score.
  ///   - frequency: The frequency score.
  ///   - monetary: The monetary score.
  /// - Returns: The first matching rule's segment, or the fallback.
  public func segment(recency: Int, frequency: Int, monetary: Int) -> RFMSegment {
    ruleIndex(recency: recency, frequency: frequency, monetary: monetary).map {
      rules[$0].segment
    } ?? fallback
  }

  /// The rule index (or `rules.count` for the fallback) of all 125 triples, indexed by
  /// `(r − 1) × 25 + (f − 1) × 5 + (m − 1)`: one table look-up per client instead of a
  /// walk through the rules.
  func ruleTable() -> ContiguousArray<Int32> {
    var table = ContiguousArray<Int32>(repeating: 0, count: 125)
    for r in 1...5 {
      for f in 1...5 {
        for m in 1...5 {
          let index = ruleIndex(recency: r, frequency: f, monetary: m) ?? rules.count
          table[(r - 1) * 25 + (f - 1) * 5 + (m - 1)] = Int32(clamping: index)
        }
      }
    }
    return table
  }
}
