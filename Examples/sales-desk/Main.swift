import Foundation

/// `sales-desk`: a seller's month planned from the practice's own figures, and the base of
/// prospects after one, two and three months.
///
/// The logic lives in ``salesDeskReport(seed:)``; this entry point prints its text.
@main
struct SalesDeskMain {
  static func main() {
    do {
      FileHandle.standardOutput.write(Data(try salesDeskReport().utf8))
    } catch {
      FileHandle.standardError.write(Data("sales-desk: \(error)\n".utf8))
      exit(1)
    }
  }
}
