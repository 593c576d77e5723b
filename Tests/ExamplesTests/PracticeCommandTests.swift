import Testing

@testable import clientbase

@Suite("clientbase report and handover: lifecycle, coverage and the hand-over plan")
struct PracticeCommandTests {
  /// A small export: four clients of two managers, with contacts, profiles and a referral.
  static let files = [
    "t.csv": """
    client_id,date,amount
    a,2026-01-05,100
    a,2026-02-05,100
    a,2026-03-05,100
    a,2026-04-05,100
    a,2026-05-05,100
    a,2026-06-05,100
    a,2026-07-05,100
    b,2026-01-10,50
    b,2026-07-01,50
    c,2026-06-01,30
    d,2026-02-01,40
    d,2026-03-01,40
    """,
    "p.csv": """
    client_id,manager,region
    a,m-1,north
    b,m-1,north
    c,m-2,south
    d,m-1,south
    """,
    "c.csv": """
    client_id,date,manager,channel,outcome
    a,2026-06-01,m-2,call,reached
    c,2026-06-02,m-2,meeting,sale
    x,2026-06-03,m-2,call,interested
    """,
    "r.csv": """
    client_id,referred_id,date
    a,c,2026-05-20
    """,
  ]

  static let hostFiles = [
    "--transactions", "t.csv", "--profiles", "p.csv", "--contacts", "c.csv", "--referrals",
    "r.csv", "--as-of", "2026-07-10",
  ]

  @Test("lifecycle counts add up to the clients, prospects apart; stages fill --clients")
  func lifecycleSection() throws {
    final class Box: @unchecked Sendable { var files: [String: [UInt8]] = [:] }
    let written = Box()
    var environment = memoryEnvironment(Self.files)
    environment.writeFile = { path, bytes in written.files[path] = bytes }
    let result = runCommand(
      ["report", "--format", "json", "--clients", "out.csv"] + Self.hostFiles,
      environment: environment)
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try jsonObject(result.output)
    let lifecycle = try #require(object["lifecycle"] as? [String: Any])
    let counts = try #require(lifecycle["counts"] as? [String: Int])
    #expect(
      Set(counts.keys) == ["new", "repeat", "regular", "partner", "atRisk", "lapsed", "wonBack"])
    #expect(counts.values.reduce(0, +) == object["clients"] as? Int)
    // x was contacted and never bought.
    #expect(lifecycle["prospects"] as? Int == 1)
    // c bought once; a bought monthly for seven months and recommended c, but the regular
    // run needs 180 days: a is regular at most, and its stage is in --clients.
    #expect(counts["new"] == 1)
    let csv = String(decoding: try #require(written.files["out.csv"]), as: UTF8.self)
    var stages: [String: String] = [:]
    for line in csv.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      stages[String(fields[0])] = String(fields[9])
    }
    #expect(stages["c"] == "new")
    #expect(stages["a"] == "regular" || stages["a"] == "partner")
    #expect(stages.values.allSatisfy { counts[$0] != nil })
  }

  @Test("coverage per manager: m-1 alone deals with b and d, a and c are shared or m-2's")
  func coverageSection() throws {
    let result = runCommand(
      ["report", "--format", "json"] + Self.hostFiles, environment: memoryEnvironment(Self.files))
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try jsonObject(result.output)
    let coverage = try #require(object["coverage"] as? [String: Any])
    let managers = try #require(coverage["managers"] as? [[String: Any]])
    let byName = Dictionary(
      uniqueKeysWithValues: managers.compactMap { entry in
        (entry["manager"] as? String).map { ($0, entry) }
      })
    let first = try #require(byName["m-1"])
    let second = try #require(byName["m-2"])
    // m-1 owns a, b and d; m-2 called a, so only b and d depend on m-1 alone.
    #expect(first["clients"] as? Int == 3)
    #expect(first["soleClients"] as? Int == 2)
    #expect(second["soleClients"] as? Int == 1)  // c
    // Sole value is net spend a year: b spent 100 over its stretch, d 80; each counts as at
    // least a year's worth, so the sum is at least their spend.
    let soleValue = try #require(first["soleValue"] as? Double)
    #expect(soleValue >= 180 - 0.01)
  }

  @Test("handover: every exposed client assigned once or listed unassigned, within capacity")
  func handoverPlan() throws {
    let result = runCommand(
      ["handover", "--manager", "m-1", "--format", "json"] + Self.hostFiles,
      environment: memoryEnvironment(Self.files))
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try jsonObject(result.output)
    #expect(object["manager"] as? String == "m-1")
    let exposed = try #require(object["exposed"] as? [String: Any])
    let assignments = try #require(object["assignments"] as? [[String: Any]])
    let unassigned = try #require(object["unassigned"] as? [[String: Any]])
    #expect(exposed["clients"] as? Int == 3)
    #expect(assignments.count + unassigned.count == 3)
    let assigned = assignments.compactMap { $0["client_id"] as? String }
    #expect(Set(assigned).count == assigned.count)
    #expect(assignments.allSatisfy { $0["to"] as? String == "m-2" })
    // a goes to m-2, who already knows it, and the reason says so.
    let a = try #require(assignments.first { $0["client_id"] as? String == "a" })
    #expect((a["reason"] as? String)?.contains("knows the client") == true)

    // With room for one more client only, m-2 (who holds c) takes one; the rest wait.
    let tight = runCommand(
      ["handover", "--manager", "m-1", "--capacity", "2", "--format", "json"] + Self.hostFiles,
      environment: memoryEnvironment(Self.files))
    #expect(tight.exitCode == 0, "\(tight.error)")
    let plan = try jsonObject(tight.output)
    let placed = try #require(plan["assignments"] as? [[String: Any]])
    let waiting = try #require(plan["unassigned"] as? [[String: Any]])
    #expect(placed.count == 1)
    #expect(waiting.count == 2)
    #expect(waiting.allSatisfy { ($0["reason"] as? String)?.isEmpty == false })

    // No capacity left: every exposed client is unassigned, with the reason.
    let none = runCommand(
      ["handover", "--manager", "m-1", "--capacity", "0"] + Self.hostFiles,
      environment: memoryEnvironment(Self.files))
    #expect(none.exitCode == 0, "\(none.error)")
    #expect(none.output.contains("assigned: 0") && none.output.contains("unassigned: 3"))
  }

  @Test("handover's bad input: an unknown manager, no --manager, a summary, no host data")
  func handoverBadInput() {
    let environment = memoryEnvironment(Self.files)
    let unknown = runCommand(
      ["handover", "--manager", "m-9"] + Self.hostFiles, environment: environment)
    #expect(unknown.exitCode == 1)
    #expect(unknown.error.contains("m-9") && unknown.error.contains("not on the team"))
    #expect(unknown.output.isEmpty)
    let missing = runCommand(["handover"] + Self.hostFiles, environment: environment)
    #expect(missing.exitCode == 2 && missing.error.contains("--manager"))
    let summary = runCommand(
      ["handover", "--manager", "m-1", "--summary", "s.csv"], environment: environment)
    #expect(summary.exitCode == 2 && summary.error.contains("--summary"))
    let bare = runCommand(
      ["handover", "--manager", "m-1", "--transactions", "t.csv"], environment: environment)
    #expect(bare.exitCode == 2 && bare.error.contains("--profiles or --contacts"))
    let option = runCommand(
      ["handover", "--manager", "m-1", "--clients", "o.csv"], environment: environment)
    #expect(option.exitCode == 2 && option.error.contains("not of handover"))
    let capacity = runCommand(
      ["report", "--capacity", "3"], environment: environment)
    #expect(capacity.exitCode == 2 && capacity.error.contains("unknown option"))
  }

  @Test("the sample's team hands a manager's clients over, never back to that manager")
  func handoverOnTheSample() throws {
    let result = runCommand(
      ["handover", "--manager", "m-005", "--format", "json"], environment: memoryEnvironment([:]))
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try jsonObject(result.output)
    let exposed = try #require(object["exposed"] as? [String: Any])
    let count = try #require(exposed["clients"] as? Int)
    let assignments = try #require(object["assignments"] as? [[String: Any]])
    let unassigned = try #require(object["unassigned"] as? [[String: Any]])
    #expect(count > 0)
    #expect(assignments.count + unassigned.count == count)
    #expect(!assignments.contains { $0["to"] as? String == "m-005" })
  }

  @Test("a contact by a manager off the sample's roster is refused with its file and line")
  func unknownManagerLine() {
    let contacts = """
      client_id,date,manager,channel,outcome
      c00001,2026-06-01,m-001,call,reached
      c00002,2026-06-02,m-999,call,reached
      """
    let result = runCommand(
      ["report", "--contacts", "c.csv"], environment: memoryEnvironment(["c.csv": contacts]))
    #expect(result.exitCode == 1)
    #expect(result.error.contains("c.csv: line 3") && result.error.contains("m-999"))
    #expect(result.output.isEmpty)
  }
}
