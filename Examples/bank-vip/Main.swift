import Foundation

/// `bank-vip`: a bank's VIP card tiers walked over a year of month-end balances.
///
/// The logic lives in ``bankVIPReport(seed:clients:)``; this entry point prints its text.
@main
struct BankVIPMain {
  static func main() async {
    do {
      let report = try await bankVIPReport()
      FileHandle.standardOutput.write(Data(report.utf8))
    } catch {
      FileHandle.standardError.write(Data("bank-vip: \(error)\n".utf8))
      exit(1)
    }
  }
}
