import Foundation
import Geography
import Logging
import PostgresNIO

/// Progress against the program targets for one year or one stage, per unit of one level: how
/// many families, clans, communities and units are recognised, of how many, against the national
/// targets and the province's own. Computed set-based in PostgreSQL.
///
/// A stage (several years) counts each subject recognised in any of its years once, with the
/// figures of its latest recognition; shares are taken of the counts of the latest year of the
/// stage that has them, against the targets of the stage's last year.
///
/// Units are those in force on 31 December of the year; assessments made under units that were
/// merged into them count for them (through the scope closure), so a 2025 report by the new
/// communes includes what the old communes recognised before 1 July.
public struct TargetReport: Sendable, Codable, Equatable {
    /// The last year reported; the only one for a yearly report.
    public let year: Int
    /// The first year reported: `year` for a yearly report, the stage's first year otherwise.
    public let firstYear: Int
    public let provinceCode: String?
    public let level: AdminLevel
    public let rows: [Row]

    public init(year: Int, firstYear: Int? = nil, provinceCode: String?, level: AdminLevel, rows: [Row]) {
        self.year = year
        self.firstYear = firstYear ?? year
        self.provinceCode = provinceCode
        self.level = level
        self.rows = rows
    }

    public struct Row: Sendable, Codable, Equatable {
        public let unitCode: String
        public let unitName: String
        /// The indicator's id (`program_indicators.id`) and name.
        public let indicator: String
        public let indicatorName: String
        public let achieved: Int
        /// What the share is taken of; nil when the count has not been entered.
        public let base: Int?
        public let nationalTarget: Decimal?
        public let provinceTarget: Decimal?

        /// The share in percent, rounded to one decimal; nil without a base.
        public var percent: Decimal? { base.flatMap { TargetReport.share(achieved, of: $0) } }

        public var meetsNationalTarget: Bool? {
            guard let percent, let nationalTarget else { return nil }
            return percent >= nationalTarget
        }

        public var meetsProvinceTarget: Bool? {
            guard let percent, let provinceTarget else { return nil }
            return percent >= provinceTarget
        }
    }

    /// The indicators of the rows, in their order (id and name).
    public var indicators: [(id: String, name: String)] { Self.indicators(of: rows) }

    static func indicators(of rows: [Row]) -> [(id: String, name: String)] {
        var seen: Set<String> = []
        return rows.compactMap { seen.insert($0.indicator).inserted ? ($0.indicator, $0.indicatorName) : nil }
    }

    /// `achieved` of `base` in percent, rounded to one decimal; nil without a base. One rounding
    /// for the report's rows and every page that shows a share.
    public static func share(_ achieved: Int, of base: Int) -> Decimal? {
        guard base > 0 else { return nil }
        var value = Decimal(achieved) * 100 / Decimal(base)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 1, .plain)
        return rounded
    }

    /// The years covered, as people write them: "2025", "2021–2025".
    public var period: String { firstYear == year ? String(year) : "\(firstYear)–\(year)" }

    public static func build(
        client: PostgresClient,
        logger: Logger,
        year: Int,
        provinceCode: String?,
        level: AdminLevel
    ) async throws -> TargetReport {
        try await build(client: client, logger: logger, years: year...year, provinceCode: provinceCode, level: level)
    }

    public static func build(
        client: PostgresClient,
        logger: Logger,
        years: ClosedRange<Int>,
        provinceCode: String?,
        level: AdminLevel
    ) async throws -> TargetReport {
        let (first, year) = (years.lowerBound, years.upperBound)
        let counted = try await setsByCounting(client: client, logger: logger, singleYear: first == year)
        let rows = try await client.query(
            """
            WITH report_units AS (
                SELECT u.id, u.code, u.name, u.province_code FROM admin_units u
                WHERE (\(provinceCode)::text IS NULL OR u.province_code = \(provinceCode))
                  AND u.level = \(level.rawValue)
                  AND daterange(u.valid_from, u.valid_to, '[]') @> make_date(\(year)::int, 12, 31)
            ),
            -- A subject counts once however many years of the period it was recognised in, with
            -- the unit and figures of its latest recognition. Within one year a subject has one
            -- row per set, so only kinds assessed by several sets need the (sorting) de-duplication:
            -- the others are counted straight from the scan, in parallel (half the time at a
            -- province of 1,000,000 households).
            per_unit AS (
                SELECT unit_id, subject, sum(recognised) AS recognised, sum(adults) AS adults, sum(holding) AS holding FROM (
                    SELECT a.unit_id, cs.subject, count(*) AS recognised,
                           coalesce(sum(a.adults), 0) AS adults, coalesce(sum(a.adults_holding), 0) AS holding
                    FROM assessments a JOIN criteria_sets cs ON cs.id = a.set_id AND cs.version = a.set_version
                    WHERE (\(provinceCode)::text IS NULL OR a.province_code = \(provinceCode))
                      AND a.year BETWEEN \(first)::int AND \(year)::int AND a.state = 'recognised' AND a.set_id = ANY(\(counted.plain))
                    GROUP BY a.unit_id, cs.subject
                    UNION ALL
                    SELECT unit_id, subject, count(*), coalesce(sum(adults), 0), coalesce(sum(adults_holding), 0) FROM (
                        SELECT DISTINCT ON (a.province_code, cs.subject, a.subject_key) a.unit_id, cs.subject, a.adults, a.adults_holding
                        FROM assessments a JOIN criteria_sets cs ON cs.id = a.set_id AND cs.version = a.set_version
                        WHERE (\(provinceCode)::text IS NULL OR a.province_code = \(provinceCode))
                          AND a.year BETWEEN \(first)::int AND \(year)::int AND a.state = 'recognised' AND a.set_id = ANY(\(counted.deduplicated))
                        ORDER BY a.province_code, cs.subject, a.subject_key, a.year DESC
                    ) latest
                    GROUP BY unit_id, subject
                ) parts
                GROUP BY unit_id, subject
            ),
            -- Each unit's figures summed into the scopes of the report's level (every scope of that
            -- level: the rows read are the report units'). By `scope_level`, not by joining the
            -- report units, which PostgreSQL estimated at a handful of rows and answered with a
            -- nested loop of minutes across provinces (migration 047).
            assessed AS (
                SELECT s.scope_id, p.subject, sum(p.recognised)::int AS recognised, sum(p.adults)::bigint AS adults, sum(p.holding)::bigint AS holding
                FROM per_unit p JOIN admin_unit_scope s ON s.unit_id = p.unit_id AND s.scope_level = \(level.rawValue)
                GROUP BY s.scope_id, p.subject
            ),
            -- The counts of the latest year of the period that has them, per unit and subject.
            counted AS (
                SELECT DISTINCT ON (scope_id, subject) scope_id, subject, total FROM (
                    SELECT s.scope_id, c.subject, c.year, sum(c.total)::int AS total
                    FROM unit_counts c JOIN admin_unit_scope s ON s.unit_id = c.unit_id JOIN report_units r ON r.id = s.scope_id
                    WHERE c.year BETWEEN \(first)::int AND \(year)::int
                    GROUP BY s.scope_id, c.subject, c.year
                ) per_year
                ORDER BY scope_id, subject, year DESC
            ),
            villages AS (
                SELECT s.scope_id, count(*)::int AS total
                FROM admin_units v JOIN admin_unit_scope s ON s.unit_id = v.id JOIN report_units r ON r.id = s.scope_id
                WHERE v.level = 'village' AND daterange(v.valid_from, v.valid_to, '[]') @> make_date(\(year)::int, 12, 31)
                GROUP BY s.scope_id
            ),
            -- The title holders of the sets that shares of holders are taken over (digital skills,
            -- self-updated online), each once with its latest recognition in the period.
            holders AS (
                SELECT DISTINCT ON (a.province_code, a.set_id, a.subject_key)
                       a.province_code, a.set_id, a.subject_key, a.year, a.unit_id, a.criteria_points
                FROM assessments a
                WHERE (\(provinceCode)::text IS NULL OR a.province_code = \(provinceCode))
                  AND a.year BETWEEN \(first)::int AND \(year)::int AND a.state = 'recognised'
                  AND a.set_id IN (SELECT set_id FROM program_indicators WHERE set_id IS NOT NULL)
                ORDER BY a.province_code, a.set_id, a.subject_key, a.year DESC
            ),
            -- Counted per unit first, then summed into the level's scopes as above.
            holder_units AS (
                SELECT h.unit_id, i.id AS indicator, count(*)::int AS base,
                       count(*) FILTER (WHERE CASE i.kind
                           WHEN 'criterion' THEN (h.criteria_points ->> i.criterion)::int >= i.min_points
                           ELSE EXISTS (SELECT 1 FROM registrations g JOIN users u ON u.id = g.self_assessed_by
                                        WHERE g.province_code = h.province_code AND g.set_id = h.set_id
                                          AND g.subject_key = h.subject_key AND g.year = h.year AND u.citizen_key IS NOT NULL)
                       END)::int AS achieved
                FROM holders h JOIN program_indicators i ON i.set_id = h.set_id
                GROUP BY h.unit_id, i.id
            ),
            holder_shares AS (
                SELECT s.scope_id, u.indicator, sum(u.base)::int AS base, sum(u.achieved)::int AS achieved
                FROM holder_units u JOIN admin_unit_scope s ON s.unit_id = u.unit_id AND s.scope_level = \(level.rawValue)
                GROUP BY s.scope_id, u.indicator
            ),
            -- Reported figures: each unit's current revision of its latest year in the period. A
            -- unit's figure gives way to one its successor of the same level (a merged commune's
            -- to the new commune's) reported for the period, so merged people are not counted twice;
            -- and a unit that reports for itself (the province association's cadres and members)
            -- is taken at its own figure, not added to what the units below it report.
            figures AS (
                SELECT DISTINCT ON (f.province_code, f.unit_id, f.indicator) f.unit_id, f.indicator, f.achieved, f.base, u.level
                FROM reported_figures f JOIN admin_units u ON u.id = f.unit_id
                WHERE (\(provinceCode)::text IS NULL OR f.province_code = \(provinceCode))
                  AND f.year BETWEEN \(first)::int AND \(year)::int
                ORDER BY f.province_code, f.unit_id, f.indicator, f.year DESC, f.revision DESC
            ),
            reported AS (
                SELECT s.scope_id, f.indicator,
                       coalesce(sum(f.achieved) FILTER (WHERE f.level = \(level.rawValue)), sum(f.achieved))::bigint AS achieved,
                       coalesce(sum(f.base) FILTER (WHERE f.level = \(level.rawValue)), sum(f.base))::bigint AS base
                FROM figures f JOIN admin_unit_scope s ON s.unit_id = f.unit_id JOIN report_units r ON r.id = s.scope_id
                WHERE NOT EXISTS (
                    SELECT 1 FROM figures g JOIN admin_unit_scope t ON t.scope_id = g.unit_id AND t.unit_id = f.unit_id
                    WHERE g.indicator = f.indicator AND g.unit_id <> f.unit_id AND g.level = f.level
                )
                GROUP BY s.scope_id, f.indicator
            ),
            targets AS (
                SELECT DISTINCT ON (scope, indicator) scope, indicator, percent FROM program_targets
                WHERE year >= \(year)::int ORDER BY scope, indicator, year
            )
            SELECT r.code, r.name, i.id, i.name,
                   CASE i.kind
                       WHEN 'title' THEN coalesce((SELECT recognised FROM assessed a WHERE a.scope_id = r.id AND a.subject = i.subject), 0)
                       WHEN 'holders' THEN coalesce((SELECT holding FROM assessed a WHERE a.scope_id = r.id AND a.subject = i.subject), 0)
                       WHEN 'reported' THEN coalesce((SELECT achieved FROM reported p WHERE p.scope_id = r.id AND p.indicator = i.id), 0)
                       ELSE coalesce((SELECT achieved FROM holder_shares h WHERE h.scope_id = r.id AND h.indicator = i.id), 0)
                   END AS achieved,
                   CASE i.kind
                       WHEN 'title' THEN CASE i.subject
                           WHEN 'community' THEN (SELECT total FROM villages v WHERE v.scope_id = r.id)
                           ELSE (SELECT total FROM counted c WHERE c.scope_id = r.id AND c.subject = i.subject)
                       END
                       WHEN 'holders' THEN (SELECT nullif(adults, 0) FROM assessed a WHERE a.scope_id = r.id AND a.subject = i.subject)
                       WHEN 'reported' THEN (SELECT base FROM reported p WHERE p.scope_id = r.id AND p.indicator = i.id)
                       ELSE (SELECT nullif(base, 0) FROM holder_shares h WHERE h.scope_id = r.id AND h.indicator = i.id)
                   END AS base,
                   (SELECT percent::text FROM targets t WHERE t.scope = 'VN' AND t.indicator = i.id),
                   (SELECT percent::text FROM targets t WHERE t.scope = r.province_code AND t.indicator = i.id)
            FROM report_units r CROSS JOIN program_indicators i
            ORDER BY r.name COLLATE vi_vn, r.code, i.position
            """,
            logger: logger
        )
        var out: [Row] = []
        for try await (code, name, indicator, indicatorName, achieved, base, national, province) in rows.decode(
            (String, String, String, String, Int, Int?, String?, String?).self
        ) {
            out.append(
                Row(
                    unitCode: code,
                    unitName: name,
                    indicator: indicator,
                    indicatorName: indicatorName,
                    achieved: achieved,
                    base: base,
                    nationalTarget: national.flatMap { Decimal(string: $0) },
                    provinceTarget: province.flatMap { Decimal(string: $0) }
                )
            )
        }
        if provinceCode == nil && level == .province && !out.isEmpty {
            out += nationRows(out)
        }
        return TargetReport(year: year, firstYear: first, provinceCode: provinceCode, level: level, rows: out)
    }

    /// The criteria sets whose recognitions are counted row by row (`plain`: in a single year,
    /// the only set of its subject kind) and those whose subjects must be de-duplicated first.
    static func setsByCounting(client: PostgresClient, logger: Logger, singleYear: Bool) async throws -> (plain: [String], deduplicated: [String]) {
        var bySubject: [String: Set<String>] = [:]
        for try await (id, subject) in try await client.query("SELECT DISTINCT id, subject FROM criteria_sets", logger: logger).decode(
            (String, String).self
        ) {
            bySubject[subject, default: []].insert(id)
        }
        var (plain, deduplicated): ([String], [String]) = ([], [])
        for ids in bySubject.values {
            if singleYear && ids.count == 1 { plain += ids } else { deduplicated += ids }
        }
        return (plain.sorted(), deduplicated.sorted())
    }

    /// The nation as a last group of rows: the provinces' counts added up, shares over the summed
    /// bases of the provinces that have one, against the national targets.
    static func nationRows(_ provinces: [Row]) -> [Row] {
        indicators(of: provinces).map { indicator in
            let rows = provinces.filter { $0.indicator == indicator.id }
            let withBase = rows.filter { $0.base != nil }
            return Row(
                unitCode: "VN",
                unitName: "Toàn quốc",
                indicator: indicator.id,
                indicatorName: indicator.name,
                achieved: rows.reduce(0) { $0 + $1.achieved },
                base: withBase.isEmpty ? nil : withBase.reduce(0) { $0 + ($1.base ?? 0) },
                nationalTarget: rows.first?.nationalTarget,
                provinceTarget: nil
            )
        }
    }
}
