import Logging
import PostgresNIO
import Tabular
import Workflow

extension NominationStore {
    /// The nominee's earlier awards as the award standards count them: ThiDua's issued award
    /// decisions (not revoked since) and the decisions recorded from elsewhere, other than this
    /// nomination's own.
    static func priorAwards(_ connection: PostgresConnection, workflows: WorkflowRepository, logger: Logger, nomination: Nomination) async throws
        -> [PriorAward]
    {
        var out: [PriorAward] = []
        let own = try await connection.query(
            """
            SELECT d.award, r.workflow_id || '@' || r.workflow_version, r.basis, extract(year FROM d.issued_on)::int,
                   d.number || '/' || d.symbol || ' ngày ' || to_char(d.issued_on, 'DD/MM/YYYY') || ' — ' || d.award_title
            FROM nominations n
            JOIN decision_awardees a ON a.province_code = n.province_code AND a.nomination_id = n.id
            JOIN decisions d ON d.province_code = a.province_code AND d.id = a.decision_id AND d.status = 'issued' AND d.kind = 'award'
            JOIN rounds r ON r.province_code = d.province_code AND r.id = d.round_id
            WHERE n.province_code = \(nomination.provinceCode) AND n.nominee_key = \(nomination.nomineeKey) AND n.id <> \(nomination.id)
              AND NOT EXISTS (
                  SELECT 1 FROM decision_awardees ra JOIN decisions rd ON rd.province_code = ra.province_code AND rd.id = ra.decision_id
                  WHERE rd.province_code = d.province_code AND rd.refers_to = d.id AND rd.kind = 'revocation' AND rd.status = 'issued'
                    AND ra.nomination_id = n.id)
            """,
            logger: logger
        )
        for try await (award, workflow, basis, year, reference) in own.decode((String, String, String, Int, String).self) {
            guard let level = try await workflows.definition(workflow, on: connection).award(award)?.decidedAt else { continue }
            out.append(PriorAward(tier: AwardTier(decidedAt: level), year: year, reference: reference, thematic: basis != "merit"))
        }
        let external = try await connection.query(
            """
            SELECT x.issuer_kind, x.award_title, extract(year FROM x.issued_on)::int,
                   x.number || ' ngày ' || to_char(x.issued_on, 'DD/MM/YYYY') || ' — ' || x.award_title || ' (' || x.issuer || ')'
            FROM external_awardees e JOIN external_decisions x ON x.province_code = e.province_code AND x.id = e.decision_id
            WHERE e.province_code = \(nomination.provinceCode) AND e.nominee_key = \(nomination.nomineeKey)
              AND e.nomination_id IS DISTINCT FROM \(nomination.id)
            """,
            logger: logger
        )
        for try await (kind, title, year, reference) in external.decode((String, String, Int, String).self) {
            // A Bằng khen of the Prime Minister, or of a ministry or central organisation; other
            // forms (orders, medals) are not among the tiers the standards compare.
            guard title.folded.contains("bang_khen") else { continue }
            let tier: AwardTier? =
                switch kind {
                case "prime_minister": .primeMinister
                case "ministry", "central_organisation": .ministryOrProvince
                default: nil
                }
            if let tier { out.append(PriorAward(tier: tier, year: year, reference: reference, thematic: false)) }
        }
        return out
    }

    /// The round's year.
    static func roundYear(_ connection: PostgresConnection, logger: Logger, nomination: Nomination) async throws -> Int {
        let rows = try await connection.query(
            "SELECT year::int FROM rounds WHERE province_code = \(nomination.provinceCode) AND id = \(nomination.roundID)",
            logger: logger
        )
        for try await year in rows.decode(Int.self) { return year }
        return 0
    }

    /// Each standard of the nomination's award checked against the record, with its reason.
    static func standards(_ connection: PostgresConnection, workflows: WorkflowRepository, logger: Logger, nomination: Nomination) async throws
        -> [StandardResult]
    {
        let definition = try await workflows.definition(nomination.workflow, on: connection)
        guard let award = definition.award(nomination.award), !award.standards.isEmpty else { return [] }
        let record = try await priorAwards(connection, workflows: workflows, logger: logger, nomination: nomination)
        let year = try await roundYear(connection, logger: logger, nomination: nomination)
        return AwardStandard.evaluate(award.standards, record: record, year: year, basis: nomination.basis.rawValue)
    }

    /// The checklist the nomination page shows.
    public func standards(of nomination: Nomination) async throws -> [StandardResult] {
        let (workflows, logger) = (self.workflows, self.logger)
        return try await client.withConnection { connection in
            try await Self.standards(connection, workflows: workflows, logger: logger, nomination: nomination)
        }
    }
}
