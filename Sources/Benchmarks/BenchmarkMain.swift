import Foundation
import Logging
import PostgresNIO
import Scoring
import Storage

/// `thidua-bench`: the performance targets of the issues, measured (run by `make bench`, release
/// build). Prints a Markdown table for docs/benchmarks.md.
@main
struct BenchmarkMain {
    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        // The child process of the CSV comparison: one parser, one file.
        if arguments.first == "csv-one", arguments.count == 3 {
            try CSVBenchmark.one(Array(arguments)[1], path: Array(arguments)[2])
            return
        }
        let only = Set(arguments.filter { !$0.hasPrefix("--") })
        var results: [(String, String, String)] = []
        let repository = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)

        if only.isEmpty || only.contains("scoring") {
            results += try ScoringBenchmark(criteria: repository.appendingPathComponent("criteria")).run()
        }
        if only.isEmpty || only.contains("workflow") {
            results += try WorkflowBenchmark(workflows: repository.appendingPathComponent("workflows")).run()
        }
        if only.isEmpty || only.contains("export") {
            results += ExportBenchmark().run()
        }
        if only.isEmpty || only.contains("csv") {
            let rows = Int(ProcessInfo.processInfo.environment["THIDUA_BENCH_ROWS"] ?? "") ?? 1_000_000
            results += try CSVBenchmark(rows: rows).run()
        }
        if only.isEmpty || only.contains("transitions") {
            guard let url = ProcessInfo.processInfo.environment["THIDUA_BENCH_DATABASE_URL"] else {
                print("THIDUA_BENCH_DATABASE_URL is not set: run `make bench`, which starts a throw-away cluster.")
                exit(1)
            }
            let environment = ProcessInfo.processInfo.environment
            let seconds = Int(environment["THIDUA_BENCH_SECONDS"] ?? "") ?? 15
            for clients in (environment["THIDUA_BENCH_CLIENTS"] ?? "8").split(separator: ",").compactMap({ Int($0) }) {
                results += try await TransitionBenchmark(databaseURL: url, repository: repository, seconds: seconds, clients: clients).run()
            }
        }
        if only.isEmpty || only.contains("import") {
            guard let url = ProcessInfo.processInfo.environment["THIDUA_BENCH_DATABASE_URL"] else {
                print("THIDUA_BENCH_DATABASE_URL is not set: run `make bench`, which starts a throw-away cluster.")
                exit(1)
            }
            let rows = Int(ProcessInfo.processInfo.environment["THIDUA_BENCH_ROWS"] ?? "") ?? 1_000_000
            results += try await ImportBenchmark(databaseURL: url, repository: repository, rows: rows).run()
        }
        if only.isEmpty || only.contains("issue") {
            guard let url = ProcessInfo.processInfo.environment["THIDUA_BENCH_DATABASE_URL"] else {
                print("THIDUA_BENCH_DATABASE_URL is not set: run `make bench`, which starts a throw-away cluster.")
                exit(1)
            }
            results += try await IssueBenchmark(databaseURL: url, repository: repository, awardees: 10_000).run()
        }
        if only.isEmpty || only.contains("lookup") {
            guard let url = ProcessInfo.processInfo.environment["THIDUA_BENCH_DATABASE_URL"] else {
                print("THIDUA_BENCH_DATABASE_URL is not set: run `make bench`, which starts a throw-away cluster.")
                exit(1)
            }
            let recognitions = Int(ProcessInfo.processInfo.environment["THIDUA_BENCH_RECOGNITIONS"] ?? "") ?? 1_000_000
            results += try await LookupBenchmark(databaseURL: url, repository: repository, recognitions: recognitions, awards: recognitions / 10)
                .run()
        }
        if only.contains("national") {
            guard let url = ProcessInfo.processInfo.environment["THIDUA_BENCH_DATABASE_URL"] else {
                print("THIDUA_BENCH_DATABASE_URL is not set: run `make bench`, which starts a throw-away cluster.")
                exit(1)
            }
            let environment = ProcessInfo.processInfo.environment
            let scales = (environment["THIDUA_BENCH_SCALES"] ?? "0.1,0.5,1").split(separator: ",").compactMap { Double($0) }
            let seconds = Int(environment["THIDUA_BENCH_SECONDS"] ?? "") ?? 10
            results += try await NationalBenchmark(databaseURL: url, repository: repository, scales: scales, transitionSeconds: seconds).run()
        }
        if only.contains("partitions") {
            guard let url = ProcessInfo.processInfo.environment["THIDUA_BENCH_DATABASE_URL"] else {
                print("THIDUA_BENCH_DATABASE_URL is not set: run `make bench`, which starts a throw-away cluster.")
                exit(1)
            }
            let environment = ProcessInfo.processInfo.environment
            let provinces = (environment["THIDUA_BENCH_PROVINCES"] ?? "80,81,82,83,84,85").split(separator: ",").map(String.init)
            let scale = Double(environment["THIDUA_BENCH_PARTITION_SCALE"] ?? "") ?? 0.2
            let seconds = Int(environment["THIDUA_BENCH_SECONDS"] ?? "") ?? 10
            results += try await PartitionBenchmark(
                databaseURL: url,
                repository: repository,
                provinces: provinces,
                scale: scale,
                transitionSeconds: seconds
            ).run()
        }
        print("\n| benchmark | result | target |\n| --- | --- | --- |")
        for (name, value, target) in results { print("| \(name) | \(value) | \(target) |") }
    }
}

/// Peak resident memory of this process so far, in MiB.
func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func formatted(_ value: Double, decimals: Int = 0) -> String {
    String(format: "%.\(decimals)f", value)
}
