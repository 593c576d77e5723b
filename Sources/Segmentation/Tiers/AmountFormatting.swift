/// An amount rounded to a whole number with thousands grouped: 512300.4 → "512,300".
///
/// Reasons are read by people; cents only add noise there. Amounts too large for an `Int`
/// (or not finite) fall back to the standard description rather than trapping.
func formattedAmount(_ value: Double) -> String {
  let rounded = value.rounded()
  guard rounded.isFinite, abs(rounded) < 9.0e15 else { return "\(value)" }
  let whole = Int(rounded)
  let digits = String(whole.magnitude)
  var grouped = ""
  grouped.reserveCapacity(digits.count + digits.count / 3 + 1)
  for (offset, digit) in digits.enumerated() {
    if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
    grouped.append(digit)
  }
  return whole < 0 ? "-" + grouped : grouped
}
