/// The domain every continuous-time model's per-client functions share (see `PurchaseModel`):
/// a history is `x ≥ 0` repeat purchases, a recency `0 ≤ t_x ≤ T` and an age `T`, all finite,
/// with `t_x = 0` when `x = 0` (the first purchase is then the last) — exactly the rows
/// `PurchaseHistories` accepts. Outside it the functions return NaN.
///
/// - Parameters:
///   - x: The frequency.
///   - recency: `t_x`.
///   - age: `T`.
/// - Returns: Whether the history is one a model can have produced.
@inline(__always)
func isValidHistory(_ x: Int, _ recency: Double, _ age: Double) -> Bool {
  // recency ≥ 0 and recency ≤ age, with age finite, make both finite and not NaN.
  x >= 0 && age.isFinite && recency >= 0 && recency <= age && (x > 0 || recency == 0)
}

/// A length of time ahead or since a first purchase: finite and 0 or more.
///
/// - Parameter duration: The duration.
/// - Returns: Whether the duration is in the domain of the models' functions of time.
@inline(__always)
func isValidDuration(_ duration: Double) -> Bool {
  duration >= 0 && duration.isFinite
}
