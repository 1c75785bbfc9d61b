import Foundation
import Tabular

/// Our streaming CSV reader against the two CSV libraries of the package mirror, on the same
/// 1,000,000-row file of household assessments: each parser in a process of its own (so that
/// peak memory is its own), best of three, every field of every row read.
struct CSVBenchmark {
    let rows: Int

    enum Parser: String, CaseIterable {
        case ours = "Tabular.CSVReader (ours, streaming)"
        case csvSwift = "CSV.swift 2.5.2 (yaslab, InputStream)"
        case swiftCSV = "SwiftCSV 0.10.0 (whole file as a String)"

        var argument: String {
            switch self {
            case .ours: "ours"
            case .csvSwift: "csv-swift"
            case .swiftCSV: "swiftcsv"
            }
        }
    }

    func run() throws -> [(String, String, String)] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-bench-csv-\(rows).csv")
        try Self.write(rows: rows, to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        var results: [(String, String, String)] = []
        var ours = 0.0
        for parser in Parser.allCases {
            var best = Double.infinity
            var memory = 0.0
            var fields = 0
            for _ in 0..<3 {
                let (time, peak, count) = try Self.child(parser, file: file)
                best = min(best, time)
                memory = max(memory, peak)
                fields = count
            }
            if parser == .ours { ours = best }
            let ratio = parser == .ours ? "" : ", ×\(formatted(best / ours, decimals: 1)) ours"
            results.append(
                (
                    "CSV reading, \(rows.formatted()) rows (\(size >> 20) MiB, \(fields.formatted()) fields): \(parser.rawValue)",
                    "\(formatted(best, decimals: 2)) s, peak \(formatted(memory)) MiB\(ratio)",
                    parser == .ours ? "fastest and flat, or use a library" : "—"
                )
            )
        }
        return results
    }

    /// Runs `thidua-bench csv-one PARSER FILE` and reads its line "seconds peakMiB fields".
    static func child(_ parser: Parser, file: URL) throws -> (Double, Double, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["csv-one", parser.argument, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let parts = output.split(whereSeparator: \.isWhitespace)
        guard process.terminationStatus == 0, parts.count == 3, let time = Double(parts[0]), let peak = Double(parts[1]), let fields = Int(parts[2])
        else { throw CocoaError(.fileReadCorruptFile) }
        return (time, peak, fields)
    }

    /// In the child: parse the file, count the fields, print "seconds peakMiB fields".
    static func one(_ argument: String, path: String) throws {
        guard let parser = Parser.allCases.first(where: { $0.argument == argument }) else { throw CocoaError(.featureUnsupported) }
        let clock = ContinuousClock()
        let started = clock.now
        var fields = 0
        switch parser {
        case .ours:
            guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
            var reader = CSVReader()
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                try reader.feed([UInt8](chunk)) { record in fields += record.fields.count }
            }
            try reader.finish { record in fields += record.fields.count }
        case .csvSwift: fields = try CSVSwiftParser.fields(path: path)
        case .swiftCSV: fields = try SwiftCSVParser.fields(path: path)
        }
        let time = seconds(clock.now - started)
        print("\(time) \(peakMemoryMiB()) \(fields)")
    }

    /// Household rows as a commune's spreadsheet has them, names with diacritics, a quoted field.
    static func write(rows: Int, to file: URL) throws {
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var buffer = "Mã thôn,Mã hộ,Họ tên chủ hộ,Năm,Số người lớn,Số người đạt,Tiêu chí 1,Tiêu chí 2,Ghi chú\n"
        let names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thị Dung", "Hoàng Văn Đức"]
        for index in 1...rows {
            buffer +=
                "99010\(index % 10),HGD-\(index),\(names[index % names.count]) \(index),2025,\(2 + index % 4),\(1 + index % 3),có,\(index % 10),"
            buffer += index % 7 == 0 ? "\"ghi chú, có dấu phẩy\"\n" : "\n"
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        handle.write(Data(buffer.utf8))
    }
}
