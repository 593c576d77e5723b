import ClientBaseCore
import ClientBaseTesting
import Foundation
import Segmentation
import Testing

/// The fixture profile: weights 3 + 2 + 1 + 2 = 8.
private func fixtureProfile(regionIsMustHave: Bool = false) throws -> StandardTargetProfile {
  try StandardTargetProfile(
    criteria: [
      .attribute("sector", isOneOf: ["retail"], weight: 3),
      .attribute("employees", in: 50...250, weight: 2),
      .region(isOneOf: ["north"], weight: 1, isMustHave: regionIsMustHave),
      .flag("payroll", weight: 2),
    ], threshold: 0.7)
}

private let fixtureClients: [ClientProfile<String>] = [
  // Meets all four: fit 8/8 = 1.
  ClientProfile(
    id: "a", region: "north",
    attributes: ["sector": .text("retail"), "employees": .number(100), "payroll": .flag(true)]),
  // Sector and region only (too big, no payroll fact): (3 + 1)/8 = 0.5.
  ClientProfile(
    id: "b", region: "north", attributes: ["sector": .text("retail"), "employees": .number(300)]),
  // All but region: (3 + 2 + 2)/8 = 0.875.
  ClientProfile(
    id: "c", region: "south",
    attributes: ["sector": .text("retail"), "employees": .number(100), "payroll": .flag(true)]),
  // Knows nothing: every criterion missing, fit 0.
  ClientProfile(id: "d"),
]

@Suite("Target profile")
struct TargetProfileTests {
  @Test func fitIsTheWeightedShareOfCriteriaMet() throws {
    let profile = try fixtureProfile()
    let fits = fixtureClients.map { profile.assessment(of: $0).fit }
    #expect(fits == [1, 0.5, 0.875, 0])
    let verdicts = fixtureClients.map { profile.assessment(of: $0).isTarget }
    #expect(verdicts == [true, false, true, false])
    let c = profile.assessment(of: fixtureClients[2])
    #expect(c.met.contains(0) && c.met.contains(1) && !c.met.contains(2) && c.met.contains(3))
    #expect(c.missing.count == 0)
    // d lacks every fact: all four missed as "missing".
    #expect(profile.assessment(of: fixtureClients[3]).missing.count == 4)
  }

  @Test func reasonsNameTheCriteriaMetAndMissed() throws {
    let profile = try fixtureProfile()
    // 0.875 rounds to 0.88 for people.
    #expect(
      profile.reason(for: profile.assessment(of: fixtureClients[2]))
        == "target: fit 0.88 ≥ 0.70; met sector=retail, employees 50–250, payroll; "
        + "missed region=north")
    #expect(
      profile.reason(for: profile.assessment(of: fixtureClients[1]))
        == "non-target: fit 0.50 < 0.70; met sector=retail, region=north; "
        + "missed employees 50–250, payroll (missing)")
    #expect(
      profile.reason(for: profile.assessment(of: fixtureClients[3]))
        == "non-target: fit 0.00 < 0.70; missed sector=retail (missing), "
        + "employees 50–250 (missing), region=north (missing), payroll (missing)")
  }

  @Test func aMissedMustHaveRulesOutAClientWhateverItsFit() throws {
    let profile = try fixtureProfile(regionIsMustHave: true)
    let c = profile.assessment(of: fixtureClients[2])
    #expect(c.fit == 0.875)
    #expect(!c.isTarget)
    #expect(
      profile.reason(for: c)
        == "non-target: fit 0.88 ≥ 0.70, must-have missed: region=north; met sector=retail, "
        + "employees 50–250, payroll; missed region=north")
    #expect(profile.assessment(of: fixtureClients[0]).isTarget)
  }

  @Test func aFitThatReachesTheThresholdDespiteRoundingCounts() throws {
    // 0.35 + 0.35 is 0.7 on paper; in binary it may land a hair below 0.7.
    let profile = try StandardTargetProfile(
      criteria: [.flag("x", weight: 0.35), .flag("y", weight: 0.35), .flag("z", weight: 0.3)],
      threshold: 0.7)
    let client = ClientProfile(id: 1, attributes: ["x": .flag(true), "y": .flag(true)])
    #expect(profile.assessment(of: client).isTarget)
  }

  @Test func wrongKindsOfValuesCountAsMissing() throws {
    let profile = try StandardTargetProfile(
      criteria: [.attribute("employees", in: 10...20), .flag("payroll")], threshold: 0.5)
    let client = ClientProfile(
      id: 1, attributes: ["employees": .text("ten"), "payroll": .number(1)])
    let assessment = profile.assessment(of: client)
    #expect(assessment.fit == 0)
    #expect(assessment.missing.count == 2)
  }

  @Test func customCriteriaSeeTheProfileAndMayReportMissingFacts() throws {
    let profile = try StandardTargetProfile(
      criteria: [
        .custom("managed") { facts in facts.manager.map { $0.rawValue.hasPrefix("m-") } },
        .attribute("sector", isOneOf: ["retail", "food"]),
      ], threshold: 1)
    let managed = ClientProfile(id: 1, manager: "m-7", attributes: ["sector": .text("food")])
    let unmanaged = ClientProfile(id: 2, attributes: ["sector": .text("food")])
    #expect(profile.assessment(of: managed).isTarget)
    let other = profile.assessment(of: unmanaged)
    #expect(other.fit == 0.5)
    #expect(other.missing.contains(0))
    #expect(profile.criterionNames == ["managed", "sector in {food, retail}"])
  }

  @Test func openEndedRangesAreNamedAsBounds() {
    #expect(
      TargetCriterion.attribute("revenue", in: 1_000...Double.infinity).name == "revenue ≥ 1,000")
    #expect(TargetCriterion.attribute("age", in: -Double.infinity...2.5).name == "age ≤ 2.5")
    #expect(TargetCriterion.flag("exporter", equals: false).name == "not exporter")
  }

  @Test func theTypesDocumentedExampleGivesItsReason() throws {
    // The example in StandardTargetProfile's documentation: sector (4) and region (1) met,
    // employees (1) missed, so the fit is 5/6 = 0.83 ≥ 0.70 and the must-have is met.
    let profile = try StandardTargetProfile(
      criteria: [
        .attribute("sector", isOneOf: ["retail"], weight: 4),
        .attribute("employees", in: 50...250, weight: 1),
        .region(isOneOf: ["north"], isMustHave: true),
      ], threshold: 0.7)
    let client = ClientProfile(
      id: 1, region: "north",
      attributes: ["sector": .text("retail"), "employees": .number(300)])
    let assessment = profile.assessment(of: client)
    #expect(abs(assessment.fit - 5.0 / 6.0) < 1e-15)
    #expect(assessment.isTarget)
    #expect(
      profile.reason(for: assessment)
        == "target: fit 0.83 ≥ 0.70; met sector=retail, region=north; missed employees 50–250")
  }

  @Test func wholeBaseGivesColumnsInInputOrderAndTheTargetShare() throws {
    let profile = try fixtureProfile()
    let evaluation = profile.evaluation(of: try ClientProfiles(fixtureClients))
    #expect(evaluation.ids == ["a", "b", "c", "d"])
    #expect(Array(evaluation.fits) == [1, 0.5, 0.875, 0])
    #expect(Array(evaluation.isTarget) == [true, false, true, false])
    // 2 of 4 = 50%: not below the 50% poor line, not yet the 70% healthy line.
    #expect(evaluation.targetShare.targetCount == 2)
    #expect(evaluation.targetShare.share == 0.5)
    #expect(evaluation.targetShare.health == .watch)
    #expect(
      evaluation.targetShare.reason
        == "watch: 2 of 4 clients are target clients (50%); healthy from 70%, poor below 50%")
    #expect(evaluation.reason(forRow: 0).hasPrefix("target: fit 1.00 ≥ 0.70"))
    #expect(evaluation.row(for: "c") == 2)
    #expect(evaluation.row(for: "zz") == nil)
    // The segment labels: target first, every client labelled.
    #expect(evaluation.counts.labels == ["target", "non-target"])
    #expect(evaluation.counts.entries.map(\.count) == [2, 2] && evaluation.counts.unlabeled == 0)
    #expect(evaluation.label(for: "c") == "target" && evaluation[client: "b"]?.fit == 0.5)
  }

  @Test func profilesOverAnExistingRowSpaceFillTheGapsWithEmptyProfiles() throws {
    let clients = try ClientIndex(["d", "a", "x"])
    let profiles = try ClientProfiles(clients: clients, profiles: [fixtureClients[0]])
    #expect(profiles.profiles.map(\.id) == ["d", "a", "x"])
    #expect(
      profiles.profiles[1] == fixtureClients[0] && profiles.profiles[2] == ClientProfile(id: "x"))
    let evaluation = try fixtureProfile().evaluation(of: profiles)
    #expect(evaluation.clients == clients)
    #expect(Array(evaluation.fits) == [0, 1, 0])
    #expect(throws: SegmentationError.unknownClients(count: 1, example: "b")) {
      try ClientProfiles(clients: clients, profiles: [fixtureClients[1]])
    }
    #expect(throws: SegmentationError.duplicateClient("a")) {
      try ClientProfiles(clients: clients, profiles: [fixtureClients[0], fixtureClients[0]])
    }
  }

  @Test func aHostPolicyCanReplaceTheWholeBaseCall() throws {
    /// Assesses a whole base from a precomputed column, as a warehouse would.
    struct Precomputed: TargetProfilePolicy {
      let fits: [String: Double]
      var criterionNames: [String] { [] }
      func assessment<ID>(of profile: ClientProfile<ID>) -> TargetAssessment {
        let fit = fits[String(describing: profile.id)] ?? 0
        return TargetAssessment(fit: fit, isTarget: fit >= 0.5, met: TargetCriteriaSet())
      }
      func evaluation<ID>(of profiles: ClientProfiles<ID>, bands: TargetShareBands)
        -> TargetEvaluation<ID>
      {
        TargetEvaluation(
          profiles: profiles, bands: bands, reason: { "fit \($0.fit)" },
          assessmentOfRow: { row in assessment(of: profiles.profiles[row]) })
      }
    }
    let policy = Precomputed(fits: ["a": 0.9, "b": 0.2, "c": .nan])
    let evaluation = policy.evaluation(of: try ClientProfiles(fixtureClients))
    // A NaN fit is recorded as 0, never leaked.
    #expect(Array(evaluation.fits) == [0.9, 0.2, 0, 0])
    #expect(evaluation.reason(forRow: 0) == "fit 0.9")
    #expect(evaluation.targetShare.targetCount == 1)
  }

  @Test func valueShareMatchesClientsByIdentifier() throws {
    let evaluation = try fixtureProfile().evaluation(of: try ClientProfiles(fixtureClients))
    // Targets a and c hold 600 + 100 of 1,000; the column's order differs from the base's.
    let spend = try ClientValues(ids: ["d", "c", "b", "a"], values: [0, 100, 300, 600])
    let share = try evaluation.valueShare(of: spend)
    #expect(share.targetValue == 700)
    #expect(share.totalValue == 1_000)
    #expect(share.share == 0.7)
    #expect(share.reason == "target clients hold 70% of the value (700 of 1,000)")
    // Same order: the look-up-free path gives the same answer; b missing counts as 0.
    let aligned = try ClientValues(ids: ["a", "b", "c", "d"], values: [600, 300, 100, 0])
    #expect(try evaluation.valueShare(of: aligned) == share)
    let partial = try ClientValues(ids: ["a", "c"], values: [600, 100])
    #expect(try evaluation.valueShare(of: partial).share == 1)
    let nothing = try ClientValues(ids: ["a"], values: [0])
    #expect(try evaluation.valueShare(of: nothing).share == nil)
  }

  @Test func valueShareRefusesNegativeAndUnknownValues() throws {
    let evaluation = try fixtureProfile().evaluation(of: try ClientProfiles(fixtureClients))
    let negative = try ClientValues(ids: ["a", "b"], values: [10, -1])
    #expect(throws: SegmentationError.negativeValue(at: .client("b", row: 1), value: -1)) {
      try evaluation.valueShare(of: negative)
    }
    let unknown = try ClientValues(ids: ["a", "z"], values: [10, 1])
    #expect(throws: SegmentationError.unknownClients(count: 1, example: "z")) {
      try evaluation.valueShare(of: unknown)
    }
  }

  @Test func offerPackagesAreKeyedBySegmentLabel() throws {
    let partner = try OfferPackage(
      name: "Partner", minimumPrice: 90, maximumPrice: 100, paymentTerms: "net 60")
    let standard = try OfferPackage(
      name: "Standard", minimumPrice: 100, maximumPrice: 120, paymentTerms: "prepaid")
    let packages = OfferPackages(target: partner, nonTarget: standard)
    let evaluation = try fixtureProfile().evaluation(of: try ClientProfiles(fixtureClients))
    #expect(evaluation.package(forRow: 0, in: packages) == partner)
    #expect(evaluation.package(forRow: 1, in: packages) == standard)
    #expect(packages.package(forSegment: "vip") == nil)
    #expect(throws: SegmentationError.self) {
      try OfferPackage(name: "x", minimumPrice: 5, maximumPrice: 1, paymentTerms: "")
    }
    #expect(throws: SegmentationError.self) {
      try OfferPackage(name: "x", minimumPrice: .nan, maximumPrice: 1, paymentTerms: "")
    }
  }

  @Test(arguments: [
    (0.0, TargetShareHealth.poor), (0.49, .poor), (0.5, .watch), (0.69, .watch),
    (0.7, .healthy), (1.0, .healthy),
  ])
  func shareBandsIncludeTheirLowerBound(share: Double, health: TargetShareHealth) {
    #expect(TargetShareBands.standard.health(ofShare: share) == health)
  }

  @Test func badSettingsAreRefused() {
    #expect(throws: SegmentationError.empty("target criteria")) {
      try StandardTargetProfile(criteria: [])
    }
    #expect(throws: SegmentationError.self) {
      try StandardTargetProfile(criteria: [.flag("a", weight: -1), .flag("b")])
    }
    #expect(throws: SegmentationError.self) {
      try StandardTargetProfile(criteria: [.flag("a", weight: .infinity)])
    }
    // All zero: the fit would be 0/0.
    #expect(throws: SegmentationError.self) {
      try StandardTargetProfile(criteria: [.flag("a", weight: 0), .flag("b", weight: 0)])
    }
    #expect(throws: SegmentationError.self) {
      try StandardTargetProfile(criteria: [.flag("a")], threshold: 1.5)
    }
    #expect(throws: SegmentationError.self) {
      try StandardTargetProfile(criteria: [.flag("a")], threshold: .nan)
    }
    #expect(throws: SegmentationError.self) {
      try StandardTargetProfile(criteria: (0..<65).map { .flag("f\($0)") })
    }
    #expect(throws: SegmentationError.self) {
      try TargetShareBands(poorBelow: 0.8, healthyFrom: 0.7)
    }
    #expect(throws: SegmentationError.self) { try TargetShareBands(poorBelow: -0.1) }
  }

  @Test func anEmptyBaseIsAnEmptyEvaluationAndDuplicateClientsAreRefused() throws {
    let profile = try fixtureProfile()
    let empty = profile.evaluation(of: try ClientProfiles([ClientProfile<String>]()))
    #expect(empty.isEmpty && empty.counts.total == 0)
    #expect(empty.targetShare.share == 0 && empty.targetShare.clientCount == 0)
    #expect(empty.targetShare.reason.hasPrefix("poor: 0 of 0 clients"))
    #expect(throws: SegmentationError.duplicateClient("a")) {
      try ClientProfiles([fixtureClients[0], fixtureClients[1], fixtureClients[0]])
    }
  }

  // MARK: Seeded properties

  private static func randomProfiles(count: Int, seed: UInt64) -> [ClientProfile<Int>] {
    var generator = SeededGenerator(seed: seed)
    let sectors = ["retail", "food", "tech"]
    return (0..<count).map { id in
      var attributes: [String: AttributeValue] = [:]
      if generator.nextInt(below: 5) > 0 {
        attributes["sector"] = .text(sectors[generator.nextInt(below: 3)])
      }
      if generator.nextInt(below: 5) > 0 {
        attributes["employees"] = .number(Double(generator.nextInt(below: 400)))
      }
      if generator.nextInt(below: 4) > 0 {
        attributes["payroll"] = .flag(generator.nextInt(below: 2) == 1)
      }
      let region =
        generator.nextInt(below: 4) == 0 ? nil : ["north", "south"][generator.nextInt(below: 2)]
      return ClientProfile(id: id, region: region, attributes: attributes)
    }
  }

  @Test(arguments: [1 as UInt64, 2, 3])
  func fitsSharesAndOrderHoldOnRandomBases(seed: UInt64) throws {
    let profile = try fixtureProfile(regionIsMustHave: seed == 2)
    let profiles = Self.randomProfiles(count: 500, seed: seed)
    let evaluation = profile.evaluation(of: try ClientProfiles(profiles))
    let weights = [3.0, 2, 1, 2]
    var targets = 0
    for row in profiles.indices {
      let fit = evaluation.fits[row]
      #expect(fit >= 0 && fit <= 1)
      // The fit recomputed from the met set: the weights of met criteria over 8.
      let met = evaluation.met[row]
      let expected =
        weights.indices.filter { met.contains($0) }.map { weights[$0] }
        .reduce(0, +) / 8
      #expect(fit == expected)
      if evaluation.isTarget[row] { targets += 1 }
    }
    #expect(evaluation.targetShare.targetCount == targets)
    #expect(evaluation.targetShare.share == Double(targets) / 500)
    #expect(
      evaluation.targetShare.health
        == TargetShareBands.standard.health(ofShare: Double(targets) / 500))
    // Order independence: shuffling the base changes no client's result.
    var generator = SeededGenerator(seed: seed + 100)
    let shuffled = profiles.shuffled(using: &generator)
    let other = profile.evaluation(of: try ClientProfiles(shuffled))
    for row in shuffled.indices {
      let original = evaluation.assessment(ofClient: shuffled[row].id)
      #expect(other.assessment(forRow: row) == original)
    }
    #expect(other.targetShare == evaluation.targetShare)
  }

  @Test func meetingAnExtraCriterionNeverLowersTheFit() throws {
    let profile = try fixtureProfile(regionIsMustHave: true)
    let meeting: [(inout ClientProfile<Int>) -> Void] = [
      { $0.attributes["sector"] = .text("retail") },
      { $0.attributes["employees"] = .number(120) },
      { $0.region = "north" },
      { $0.attributes["payroll"] = .flag(true) },
    ]
    for client in Self.randomProfiles(count: 300, seed: 9) {
      let before = profile.assessment(of: client)
      for make in meeting {
        var better = client
        make(&better)
        let after = profile.assessment(of: better)
        #expect(after.fit >= before.fit)
        #expect(after.met.isSuperset(of: before.met))
        #expect(!before.isTarget || after.isTarget)
      }
    }
  }

  @Test func theStandardProfileKeepsTheLaws() throws {
    let violations = TargetProfileLaws.violations(
      of: try fixtureProfile(regionIsMustHave: true),
      on: try ClientProfiles(Self.randomProfiles(count: 200, seed: 4)))
    #expect(violations.isEmpty, "\(violations)")
  }
}

extension TargetEvaluation {
  fileprivate func assessment(ofClient id: Int) -> TargetAssessment where ID == Int {
    self[client: id] ?? TargetAssessment(fit: -1, isTarget: false, met: TargetCriteriaSet())
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

@Suite("Target profile decoding")
struct TargetProfileDecodingTests {
  @Test func shareBandsDecodeOnlyWhenOrdered() throws {
    #expect(try roundTripped(TargetShareBands.standard) == .standard)
    let custom = try decoded(TargetShareBands.self, #"{"poorBelow":0.4,"healthyFrom":0.8}"#)
    #expect(custom == (try TargetShareBands(poorBelow: 0.4, healthyFrom: 0.8)))
    for json in [
      #"{"poorBelow":0.8,"healthyFrom":0.7}"#, #"{"poorBelow":-1,"healthyFrom":0.7}"#,
      #"{"poorBelow":0.5,"healthyFrom":2}"#,
    ] {
      #expect(throws: DecodingError.self) { try decoded(TargetShareBands.self, json) }
    }
  }

  @Test func offerPackagesDecodeOnlyWithAPriceRange() throws {
    let package = try OfferPackage(
      name: "Partner", minimumPrice: 90, maximumPrice: 100, paymentTerms: "net 60")
    #expect(try roundTripped(package) == package)
    let json =
      #"{"name":"Partner","minimumPrice":100,"maximumPrice":90,"paymentTerms":"net 60"}"#
    #expect(throws: DecodingError.self) { try decoded(OfferPackage.self, json) }
  }
}
