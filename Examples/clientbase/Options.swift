import ClientBase

/// The output format.
enum OutputFormat: String {
  case text
  case json
}

/// The parsed command line of `clientbase report`.
/// The purchase model behind the per-client columns.
/// The command's subcommands.
enum Subcommand: String {
  /// The full report.
  case report
  /// The hand-over plan for a leaving manager.
  case handover
}

enum ModelChoice: String, CaseIterable {
  case bgnbd
  case mbgnbd
  case paretonbd
}

struct ReportOptions: Equatable {
  var transactionsPath: String?
  var summaryPath: String?
  var asOf: Day?
  var calibrationEnd: Day?
  var unit: TimeUnit = .week
  var horizon: Double?
  /// The model `--model` forces behind the per-client columns; `nil` for the default (BG/NBD
  /// when it converged, otherwise the best converged model).
  var model: ModelChoice?
  var format: OutputFormat = .text
  /// `--discount-rate`: the discount rate per month of lifetime value.
  var discountRate = 0.01
  /// `--clv-months`: the months of lifetime value.
  var clvMonths = 12
  var clientsPath: String?
  var previousClientsPath: String?
  /// The host files named: profiles, contacts, referrals, services, life events.
  var hostFiles = HostFileOptions()
  var showHelp = false
  /// The subcommand: `report` or `handover`.
  var command = Subcommand.report
  /// `handover --manager`: the leaving manager.
  var manager: ManagerID?
  /// `handover --capacity`: the most clients any remaining manager may hold afterwards.
  var capacity: Int?

  init(parsing arguments: [String]) throws(CommandError) {
    var rest = arguments[...]
    guard let command = rest.popFirst() else { throw .usage("missing command: report") }
    if command == "--help" || command == "-h" || command == "help" {
      showHelp = true
      return
    }
    guard let subcommand = Subcommand(rawValue: command) else {
      throw .usage("unknown command '\(command)'")
    }
    self.command = subcommand
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
      case "--summary":
        summaryPath = try value(for: option)
      case "--clients":
        clientsPath = try value(for: option)
      case "--previous":
        previousClientsPath = try value(for: option)
      case "--as-of", "--calibration-end":
        let text = try value(for: option)
        let day: Day
        do {
          day = try Day(iso8601: text)
        } catch {
          throw .usage("\(option): \(error)")
        }
        // The days the library analyses: a day beyond them would make every age a value
        // thousands of years long.
        let supported = Summarizer.supportedDays
        guard supported.contains(day) else {
          throw .usage(
            "\(option): \(day) is outside the supported days "
              + "\(supported.lowerBound)...\(supported.upperBound)")
        }
        if option == "--as-of" { asOf = day } else { calibrationEnd = day }
      case "--horizon":
        let text = try value(for: option)
        guard let horizon = Double(text), horizon > 0, horizon.isFinite, horizon <= 100_000 else {
          throw .usage("--horizon must be a positive number of units, not '\(text)'")
        }
        self.horizon = horizon
      case "--discount-rate":
        let text = try value(for: option)
        guard let rate = Double(text), rate.isFinite, rate > -1, rate <= 1 else {
          throw .usage(
            "--discount-rate must be a monthly rate greater than -1 and at most 1 (0.01 is 1% "
              + "a month), not '\(text)'")
        }
        discountRate = rate
      case "--clv-months":
        let text = try value(for: option)
        guard let months = Int(text), months >= 1, months <= 1_200 else {
          throw .usage(
            "--clv-months must be a whole number of months from 1 to 1200, not '\(text)'")
        }
        clvMonths = months
      case "--model":
        let text = try value(for: option)
        guard let model = ModelChoice(rawValue: text) else {
          throw .usage("--model must be bgnbd, mbgnbd or paretonbd, not '\(text)'")
        }
        self.model = model
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
      case _ where HostFileOptions.names.contains(option):
        hostFiles.set(option, to: try value(for: option))
      case "--manager" where self.command == .handover:
        let text = try value(for: option)
        guard !text.allSatisfy(\.isWhitespace) else {
          throw .usage("--manager needs a manager's identifier")
        }
        manager = ManagerID(text)
      case "--capacity" where self.command == .handover:
        let text = try value(for: option)
        guard let capacity = Int(text), capacity >= 0, capacity <= 1_000_000_000 else {
          throw .usage(
            "--capacity must be the most clients a manager may hold, a whole number from 0, "
              + "not '\(text)'")
        }
        self.capacity = capacity
      case "--help", "-h":
        showHelp = true
      default:
        throw .usage("unknown option '\(argument)'")
      }
    }
    if self.command == .handover {
      guard manager != nil else { throw .usage("handover needs --manager ID") }
      if summaryPath != nil {
        throw .usage("handover needs purchase days: give --transactions, not --summary")
      }
      for (given, name) in [
        (calibrationEnd != nil, "--calibration-end"), (clientsPath != nil, "--clients"),
        (previousClientsPath != nil, "--previous"), (model != nil, "--model"),
        (horizon != nil, "--horizon"),
      ] where given {
        throw .usage("\(name) is an option of report, not of handover")
      }
    }
    if transactionsPath != nil, summaryPath != nil {
      throw .usage("give --transactions or --summary, not both")
    }
    if summaryPath != nil, previousClientsPath != nil {
      throw .usage("--previous compares segments, which need transactions, not a summary")
    }
    if summaryPath != nil, calibrationEnd != nil || asOf != nil {
      throw .usage("--calibration-end and --as-of need transactions, not a summary")
    }
    if let calibrationEnd, let asOf, calibrationEnd >= asOf {
      throw .usage("--calibration-end must come before --as-of")
    }
  }
}
