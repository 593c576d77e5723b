/// One way a policy broke one of its laws, told the way the host sees its own data.
///
/// Every law check in `ClientBaseTesting` returns `[LawViolation]` — an empty array means the
/// policy kept every law on the sample — so a host asserts the same way whatever it checks:
///
/// ```swift
/// let violations = ABCLaws.violations(of: try FloorABC(floor: 1_000), on: spend)
/// #expect(violations.isEmpty, "\(violations)")
/// ```
///
/// A violation names the law, the client by its identifier (never by a row number), the
/// values that show the break as the host passed them in (a balance series, a value and its
/// class, a score triple), and a sentence.
public struct LawViolation: Hashable, Sendable, CustomStringConvertible {
  /// A named value that shows a violation: an input or what the policy made of it.
  public struct Value: Hashable, Sendable {
    /// What the value is ("value", "class", "balances", "R F M").
    public var name: String
    /// The value as text, as the host passed it in or as the policy returned it.
    public var value: String

    /// Creates a named value.
    ///
    /// - Parameters:
    ///   - name: What the value is.
    ///   - value: The value as text.
    public init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  /// The law broken, as the policy protocol's documentation names it ("monotone",
  /// "order independence", "grace").
  public var law: String
  /// The client the violation is about, as its identifier's text, or `nil` when the law is
  /// about the policy as a whole (a segment map's rule no score can reach).
  public var client: String?
  /// The values that show the violation.
  public var values: [Value]
  /// What went wrong, in a sentence.
  public var message: String

  /// Creates a violation.
  ///
  /// - Parameters:
  ///   - law: The law broken.
  ///   - client: The client's identifier as text, or `nil`.
  ///   - values: The values that show it.
  ///   - message: What went wrong.
  public init(law: String, client: String? = nil, values: [Value] = [], message: String) {
    self.law = law
    self.client = client
    self.values = values
    self.message = message
  }

  /// Creates a violation about one client, named by its identifier.
  ///
  /// - Parameters:
  ///   - law: The law broken.
  ///   - client: The client.
  ///   - values: The values that show it.
  ///   - message: What went wrong.
  public init<ID>(law: String, client: ID, values: [Value] = [], message: String) {
    // Assigned here rather than through `init(law:client:values:message:)` with a `String`:
    // a `String` argument would pick this generic initialiser again, with no end.
    self.law = law
    self.client = String(describing: client)
    self.values = values
    self.message = message
  }

  /// The law, the client, the message and the values, on one line, as `ABCLaws` words a
  /// broken monotone law:
  ///
  /// ```
  /// monotone: client c-7: more value than client c-3 but a lower class (value = 1200.0,
  /// class = B, value of client c-3 = 950.0, class of client c-3 = A)
  /// ```
  ///
  /// (one line; wrapped here). A violation without a client leaves out `client …: `, one
  /// without values the parenthesis.
  public var description: String {
    var text = law + ": "
    if let client { text += "client \(client): " }
    text += message
    if !values.isEmpty {
      text += " (" + values.map { "\($0.name) = \($0.value)" }.joined(separator: ", ") + ")"
    }
    return text
  }
}

/// Collects violations, keeping at most a few per law so a badly broken policy gives a short
/// list.
struct LawReport {
  /// The most violations of one law kept.
  static let maximumPerLaw = 5

  private(set) var violations: [LawViolation] = []
  private var countByLaw: [String: Int] = [:]

  /// Records a violation unless its law has reached ``maximumPerLaw``.
  mutating func add(_ violation: LawViolation) {
    let seen = countByLaw[violation.law, default: 0]
    guard seen < Self.maximumPerLaw else { return }
    countByLaw[violation.law] = seen + 1
    violations.append(violation)
  }

  /// Records several violations.
  mutating func add(contentsOf more: some Sequence<LawViolation>) {
    for violation in more { add(violation) }
  }
}
