/// How quickly to move a client of a style towards a decision.
public enum ClosingPace: String, Hashable, Sendable, Codable, CaseIterable {
  /// Ask for the decision early; delay reads as indecision.
  case fast
  /// Close once the main points are settled.
  case steady
  /// Leave room for questions and second meetings; pressure backfires.
  case patient
}

/// How to work with clients of one behavioural style: who meets them, what to stress, what to
/// avoid and how fast to close.
public struct StylePlaybook: Hashable, Sendable, Codable {
  /// Who should hold the meetings.
  public var whoShouldMeet: String
  /// What to stress.
  public var stress: [String]
  /// What to avoid.
  public var avoid: [String]
  /// How fast to close.
  public var closingPace: ClosingPace

  /// Creates a playbook.
  ///
  /// - Parameters:
  ///   - whoShouldMeet: Who should hold the meetings.
  ///   - stress: What to stress.
  ///   - avoid: What to avoid.
  ///   - closingPace: How fast to close.
  public init(whoShouldMeet: String, stress: [String], avoid: [String], closingPace: ClosingPace) {
    self.whoShouldMeet = whoShouldMeet
    self.stress = stress
    self.avoid = avoid
    self.closingPace = closingPace
  }
}

/// One playbook per behavioural style, editable data with defaults.
///
/// ```swift
/// var playbooks = StylePlaybooks.standard
/// playbooks[.analytical].whoShouldMeet = "our product specialist"
/// let plan = playbooks[assessment.style ?? .amiable]
/// ```
public struct StylePlaybooks: Hashable, Sendable, Codable {
  /// The playbook for dominant clients.
  public var dominant: StylePlaybook
  /// The playbook for expressive clients.
  public var expressive: StylePlaybook
  /// The playbook for amiable clients.
  public var amiable: StylePlaybook
  /// The playbook for analytical clients.
  public var analytical: StylePlaybook

  /// Creates playbooks.
  ///
  /// - Parameters:
  ///   - dominant: For dominant clients.
  ///   - expressive: For expressive clients.
  ///   - amiable: For amiable clients.
  ///   - analytical: For analytical clients.
  public init(
    dominant: StylePlaybook, expressive: StylePlaybook, amiable: StylePlaybook,
    analytical: StylePlaybook
  ) {
    self.dominant = dominant
    self.expressive = expressive
    self.amiable = amiable
    self.analytical = analytical
  }

  /// The playbook of a style.
  ///
  /// - Parameter style: The style.
  public subscript(style: BehaviouralStyle) -> StylePlaybook {
    get {
      switch style {
      case .dominant: return dominant
      case .expressive: return expressive
      case .amiable: return amiable
      case .analytical: return analytical
      }
    }
    set {
      switch style {
      case .dominant: dominant = newValue
      case .expressive: expressive = newValue
      case .amiable: amiable = newValue
      case .analytical: analytical = newValue
      }
    }
  }

  /// Starting points to edit, not rules.
  public static let standard = StylePlaybooks(
    dominant: StylePlaybook(
      whoShouldMeet: "a senior manager who can decide on the spot",
      stress: [
        "the result and what it is worth to them", "two or three clear options to choose from",
        "time saved",
      ],
      avoid: [
        "small talk that runs long", "detail they did not ask for",
        "taking the decision away from them",
      ],
      closingPace: .fast),
    expressive: StylePlaybook(
      whoShouldMeet: "an outgoing manager who enjoys the relationship side",
      stress: [
        "the idea and where it leads", "who else like them already uses it",
        "personal attention and recognition",
      ],
      avoid: ["a wall of figures", "rushing past their stories", "dry written follow-ups only"],
      closingPace: .fast),
    amiable: StylePlaybook(
      whoShouldMeet: "the same familiar manager every time, warm and unhurried",
      stress: [
        "trust and a long relationship", "guarantees and low risk",
        "how the change affects their people",
      ],
      avoid: ["pressure to decide now", "sudden changes of contact person", "confrontation"],
      closingPace: .patient),
    analytical: StylePlaybook(
      whoShouldMeet: "a well-prepared specialist who knows the product in depth",
      stress: [
        "facts, figures and written comparisons", "a clear process and timeline",
        "evidence behind every claim",
      ],
      avoid: ["exaggeration", "vague answers", "pushing before they have checked the numbers"],
      closingPace: .steady))
}
