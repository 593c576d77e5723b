/// ln(1 + eᶻ) without overflow.
@inline(__always)
func softplus(_ z: Double) -> Double {
  z > 0 ? z + cLog1p(cExp(-z)) : cLog1p(cExp(z))
}

/// 1 / (1 + e⁻ᶻ) without overflow.
@inline(__always)
func logistic(_ z: Double) -> Double {
  z >= 0 ? 1 / (1 + cExp(-z)) : cExp(z) / (1 + cExp(z))
}
