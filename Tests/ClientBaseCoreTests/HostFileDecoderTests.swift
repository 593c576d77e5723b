import Testing

@testable import ClientBaseCore

/// The place an error names: line, column and column name, or the header's line for a
/// problem of the header.
private func place(of error: CSVError) -> String {
  switch error {
  case .invalidField(let line, let column, let name, _, _): return "\(line):\(column):\(name)"
  case .tooFewFields(let line, let column, _, _): return "\(line):\(column)"
  case .tooManyFields(let line, let column, _): return "\(line):\(column)"
  case .missingColumn(let name, _, let line): return "\(line):missing \(name)"
  case .duplicateColumn(let name, _, let line): return "\(line):duplicate \(name)"
  case .unterminatedQuote(let line): return "\(line):quote"
  case .textAfterClosingQuote(let line, let column): return "\(line):\(column):quote"
  case .emptyInput: return "empty"
  }
}

/// Decodes with `decode` and returns the place of the error, or `nil` when it decoded.
private func failure<Value>(_ decode: () throws(CSVError) -> Value) -> String? {
  do {
    _ = try decode()
    return nil
  } catch {
    return place(of: error)
  }
}

@Suite("Host-file decoders")
struct HostFileDecoderTests {
  // MARK: Profiles

  @Test("profiles: known columns, blanks as nil, attributes typed, lines kept")
  func goodProfiles() throws {
    let text = """
      client_id,birthday,manager,region,since,sector,employees,vip,code
      c-1,03-14,m-01, north ,2019-05-02,retail,40,yes,007
      c-2,,,,,wholesale,,,

      c-3,1980-02-29,m-02,south,,"a, b", -3.5e1 ,FALSE,x
      c-4,--12-31,m-01,north,,,,,
      """
    let profiles = try ProfileCSVDecoder().decode(text)
    #expect(profiles.count == 4)
    #expect(profiles.lines == [2, 3, 5, 6])
    let first = profiles[0]
    #expect(first.id == "c-1")
    #expect(first.birthday == (try MonthDay(month: 3, day: 14)))
    #expect(first.manager == "m-01")
    #expect(first.region == "north")
    #expect(first.since == (try Day(iso8601: "2019-05-02")))
    #expect(
      first.attributes == [
        "sector": .text("retail"), "employees": .number(40), "vip": .flag(true),
        "code": .number(7),
      ])
    let second = profiles[1]
    #expect(second.birthday == nil && second.manager == nil && second.region == nil)
    #expect(second.since == nil)
    #expect(second.attributes == ["sector": .text("wholesale")])
    // A leap-day birthday from a full date keeps its month and day.
    #expect(profiles[2].birthday == (try MonthDay(month: 2, day: 29)))
    #expect(
      profiles[2].attributes == [
        "sector": .text("a, b"), "employees": .number(-35), "vip": .flag(false),
        "code": .text("x"),
      ])
    #expect(profiles[3].birthday == (try MonthDay(month: 12, day: 31)))
    // Without inference every attribute is text, as it is.
    let plain = try ProfileCSVDecoder(infersAttributeTypes: false).decode(text)
    #expect(plain[0].attributes["code"] == .text("007"))
    #expect(plain[2].attributes["employees"] == .text(" -3.5e1 "))
    // Bytes decode as the string does.
    #expect(try ProfileCSVDecoder().decode(Array(text.utf8)) == profiles)
  }

  @Test(
    "profiles: every bad row names its line, column and column name",
    arguments: [
      ("client_id,birthday\nc-1,02-30\n", "2:2:birthday"),
      ("client_id,birthday\nc-1,13-01\n", "2:2:birthday"),
      ("client_id,birthday\nc-1,00-10\n", "2:2:birthday"),
      ("client_id,birthday\nc-1,2023-02-29\n", "2:2:birthday"),
      ("client_id,birthday\nc-1,3/14\n", "2:2:birthday"),
      ("client_id,birthday\nc-1, 03-14\n", "2:2:birthday"),
      ("client_id,since\nc-1,2024-1-1\n", "2:2:since"),
      ("client_id,manager\nc-1,\"m\u{1}\"\n", "2:2:manager"),
      ("client_id\n\"  \"\n", "2:1:client_id"),
      ("client_id\nc-1\n\nc-1\n", "4:1:client_id"),
      ("birthday\n03-14\n", "1:missing client_id"),
      ("client_id,region,region\nc-1,a,b\n", "1:duplicate region"),
      ("client_id,x,x\nc-1,a,b\n", "1:duplicate x"),
      ("client_id,region\nc-1,a,b\n", "2:3"),
      ("client_id,region\nc-1\n", "2:2"),
    ])
  func badProfiles(_ text: String, _ expected: String) {
    #expect(failure { () throws(CSVError) in try ProfileCSVDecoder().decode(text) } == expected)
  }

  @Test("profiles: the reasons say what is wrong")
  func profileReasons() {
    #expect(
      throws: CSVError.invalidField(
        line: 2, column: 2, name: "birthday", text: "02-30",
        reason: "no such day: month 02 has 29 days at most")
    ) {
      _ = try ProfileCSVDecoder().decode("client_id,birthday\nc-1,02-30\n")
    }
    #expect(
      throws: CSVError.invalidField(
        line: 3, column: 1, name: "client_id", text: "c-1",
        reason: "a second profile for this client (the first is on line 2)")
    ) {
      _ = try ProfileCSVDecoder().decode("client_id\nc-1\nc-1\n")
    }
  }

  // MARK: Contacts

  @Test("contacts: every row kept, duplicates and prospects included, names trimmed")
  func goodContacts() throws {
    let text = """
      client_id,date,manager,channel,outcome,note
      c-1,2026-03-02,m-01,call,reached,first
      c-1,2026-03-02,m-01,call,reached,again
      p-7,2026-03-03,m-02, visit ,interested,"door, left"
      """
    let contacts = try ContactCSVDecoder().decode(text)
    #expect(contacts.count == 3)
    #expect(contacts.lines == [2, 3, 4])
    #expect(contacts[0] == contacts[1])
    #expect(
      contacts[2]
        == Contact(
          client: "p-7", day: try Day(iso8601: "2026-03-03"), manager: "m-02", channel: .visit,
          outcome: .interested))
    // Open sets by default: a host's own channel is read.
    let own = try ContactCSVDecoder().decode(
      "client_id,date,manager,channel,outcome\nc-1,2026-01-01,m-1,whatsapp,left-voicemail\n")
    #expect(own[0].channel == Channel(rawValue: "whatsapp"))
    #expect(own[0].outcome == ContactOutcome(rawValue: "left-voicemail"))
  }

  @Test(
    "contacts: every bad row names its line, column and column name",
    arguments: [
      ("c-1,2026-02-30,m-1,call,reached", "3:2:date"),
      ("c-1,,m-1,call,reached", "3:2:date"),
      ("c-1,2026-01-01,,call,reached", "3:3:manager"),
      ("c-1,2026-01-01,\" \",call,reached", "3:3:manager"),
      ("c-1,2026-01-01,m-1,,reached", "3:4:channel"),
      ("c-1,2026-01-01,m-1,meting,reached", "3:4:channel"),
      ("c-1,2026-01-01,m-1,call,reachd", "3:5:outcome"),
      ("c-1,2026-01-01,m-1,call,\"\t\"", "3:5:outcome"),
      (",2026-01-01,m-1,call,reached", "3:1:client_id"),
      ("c-1,2026-01-01,m-1,call", "3:5"),
    ])
  func badContacts(_ row: String, _ expected: String) {
    let text = "client_id,date,manager,channel,outcome\nc-0,2026-01-01,m-1,mail,sale\n\(row)\n"
    let closed = ContactCSVDecoder(
      channels: ContactCSVDecoder.listedChannels, outcomes: ContactCSVDecoder.listedOutcomes)
    #expect(failure { () throws(CSVError) in try closed.decode(text) } == expected)
  }

  @Test("contacts: a closed vocabulary names what it accepts; a missing column is refused")
  func contactVocabulary() {
    let closed = ContactCSVDecoder(channels: ContactCSVDecoder.listedChannels)
    #expect(
      throws: CSVError.invalidField(
        line: 2, column: 4, name: "channel", text: "meting",
        reason: "not one of the channels accepted: call, mail, meeting, message, visit")
    ) {
      _ = try closed.decode(
        "client_id,date,manager,channel,outcome\nc-1,2026-01-01,m-1,meting,reached\n")
    }
    // Outcomes stay open when only the channels are closed.
    #expect(
      failure { () throws(CSVError) in
        try closed.decode(
          "client_id,date,manager,channel,outcome\nc-1,2026-01-01,m-1,call,maybe\n")
      } == nil)
    #expect(
      failure { () throws(CSVError) in
        try ContactCSVDecoder().decode("client_id,date,manager,channel\n")
      } == "1:missing outcome")
  }

  // MARK: Referrals, services, life events

  @Test("referrals: duplicates kept, a self-referral refused at its referred_id")
  func referrals() throws {
    let text = """
      client_id,referred_id,date
      c-1,c-9,2026-02-11
      c-1,c-9,2026-02-11
      c-1,c-9,2026-03-01
      c-2,p-4,2026-05-30
      """
    let referrals = try ReferralCSVDecoder().decode(text)
    #expect(referrals.count == 4)
    #expect(
      referrals[3] == Referral(client: "c-2", referred: "p-4", day: try Day(iso8601: "2026-05-30")))
    #expect(
      failure { () throws(CSVError) in
        try ReferralCSVDecoder().decode(text + "\nc-5,c-5,2026-06-01\n")
      } == "6:2:referred_id")
    #expect(
      failure { () throws(CSVError) in
        try ReferralCSVDecoder().decode("client_id,referred_id,date\nc-1,c-2,2026-13-01\n")
      } == "2:3:date")
    #expect(
      failure { () throws(CSVError) in
        try ReferralCSVDecoder().decode("client_id,referred_id,date\nc-1,,2026-01-01\n")
      } == "2:2:referred_id")
    #expect(
      failure { () throws(CSVError) in try ReferralCSVDecoder().decode("client_id,date\n") }
        == "1:missing referred_id")
  }

  @Test("services: names trimmed and open, duplicates kept, blanks refused")
  func services() throws {
    let text = "client_id,service\nc-1,credit-line\nc-1, credit-line\nc-2,extended-warranty\n"
    let uses = try ServiceCSVDecoder().decode(text)
    #expect(uses.map(\.service) == [.creditLine, .creditLine, "extended-warranty"])
    #expect(uses.map(\.client) == ["c-1", "c-1", "c-2"])
    #expect(
      failure { () throws(CSVError) in
        try ServiceCSVDecoder().decode("client_id,service\nc-1,credit-line\nc-2,\n")
      } == "3:2:service")
    #expect(
      failure { () throws(CSVError) in
        try ServiceCSVDecoder().decode("client_id,service,service\nc-1,a,b\n")
      } == "1:duplicate service")
  }

  @Test("life events: predefined and the host's own kinds; bad dates refused")
  func lifeEvents() throws {
    let text = "client_id,date,kind\nc-1,2026-04-01,relocation\nc-2,2026-04-03,retirement\n"
    let events = try LifeEventCSVDecoder().decode(text)
    #expect(events.map(\.kind) == [.relocation, LifeEventKind(rawValue: "retirement")])
    #expect(events.lines == [2, 3])
    #expect(
      failure { () throws(CSVError) in
        try LifeEventCSVDecoder().decode("client_id,date,kind\nc-1,2026-04-31,child\n")
      } == "2:2:date")
  }

  @Test("an empty input and a header alone")
  func emptyInputs() throws {
    #expect(failure { () throws(CSVError) in try ServiceCSVDecoder().decode("") } == "empty")
    #expect(try ServiceCSVDecoder().decode("client_id,service\n").isEmpty)
    #expect(try ProfileCSVDecoder().decode("client_id\n").isEmpty)
  }

  @Test("a day at a quoted field's line break is reported on the line it starts")
  func multiLineRows() {
    let text =
      "client_id,date,kind,note\nc-1,2026-01-01,child,\"two\nlines\"\nc-2,2026-02-30,child,x\n"
    #expect(
      failure { () throws(CSVError) in try LifeEventCSVDecoder().decode(text) } == "4:2:date")
  }
}
