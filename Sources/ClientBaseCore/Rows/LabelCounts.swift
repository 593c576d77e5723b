/// How many clients carry each label of a scale, in the scale's order, with every label
/// present (zero when no client carries it), and how many carry none.
///
/// Reports of different bases list the same labels in the same order, so they can be compared
/// line by line; a report that wants only occupied labels filters on the count.
///
/// ```swift
/// let counts = abc.counts
/// counts[.a]                               // 503
/// for entry in counts { print(entry.label, entry.count) }   // A, B, C
/// counts.unlabeled                         // clients with no label (XYZ unclassified…)
/// ```
public struct LabelCounts<Label: Hashable & Sendable>: Hashable, Sendable {
  /// One label and its count.
  public struct Entry: Hashable, Sendable {
    /// The label.
    public var label: Label
    /// The number of clients carrying it.
    public var count: Int

    /// Creates an entry.
    ///
    /// - Parameters:
    ///   - label: The label.
    ///   - count: The number of clients carrying it.
    public init(label: Label, count: Int) {
      self.label = label
      self.count = count
    }
  }

  /// Every label with its count, in the scale's order.
  public let entries: [Entry]
  /// The number of clients with no label.
  public let unlabeled: Int

  /// Counts from a scale and its counts.
  ///
  /// - Parameters:
  ///   - scale: The labels, in order; a label listed twice keeps its first place and adds up
  ///     its counts.
  ///   - counts: One count per label of `scale`; missing counts are 0, extra ones ignored.
  ///   - unlabeled: The number of clients with no label.
  public init(scale: [Label], counts: [Int], unlabeled: Int = 0) {
    var entries: [Entry] = []
    entries.reserveCapacity(scale.count)
    for (position, label) in scale.enumerated() {
      let count = position < counts.count ? counts[position] : 0
      if let existing = entries.firstIndex(where: { $0.label == label }) {
        entries[existing].count += count
      } else {
        entries.append(Entry(label: label, count: count))
      }
    }
    self.entries = entries
    self.unlabeled = unlabeled
  }

  /// Counts labels against a scale.
  ///
  /// A label that is not on the scale is appended after it, so no client goes uncounted.
  ///
  /// - Parameters:
  ///   - scale: The labels, in order.
  ///   - labels: One label (or `nil` for none) per client.
  /// - Complexity: O(*n*) with one hash per client.
  public init(scale: [Label], labels: some Sequence<Label?>) {
    var position = [Label: Int](minimumCapacity: scale.count)
    var order: [Label] = []
    for label in scale where position[label] == nil {
      position[label] = order.count
      order.append(label)
    }
    var tally = [Int](repeating: 0, count: order.count)
    var none = 0
    for label in labels {
      guard let label else {
        none += 1
        continue
      }
      if let slot = position[label] {
        tally[slot] += 1
      } else {
        position[label] = order.count
        order.append(label)
        tally.append(1)
      }
    }
    self.init(scale: order, counts: tally, unlabeled: none)
  }

  /// The number of clients carrying a label; 0 for a label not on the scale.
  ///
  /// - Parameter label: The label.
  /// - Complexity: O(*k*) for *k* labels.
  public subscript(label: Label) -> Int {
    entries.first { $0.label == label }?.count ?? 0
  }

  /// The labels, in the scale's order.
  public var labels: [Label] { entries.map(\.label) }

  /// The number of clients counted, with or without a label.
  public var total: Int { entries.reduce(unlabeled) { $0 + $1.count } }
}

extension LabelCounts: Sequence {
  /// Iterates the labels and their counts in the scale's order.
  public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }

  /// The number of labels.
  public var underestimatedCount: Int { entries.count }
}

extension LabelCounts.Entry: Codable where Label: Codable {}

extension LabelCounts: Codable where Label: Codable {
  private enum CodingKeys: String, CodingKey {
    case entries, unlabeled
  }

  /// Decodes counts through ``init(scale:counts:unlabeled:)``, so a label listed twice adds
  /// up as it does when counts are built.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` for a negative count.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let entries = try container.decode([Entry].self, forKey: .entries)
    let unlabeled = try container.decodeIfPresent(Int.self, forKey: .unlabeled) ?? 0
    guard unlabeled >= 0, entries.allSatisfy({ $0.count >= 0 }) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "a count is negative"))
    }
    self.init(scale: entries.map(\.label), counts: entries.map(\.count), unlabeled: unlabeled)
  }

  /// Encodes the entries in the scale's order and the unlabeled count.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(entries, forKey: .entries)
    try container.encode(unlabeled, forKey: .unlabeled)
  }
}
