import ClientBase
import Foundation

/// What a run of the command produced.
struct CommandResult: Equatable {
  var exitCode: Int32
  var output: String
  var error: String
}

/// The command's access to the outside world, replaceable in tests.
struct CommandEnvironment: Sendable {
  /// Reads a whole file.
  var readFile: @Sendable (String) throws -> [UInt8]
  /// Writes a whole file.
  var writeFile: @Sendable (String, [UInt8]) throws -> Void

  /// The real file system.
  static let process = CommandEnvironment(
    readFile: { path in
      guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandError.unreadableFile(path)
      }
      return [UInt8](data)
    },
    writeFile: { path, bytes in
      guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
        throw CommandError.unwritableFile(path)
      }
    })
}

/// Errors the command reports to the user, with the exit code 2 for usage and 1 for data.
enum CommandError: Error, Equatable, CustomStringConvertible {
  case usage(String)
  case unreadableFile(String)
  case unwritableFile(String)
  case badInput(String)

  var description: String {
    switch self {
    case .usage(let message): return message
    case .unreadableFile(let path): return "cannot read \(path)"
    case .unwritableFile(let path): return "cannot write \(path)"
    case .badInput(let message): return message
    }
  }

  var exitCode: Int32 {
    if case .usage = self { return 2 }
    return 1
  }
}

let usage = """
  usage: clientbase report [--transactions FILE.csv | --summary FILE.csv]
                           [--as-of DAY] [--calibration-end DAY] [--unit day|week]
                           [--horizon N] [--model bgnbd|mbgnbd|paretonbd]
                           [--discount-rate R] [--clv-months N]
                           [--format text|json] [--clients OUT.csv]
                           [--previous CLIENTS.csv]
                           [--profiles FILE.csv] [--contacts FILE.csv]
                           [--referrals FILE.csv] [--services FILE.csv]
                           [--life-events FILE.csv]

         clientbase handover --manager ID [--transactions FILE.csv] [--as-of DAY]
                           [host files] [--capacity N] [--format text|json]

  With no input option, analyses an embedded, seeded sample base.
    --transactions FILE   a CSV export with the header client_id,date,amount
                          (extra columns ignored, RFC 4180 quoting, ISO dates)
    --summary FILE        per-client rows frequency,recency,T (optional client_id,
                          monetary_value, weight), in --unit; with n_periods instead
                          of T the rows are discrete-time and BG/BB is fitted
    --as-of DAY           the day of the analysis (default: the last day in the data);
                          later purchases are left out; days from 1900-01-01 to
                          9999-12-31
    --calibration-end DAY fit on purchases up to DAY, predict the days after it up
                          to --as-of and compare with what happened
    --unit day|week       the time unit of the models (default: week)
    --horizon N           units ahead for expected purchases (default: the holdout
                          with --calibration-end, else 52 weeks or 365 days)
    --model NAME          the model behind the per-client columns (default: bgnbd);
                          the report fits and shows all of them
    --discount-rate R     lifetime value's discount rate per month (default: 0.01)
    --clv-months N        lifetime value's months (default: 12); a month is
                          365.25/12 = 30.4375 days
    --format text|json    the output format (default: text); money is printed
                          rounded to cents in both
    --clients OUT.csv     write one row per client (with its ABC class and RFM
                          segment when the input is transactions)
    --previous FILE.csv   a previous run's --clients file: report who moved
                          between ABC classes since

  Host files (CSV with a header; with no input option they come from the sample):
    --profiles FILE       client_id and optional birthday (MM-DD or YYYY-MM-DD),
                          manager, region, since; other columns are attributes
    --contacts FILE       client_id,date,manager,channel,outcome; channel call,
                          meeting, visit, mail or message; outcome not-reached,
                          reached, interested, declined or sale
    --referrals FILE      client_id,referred_id,date: client_id recommended
                          referred_id (a self-referral is an error)
    --services FILE       client_id,service: one row per non-commodity service used
    --life-events FILE    client_id,date,kind

  handover: who leaves with a manager and who takes each client over (needs
  --profiles or --contacts with --transactions; the sample has both)
    --manager ID          the leaving manager
    --capacity N          the most clients any remaining manager may hold after
                          the hand-over (default: the team's own, the sample's
                          roster; no limit for a team read from files)

  """

/// Runs `clientbase` with its arguments (without the program name).
func runCommand(_ arguments: [String], environment: CommandEnvironment) -> CommandResult {
  do {
    let options = try ReportOptions(parsing: arguments)
    if options.showHelp { return CommandResult(exitCode: 0, output: usage, error: "") }
    if options.command == .handover {
      let plan = try HandoverReport(options, environment: environment)
      let output = options.format == .json ? plan.renderJSON() : plan.renderText()
      return CommandResult(exitCode: 0, output: output, error: "")
    }
    let report = try makeReport(options, environment: environment)
    let output: String
    switch options.format {
    case .text: output = report.renderText()
    case .json: output = report.renderJSON()
    }
    // Write the per-client file before printing anything, so a failure prints nothing.
    if let path = options.clientsPath {
      do {
        try environment.writeFile(
          path, Array(report.retention.clientsCSV(segments: report.segments).utf8))
      } catch {
        throw CommandError.unwritableFile(path)
      }
    }
    return CommandResult(exitCode: 0, output: output, error: "")
  } catch let error as CommandError {
    let suffix = error.exitCode == 2 ? "\n\n" + usage : "\n"
    return CommandResult(
      exitCode: error.exitCode, output: "", error: "clientbase: \(error)" + suffix)
  } catch {
    return CommandResult(exitCode: 1, output: "", error: "clientbase: \(error)\n")
  }
}
