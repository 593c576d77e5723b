/// Running sums Σ_{j<k} ln(a + j) and Σ_{j<k} 1/(a + j) for k = 0 … count − 1: the log-gamma
/// and digamma differences ln Γ(a + k) − ln Γ(a) = ln (a)ₖ and ψ(a + k) − ψ(a) at integer
/// shifts, which every likelihood of the module needs per distinct count.
///
/// The fits tabulate them once per evaluation (``init(_:count:)``) so that their row loops
/// call no special function; one client's likelihood takes a single entry (``entry(_:_:)``),
/// summed the same way, so it is the value the fit adds up. The continuous-time fits tabulate
/// up to ``summedLimit`` at most (``init(_:upTo:)``) and take larger counts from
/// ``entry(_:_:)`` (``terms(_:)``), so neither their memory nor their time grows with the
/// largest count in the data.
struct RisingFactorialTable: Sendable {
  /// The base a.
  var base: Double
  /// Σ_{j<k} ln(a + j) per k.
  var log: [Double]
  /// Σ_{j<k} 1/(a + j) per k.
  var inverse: [Double]

  /// The sums for k = 0 … min(`largest`, ``summedLimit``): a table that stays small whatever
  /// the largest count.
  ///
  /// - Parameters:
  ///   - a: The base, positive.
  ///   - largest: The largest k the caller will ask for; larger ones come from ``terms(_:)``.
  /// - Complexity: O(min(largest, 1,000)).
  init(_ a: Double, upTo largest: Int) {
    self.init(a, count: Swift.min(Swift.max(largest, 0), Self.summedLimit) + 1)
  }

  /// The sums for k = 0 … count − 1 (entry 0 is 0).
  ///
  /// - Parameters:
  ///   - a: The base, positive.
  ///   - count: The number of entries.
  /// - Complexity: O(count).
  init(_ a: Double, count: Int) {
    base = a
    log = [Double](repeating: 0, count: count)
    inverse = [Double](repeating: 0, count: count)
    var logSum = 0.0
    var inverseSum = 0.0
    for k in 1..<Swift.max(count, 1) {
      let value = a + Double(k - 1)
      logSum += cLog(value)
      inverseSum += 1 / value
      log[k] = logSum
      inverse[k] = inverseSum
    }
  }

  /// The largest k summed term by term by ``entry(_:_:)``.
  static let summedLimit = 1_000

  /// The sums for one k ≥ 0: the table's entry when it has one, else ``entry(_:_:)``, which
  /// is the same value up to ``summedLimit`` and a log-gamma and digamma difference beyond.
  ///
  /// - Parameter k: The count, 0 or more.
  /// - Returns: Σ_{j<k} ln(a + j) and Σ_{j<k} 1/(a + j).
  /// - Complexity: O(1) for k in the table or above ``summedLimit``.
  @inline(__always)
  func terms(_ k: Int) -> (log: Double, inverse: Double) {
    k < log.count ? (log[k], inverse[k]) : Self.largeEntry(base, k)
  }

  /// ``entry(_:_:)`` kept out of the row loops that call ``terms(_:)``: it is their rare path.
  @inline(never)
  static func largeEntry(_ a: Double, _ k: Int) -> (log: Double, inverse: Double) {
    entry(a, k)
  }

  /// The sums for one k: term by term, exactly as the table has them, up to
  /// k = ``summedLimit``; beyond, ln Γ(a + k) − ln Γ(a) and ψ(a + k) − ψ(a), so that the cost
  /// does not grow with k (a log-gamma difference loses digits to cancellation only when a is
  /// large against k, which the term-by-term range covers).
  ///
  /// - Parameters:
  ///   - a: The base, positive.
  ///   - k: The count, 0 or more.
  /// - Returns: Σ_{j<k} ln(a + j) and Σ_{j<k} 1/(a + j).
  /// - Complexity: O(min(k, 1,000)).
  static func entry(_ a: Double, _ k: Int) -> (log: Double, inverse: Double) {
    guard k > summedLimit else {
      var logSum = 0.0
      var inverseSum = 0.0
      for j in 0..<Swift.max(k, 0) {
        let value = a + Double(j)
        logSum += cLog(value)
        inverseSum += 1 / value
      }
      return (logSum, inverseSum)
    }
    let shifted = a + Double(k)
    return (
      SpecialFunctions.logGamma(shifted) - SpecialFunctions.logGamma(a),
      SpecialFunctions.digamma(shifted) - SpecialFunctions.digamma(a)
    )
  }
}
