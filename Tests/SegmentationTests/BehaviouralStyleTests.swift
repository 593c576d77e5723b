import ClientBaseCore
import ClientBaseTesting
import Foundation
import Segmentation
import Testing

private func observations(
  _ client: String, _ scores: [(Double, Double)]
) -> [BehaviourObservation<String>] {
  scores.map { BehaviourObservation(client: client, assertiveness: $0.0, responsiveness: $0.1) }
}

@Suite("Behavioural style")
struct BehaviouralStyleTests {
  @Test func meansOfObservationsPlaceTheClientInAQuadrant() throws {
    // x: assertiveness (1 + 4 × 0.5)/5 = 0.6, responsiveness (3 × 0.5 + 2 × 0.25)/5 = 0.4.
    let x = observations("x", [(1, 0.5), (0.5, 0.5), (0.5, 0.5), (0.5, 0.25), (0.5, 0.25)])
    // One client per remaining quadrant, three observations each.
    let d = observations("d", [(0.8, -0.5), (0.6, -0.7), (0.7, -0.6)])
    let a = observations("a", [(-0.5, 0.5), (-0.5, 0.5), (-0.5, 0.5)])
    let n = observations("n", [(-0.25, -0.75), (-0.75, -0.25), (-0.5, -0.5)])
    let result = StandardStyles.standard.assessments(
      for: try BehaviourObservations(
        clients: ["x", "d", "a", "n", "none"], observations: n + a + x + d))
    #expect(
      result.assessments.map(\.style) == [.expressive, .dominant, .amiable, .analytical, nil])
    #expect(
      result.reason(forRow: 0)
        == "expressive: assertiveness +0.6, responsiveness +0.4 from 5 observations")
    #expect(
      result.reason(forRow: 3)
        == "analytical: assertiveness -0.5, responsiveness -0.5 from 3 observations")
    #expect(result.reason(forRow: 4) == "undetermined: 0 observations, at least 3 needed")
    #expect(result.counts.entries.map(\.count) == [1, 1, 1, 1])
    #expect(result.counts.unlabeled == 1)
    #expect(result.row(for: "a") == 2)
    #expect(result.row(for: "zz") == nil)
  }

  @Test func tooFewObservationsOrAPointOnAnAxisIsUndetermined() throws {
    let policy = StandardStyles.standard
    let few = policy.assessment(assertiveness: 0.9, responsiveness: 0.9, observationCount: 2)
    #expect(few.style == nil)
    #expect(few.undetermined == .tooFewObservations(minimum: 3))
    #expect(few.reason == "undetermined: 2 observations, at least 3 needed")
    // 0.05 is within the 0.1 margin of the responsiveness axis.
    let near = policy.assessment(assertiveness: 0.7, responsiveness: 0.05, observationCount: 4)
    #expect(near.style == nil)
    #expect(
      near.reason
        == "undetermined: assertiveness +0.7, responsiveness +0.05 from 4 observations; "
        + "within ±0.1 of an axis")
    // With no margin a point exactly on an axis is still undetermined; just off it is not.
    let exact = try StandardStyles(minimumObservations: 1, axisMargin: 0)
    #expect(
      exact.assessment(assertiveness: 0, responsiveness: 0.5, observationCount: 1).style == nil)
    #expect(
      exact.assessment(assertiveness: 0.01, responsiveness: -0.01, observationCount: 1).style
        == .dominant)
  }

  @Test(arguments: [
    (1.0, 1.0, BehaviouralStyle.expressive), (1, -1, .dominant), (-1, 1, .amiable),
    (-1, -1, .analytical),
  ])
  func quadrantsFollowTheDocumentedAxes(
    assertiveness: Double, responsiveness: Double, style: BehaviouralStyle
  ) {
    #expect(
      BehaviouralStyle.quadrant(assertiveness: assertiveness, responsiveness: responsiveness)
        == style)
  }

  @Test func ratingsOnTheHostsScaleMapOntoMinusOneToOne() {
    // 1–7: the middle 4 is 0, each step is 1/3.
    let observation = BehaviourObservation(
      client: 1, assertivenessRating: 7, responsivenessRating: 3, scale: 1...7)
    #expect(observation.assertiveness == 1)
    #expect(abs(observation.responsiveness + 1.0 / 3) < 1e-12)
    let flat = BehaviourObservation(
      client: 1, assertivenessRating: 3, responsivenessRating: 3, scale: 3...3)
    #expect(flat.assertiveness.isNaN)
  }

  @Test func badObservationsAndSettingsAreRefused() throws {
    // No clients is an empty input and empty assessments; no observations, all undetermined.
    let none = StandardStyles.standard.assessments(
      for: try BehaviourObservations(clients: [String](), observations: []))
    #expect(none.isEmpty && none.counts.total == 0 && none.counts.labels.count == 4)
    let silent = StandardStyles.standard.assessments(
      for: try BehaviourObservations(clients: ["q"], observations: []))
    #expect(silent.counts.unlabeled == 1 && silent[0].observationCount == 0)
    #expect(throws: SegmentationError.duplicateClient("x")) {
      try BehaviourObservations(clients: ["x", "x"], observations: [])
    }
    // The second observation: its position in the host's sequence, and its client.
    let infinite = SegmentationError.nonFiniteValue(
      at: .observation(1, client: "x"), value: .infinity)
    #expect(throws: infinite) {
      try BehaviourObservations(
        clients: ["x"], observations: observations("x", [(0.5, 0.5), (.infinity, 0)]))
    }
    #expect(infinite.description == "observation 1 (client x): value inf is not a finite number")
    #expect(throws: SegmentationError.self) {
      try BehaviourObservations(clients: ["x"], observations: observations("x", [(1.5, 0)]))
    }
    #expect(throws: SegmentationError.unknownClients(count: 1, example: "y")) {
      try BehaviourObservations(clients: ["x"], observations: observations("y", [(0.5, 0.5)]))
    }
    #expect(throws: SegmentationError.self) {
      try StandardStyles(minimumObservations: 0)
    }
    #expect(throws: SegmentationError.self) { try StandardStyles(axisMargin: -0.1) }
    #expect(throws: SegmentationError.self) { try StandardStyles(axisMargin: .nan) }
  }

  @Test func playbooksAreEditableDataForEveryStyle() {
    var playbooks = StylePlaybooks.standard
    #expect(playbooks[.dominant].closingPace == .fast)
    #expect(playbooks[.amiable].closingPace == .patient)
    #expect(Set(BehaviouralStyle.allCases.map { playbooks[$0] }).count == 4)
    for style in BehaviouralStyle.allCases {
      #expect(!playbooks[style].whoShouldMeet.isEmpty)
      #expect(!playbooks[style].stress.isEmpty && !playbooks[style].avoid.isEmpty)
    }
    playbooks[.analytical].whoShouldMeet = "our product specialist"
    #expect(playbooks.analytical.whoShouldMeet == "our product specialist")
    #expect(playbooks[.dominant] == StylePlaybooks.standard.dominant)
  }

  @Test func theStandardClassifierIsReachableAsADotStandardPolicy() {
    func style(_ policy: some BehaviouralStylePolicy) -> BehaviouralStyle? {
      policy.assessment(assertiveness: -0.4, responsiveness: 0.3, observationCount: 3).style
    }
    #expect(style(.standard) == .amiable)
  }

  @Test(arguments: [21 as UInt64, 22])
  func everyClientGetsOneStyleWhateverTheOrder(seed: UInt64) throws {
    var generator = SeededGenerator(seed: seed)
    let clients = Array(0..<400)
    var log: [BehaviourObservation<Int>] = []
    for client in clients {
      for _ in 0..<generator.nextInt(below: 7) {
        // Multiples of 1/8 add exactly, so any order gives the same means.
        log.append(
          BehaviourObservation(
            client: client, assertiveness: Double(generator.nextInt(below: 17) - 8) / 8,
            responsiveness: Double(generator.nextInt(below: 17) - 8) / 8))
      }
    }
    let policy = StandardStyles.standard
    let result = policy.assessments(
      for: try BehaviourObservations(clients: clients, observations: log))
    #expect(result.counts.total == clients.count)
    for client in clients {
      let own = log.filter { $0.client == client }
      let assessment = result.assessments[client]
      #expect(assessment.observationCount == own.count)
      guard own.count >= 3 else {
        #expect(assessment.style == nil)
        continue
      }
      let meanA = own.map(\.assertiveness).reduce(0, +) / Double(own.count)
      let meanR = own.map(\.responsiveness).reduce(0, +) / Double(own.count)
      #expect(assessment.assertiveness == meanA && assessment.responsiveness == meanR)
      if abs(meanA) > 0.1 && abs(meanR) > 0.1 {
        #expect(assessment.style == .quadrant(assertiveness: meanA, responsiveness: meanR))
      } else {
        #expect(assessment.style == nil)
      }
    }
    let reordered = policy.assessments(
      for: try BehaviourObservations(
        clients: clients.reversed(), observations: log.shuffled(using: &generator)))
    for (row, client) in clients.reversed().enumerated() {
      #expect(reordered.assessments[row] == result.assessments[client])
    }
  }
}

/// Decodes `json` as `T`, for the decoding tests.
private func decoded<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
  try JSONDecoder().decode(type, from: Data(json.utf8))
}

/// Encodes then decodes a value.
private func roundTripped<T: Codable>(_ value: T) throws -> T {
  try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
}

@Suite("Behavioural style decoding")
struct BehaviouralStyleDecodingTests {
  @Test func classifiersDecodeOnlyWhenTheyPassTheChecks() throws {
    let classifier = try StandardStyles(minimumObservations: 5, axisMargin: 0.2)
    #expect(try roundTripped(classifier) == classifier)
    for json in [
      #"{"minimumObservations":0,"axisMargin":0.1}"#,
      #"{"minimumObservations":3,"axisMargin":1.5}"#,
      #"{"minimumObservations":3,"axisMargin":-0.1}"#,
    ] {
      #expect(throws: DecodingError.self) { try decoded(StandardStyles.self, json) }
    }
  }
}
