import ClientBase

/// The output format.
enum OutputFormat: String {
  case text
  case json
}

/// The parsed command line of `clientbase report`.
struct ReportOptions: Equatable {
  var transactionsPath: String?
  var asOf: Day?
  var unit: TimeUnit = .week
  var format: OutputFormat = .text
  var showHelp = false

  /// Options of the design's contract that later capabilities implement.
  static let reserved: Set<String> = [
    "--summary", "--calibration-end", "--horizon", "--model", "--clients",
  ]

  init(parsing arguments: [String]) throws(CommandError) {
    var rest = arguments[...]
    guard let command = rest.popFirst() else { throw .usage("missing command: report") }
    if command == "--help" || command == "-h" || command == "help" {
      showHelp = true
      return
    }
    guard command == "report" else { throw .usage("unknown command '\(command)'") }
    func value(for option: String) throws(CommandError) -> String {
      guard let value = rest.popFirst(), !value.hasPrefix("--") else {
        throw .usage("\(option) needs a value")
      }
      return value
    }
    while let argument = rest.popFirst() {
      // Accept --option=value as well as --option value.
      var option = argument
      if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        option = String(argument[..<equals])
        rest.insert(String(argument[argument.index(after: equals)...]), at: rest.startIndex)
      }
      switch option {
      case "--transactions":
        transactionsPath = try value(for: option)
      case "--as-of":
        let text = try value(for: option)
        do {
          asOf = try Day(iso8601: text)
        } catch {
          throw .usage("--as-of: \(error)")
        }
      case "--unit":
        let text = try value(for: option)
        guard let unit = TimeUnit(rawValue: text) else {
          throw .usage("--unit must be day or week, not '\(text)'")
        }
        self.unit = unit
      case "--format":
        let text = try value(for: option)
        guard let format = OutputFormat(rawValue: text) else {
          throw .usage("--format must be text or json, not '\(text)'")
        }
        self.format = format
      case "--help", "-h":
        showHelp = true
      default:
        if ReportOptions.reserved.contains(option) {
          throw .usage("\(option) is not available in this build of clientbase")
        }
        throw .usage("unknown option '\(argument)'")
      }
    }
  }
}
