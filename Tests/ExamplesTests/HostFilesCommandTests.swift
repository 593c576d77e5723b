import ClientBase
import Foundation
import Testing

@testable import clientbase

/// `report --profiles/--contacts/--referrals/--services/--life-events`: the host files are
/// read with the library's decoders; a bad row stops the run with file, line and column.
@Suite("clientbase report: host files")
struct HostFilesCommandTests {
  static let transactions = """
    client_id,date,amount
    a,2024-01-01,10
    a,2024-02-01,7
    b,2024-01-03,20
    b,2024-03-01,12
    c,2024-02-10,30

    """

  static let files: [String: String] = [
    "t.csv": transactions,
    "profiles.csv": "client_id,birthday,manager,region,since,sector\na,03-14,m-1,north,,retail\n"
      + "b,,m-2,south,2023-12-01,\n",
    "contacts.csv": "client_id,date,manager,channel,outcome\na,2024-01-05,m-1,call,reached\n"
      + "b,2024-01-06,m-2,meeting,interested\np,2024-02-01,m-2,visit,not-reached\n",
    "referrals.csv": "client_id,referred_id,date\na,b,2024-01-02\n",
    "services.csv": "client_id,service\na,credit-line\na,online-ordering\n",
    "events.csv": "client_id,date,kind\nb,2024-02-02,relocation\n",
  ]

  static let allFiles = [
    "--transactions", "t.csv", "--profiles", "profiles.csv", "--contacts", "contacts.csv",
    "--referrals", "referrals.csv", "--services", "services.csv", "--life-events", "events.csv",
  ]

  @Test("good files are loaded and summed up in one line of text and in JSON")
  func goodLoad() throws {
    let environment = memoryEnvironment(Self.files)
    let text = runCommand(["report"] + Self.allFiles, environment: environment)
    #expect(text.exitCode == 0, "\(text.error)")
    #expect(
      text.output.contains(
        "host data: 2 profiles, 3 contacts by 2 managers, 1 referral, 2 service uses, "
          + "1 life event\n"))
    let json = runCommand(["report", "--format", "json"] + Self.allFiles, environment: environment)
    #expect(json.exitCode == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
    let host = try #require(object["hostData"] as? [String: Any])
    let contacts = try #require(host["contacts"] as? [String: Any])
    #expect(contacts["rows"] as? Int == 3)
    #expect(contacts["managers"] as? Int == 2)
    #expect(contacts["source"] as? String == "contacts.csv")
    #expect((host["services"] as? [String: Any])?["rows"] as? Int == 2)

    // The loaded rows reach the report with their lines, for the sections that use them.
    let options = try ReportOptions(parsing: ["report"] + Self.allFiles)
    let report = try makeReport(options, environment: environment)
    #expect(report.host.contacts?.values.map(\.client) == ["a", "b", "p"])
    #expect(report.host.contacts?.place(ofRow: 2) == "contacts.csv: line 4")
    #expect(report.host.profiles?.values[1].since == (try Day(iso8601: "2023-12-01")))
    #expect(report.host.referrals?.values.first?.referred == "b")
    // Without transactions' sample, files not given are absent: no sample data mixed in.
    let partial = try makeReport(
      try ReportOptions(parsing: [
        "report", "--transactions", "t.csv", "--services", "services.csv",
      ]),
      environment: environment)
    #expect(partial.host.contacts == nil && partial.host.profiles == nil)
    #expect(partial.host.services?.count == 2)
  }

  @Test(
    "a bad contacts row is reported with its file, line and column, and nothing is printed",
    arguments: [
      ("p,2024-02-01,m-2,vist,not-reached", "contacts.csv: line 4, column 4 (channel): 'vist'"),
      ("p,2024-02-30,m-2,visit,not-reached", "contacts.csv: line 4, column 2 (date)"),
      ("p,2024-02-01,m-2,visit,maybe", "contacts.csv: line 4, column 5 (outcome): 'maybe'"),
      ("p,2024-02-01,,visit,reached", "contacts.csv: line 4, column 3 (manager)"),
      ("p,2024-02-01,m-2,visit", "contacts.csv: line 4, column 5: the row has 4 fields"),
    ])
  func badContactsRow(_ row: String, _ message: String) {
    var files = Self.files
    files["contacts.csv"] =
      "client_id,date,manager,channel,outcome\na,2024-01-05,m-1,call,reached\n\n\(row)\n"
    let result = runCommand(["report"] + Self.allFiles, environment: memoryEnvironment(files))
    #expect(result.exitCode == 1)
    #expect(result.output.isEmpty)
    #expect(result.error.contains(message), "\(result.error)")
  }

  @Test("bad rows of the other host files name their file, line and column")
  func otherBadFiles() {
    let cases = [
      (
        "profiles.csv", "client_id,birthday\na,02-30\n", "profiles.csv: line 2, column 2 (birthday)"
      ),
      ("profiles.csv", "client_id\na\na\n", "profiles.csv: line 3, column 1 (client_id)"),
      (
        "referrals.csv", "client_id,referred_id,date\na,a,2024-01-02\n",
        "referrals.csv: line 2, column 2 (referred_id)"
      ),
      ("services.csv", "client_id,service\na,\n", "services.csv: line 2, column 2 (service)"),
      (
        "events.csv", "client_id,date\na,2024-01-01\n",
        "events.csv: line 1: the header has no column 'kind'"
      ),
    ]
    for (name, text, message) in cases {
      var files = Self.files
      files[name] = text
      let result = runCommand(["report"] + Self.allFiles, environment: memoryEnvironment(files))
      #expect(result.exitCode == 1)
      #expect(result.output.isEmpty)
      #expect(result.error.contains(message), "\(result.error)")
    }
    // A host file that cannot be read, and an option without its value.
    let missing = runCommand(
      ["report", "--transactions", "t.csv", "--contacts", "nowhere.csv"],
      environment: memoryEnvironment(Self.files))
    #expect(missing.exitCode == 1)
    #expect(missing.error.contains("cannot read nowhere.csv"))
    let usage = runCommand(["report", "--contacts"], environment: memoryEnvironment(Self.files))
    #expect(usage.exitCode == 2)
    #expect(usage.error.contains("--contacts needs a value"))
  }

  @Test("the embedded sample carries the sample's host data: managers, prospects, services")
  func sampleHostData() throws {
    let options = try ReportOptions(parsing: ["report"])
    let report = try makeReport(options, environment: memoryEnvironment([:]))
    let host = report.host
    // 3,000 clients and 600 prospects (20%), all with profiles.
    #expect(host.profiles?.count == 3_600)
    #expect(host.profiles?.values.last?.id == "p00599")
    #expect(host.team.count == 20)
    #expect(host.managerCount == 20)
    #expect((host.contacts?.count ?? 0) > 5_000)
    #expect(host.contacts?.values.contains { $0.client.hasPrefix("p") } == true)
    #expect((host.referrals?.count ?? 0) > 100)
    #expect((host.services?.count ?? 0) > 1_000)
    #expect(host.contacts?.place(ofRow: 0) == "embedded sample")
    let text = runCommand(["report"], environment: memoryEnvironment([:]))
    #expect(text.output.contains("\nhost data: 3,600 profiles, "))
  }
}
