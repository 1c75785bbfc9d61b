import DataFiles
import Foundation
import FuzzSupport
import PropertyBased
import Scoring
import Testing

/// Damaged criteria sets are refused with the file, a line inside it and a message, or read;
/// the reader never traps. Bounded here; `THIDUA_FUZZ_RUNS` makes it longer.
@Suite struct CriteriaFileFuzzTests {
    static let runs = Int(ProcessInfo.processInfo.environment["THIDUA_FUZZ_RUNS"] ?? "") ?? 400
    static let files: [(String, String)] = try! FileManager.default.contentsOfDirectory(atPath: ShippedSets.directory.path)
        .filter { $0.hasSuffix(".yaml") }.sorted()
        .map { ($0, try String(contentsOf: ShippedSets.directory.appendingPathComponent($0), encoding: .utf8)) }

    static let sensitive: [String] = [
        ":", "-", " ", "\t", "\"", "[", "]", "{", "}", "#", "&", "*", "|", ">", "%", "\n", "Đ", "\u{0}", "-1", "0", "1e400", "999999999999999999999",
        "null", "~", "no", "",
    ]

    @Test func aDamagedCriteriaSetIsRefusedWithItsLineOrRead() async {
        await propertyCheck(count: Self.runs, input: Gen.int(in: 0...1_000_000).array(of: 1...6)) { seeds in
            let (name, text) = Self.files[seeds[0] % Self.files.count]
            let damaged = TextDamage.apply(seeds, to: text, sensitive: Self.sensitive)
            do {
                _ = try CriteriaSetReader.read(damaged, file: name)
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
