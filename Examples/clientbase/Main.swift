import Foundation

/// `clientbase`: analyse a client base from the command line.
///
/// The logic lives in ``runCommand(_:environment:)``; this entry point only wires it to the
/// process: arguments in, one block of output out, an exit code.
@main
struct ClientBaseMain {
  static func main() {
    let result = runCommand(Array(CommandLine.arguments.dropFirst()), environment: .process)
    // The whole output was built before anything is written: nothing is half-printed.
    if !result.output.isEmpty {
      FileHandle.standardOutput.write(Data(result.output.utf8))
    }
    if !result.error.isEmpty {
      FileHandle.standardError.write(Data(result.error.utf8))
    }
    exit(result.exitCode)
  }
}
