/// Which member of the beta-geometric family a ``BetaGeometricNBDModel`` is.
///
/// Both members let a client buy as a Poisson process with rate λ ~ Gamma(r, α) and drop out
/// for good, with probability p ~ Beta(a, b), right after a purchase. They differ only at the
/// first purchase:
///
/// - ``BGNBDVariant`` (Fader, Hardie & Lee 2005): drop-out chances come only after repeat
///   purchases, so a client who never bought again is certainly alive;
/// - ``MBGNBDVariant`` (Batislam, Denizel & Filiztekin 2007): a client may also drop out right
///   after the first purchase, so P(alive) falls with time for one-time buyers too.
///
/// Every formula of the model is written with the variant's ``offset`` o: a client with `x`
/// repeat purchases who is still alive has survived `x + o` drop-out chances. The offset comes
/// from a Boolean, so it is 0 or 1 for any conformer; the library's two variants are the
/// published models.
public protocol BetaGeometricVariant: Sendable {
  /// Whether a client may drop out right after the first purchase (MBG/NBD, offset 1) rather
  /// than only after repeat purchases (BG/NBD, offset 0).
  static var dropsOutAfterFirstPurchase: Bool { get }
  /// The model's short name, as a report prints it: "BG/NBD" or "MBG/NBD".
  static var name: String { get }
  /// The paper that defines the model: authors, year and title.
  static var reference: String { get }
}

extension BetaGeometricVariant {
  /// The offset o: the drop-out chances a client has had before any repeat purchase, 1 when
  /// ``dropsOutAfterFirstPurchase`` and 0 otherwise.
  public static var offset: Int { dropsOutAfterFirstPurchase ? 1 : 0 }
}

/// BG/NBD (Fader, Hardie & Lee 2005): a client may drop out right after each repeat purchase,
/// never right after the first; offset 0.
public enum BGNBDVariant: BetaGeometricVariant {
  /// `false`: the first purchase is no drop-out chance.
  public static let dropsOutAfterFirstPurchase = false
  /// "BG/NBD".
  public static let name = "BG/NBD"
  /// Fader, Hardie & Lee (2005).
  public static let reference =
    "Fader, Hardie & Lee (2005), \"Counting Your Customers the Easy Way: An Alternative to the "
    + "Pareto/NBD Model\", Marketing Science 24(2)"
}

/// MBG/NBD (Batislam, Denizel & Filiztekin 2007): a client may drop out right after every
/// purchase, the first included; offset 1.
public enum MBGNBDVariant: BetaGeometricVariant {
  /// `true`: the first purchase is a drop-out chance too.
  public static let dropsOutAfterFirstPurchase = true
  /// "MBG/NBD".
  public static let name = "MBG/NBD"
  /// Batislam, Denizel & Filiztekin (2007).
  public static let reference =
    "Batislam, Denizel & Filiztekin (2007), \"Empirical validation and comparison of models "
    + "for customer base analysis\", International Journal of Research in Marketing 24(3)"
}

/// The BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way").
///
/// While alive, a client buys as a Poisson process with rate λ ~ Gamma(r, α); right after each
/// repeat purchase the client drops out for good with probability p ~ Beta(a, b). A client
/// who never bought again can therefore not have dropped out (P(alive) = 1 when x = 0), which
/// is the model's known quirk; ``MBGNBDModel`` removes it. The formulas are those of
/// ``BetaGeometricNBDModel`` with offset o = 0.
///
/// ```swift
/// let histories = try PurchaseHistories(table.repeatPurchaseSummary(asOf: asOf, unit: .week))
/// let fit = try BGNBDModel.fit(histories)
/// fit.model.probabilityAlive(frequency: 4, recency: 30, age: 40)
/// fit.model.expectedPurchases(inNext: 52, frequency: 4, recency: 30, age: 40)
/// ```
///
/// The published fit on the CDNOW data (weeks) is r = 0.243, α = 4.414, a = 0.793, b = 2.426.
public typealias BGNBDModel = BetaGeometricNBDModel<BGNBDVariant>

/// The MBG/NBD model (Batislam, Denizel & Filiztekin 2007, "Empirical validation and
/// comparison of models for customer base analysis").
///
/// Like BG/NBD, a client buys as a Poisson process with rate λ ~ Gamma(r, α) and drops out
/// with probability p ~ Beta(a, b) right after a purchase, but here also right after the
/// first one. A client who never bought again may already be gone, so P(alive) falls with
/// time for one-time buyers too: choose it when many clients buy only once. The formulas are
/// those of ``BetaGeometricNBDModel`` with offset o = 1.
///
/// ```swift
/// let histories = try PurchaseHistories(table.repeatPurchaseSummary(asOf: asOf, unit: .week))
/// let fit = try MBGNBDModel.fit(histories)
/// fit.model.probabilityAlive(frequency: 4, recency: 30, age: 40)
/// fit.model.expectedPurchases(inNext: 52, frequency: 4, recency: 30, age: 40)
/// ```
public typealias MBGNBDModel = BetaGeometricNBDModel<MBGNBDVariant>
