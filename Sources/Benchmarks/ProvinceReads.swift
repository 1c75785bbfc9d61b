import Foundation
import Logging
import PostgresNIO
import Scoring
import Storage

/// The reads a province's people wait for, timed the same way by every benchmark of the national
/// shape: the queue of the province's reviewer and of one commune's, the targets report by
/// commune and the lookup by name in the province's scope. Each is the median of several runs
/// after one warm run, as on a server in use.
struct ProvinceReads {
    let client: PostgresClient
    let workflows: WorkflowRepository
    let logger: Logger
    let provinceCode: String
    let communeCode: String

    struct Times {
        var provinceQueue = 0.0
        var communeQueue = 0.0
        var report = 0.0
        var lookup = 0.0
    }

    func measure() async throws -> Times {
        var units: [String: Int] = [:]
        for try await (code, id) in try await client.query(
            "SELECT code, id FROM admin_units WHERE province_code = \(provinceCode) AND code IN (\(provinceCode), \(communeCode)) AND valid_to IS NULL",
            logger: logger
        ).decode((String, Int).self) {
            units[code] = id
        }
        guard let province = units[provinceCode], let commune = units[communeCode] else { throw CocoaError(.fileReadNoSuchFile) }
        let (client, logger, provinceCode) = (client, logger, provinceCode)
        var times = Times()
        let queue = NominationQueue(client: client, logger: logger)
        times.provinceQueue = try await Self.median(11) { _ = try await queue.list(.init(scopes: [province]), page: 1, pageSize: 50) }
        times.communeQueue = try await Self.median(11) { _ = try await queue.list(.init(scopes: [commune]), page: 1, pageSize: 50) }
        times.report = try await Self.median(5) {
            _ = try await TargetReport.build(client: client, logger: logger, year: 2025, provinceCode: provinceCode, level: .commune)
        }
        let lookup = RecordLookup(client: client, workflows: workflows, logger: logger)
        let names = ["nguyen van an", "tran thi lan", "le minh tuan", "pham hong nhung", "hoang van nam", "vu thi thu"]
        var which = 0
        times.lookup = try await Self.median(11) {
            _ = try await lookup.find(names[which % names.count], scopes: [province])
            which += 1
        }
        return times
    }

    /// Milliseconds: the median of `runs` after one warm run.
    static func median(_ runs: Int, _ body: () async throws -> Void) async throws -> Double {
        try await body()
        var times: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            try await body()
            times.append(seconds(ContinuousClock.now - start) * 1000)
        }
        return times.sorted()[times.count / 2]
    }
}
