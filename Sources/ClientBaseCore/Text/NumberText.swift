/// Numbers as people read them in reasons and reports, the same on every platform and without
/// Foundation: thousands grouped with commas, a plain hyphen-minus for negatives, a fixed
/// number of decimals.
///
/// Every sentence the library writes formats its numbers here, and so can a host's report, so
/// "1,234.50" looks the same wherever it appears.
///
/// ```swift
/// NumberText.grouped(3_000_000)                          // "3,000,000"
/// NumberText.decimal(1234.5)                             // "1,234.50"
/// NumberText.decimal(-512_300.4, places: 0)              // "-512,300"
/// NumberText.decimal(0.70, dropsTrailingZeros: true)     // "0.7"
/// NumberText.percent(0.742)                              // "74.2%"
/// NumberText.signed(0.6, places: 1)                      // "+0.6"
/// ```
///
/// A value that is not finite prints as Swift describes it (`nan`, `inf`); a value too large
/// to hold its digits exactly (|value| × 10^places ≥ 9 × 10¹⁵) also falls back to Swift's
/// description rather than printing invented digits.
public enum NumberText: Sendable {
  /// An integer with thousands grouped: 1234567 → "1,234,567", −12 → "-12".
  ///
  /// - Parameter value: The integer.
  /// - Returns: The text.
  public static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var text = ""
    text.reserveCapacity(digits.utf8.count + digits.utf8.count / 3 + 1)
    for (offset, digit) in digits.enumerated() {
      if offset > 0, (digits.count - offset) % 3 == 0 { text.append(",") }
      text.append(digit)
    }
    return value < 0 ? "-" + text : text
  }

  /// A number rounded to `places` decimals with thousands grouped.
  ///
  /// - Parameters:
  ///   - value: The number.
  ///   - places: The decimals, 0 or more; 2 by default.
  ///   - dropsTrailingZeros: Whether zeros at the end of the decimals (and a bare decimal
  ///     point) are left out: 0.70 → "0.7", 12.00 → "12". `false` by default, so columns of
  ///     amounts line up.
  /// - Returns: The text; never "-0" (a value that rounds to zero has no sign).
  public static func decimal(_ value: Double, places: Int = 2, dropsTrailingZeros: Bool = false)
    -> String
  {
    guard value.isFinite else { return String(describing: value) }
    let places = max(0, min(places, 15))
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = (value.magnitude * scale).rounded()
    guard scaled < 9e15 else { return String(describing: value) }
    let units = Int(scaled)
    let divisor = Int(scale)
    var text = grouped(units / divisor)
    if places > 0 {
      var fraction = units % divisor
      var width = places
      if dropsTrailingZeros {
        while width > 0, fraction % 10 == 0 {
          fraction /= 10
          width -= 1
        }
      }
      if width > 0 {
        let digits = String(fraction)
        text += "." + String(repeating: "0", count: width - digits.count) + digits
      }
    }
    return value < 0 && units > 0 ? "-" + text : text
  }

  /// A share as a percentage: 0.742 → "74.2%", 0.8 → "80%" (trailing zeros dropped).
  ///
  /// - Parameters:
  ///   - share: The share; 1 is 100%.
  ///   - places: The decimals of the percentage; 1 by default.
  /// - Returns: The text.
  public static func percent(_ share: Double, places: Int = 1) -> String {
    decimal(share * 100, places: places, dropsTrailingZeros: true) + "%"
  }

  /// A number with an explicit sign, trailing zeros dropped: 0.6 → "+0.6", −0.25 → "-0.25",
  /// 0 → "0".
  ///
  /// - Parameters:
  ///   - value: The number.
  ///   - places: The decimals; 2 by default.
  /// - Returns: The text.
  public static func signed(_ value: Double, places: Int = 2) -> String {
    let text = decimal(value, places: places, dropsTrailingZeros: true)
    return text == "0" || text.hasPrefix("-") || !value.isFinite ? text : "+" + text
  }
}
