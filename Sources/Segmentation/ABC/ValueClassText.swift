/// Number formatting for reasons, without Foundation: grouped integers, fixed decimals and
/// percentages in a form that reads the same everywhere.
enum ValueClassText {
  /// An integer with thousands separators: "2,000".
  static func count(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var grouped = ""
    for (offset, digit) in digits.enumerated() {
      if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
      grouped.append(digit)
    }
    return value < 0 ? "−" + grouped : grouped
  }

  /// A finite number with `places` decimals and grouped thousands: "1,234.50"; "−12.00".
  static func fixed(_ value: Double, places: Int = 2) -> String {
    guard value.isFinite else { return String(describing: value) }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = (value.magnitude * scale).rounded()
    guard scaled < 9e15 else { return String(describing: value) }
    let units = Int(scaled)
    let whole = units / Int(scale)
    let fraction = units % Int(scale)
    var text = count(whole)
    if places > 0 {
      let digits = String(fraction)
      text += "." + String(repeating: "0", count: places - digits.count) + digits
    }
    return value < 0 && units > 0 ? "−" + text : text
  }

  /// A share as a percentage with one decimal, dropping ".0": "1.9%", "80%".
  static func percent(_ share: Double) -> String {
    let text = fixed(share * 100, places: 1)
    return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + "%"
  }
}
