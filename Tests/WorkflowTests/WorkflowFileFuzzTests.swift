import DataFiles
import Foundation
import FuzzSupport
import PropertyBased
import Testing
import Workflow

/// Damaged workflow files — lines dropped, doubled or cut, bytes changed where YAML and the
/// reader are most sensitive — are refused with the file, a line inside it and a message, or read;
/// the reader never traps. A bounded run here (`make test`); `THIDUA_FUZZ_RUNS` makes it longer.
@Suite struct WorkflowFileFuzzTests {
    static let runs = Int(ProcessInfo.processInfo.environment["THIDUA_FUZZ_RUNS"] ?? "") ?? 400
    static let files: [(String, String)] = try! FileManager.default.contentsOfDirectory(atPath: ShippedWorkflows.directory.path)
        .filter { $0.hasSuffix(".yaml") && $0.contains("@") }.sorted()
        .map { ($0, try String(contentsOf: ShippedWorkflows.directory.appendingPathComponent($0), encoding: .utf8)) }

    @Test func aDamagedWorkflowFileIsRefusedWithItsLineOrRead() async {
        await propertyCheck(count: Self.runs, input: Gen.int(in: 0...1_000_000).array(of: 1...6)) { seeds in
            let (name, text) = Self.files[seeds[0] % Self.files.count]
            let damaged = TextDamage.apply(seeds, to: text)
            do {
                _ = try WorkflowReader.read(damaged, file: name)
            } catch let error as DataFileError {
                #expect(error.file == name)
                #expect((1...(damaged.split(separator: "\n", omittingEmptySubsequences: false).count + 1)).contains(error.line), "\(error)")
                #expect(!error.message.isEmpty)
            } catch {
                Issue.record("not a data file error: \(error)")
            }
        }
    }
}
