import Foundation
import Logging
import PostgresNIO
import Workflow

/// A round's figures for the yearly commendation and the interim and final reviews: nominations
/// by level, step, award and nominee kind; how long they spent at each level; what is overdue;
/// and the awards per unit. Counted set-based in PostgreSQL; levels and titles come from the
/// round's workflow definition.
public struct RoundReport: Sendable, Codable, Equatable {
    public let provinceCode: String
    public let roundID: Int
    public let roundName: String
    public let workflow: String
    public let byStep: [StepCount]
    public let timeAtLevel: [LevelTime]
    public let awardsByUnit: [UnitAwards]
    public let overdue: Int
    public let total: Int

    public struct StepCount: Sendable, Codable, Equatable {
        public let level: String
        public let state: String
        public let stateTitle: String
        public let award: String
        public let nomineeKind: String
        public let count: Int
        public let overdue: Int
    }

    public struct LevelTime: Sendable, Codable, Equatable {
        public let level: String
        /// Nominations that spent time at the level.
        public let nominations: Int
        /// Average and longest whole days spent at the level, per nomination.
        public let averageDays: Decimal
        public let longestDays: Int
    }

    public struct UnitAwards: Sendable, Codable, Equatable {
        public let unitCode: String
        public let unitName: String
        public let award: String
        public let count: Int
    }

    public static func build(client: PostgresClient, workflows: WorkflowRepository, logger: Logger, provinceCode: String, roundID: Int) async throws
        -> RoundReport
    {
        let head = try await client.query(
            "SELECT name, workflow_id || '@' || workflow_version FROM rounds WHERE province_code = \(provinceCode) AND id = \(roundID)",
            logger: logger
        )
        var found: (String, String)?
        for try await row in head.decode((String, String).self) { found = row }
        guard let (roundName, workflow) = found else { throw NominationStore.NominationError.unknownRound }
        let definition = try await workflows.definition(workflow)
        let levelOf = Dictionary(uniqueKeysWithValues: definition.states.map { ($0.id, $0.level.rawValue) })
        let titles = Dictionary(uniqueKeysWithValues: definition.states.map { ($0.id, $0.title) })
        let levelOrder = WorkflowDefinition.Level.allCases.map(\.rawValue)

        var byStep: [StepCount] = []
        let steps = try await client.query(
            """
            SELECT state, award, nominee_kind, count(*)::int,
                   count(*) FILTER (WHERE is_open AND due_on < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::int
            FROM nominations WHERE province_code = \(provinceCode) AND round_id = \(roundID)
            GROUP BY state, award, nominee_kind
            """,
            logger: logger
        )
        for try await (state, award, kind, count, overdue) in steps.decode((String, String, String, Int, Int).self) {
            byStep.append(
                StepCount(
                    level: levelOf[state] ?? "",
                    state: state,
                    stateTitle: titles[state] ?? state,
                    award: award,
                    nomineeKind: kind,
                    count: count,
                    overdue: overdue
                )
            )
        }
        let stateOrder = Dictionary(uniqueKeysWithValues: definition.states.enumerated().map { ($1.id, $0) })
        func order(_ step: StepCount) -> (Int, Int, String, String) {
            (levelOrder.firstIndex(of: step.level) ?? levelOrder.count, stateOrder[step.state] ?? 0, step.award, step.nomineeKind)
        }
        byStep.sort { order($0) < order($1) }

        // Time in each step visit: from entering it to the next transition (or now, if still
        // there), summed per nomination and level.
        let levelStates = Dictionary(grouping: definition.states, by: \.level.rawValue).mapValues { $0.map(\.id) }
        var timeAtLevel: [LevelTime] = []
        for level in levelOrder {
            guard let states = levelStates[level] else { continue }
            let rows = try await client.query(
                """
                WITH visits AS (
                    SELECT t.nomination_id, t.to_state,
                           extract(epoch FROM coalesce(lead(t.at) OVER (PARTITION BY t.nomination_id ORDER BY t.seq), now()) - t.at) / 86400 AS days
                    FROM nomination_transitions t JOIN nominations n ON n.province_code = t.province_code AND n.id = t.nomination_id
                    WHERE t.province_code = \(provinceCode) AND n.round_id = \(roundID)
                ), per_nomination AS (
                    SELECT nomination_id, sum(days) AS days FROM visits WHERE to_state = ANY(\(states)) GROUP BY nomination_id
                )
                SELECT count(*)::int, coalesce(round(avg(days)::numeric, 1), 0)::text, coalesce(floor(max(days)), 0)::int FROM per_nomination
                """,
                logger: logger
            )
            for try await (count, average, longest) in rows.decode((Int, String, Int).self) where count > 0 {
                timeAtLevel.append(LevelTime(level: level, nominations: count, averageDays: Decimal(string: average) ?? 0, longestDays: longest))
            }
        }

        // Awarded nominations (not revoked), and awardees of decisions issued elsewhere for this
        // round whom the province did not nominate (a linked one closed its nomination as
        // awarded and is counted with the nominations).
        var awardsByUnit: [UnitAwards] = []
        let awarded = try await client.query(
            """
            SELECT code, name, source, award, sum(count)::int FROM (
                SELECT u.code, u.name, 'nomination' AS source, n.award, count(*) AS count
                FROM nominations n JOIN admin_units u ON u.id = n.unit_id
                WHERE n.province_code = \(provinceCode) AND n.round_id = \(roundID) AND n.state = ANY(\(Array(definition.awardedStates).sorted()))
                  AND NOT EXISTS (SELECT 1 FROM decision_awardees a JOIN decisions d ON d.province_code = a.province_code AND d.id = a.decision_id
                                  WHERE a.province_code = n.province_code AND a.nomination_id = n.id AND d.kind = 'revocation' AND d.status = 'issued')
                GROUP BY u.code, u.name, n.award
                UNION ALL
                SELECT u.code, u.name, 'external', x.award_title, count(*)
                FROM external_decisions x
                JOIN external_awardees e ON e.province_code = x.province_code AND e.decision_id = x.id
                JOIN admin_units u ON u.id = e.unit_id
                WHERE x.province_code = \(provinceCode) AND x.round_id = \(roundID) AND e.nomination_id IS NULL
                GROUP BY u.code, u.name, x.award_title
            ) counted
            GROUP BY code, name, source, award ORDER BY name COLLATE vi_vn, code, source DESC, award
            """,
            logger: logger
        )
        for try await (code, name, source, award, count) in awarded.decode((String, String, String, String, Int).self) {
            let title = source == "nomination" ? definition.award(award)?.title ?? award : award
            if let index = awardsByUnit.firstIndex(where: { $0.unitCode == code && $0.award == title }) {
                awardsByUnit[index] = UnitAwards(unitCode: code, unitName: name, award: title, count: awardsByUnit[index].count + count)
            } else {
                awardsByUnit.append(UnitAwards(unitCode: code, unitName: name, award: title, count: count))
            }
        }
        return RoundReport(
            provinceCode: provinceCode,
            roundID: roundID,
            roundName: roundName,
            workflow: workflow,
            byStep: byStep,
            timeAtLevel: timeAtLevel,
            awardsByUnit: awardsByUnit,
            overdue: byStep.reduce(0) { $0 + $1.overdue },
            total: byStep.reduce(0) { $0 + $1.count }
        )
    }
}

extension RoundReport {
    /// The rounds of several years together, for the interim review (2023–2025) and the final
    /// review (2023–2030): counts added up by level, step title, award and nominee kind; time at
    /// each level weighted by the nominations of each round; awards per unit added up.
    public static func review(
        client: PostgresClient,
        workflows: WorkflowRepository,
        logger: Logger,
        provinceCode: String,
        fromYear: Int,
        toYear: Int
    ) async throws -> RoundReport {
        let rows = try await client.query(
            "SELECT id FROM rounds WHERE province_code = \(provinceCode) AND year BETWEEN \(fromYear) AND \(toYear) ORDER BY id",
            logger: logger
        )
        var ids: [Int] = []
        for try await id in rows.decode(Int.self) { ids.append(id) }
        var steps: [String: StepCount] = [:]
        var order: [String] = []
        var times: [String: (nominations: Int, days: Decimal, longest: Int)] = [:]
        var units: [String: UnitAwards] = [:]
        for id in ids {
            let report = try await build(client: client, workflows: workflows, logger: logger, provinceCode: provinceCode, roundID: id)
            for step in report.byStep {
                let key = [step.level, step.stateTitle, step.award, step.nomineeKind].joined(separator: "|")
                if let earlier = steps[key] {
                    steps[key] = StepCount(
                        level: step.level,
                        state: step.state,
                        stateTitle: step.stateTitle,
                        award: step.award,
                        nomineeKind: step.nomineeKind,
                        count: earlier.count + step.count,
                        overdue: earlier.overdue + step.overdue
                    )
                } else {
                    steps[key] = step
                    order.append(key)
                }
            }
            for time in report.timeAtLevel {
                let earlier = times[time.level] ?? (0, 0, 0)
                times[time.level] = (
                    earlier.nominations + time.nominations, earlier.days + time.averageDays * Decimal(time.nominations),
                    max(earlier.longest, time.longestDays)
                )
            }
            for unit in report.awardsByUnit {
                let key = unit.unitCode + "|" + unit.award
                units[key] = UnitAwards(
                    unitCode: unit.unitCode,
                    unitName: unit.unitName,
                    award: unit.award,
                    count: (units[key]?.count ?? 0) + unit.count
                )
            }
        }
        let byStep = order.compactMap { steps[$0] }
        let timeAtLevel = WorkflowDefinition.Level.allCases.compactMap { level -> LevelTime? in
            guard let time = times[level.rawValue], time.nominations > 0 else { return nil }
            var average = time.days / Decimal(time.nominations)
            var rounded = Decimal()
            NSDecimalRound(&rounded, &average, 1, .plain)
            return LevelTime(level: level.rawValue, nominations: time.nominations, averageDays: rounded, longestDays: time.longest)
        }
        return RoundReport(
            provinceCode: provinceCode,
            roundID: 0,
            roundName: "Các đợt năm \(fromYear)–\(toYear) (\(ids.count) đợt)",
            workflow: "",
            byStep: byStep,
            timeAtLevel: timeAtLevel,
            awardsByUnit: units.values.sorted { ($0.unitName, $0.award) < ($1.unitName, $1.award) },
            overdue: byStep.reduce(0) { $0 + $1.overdue },
            total: byStep.reduce(0) { $0 + $1.count }
        )
    }
}
