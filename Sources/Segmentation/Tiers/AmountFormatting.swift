import ClientBaseCore

/// An amount as reasons print it: rounded to a whole number with thousands grouped,
/// 512300.4 → "512,300". Reasons are read by people; cents only add noise there.
func amountText(_ value: Double) -> String {
  NumberText.decimal(value, places: 0)
}
