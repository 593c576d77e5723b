/// Where a client stands in its relationship with the business: the states of the lifecycle
/// state machine.
///
/// A client climbs a ladder while it buys — ``new`` on its first purchase day, ``repeat`` on
/// the next, ``regular`` once its rhythm has held long enough, ``partner`` when a regular,
/// high-value client has recommended others — and silence moves it down: ``atRisk`` when the
/// days since its last purchase pass a multiple of its typical gap, ``lapsed`` past a larger
/// one. The purchase that ends a lapse makes it ``wonBack``, and it climbs again from there.
/// A ``prospect`` has been contacted but has never bought.
///
/// The coded form is the case name — `new, repeat, regular, partner, atRisk, lapsed, wonBack`
/// and `prospect` — the names the report's `lifecycle.counts` uses. `allCases` lists
/// ``prospect`` first, then the stages of a buying client in ladder order; ``buyingStages``
/// lists the latter alone, the stages every client of a table has.
///
/// Which stage may follow which is fixed by ``allowedNextStages`` (the table the lifecycle
/// laws check every transition against):
///
/// | from | to |
/// | --- | --- |
/// | prospect | new |
/// | new | repeat, regular, partner, atRisk |
/// | repeat | regular, partner, atRisk |
/// | regular | partner, atRisk |
/// | partner | atRisk |
/// | atRisk | repeat, regular, partner, lapsed |
/// | lapsed | wonBack |
/// | wonBack | repeat, regular, partner, atRisk |
///
/// So a client never returns to ``new`` or ``prospect``, never steps down the ladder while it
/// keeps buying (only silence moves it down, through ``atRisk``), lapses only after being at
/// risk, and leaves ``lapsed`` only by buying again, as ``wonBack``.
public enum LifecycleStage: String, Hashable, Sendable, Codable, CodingKeyRepresentable,
  CaseIterable, CustomStringConvertible
{
  /// Contacted, never bought.
  case prospect
  /// One purchase run so far, on its first purchase day.
  case new
  /// Bought again; not (yet) regular.
  case `repeat`
  /// Buys on a rhythm of its own that has held over the policy's span.
  case regular
  /// Regular, high value, and has recommended others.
  case partner
  /// Silent for longer than its rhythm allows; not yet lapsed.
  case atRisk
  /// Silent for so long that the client has most likely left.
  case lapsed
  /// Bought again after a lapse; the purchase that ended it was the last.
  case wonBack

  /// The stages a client with at least one purchase can be in, in the order reports list
  /// them: `new, repeat, regular, partner, atRisk, lapsed, wonBack` (every case but
  /// ``prospect``).
  public static let buyingStages: [LifecycleStage] = [
    .new, .repeat, .regular, .partner, .atRisk, .lapsed, .wonBack,
  ]

  /// The stages that may follow this one; see the table in the type's documentation.
  public var allowedNextStages: [LifecycleStage] {
    switch self {
    case .prospect: return [.new]
    case .new: return [.repeat, .regular, .partner, .atRisk]
    case .repeat: return [.regular, .partner, .atRisk]
    case .regular: return [.partner, .atRisk]
    case .partner: return [.atRisk]
    case .atRisk: return [.repeat, .regular, .partner, .lapsed]
    case .lapsed: return [.wonBack]
    case .wonBack: return [.repeat, .regular, .partner, .atRisk]
    }
  }

  /// Whether a client may move from this stage to `next` in one transition.
  ///
  /// - Parameter next: The stage after.
  /// - Returns: `true` when the table allows it; `false` for staying in the same stage.
  public func allows(_ next: LifecycleStage) -> Bool {
    Self.allowed[Int(index) &* 8 &+ Int(next.index)]
  }

  /// Whether the client buys in this stage: ``new``, ``repeat``, ``regular``, ``partner`` and
  /// ``wonBack`` are entered on purchase days; ``atRisk`` and ``lapsed`` on days without a
  /// purchase (silence); ``prospect`` before the first.
  public var isBuying: Bool {
    switch self {
    case .new, .repeat, .regular, .partner, .wonBack: return true
    case .prospect, .atRisk, .lapsed: return false
    }
  }

  /// The stage in words: "prospect", "new", "repeat", "regular", "partner", "at risk",
  /// "lapsed", "won back".
  public var description: String {
    switch self {
    case .prospect: return "prospect"
    case .new: return "new"
    case .repeat: return "repeat"
    case .regular: return "regular"
    case .partner: return "partner"
    case .atRisk: return "at risk"
    case .lapsed: return "lapsed"
    case .wonBack: return "won back"
    }
  }

  /// The stage's position in `allCases`, 0 for ``prospect``.
  var index: UInt8 {
    switch self {
    case .prospect: return 0
    case .new: return 1
    case .repeat: return 2
    case .regular: return 3
    case .partner: return 4
    case .atRisk: return 5
    case .lapsed: return 6
    case .wonBack: return 7
    }
  }

  /// The stage at a position of `allCases`.
  init(index: UInt8) {
    switch index {
    case 0: self = .prospect
    case 1: self = .new
    case 2: self = .repeat
    case 3: self = .regular
    case 4: self = .partner
    case 5: self = .atRisk
    case 6: self = .lapsed
    default: self = .wonBack
    }
  }

  /// ``allowedNextStages`` as an 8 × 8 table, from-stage major.
  static let allowed: [Bool] = {
    var table = [Bool](repeating: false, count: 64)
    for from in allCases {
      for to in from.allowedNextStages { table[Int(from.index) * 8 + Int(to.index)] = true }
    }
    return table
  }()
}
