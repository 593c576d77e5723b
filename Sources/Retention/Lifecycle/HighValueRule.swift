/// Which clients count as high value for the lifecycle's ``LifecycleStage/partner`` stage.
///
/// Judged on the value column of the ``LifecycleEvidence`` (by default each client's yearly
/// spend while active). Only a positive value is ever high.
///
/// The coded form is one key: `{"topShare": 0.2}` or `{"atLeast": 5000}`.
public enum HighValueRule: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The clients in the given top share of the base by value, ties included: `0.2` is the
  /// top 20% (the default, after Pareto's 80/20: the fifth of the clients who bring most of
  /// the value). The cut-off is the value of the client at rank ⌈share × clients⌉ from the
  /// top; every client with at least that value (and above 0) is high value.
  case topShare(Double)
  /// The clients whose value is at least this amount (and above 0), as the host sets it.
  case atLeast(Double)

  /// "top 20%" or "at least 5,000".
  public var description: String {
    switch self {
    case .topShare(let share): return "top \(NumberText.percent(share))"
    case .atLeast(let amount):
      return "at least \(NumberText.decimal(amount, places: 2, dropsTrailingZeros: true))"
    }
  }

  private enum CodingKeys: String, CodingKey {
    case topShare, atLeast
  }

  /// Decodes a rule from its one key.
  ///
  /// The values are checked where the rule is used (``StandardLifecycle``'s initialiser).
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error when neither key or both are present.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let share = try container.decodeIfPresent(Double.self, forKey: .topShare)
    let amount = try container.decodeIfPresent(Double.self, forKey: .atLeast)
    switch (share, amount) {
    case (let share?, nil): self = .topShare(share)
    case (nil, let amount?): self = .atLeast(amount)
    default:
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: decoder.codingPath,
          debugDescription: "a high-value rule has exactly one of topShare and atLeast"))
    }
  }

  /// Encodes the rule under its one key.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .topShare(let share): try container.encode(share, forKey: .topShare)
    case .atLeast(let amount): try container.encode(amount, forKey: .atLeast)
    }
  }

  /// Throws unless the rule's number is usable: a share within 0...1, a finite amount.
  func check() throws(RetentionError) {
    switch self {
    case .topShare(let share):
      guard share >= 0, share <= 1 else {
        throw .invalidParameter(
          "highValue", reason: "a top share must be within 0...1, got \(share)")
      }
    case .atLeast(let amount):
      guard amount.isFinite else {
        throw .invalidParameter("highValue", reason: "an amount must be finite, got \(amount)")
      }
    }
  }

  /// The value from which a client is high value, or `nil` when no client is.
  ///
  /// - Parameter values: Every client's value, finite.
  /// - Complexity: O(*n*) for a top share (a radix selection), O(1) for an amount.
  func cutoff(in values: UnsafeBufferPointer<Double>) -> Double? {
    switch self {
    case .atLeast(let amount):
      return amount
    case .topShare(let share):
      let wanted = (share * Double(values.count)).rounded(.up)
      guard wanted >= 1 else { return nil }
      return largest(rank: Swift.min(Int(wanted), values.count), in: values)
    }
  }
}

/// The value at `rank` (from 1) when `values` are sorted in descending order.
///
/// A radix selection on an order-preserving integer image of the values: a histogram of the
/// top 16 bits finds the bucket holding the rank, and only that bucket's values are sorted.
/// Two passes over the values; the bucket's sort is small unless many values share their top
/// bits (at worst a sort of the whole input).
func largest(rank: Int, in values: UnsafeBufferPointer<Double>) -> Double? {
  guard rank >= 1, rank <= values.count else { return nil }
  // Flips every bit of a negative value and the sign bit of the others, so that the unsigned
  // images order as the values do (−0 just below +0, which compare equal as values).
  @inline(__always) func key(_ value: Double) -> UInt64 {
    let bits = value.bitPattern
    return bits ^ (UInt64(bitPattern: Int64(bitPattern: bits) >> 63) | (1 << 63))
  }
  var histogram = [Int](repeating: 0, count: 1 << 16)
  histogram.withUnsafeMutableBufferPointer { histogram in
    for value in values { histogram[Int(truncatingIfNeeded: key(value) >> 48)] &+= 1 }
  }
  var bucket = histogram.count - 1
  var above = 0
  while bucket > 0, above + histogram[bucket] < rank {
    above += histogram[bucket]
    bucket -= 1
  }
  var inBucket: [UInt64] = []
  inBucket.reserveCapacity(histogram[bucket])
  for value in values {
    let image = key(value)
    if Int(truncatingIfNeeded: image >> 48) == bucket { inBucket.append(image) }
  }
  inBucket.sort(by: >)
  let position = rank - above - 1
  guard position >= 0, position < inBucket.count else { return nil }
  let image = inBucket[position]
  let bits = image & (1 << 63) != 0 ? image & ~(1 << 63) : ~image
  return Double(bitPattern: bits)
}
