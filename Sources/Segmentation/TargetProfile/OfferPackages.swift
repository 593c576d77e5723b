/// What a segment of clients is offered: a price range and payment terms.
public struct OfferPackage: Hashable, Sendable, Codable {
  /// The package's name ("Partner", "Standard").
  public var name: String
  /// The lowest price (or discount-adjusted price index) offered.
  public var minimumPrice: Double
  /// The highest price offered.
  public var maximumPrice: Double
  /// The payment terms in the host's words ("net 60, 2% early-payment discount").
  public var paymentTerms: String

  /// Creates a package, checking the price range.
  ///
  /// - Parameters:
  ///   - name: The package's name.
  ///   - minimumPrice: The lowest price.
  ///   - maximumPrice: The highest price.
  ///   - paymentTerms: The payment terms.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` when a price is not finite or
  ///   the minimum exceeds the maximum.
  public init(
    name: String, minimumPrice: Double, maximumPrice: Double, paymentTerms: String
  ) throws(SegmentationError) {
    guard minimumPrice.isFinite && maximumPrice.isFinite && minimumPrice <= maximumPrice else {
      throw .invalidParameter(
        "price range of \(name)",
        reason: "need finite prices with minimum ≤ maximum, got \(minimumPrice)…\(maximumPrice)")
    }
    self.name = name
    self.minimumPrice = minimumPrice
    self.maximumPrice = maximumPrice
    self.paymentTerms = paymentTerms
  }

  private enum CodingKeys: String, CodingKey {
    case name, minimumPrice, maximumPrice, paymentTerms
  }

  /// Decodes a package and checks it as ``init(name:minimumPrice:maximumPrice:paymentTerms:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``SegmentationError``
  ///   text when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let name = try container.decode(String.self, forKey: .name)
    let minimum = try container.decode(Double.self, forKey: .minimumPrice)
    let maximum = try container.decode(Double.self, forKey: .maximumPrice)
    let terms = try container.decode(String.self, forKey: .paymentTerms)
    self = try SegmentationError.checkedDecoding(decoder) { () throws(SegmentationError) in
      try OfferPackage(
        name: name, minimumPrice: minimum, maximumPrice: maximum, paymentTerms: terms)
    }
  }
}

/// Offer packages keyed by segment label: target clients get one package, the others another,
/// and a host may key further packages by its own labels.
///
/// ```swift
/// let packages = OfferPackages(target: partner, nonTarget: standard)
/// packages.package(forSegment: assessment.segmentLabel)
/// ```
public struct OfferPackages: Hashable, Sendable, Codable {
  /// The label of target clients.
  public static let targetLabel = "target"
  /// The label of non-target clients.
  public static let nonTargetLabel = "non-target"

  /// The packages by segment label.
  public var packages: [String: OfferPackage]

  /// Creates packages from labels.
  ///
  /// - Parameter packages: The packages by segment label.
  public init(_ packages: [String: OfferPackage]) { self.packages = packages }

  /// Creates the two packages of a target profile.
  ///
  /// - Parameters:
  ///   - target: The package of target clients.
  ///   - nonTarget: The package of the other clients.
  public init(target: OfferPackage, nonTarget: OfferPackage) {
    self.packages = [Self.targetLabel: target, Self.nonTargetLabel: nonTarget]
  }

  /// The package of a segment, if one is defined.
  ///
  /// - Parameter label: The segment label.
  /// - Returns: The package, or `nil`.
  public func package(forSegment label: String) -> OfferPackage? { packages[label] }
}
