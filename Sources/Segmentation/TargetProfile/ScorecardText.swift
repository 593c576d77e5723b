/// Number formatting for reason texts, without Foundation.
///
/// Reasons are read by people, so numbers are rounded to a few places and whole numbers lose
/// their ".0"; the library cannot use Foundation's formatters.
enum ScorecardText {
  /// `value` rounded to `places` decimals ("0.85", "12", "-3.5"); trailing zeros are kept
  /// when `keepsZeros` so columns of fits line up ("0.70").
  static func number(_ value: Double, places: Int = 2, keepsZeros: Bool = false) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<max(0, places) { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    // Beyond 2^53 the digits are not exact anyway; the standard description is as good.
    guard scaled < 9.0e15 else { return "\(value)" }
    let units = Int(scaled)
    let divisor = Int(scale)
    let whole = units / divisor
    var fraction = units % divisor
    let sign = value < 0 && units != 0 ? "-" : ""
    guard places > 0 else { return sign + "\(whole)" }
    var digits = ""
    var width = places
    if !keepsZeros {
      while width > 0 && fraction % 10 == 0 {
        fraction /= 10
        width -= 1
      }
    }
    if width > 0 {
      let text = "\(fraction)"
      digits = "." + String(repeating: "0", count: width - text.count) + text
    }
    return sign + "\(whole)" + digits
  }

  /// `value` with an explicit sign ("+0.6", "-0.25", "0").
  static func signed(_ value: Double, places: Int = 2) -> String {
    let text = number(value, places: places)
    if text == "0" || text.hasPrefix("-") { return text }
    return "+" + text
  }

  /// A share as a percentage with one decimal ("74.2%").
  static func percent(_ share: Double) -> String {
    number(share * 100, places: 1) + "%"
  }

  /// A count with thousands separators ("1,000,000").
  static func count(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (offset, character) in digits.enumerated() {
      if offset > 0 && (digits.count - offset) % 3 == 0 { out.append(",") }
      out.append(character)
    }
    return value < 0 ? "-" + out : out
  }
}
