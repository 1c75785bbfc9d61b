import Logging
import PostgresNIO
import Scoring

/// Fills `assessments.criteria_points` for rows stored before migration 040 kept each criterion's
/// points: their answers are scored again with the set version they were scored with. Run by
/// `thidua migrate` after the migrations; a no-op once every row has its points. Batches walk the
/// primary key, so the work is linear however many rows there are.
public struct CriteriaPointsBackfill: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The number of rows filled.
    @discardableResult
    public func run(batch: Int = 5_000) async throws -> Int {
        guard
            try await client.query("SELECT 1 FROM assessments WHERE criteria_points IS NULL LIMIT 1", logger: logger)
                .decode(Int.self).reduce(0, { $0 + $1 }) > 0
        else { return 0 }
        let criteria = CriteriaRepository(client: client, logger: logger)
        var sets: [String: CriteriaSet] = [:]
        var after = ("", 0)
        var filled = 0
        while true {
            let rows = try await client.query(
                """
                SELECT province_code, id, set_id || '@' || set_version, answers::text, facts::text FROM assessments
                WHERE (province_code, id) > (\(after.0), \(after.1)) AND criteria_points IS NULL
                ORDER BY province_code, id LIMIT \(batch)
                """,
                logger: logger
            )
            var (provinces, ids, points): ([String], [Int], [String]) = ([], [], [])
            for try await (province, id, reference, answers, facts) in rows.decode((String, Int, String, String, String).self) {
                after = (province, id)
                if sets[reference] == nil { sets[reference] = try await criteria.set(reference) }
                guard let set = sets[reference] else { continue }
                // A row that no longer scores (it cannot: it was stored scored) keeps no points.
                let evaluation = try? set.evaluate(AssessmentRepository.answers(answers), facts: AssessmentRepository.facts(facts))
                provinces.append(province)
                ids.append(id)
                points.append("{" + (evaluation?.criteria ?? []).map { "\"\(RowReader.json($0.id))\":\($0.points)" }.joined(separator: ",") + "}")
            }
            guard !ids.isEmpty else { return filled }
            try await client.query(
                """
                UPDATE assessments a SET criteria_points = v.points::jsonb
                FROM unnest(\(provinces)::text[], \(ids)::bigint[], \(points)::text[]) AS v (province_code, id, points)
                WHERE a.province_code = v.province_code AND a.id = v.id
                """,
                logger: logger
            )
            filled += ids.count
        }
    }
}
