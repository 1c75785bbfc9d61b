import DataFiles
import Foundation
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

/// Damage done to a text file the way people and tools do it, driven by seeds (so a failure
/// shrinks to the fewest, smallest changes).
enum TextDamage {
    static let sensitive: [String] = [
        ":", "-", " ", "  ", "\t", "\"", "'", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "%", "@", "\n", "ä", "Đ", "\u{0}", "-1",
        "999999999999999999999", "null", "~", "yes", "",
    ]

    static func apply(_ seeds: [Int], to text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for seed in seeds.dropFirst() where !lines.isEmpty {
            let line = seed % lines.count
            switch (seed / 7) % 6 {
            case 0: lines.remove(at: line)
            case 1: lines.insert(lines[line], at: line)
            case 2: lines[line] = String(lines[line].prefix((seed / 11) % (lines[line].count + 1)))
            case 3:
                // A sensitive character put in the middle of a line.
                var characters = Array(lines[line])
                let at = characters.isEmpty ? 0 : (seed / 13) % characters.count
                characters.insert(contentsOf: sensitive[(seed / 17) % sensitive.count], at: at)
                lines[line] = String(characters)
            case 4:
                // A value replaced after its key.
                if let colon = lines[line].firstIndex(of: ":") {
                    lines[line] = String(lines[line][...colon]) + " " + sensitive[(seed / 19) % sensitive.count]
                }
            default: lines = Array(lines.prefix(line))
            }
        }
        return lines.joined(separator: "\n")
    }
}
