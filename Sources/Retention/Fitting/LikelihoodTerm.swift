/// The log-likelihood of one row of compressed histories, or a weighted sum of rows, with its
/// gradient in a model's four parameters (in the order of the model's fit).
struct LikelihoodTerm: Sendable {
  /// ln L.
  var value = 0.0
  /// ∂ ln L / ∂θᵢ for the four parameters θ.
  var gradient = SIMD4<Double>()

  /// Adds another sum (a part of the rows).
  mutating func add(_ other: LikelihoodTerm) {
    value += other.value
    gradient += other.gradient
  }
}

extension PurchaseHistories {
  /// Σ weightᵢ · term(i) over `rows`, in row order: the row loop of the continuous-time
  /// likelihoods, reading the columns without bounds checks.
  ///
  /// - Parameters:
  ///   - rows: The rows to add.
  ///   - term: A row's term from its frequency and the positions of its age and recency in
  ///     ``distinctAges`` and ``distinctRecencies``.
  /// - Returns: The weighted sum.
  @inline(__always)
  func likelihoodSum(
    rows: Range<Int>,
    _ term: (_ x: Int, _ ageIndex: Int, _ recencyIndex: Int) -> LikelihoodTerm
  ) -> LikelihoodTerm {
    var sum = LikelihoodTerm()
    frequency.withUnsafeBufferPointer { frequency in
      weight.withUnsafeBufferPointer { weight in
        ageIndex.withUnsafeBufferPointer { ageIndex in
          recencyIndex.withUnsafeBufferPointer { recencyIndex in
            for i in rows {
              let row = term(Int(frequency[i]), Int(ageIndex[i]), Int(recencyIndex[i]))
              let w = weight[i]
              sum.value += w * row.value
              sum.gradient += w * row.gradient
            }
          }
        }
      }
    }
    return sum
  }
}
