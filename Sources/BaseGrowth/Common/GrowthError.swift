/// Why a base-growth calculation refused the data or the settings a host passed in.
///
/// Every case names what was wrong, so a host can show it to the person who owns the data.
/// Cases are stable: switch on them.
///
/// ```swift
/// do {
///   let period = try StandardCharacteristicPeriod.standard.characteristicPeriod(of: gaps)
/// } catch .noGaps(let clients) {
///   // every client bought once: give the period instead
///   let period = try CharacteristicPeriod.given(days: 30)
/// }
/// ```
public enum GrowthError: Error, Hashable, Sendable, CustomStringConvertible {
  /// There is nothing to measure; `what` says which input was empty.
  case noData(String)
  /// No client has two purchase days, so there is no gap between contracts to measure;
  /// `clients` is the number of clients looked at.
  case noGaps(clients: Int)
  /// A setting or a figure is outside its meaningful range; `reason` says why.
  case invalidParameter(String, reason: String)
  /// Two columns that must line up have different lengths.
  case lengthMismatch(what: String, expected: Int, actual: Int)
  /// A rule needs evidence the situation does not carry (the churn-compensating rule without
  /// an expected loss); `what` says which.
  case missingEvidence(String)
  /// The purchase model behind a figure did not converge; `reason` is the fit's own reason.
  case notConverged(String)

  /// A sentence a person can read.
  public var description: String {
    switch self {
    case .noData(let what):
      return "no data: \(what)"
    case .noGaps(let clients):
      let who = clients == 1 ? "the only client has" : "none of the \(clients) clients has"
      return "no gap between purchase days to measure: \(who) two purchase days; "
        + "give the characteristic period instead (CharacteristicPeriod.given(days:))"
    case .invalidParameter(let name, let reason):
      return "\(name): \(reason)"
    case .lengthMismatch(let what, let expected, let actual):
      return "\(what): expected \(expected) values, got \(actual)"
    case .missingEvidence(let what):
      return "missing evidence: \(what)"
    case .notConverged(let reason):
      return "the purchase model did not converge, so its P(alive) cannot be used: \(reason)"
    }
  }

  /// Runs a checking initialiser on decoded fields and reports a refusal as a decoding error,
  /// so decoded values keep the same invariants as constructed ones.
  static func checkedDecoding<Value>(
    _ decoder: any Decoder, _ make: () throws(GrowthError) -> Value
  ) throws -> Value {
    do {
      return try make()
    } catch {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: error.description))
    }
  }
}

/// Throws unless `value` is finite and 0 or more.
func checkNonNegative(_ value: Double, _ name: String) throws(GrowthError) {
  guard value.isFinite, value >= 0 else {
    throw .invalidParameter(name, reason: "must be finite and 0 or more, got \(value)")
  }
}

/// Throws unless `value` is positive and finite.
func checkPositive(_ value: Double, _ name: String) throws(GrowthError) {
  guard value.isFinite, value > 0 else {
    throw .invalidParameter(name, reason: "must be positive and finite, got \(value)")
  }
}

/// Throws unless `value` is a share: finite, within 0...1.
func checkShare(_ value: Double, _ name: String) throws(GrowthError) {
  guard value.isFinite, value >= 0, value <= 1 else {
    throw .invalidParameter(name, reason: "must be a share within 0...1, got \(value)")
  }
}

/// Throws unless `value` is a confidence level strictly between 0 and 1.
func checkConfidence(_ value: Double, _ name: String) throws(GrowthError) {
  guard value.isFinite, value > 0, value < 1 else {
    throw .invalidParameter(name, reason: "must lie strictly between 0 and 1, got \(value)")
  }
}

/// Throws unless `count` is at least 1.
func checkThreads(_ count: Int) throws(GrowthError) {
  guard count >= 1 else {
    throw .invalidParameter("threadCount", reason: "must be at least 1, got \(count)")
  }
}
