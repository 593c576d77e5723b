import Foundation
import Segmentation
import Testing

/// The debug description of a `DecodingError.dataCorrupted`, or `nil` for any other outcome.
private func corruption(_ decode: () throws -> Void) -> String? {
  do {
    try decode()
  } catch DecodingError.dataCorrupted(let context) {
    return context.debugDescription
  } catch {
    return nil
  }
  return nil
}

@Suite("Policies as data")
struct PolicyCodableTests {
  @Test func tierPolicyRoundTrips() throws {
    let policy = StandardTiers()
    let data = try JSONEncoder().encode(policy)
    #expect(try JSONDecoder().decode(StandardTiers.self, from: data) == policy)
    // The shape the policy's documentation gives: one key, the ladder's own encoding under it.
    let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(Set(document.keys) == ["ladder"])
    let ladder = try #require(document["ladder"] as? [String: Any])
    #expect(Set(ladder.keys) == ["baseName", "baseEntitlements", "tiers"])
    let gold = try TierLadder(tiers: [TierDefinition(name: "gold", entryThreshold: 1_000)])
    let custom = StandardTiers(ladder: gold)
    #expect(custom != policy)
    let decoded = try JSONDecoder().decode(
      StandardTiers.self, from: try JSONEncoder().encode(custom))
    #expect(decoded.ladder.definitions.map(\.name) == ["gold"])
    #expect(decoded == custom)
  }

  /// The bank-cards ladder with its second tier's entry raised above the third's: the ladder's
  /// own check refuses it, so the policy's decoding does too.
  @Test func tierPolicyDecodingChecksTheLadder() throws {
    let data = try JSONEncoder().encode(StandardTiers())
    var document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var ladder = try #require(document["ladder"] as? [String: Any])
    var tiers = try #require(ladder["tiers"] as? [[String: Any]])
    tiers[1]["entryThreshold"] = 100_000_000
    ladder["tiers"] = tiers
    document["ladder"] = ladder
    let bad = try JSONSerialization.data(withJSONObject: document)
    let message = corruption { _ = try JSONDecoder().decode(StandardTiers.self, from: bad) }
    // The ladder's check names the threshold that is not above the previous tier's.
    #expect(message?.contains("entry") == true)
  }

  @Test func risingStarPolicyRoundTrips() throws {
    let policy = try StandardRisingStars(window: 9, horizonPeriods: 2, minimumPeriods: 4)
    let data = try JSONEncoder().encode(policy)
    let decoded = try JSONDecoder().decode(StandardRisingStars.self, from: data)
    #expect(decoded == policy)
    #expect(decoded != StandardRisingStars.standard)
    #expect(decoded.window == 9 && decoded.horizonPeriods == 2 && decoded.minimumPeriods == 4)
  }

  /// minimumPeriods 8 above window 6 fails the initialiser's check; horizon 0 the other one.
  @Test(
    arguments: [
      (#"{"window":6,"horizonPeriods":4,"minimumPeriods":8}"#, "minimumPeriods"),
      (#"{"window":6,"horizonPeriods":0,"minimumPeriods":3}"#, "horizonPeriods"),
    ])
  func risingStarPolicyDecodingChecksTheFields(document: String, field: String) {
    let message = corruption {
      _ = try JSONDecoder().decode(StandardRisingStars.self, from: Data(document.utf8))
    }
    #expect(message?.contains(field) == true)
  }

  @Test func valueClassPoliciesRoundTrip() throws {
    let abc = try StandardABC(rule: .rank(a: 0.1, b: 0.2))
    let xyz = try StandardXYZ(xBound: 0.15, yBound: 0.4, minimumPeriods: 4)
    let rfm = try StandardRFM(recencyScoring: .edges([30, 90, 180, 365]))
    let encoder = JSONEncoder()
    let decoder = JSONDecoder()
    #expect(try decoder.decode(StandardABC.self, from: encoder.encode(abc)) == abc)
    #expect(
      try decoder.decode(StandardABC.self, from: encoder.encode(StandardABC.byRank)) == .byRank)
    #expect(try decoder.decode(StandardXYZ.self, from: encoder.encode(xyz)) == xyz)
    #expect(try decoder.decode(StandardRFM.self, from: encoder.encode(rfm)) == rfm)
    #expect(
      try decoder.decode(StandardRFM.self, from: encoder.encode(StandardRFM.standard)) == .standard)
  }

  /// Each document fails the initialiser's check on the named setting, so decoding refuses it.
  @Test(
    arguments: [
      (#"{"rule":{"custom":{"_0":"by hand"}}}"#, "custom"),
      (#"{"rule":{"valueShare":{"a":0.9,"b":0.2}}}"#, "100%"),
      (#"{"rule":{"rank":{"a":0,"b":0.2}}}"#, "rank a"),
    ])
  func abcPolicyDecodingChecksTheRule(document: String, field: String) {
    let message = corruption {
      _ = try JSONDecoder().decode(StandardABC.self, from: Data(document.utf8))
    }
    #expect(message?.contains(field) == true)
  }

  @Test func xyzPolicyDecodingChecksTheBounds() {
    let document =
      #"{"xBound":0.3,"yBound":0.2,"minimumPeriods":3,"startsAtFirstActivePeriod":false}"#
    let message = corruption {
      _ = try JSONDecoder().decode(StandardXYZ.self, from: Data(document.utf8))
    }
    #expect(message?.contains("yBound") == true)
  }

  /// The standard policy with money edges that do not increase.
  @Test func rfmPolicyDecodingChecksTheScorings() throws {
    let data = try JSONEncoder().encode(StandardRFM.standard)
    var document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    document["monetaryScoring"] = ["edges": ["_0": [1, 3, 2, 4]]]
    let bad = try JSONSerialization.data(withJSONObject: document)
    let message = corruption { _ = try JSONDecoder().decode(StandardRFM.self, from: bad) }
    #expect(message?.contains("monetaryScoring") == true)
  }
}
