public import ClientBaseCore

/// The behavioural styles of many clients: one assessment per client over the observations'
/// row space, with counts per style.
///
/// Made by ``BehaviouralStylePolicy/assessments(for:)``. As a `ClassifiedResult` its entry
/// is each client's ``StyleAssessment``, its label the style, its scale the four styles in
/// `BehaviouralStyle.allCases` order (dominant, expressive, amiable, analytical); clients whose
/// style is undetermined are the unlabeled.
///
/// ```swift
/// let styles = StandardStyles.standard.assessments(for: observations)
/// styles.counts[.amiable]        // 0 when nobody is amiable
/// styles.counts.unlabeled        // undetermined clients
/// styles[client: "c-17"]?.style  // .expressive
/// ```
public struct StyleAssessments<ID: Hashable & Sendable>: ClassifiedResult {
  /// The row space: the observations'.
  public let clients: ClientIndex<ID>
  /// Each client's assessment, one per row.
  public let assessments: ContiguousArray<StyleAssessment>

  /// Creates assessments from an assessment per row: how a host policy that replaces the
  /// whole-base call returns its result.
  ///
  /// - Parameters:
  ///   - observations: The observations that were assessed.
  ///   - assessmentOfRow: The assessment of a row of `observations`, asked once per row in
  ///     order.
  /// - Complexity: O(*n*) calls of `assessmentOfRow`.
  public init(
    observations: BehaviourObservations<ID>, assessmentOfRow: (_ row: Int) -> StyleAssessment
  ) {
    self.clients = observations.clients
    self.assessments = ContiguousArray((0..<observations.count).map(assessmentOfRow))
  }

  /// A row's assessment: the row's entry.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> StyleAssessment { assessments[row] }

  /// The four styles in `BehaviouralStyle.allCases` order.
  public var scale: [BehaviouralStyle] { BehaviouralStyle.allCases }

  /// A row's style, or `nil` when undetermined.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The style.
  public func label(forRow row: Int) -> BehaviouralStyle? { assessments[row].style }

  /// How many clients have each style, all four present (zero when no client has it), in
  /// `BehaviouralStyle.allCases` order; undetermined clients are the unlabeled.
  ///
  /// - Complexity: O(*n*): one pass over the assessments.
  public var counts: LabelCounts<BehaviouralStyle> {
    var tally = [0, 0, 0, 0]
    var undetermined = 0
    for assessment in assessments {
      switch assessment.style {
      case .dominant: tally[0] += 1
      case .expressive: tally[1] += 1
      case .amiable: tally[2] += 1
      case .analytical: tally[3] += 1
      case nil: undetermined += 1
      }
    }
    return LabelCounts(
      scale: [.dominant, .expressive, .amiable, .analytical], counts: tally,
      unlabeled: undetermined)
  }

  /// Why a row has its style.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The row's reason.
  public func reason(forRow row: Int) -> String { assessments[row].reason }
}
