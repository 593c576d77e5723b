import ClientBaseTesting
import Foundation
import Testing

@testable import clientbase

/// A summary file of 2,000 clients with first purchases spread over two years (weeks), one in
/// 100 buying again two to five times: BG/NBD and MBG/NBD cannot identify drop-out there, and
/// Pareto/NBD converges.
func mostlyOneTimeSummary(seed: UInt64) -> String {
  var rng = SeededGenerator(seed: seed)
  var text = "client_id,frequency,recency,T\n"
  for i in 0..<2_000 {
    let first = rng.nextInt(below: 700)
    var x = 0
    var recency = 0.0
    if i % 100 == 0 {
      let days = 2 + rng.nextInt(below: 4)
      var purchaseDays: Set<Int> = [first]
      while purchaseDays.count < days {
        purchaseDays.insert(first + rng.nextInt(below: 730 - first))
      }
      x = days - 1
      recency = Double(purchaseDays.max()! - first) / 7
    }
    text += "c\(i),\(x),\(recency),\(Double(730 - first) / 7)\n"
  }
  return text
}

/// A `--clients` file kept in memory.
final class WrittenFiles: @unchecked Sendable {
  var files: [String: [UInt8]] = [:]

  func text(_ path: String) -> String? {
    files[path].map { String(decoding: $0, as: UTF8.self) }
  }
}

func writingEnvironment(_ files: [String: String], into written: WrittenFiles)
  -> CommandEnvironment
{
  var environment = memoryEnvironment(files)
  environment.writeFile = { path, bytes in written.files[path] = bytes }
  return environment
}

@Suite("clientbase report: model verdicts")
struct ModelVerdictCommandTests {
  let threeRows = "frequency,recency,T\n3,5,10\n2,3,8\n1,1,9\n"

  @Test("three rows: no model claims convergence, per-client figures are left empty")
  func threeRowsSummary() throws {
    let written = WrittenFiles()
    let environment = writingEnvironment(["s.csv": threeRows], into: written)
    let result = runCommand(
      ["report", "--summary", "s.csv", "--format", "json", "--clients", "out.csv"],
      environment: environment)
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try jsonObject(result.output)
    let models = try #require(object["models"] as? [String: [String: Any]])
    for key in ["bgnbd", "mbgnbd", "paretonbd"] {
      #expect(models[key]?["converged"] as? Bool == false, "\(key)")
      let reason = try #require(models[key]?["reason"] as? String, "\(key)")
      #expect(reason.contains("ran off towards infinity"), "\(key): \(reason)")
    }
    let retention = try #require(object["retention"] as? [String: Any])
    #expect(retention["model"] is NSNull && retention["bestFit"] is NSNull)
    #expect(retention["expectedAlive"] is NSNull && retention["lifetimeValue"] is NSNull)
    let warnings = try #require(object["warnings"] as? [String])
    #expect(warnings.count == 1)
    #expect(warnings.first?.hasPrefix("no purchase model converged") == true)
    // The --clients file keeps its rows and columns, the model's columns empty.
    let csv = try #require(written.text("out.csv"))
    let lines = csv.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[1] == "row 2,3,5.0,10.0,,,,,,,")

    let text = runCommand(["report", "--summary", "s.csv"], environment: environment)
    #expect(text.exitCode == 0)
    #expect(text.output.contains("BG/NBD      "))
    #expect(text.output.contains("NOT CONVERGED: r and α ran off towards infinity together"))
    #expect(text.output.contains("  warning: no purchase model converged"))
    #expect(text.output.contains("  per-client figures: none (no converged model to base them on)"))
    #expect(!text.output.contains("expected alive now"))
  }

  @Test("--model forces a model that did not converge, with a warning")
  func forcedModel() throws {
    let written = WrittenFiles()
    let environment = writingEnvironment(["s.csv": threeRows], into: written)
    let result = runCommand(
      [
        "report", "--summary", "s.csv", "--model", "bgnbd", "--format", "json", "--clients",
        "out.csv",
      ], environment: environment)
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try jsonObject(result.output)
    let retention = try #require(object["retention"] as? [String: Any])
    #expect(retention["model"] as? String == "bgnbd")
    let warnings = try #require(object["warnings"] as? [String])
    #expect(warnings.count == 1)
    #expect(warnings.first?.hasPrefix("--model bgnbd: BG/NBD did not converge: ") == true)
    // Forced, the model's figures are written: P(alive) 1 for everyone seen buying lately.
    let csv = try #require(written.text("out.csv"))
    let fields = csv.split(separator: "\n")[1].split(
      separator: ",", omittingEmptySubsequences: false)
    let pAlive = try #require(Double(fields[4]))
    #expect(pAlive > 0 && pAlive <= 1)
    let text = runCommand(
      ["report", "--summary", "s.csv", "--model", "bgnbd"], environment: environment)
    #expect(text.output.contains("  warning: --model bgnbd: BG/NBD did not converge"))
    #expect(text.output.contains("  per-client figures from bgnbd"))
  }

  @Test("BG/NBD not converged: per-client figures from the best converged model, with a warning")
  func fallbackToBestConverged() throws {
    let environment = memoryEnvironment(["s.csv": mostlyOneTimeSummary(seed: 1)])
    let result = runCommand(
      ["report", "--summary", "s.csv", "--format", "json"], environment: environment)
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try jsonObject(result.output)
    let models = try #require(object["models"] as? [String: [String: Any]])
    #expect(models["bgnbd"]?["converged"] as? Bool == false)
    #expect(models["mbgnbd"]?["converged"] as? Bool == false)
    #expect(models["paretonbd"]?["converged"] as? Bool == true)
    #expect(models["paretonbd"]?["reason"] == nil)
    let retention = try #require(object["retention"] as? [String: Any])
    #expect(retention["model"] as? String == "paretonbd")
    #expect(retention["bestFit"] as? String == "paretonbd")
    #expect((retention["expectedAlive"] as? Double ?? 0) > 0)
    let warnings = try #require(object["warnings"] as? [String])
    #expect(warnings.count == 1)
    let warning = try #require(warnings.first)
    #expect(warning.hasPrefix("BG/NBD did not converge: "), "\(warning)")
    #expect(
      warning.hasSuffix(
        "per-client figures come from Pareto/NBD, the best converged model by log-likelihood and AIC"
      ))
    // The best fit is chosen among converged models only: BG/NBD's log-likelihood is higher
    // here, but it did not converge.
    let bgLogLikelihood = try #require(models["bgnbd"]?["logLikelihood"] as? Double)
    let paretoLogLikelihood = try #require(models["paretonbd"]?["logLikelihood"] as? Double)
    #expect(bgLogLikelihood > paretoLogLikelihood)
  }

  @Test("the best fit by log-likelihood and AIC among converged models (CDNOW: MBG/NBD)")
  func bestFit() throws {
    let environment = memoryEnvironment(["cdnow.csv": try fixture("cdnow_summary.csv")])
    let result = runCommand(
      ["report", "--summary", "cdnow.csv", "--format", "json"], environment: environment)
    let object = try jsonObject(result.output)
    let models = try #require(object["models"] as? [String: [String: Any]])
    // AIC = 2k − 2 ln L with k = 4 for each purchase model; none for the spend model, which
    // is fitted to other observations.
    var aic: [String: Double] = [:]
    for key in ["bgnbd", "mbgnbd", "paretonbd"] {
      let logLikelihood = try #require(models[key]?["logLikelihood"] as? Double)
      aic[key] = try #require(models[key]?["aic"] as? Double)
      #expect(aic[key] == 8 - 2 * logLikelihood)
    }
    #expect(models["gammagamma"]?["aic"] == nil)
    // MBG/NBD −9582.13 beats BG/NBD −9582.43 and Pareto/NBD −9594.97 on CDNOW.
    let retention = try #require(object["retention"] as? [String: Any])
    #expect(retention["bestFit"] as? String == "mbgnbd")
    #expect(aic.min { $0.value < $1.value }?.key == "mbgnbd")
    // The default model still behind the per-client columns: BG/NBD converged.
    #expect(retention["model"] as? String == "bgnbd")
    #expect((object["warnings"] as? [String])?.isEmpty == true)
    let text = runCommand(["report", "--summary", "cdnow.csv"], environment: environment)
    #expect(
      text.output.contains(
        "  best fit: MBG/NBD (log-likelihood -9582.13, AIC 19172.27; AIC of the other converged "
          + "models: BG/NBD 19172.85, Pareto/NBD 19197.95)"))
  }

  @Test("with a holdout: per-client mean absolute and total error for every model, and the best")
  func holdoutErrors() throws {
    let result = runCommand(
      ["report", "--calibration-end", "2026-03-31", "--format", "json"],
      environment: memoryEnvironment([:]))
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try jsonObject(result.output)
    let holdout = try #require(object["holdout"] as? [String: Any])
    let actual = Double(try #require(holdout["actual"] as? Int))
    let predicted = try #require(holdout["predicted"] as? [String: Double])
    let absolute = try #require(holdout["meanAbsoluteError"] as? [String: Double])
    let total = try #require(holdout["totalError"] as? [String: Double])
    let clients = try #require(object["clients"] as? Int)
    #expect(Set(absolute.keys) == ["bgnbd", "mbgnbd", "paretonbd"])
    for (key, error) in total {
      #expect(abs(error - (predicted[key, default: .nan] - actual)) < 1e-9, "\(key)")
      // A mean of absolute errors is at least the absolute mean error.
      let mean = try #require(absolute[key])
      #expect(mean >= abs(error) / Double(clients) && mean < 5, "\(key): \(mean)")
    }
    // The best prediction is the smallest per-client error among converged models.
    let best = try #require(holdout["best"] as? String)
    #expect(absolute[best] == absolute.values.min())
    let text = runCommand(
      ["report", "--calibration-end", "2026-03-31"], environment: memoryEnvironment([:]))
    #expect(text.output.contains("  holdout error per model (per-client mean absolute, total):"))
    #expect(
      text.output.contains("  best holdout prediction: \(best) (per-client mean absolute error"))
  }

  @Test("BG/BB on one row: marked not converged, figures empty, the report still printed")
  func discreteNotConverged() throws {
    let environment = memoryEnvironment(["d.csv": "frequency,recency,n_periods\n3,5,6\n"])
    let result = runCommand(
      ["report", "--summary", "d.csv", "--format", "json"], environment: environment)
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try jsonObject(result.output)
    let bgbb = try #require((object["models"] as? [String: [String: Any]])?["bgbb"])
    #expect(bgbb["converged"] as? Bool == false)
    #expect((bgbb["reason"] as? String)?.contains("α and β ran off towards infinity") == true)
    let retention = try #require(object["retention"] as? [String: Any])
    #expect(retention["model"] is NSNull && retention["expectedAlive"] is NSNull)
    #expect((object["warnings"] as? [String])?.first?.hasPrefix("BG/BB did not converge") == true)
  }

  @Test("a spend model that did not converge leaves lifetime values empty, with a warning")
  func spendNotConverged() throws {
    // The mostly-one-time base, its repeaters' purchases all worth z ~ Gamma(4, 0.2): one
    // spend rate for everybody, so Gamma-Gamma's q and v run off together.
    var rng = SeededGenerator(seed: 9)
    let purchase = try GammaDistribution(shape: 4, rate: 0.2)
    var lines = mostlyOneTimeSummary(seed: 1).split(separator: "\n").map(String.init)
    lines[0] += ",monetary_value"
    for i in 1..<lines.count {
      let x = Int(lines[i].split(separator: ",")[1]) ?? 0
      var total = 0.0
      for _ in 0..<x { total += purchase.sample(using: &rng) }
      lines[i] += x > 0 ? ",\(total / Double(x))" : ",0"
    }
    let environment = memoryEnvironment(["s.csv": lines.joined(separator: "\n") + "\n"])
    let result = runCommand(
      ["report", "--summary", "s.csv", "--format", "json"], environment: environment)
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try jsonObject(result.output)
    let spend = try #require((object["models"] as? [String: [String: Any]])?["gammagamma"])
    #expect(spend["converged"] as? Bool == false, "\(spend)")
    let retention = try #require(object["retention"] as? [String: Any])
    #expect(retention["model"] as? String == "paretonbd")
    #expect(retention["lifetimeValue"] is NSNull)
    let warnings = try #require(object["warnings"] as? [String])
    #expect(warnings.contains { $0.hasPrefix("Gamma-Gamma did not converge, so lifetime values") })
  }
}
