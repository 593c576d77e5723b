import ClientBase
import ClientBaseTesting
import Foundation

/// The host data of issue 11: a synthetic base of 1M clients with its team, contacts,
/// prospects, referrals and services; switching barriers over it; and a contacts file of 1M
/// rows read by the library's decoder.
func hostDataBenchmarks() throws {
  let clients = Settings.current.clients?.first ?? 1_000_000
  let configuration = try SyntheticBaseConfiguration(
    clients: clients, acquisitionStart: Day(daysSince1970: 20_089), acquisitionWindowDays: 365,
    asOf: Day(daysSince1970: 20_757), seed: 31)
  var stats = try measure(runs: 3) {
    blackHole(try SyntheticBase(configuration: configuration).contacts.count)
  }
  let base = try SyntheticBase(configuration: configuration)
  report(
    "synthetic.host-data", stats, work: Double(clients), unit: "clients/s",
    extra: [
      "clients": clients, "events": base.log.count, "contacts": base.contacts.count,
      "referrals": base.referrals.count, "services": base.services.count,
    ])

  let index = try ClientIndex(Array(0..<clients))
  stats = try measure(runs: 5) {
    blackHole(try ServiceUsage(clients: index, uses: base.services).count)
  }
  report(
    "barriers.usage", stats, work: Double(base.services.count), unit: "uses/s",
    extra: ["clients": clients, "uses": base.services.count])
  let evidence = try BarrierLaws.sampleEvidence(from: base)
  for threads in Settings.current.threads ?? [1, 2] {
    stats = try measure(runs: 9) {
      blackHole(StandardBarriers.standard.barriers(in: evidence, threadCount: threads).count)
    }
    report(
      "barriers", stats, work: Double(clients), unit: "clients/s",
      extra: ["clients": clients, "threads": threads])
  }

  // A contacts export of the base's first million contacts, read with the closed vocabulary
  // of the command.
  var text = "client_id,date,manager,channel,outcome\n"
  for contact in base.contacts.prefix(1_000_000) {
    text +=
      "c\(contact.client),\(contact.day),\(contact.manager),\(contact.channel),"
      + "\(contact.outcome)\n"
  }
  let bytes = Array(text.utf8)
  let decoder = ContactCSVDecoder(
    channels: ContactCSVDecoder.listedChannels, outcomes: ContactCSVDecoder.listedOutcomes)
  let rows = min(base.contacts.count, 1_000_000)
  stats = try measure(runs: 3) {
    blackHole(try decoder.decode(bytes).count)
  }
  report(
    "hostfiles.contacts-csv", stats, work: Double(rows), unit: "rows/s",
    extra: ["rows": rows, "bytes": bytes.count])
}
