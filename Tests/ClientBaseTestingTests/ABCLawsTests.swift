import ClientBaseCore
import ClientBaseTesting
import Segmentation
import Testing

/// A broken ABC policy: A goes to the first 5% of rows in input order, whatever their value.
private struct FirstRowsAreA: ABCPolicy {
  func classification<ID>(of values: ClientValues<ID>) -> ABCClassification<ID> {
    let top = (values.count + 19) / 20
    return ABCClassification(measure: values, rule: .custom("first rows")) { $0 < top ? .a : .c }
  }
}

/// A broken ABC policy that is order-independent but upside down: the lowest values are A.
private struct UpsideDownABC: ABCPolicy {
  func classification<ID>(of values: ClientValues<ID>) -> ABCClassification<ID> {
    let right = StandardABC.standard.classification(of: values)
    return ABCClassification(measure: values, rule: .custom("flipped")) { row in
      let value = right.classes[row]
      return value == .a ? .c : value == .c ? .a : .b
    }
  }
}

/// A broken ABC policy: ties are broken by the identifier's text, so equal values can get
/// different classes.
private struct TieBreakingABC: ABCPolicy {
  func classification<ID>(of values: ClientValues<ID>) -> ABCClassification<ID> {
    let right = StandardABC.standard.classification(of: values)
    return ABCClassification(measure: values, rule: .custom("ties by id")) { row in
      right.classes[row] == .a && "\(values.ids[row])".hasSuffix("7") ? .b : right.classes[row]
    }
  }
}

/// A broken ABC policy that answers over other clients than it was given.
private struct ForgetfulABC: ABCPolicy {
  func classification<ID>(of values: ClientValues<ID>) -> ABCClassification<ID> {
    let fewer =
      (try? ClientValues(ids: Array(values.ids.dropLast()), values: values.values.dropLast()))
      ?? values
    return StandardABC.standard.classification(of: fewer)
  }
}

private func lawValues(count: Int, seed: UInt64) throws -> ClientValues<String> {
  var generator = SeededGenerator(seed: seed)
  let values = (0..<count).map { _ -> Double in
    let draw = generator.nextUnitDouble()
    return draw < 0.1 ? 0 : (100 / generator.nextOpenUnitDouble()).rounded()
  }
  return try ClientValues(ids: (0..<count).map { "c-\($0)" }, values: values)
}

@Suite("ABC laws")
struct ABCLawsTests {
  @Test(arguments: [1, 2] as [UInt64])
  func standardPoliciesKeepTheLaws(seed: UInt64) throws {
    let values = try lawValues(count: 2_000, seed: seed)
    #expect(ABCLaws.violations(of: StandardABC.standard, on: values, seed: seed) == [])
    #expect(ABCLaws.violations(of: StandardABC.byRank, on: values, seed: seed) == [])
  }

  @Test func anEmptySampleHasNothingToBreak() throws {
    let empty = try ClientValues(ids: [String](), values: [Double]())
    #expect(ABCLaws.violations(of: StandardABC.standard, on: empty) == [])
    #expect(StandardABC.standard.classification(of: empty).isEmpty)
  }

  @Test func anOrderDependentPolicyFails() throws {
    let values = try lawValues(count: 500, seed: 3)
    let violations = ABCLaws.violations(of: FirstRowsAreA(), on: values)
    let shuffled = try #require(violations.first { $0.law == "order independence" })
    #expect(violations.contains { $0.law == "monotone" })
    // The violation names the client by its identifier and shows its value as passed in.
    let client = try #require(shuffled.client)
    let row = try #require(values.row(for: client))
    #expect(client.hasPrefix("c-"))
    #expect(shuffled.values.first == .init("value", "\(values.values[row])"))
    #expect(shuffled.description.hasPrefix("order independence: client \(client): "))
  }

  @Test func anUpsideDownPolicyFailsMonotonicityOnly() throws {
    let violations = ABCLaws.violations(of: UpsideDownABC(), on: try lawValues(count: 500, seed: 4))
    #expect(!violations.isEmpty)
    #expect(violations.count <= 5)
    #expect(violations.allSatisfy { $0.law == "monotone" })
    // "client c-12: more value than client c-40 but a lower class (value = …, class = B, …)".
    let first = try #require(violations.first)
    #expect(first.message.hasPrefix("more value than client c-"))
    #expect(first.values.map(\.name).prefix(2) == ["value", "class"])
    let own = try #require(ABCClass(rawValue: first.values[1].value))
    let other = try #require(ABCClass(rawValue: first.values[3].value))
    #expect(own < other)
    let value = try #require(Double(first.values[0].value))
    let otherValue = try #require(Double(first.values[2].value))
    #expect(value > otherValue)
  }

  @Test func aPolicyThatSplitsTiesFails() throws {
    // Two clients, c-7 and c-8, with the same (largest) value: both A by the standard rule,
    // split by the identifier here.
    let values = try ClientValues(ids: ["c-7", "c-8", "c-9"], values: [50, 50, 1])
    let violations = ABCLaws.violations(of: TieBreakingABC(), on: values)
    let tie = try #require(violations.first { $0.law == "equal values, equal classes" })
    #expect(tie.client == "c-8" || tie.client == "c-7")
    #expect(tie.message.contains("the same value as client c-"))
    #expect(ABCLaws.violations(of: StandardABC.standard, on: values) == [])
  }

  @Test("a violation reads as LawViolation's documentation shows it")
  func theDocumentedDescription() throws {
    /// A below 1,000, B from it: more value, a lower class.
    struct BelowAThousandIsA: ABCPolicy {
      func classification<ID>(of values: ClientValues<ID>) -> ABCClassification<ID> {
        ABCClassification(measure: values, rule: .custom("below 1,000 is A")) { row in
          values.values[row] < 1_000 ? .a : .b
        }
      }
    }
    let values = try ClientValues(ids: ["c-3", "c-7"], values: [950, 1_200])
    let violations = ABCLaws.violations(of: BelowAThousandIsA(), on: values)
    #expect(
      violations.map(\.description) == [
        "monotone: client c-7: more value than client c-3 but a lower class (value = 1200.0, "
          + "class = B, value of client c-3 = 950.0, class of client c-3 = A)"
      ])
  }

  @Test func aPolicyOverOtherClientsFailsItsShape() throws {
    let violations = ABCLaws.violations(of: ForgetfulABC(), on: try lawValues(count: 50, seed: 5))
    #expect(violations.count == 1)
    #expect(violations.first?.law == "one class per row")
  }
}
