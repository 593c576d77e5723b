import ClientBase
import ClientBaseTesting

/// The host files named on the command line: the options `report`, `plan` and `handover`
/// share (`--profiles`, `--contacts`, `--referrals`, `--services`, `--life-events`).
struct HostFileOptions: Equatable {
  var profilesPath: String?
  var contactsPath: String?
  var referralsPath: String?
  var servicesPath: String?
  var lifeEventsPath: String?

  /// The options, as the command line spells them.
  static let names: Set<String> = [
    "--profiles", "--contacts", "--referrals", "--services", "--life-events",
  ]

  /// Records the path `value` for the host-file option `option`, one of ``names``.
  mutating func set(_ option: String, to value: String) {
    switch option {
    case "--profiles": profilesPath = value
    case "--contacts": contactsPath = value
    case "--referrals": referralsPath = value
    case "--services": servicesPath = value
    default: lifeEventsPath = value
    }
  }

  /// Whether no host file was named.
  var isEmpty: Bool { self == HostFileOptions() }
}

/// Rows of one host file, or of the embedded sample's host data: the values, where they came
/// from, and each row's line when they came from a file.
struct HostRows<Value> {
  var values: [Value]
  /// The file's path, or "embedded sample".
  var source: String
  /// The line of each value's row in the file, or `nil` for the sample.
  var lines: [Int]?

  init(_ rows: CSVRows<Value>, source: String) {
    values = rows.values
    self.source = source
    lines = rows.lines
  }

  init(sample values: [Value]) {
    self.values = values
    source = "embedded sample"
    lines = nil
  }

  /// Where row `row` is, for a message: `contacts.csv: line 7`, or the source alone.
  func place(ofRow row: Int) -> String {
    guard let lines, lines.indices.contains(row) else { return source }
    return "\(source): line \(lines[row])"
  }

  var count: Int { values.count }
}

/// The host data a run works with beside the purchases; each part is `nil` when it was
/// neither given nor part of the embedded sample.
struct HostData {
  var profiles: HostRows<ClientProfile<String>>?
  var contacts: HostRows<Contact<String>>?
  var referrals: HostRows<Referral<String>>?
  var services: HostRows<ServiceUse<String>>?
  var lifeEvents: HostRows<LifeEvent<String>>?
  /// The team with capacities, known only for the embedded sample (the host files name
  /// managers but not their capacity: that comes from `--capacity`).
  var team: [SyntheticManager] = []

  /// Whether any host data was loaded.
  var isEmpty: Bool {
    profiles == nil && contacts == nil && referrals == nil && services == nil
      && lifeEvents == nil
  }

  /// The distinct managers named by the profiles and contacts.
  var managerCount: Int {
    var managers = Set<ManagerID>()
    for profile in profiles?.values ?? [] {
      if let manager = profile.manager { managers.insert(manager) }
    }
    for contact in contacts?.values ?? [] { managers.insert(contact.manager) }
    return managers.count
  }

  /// One line on what was loaded: "600 profiles, 9,412 contacts by 20 managers, 312
  /// referrals, 1,910 service uses, 1,204 life events".
  var summary: String {
    var parts: [String] = []
    func add(_ count: Int?, _ noun: String) {
      guard let count else { return }
      parts.append("\(NumberText.grouped(count)) \(noun)\(count == 1 ? "" : "s")")
    }
    add(profiles?.count, "profile")
    if let contacts {
      let managers = managerCount
      parts.append(
        "\(NumberText.grouped(contacts.count)) contact\(contacts.count == 1 ? "" : "s") "
          + "by \(NumberText.grouped(managers)) manager\(managers == 1 ? "" : "s")")
    }
    add(referrals?.count, "referral")
    add(services?.count, "service use")
    add(lifeEvents?.count, "life event")
    return parts.joined(separator: ", ")
  }
}

/// Reads the host files named in `options` with the library's decoders; a file not named
/// comes from the embedded sample when the purchases do (`sample`), and is absent otherwise.
///
/// Contacts are read with the channels and outcomes the command documents (a closed
/// vocabulary), so a typing slip is reported at its line. The first bad row of any file
/// stops the run with the file, line and column.
func loadHostData(
  _ options: HostFileOptions, sample: SyntheticBase?, environment: CommandEnvironment
) throws -> HostData {
  func read<Value>(
    _ path: String?, _ decode: ([UInt8]) throws(CSVError) -> CSVRows<Value>
  ) throws -> HostRows<Value>? {
    guard let path else { return nil }
    let bytes: [UInt8]
    do {
      bytes = try environment.readFile(path)
    } catch {
      throw CommandError.unreadableFile(path)
    }
    do {
      return HostRows(try decode(bytes), source: path)
    } catch {
      throw CommandError.badInput("\(path): \(error)")
    }
  }
  let contactDecoder = ContactCSVDecoder(
    channels: ContactCSVDecoder.listedChannels, outcomes: ContactCSVDecoder.listedOutcomes)
  var host = HostData(
    profiles: try read(options.profilesPath) { bytes throws(CSVError) in
      try ProfileCSVDecoder().decode(bytes)
    },
    contacts: try read(options.contactsPath) { bytes throws(CSVError) in
      try contactDecoder.decode(bytes)
    },
    referrals: try read(options.referralsPath) { bytes throws(CSVError) in
      try ReferralCSVDecoder().decode(bytes)
    },
    services: try read(options.servicesPath) { bytes throws(CSVError) in
      try ServiceCSVDecoder().decode(bytes)
    },
    lifeEvents: try read(options.lifeEventsPath) { bytes throws(CSVError) in
      try LifeEventCSVDecoder().decode(bytes)
    })
  guard let sample else { return host }
  let clients = sample.clients.count
  let id = { (index: Int) in sampleHostID(index, clients: clients) }
  host.team = sample.managers
  if host.profiles == nil {
    host.profiles = HostRows(
      sample: sample.profiles.map { profile in
        ClientProfile(
          id: id(profile.id), birthday: profile.birthday, manager: profile.manager,
          region: profile.region, since: profile.since, attributes: profile.attributes)
      })
  }
  if host.contacts == nil {
    host.contacts = HostRows(
      sample: sample.contacts.map { contact in
        Contact(
          client: id(contact.client), day: contact.day, manager: contact.manager,
          channel: contact.channel, outcome: contact.outcome)
      })
  }
  if host.referrals == nil {
    host.referrals = HostRows(
      sample: sample.referrals.map {
        Referral(client: id($0.client), referred: id($0.referred), day: $0.day)
      })
  }
  if host.services == nil {
    host.services = HostRows(
      sample: sample.services.map { ServiceUse(client: id($0.client), service: $0.service) })
  }
  if host.lifeEvents == nil {
    host.lifeEvents = HostRows(
      sample: sample.lifeEvents.map {
        LifeEvent(client: id($0.client), day: $0.day, kind: $0.kind)
      })
  }
  return host
}

/// The identifier of a sample client (`c00042`) or, past the clients, of a sample prospect
/// (`p00007`).
func sampleHostID(_ index: Int, clients: Int) -> String {
  guard index >= clients else { return sampleID(index) }
  let digits = String(index - clients)
  return "p" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
}
