import Logging
import PostgresNIO

/// The register of decision numbers a body keeps — a People's Committee, or an organisation such
/// as the Hội Khuyến học (`organisationID`) — one per body and year, shared by its award and
/// recognition decisions: the next number, or the one the văn thư entered — then
/// checked free in both kinds — with the register moved past it. The counter's row lock
/// serialises numbering at one body; a rolled-back transaction gives its number back.
enum DecisionRegister {
    /// The number for a decision of `unitID` signed in `year`; nil when `entered` is already taken.
    static func take(
        _ connection: PostgresConnection,
        logger: Logger,
        unitID: Int,
        organisationID: Int? = nil,
        symbol: String,
        year: Int,
        entered: Int?
    ) async throws -> Int? {
        let counter = organisationID ?? 0
        let counted = try await connection.query(
            """
            INSERT INTO decision_counters (unit_id, organisation_id, year, last_number)
            VALUES (\(unitID), \(counter), \(year), coalesce(\(entered), 1))
            ON CONFLICT (unit_id, organisation_id, year) DO UPDATE
                SET last_number = CASE WHEN \(entered)::int IS NULL THEN decision_counters.last_number + 1
                                       ELSE greatest(decision_counters.last_number, \(entered)::int) END
            RETURNING last_number
            """,
            logger: logger
        )
        var number = 0
        for try await value in counted.decode(Int.self) { number = value }
        guard let entered else { return number }
        let taken = try await connection.query(
            """
            SELECT 1 FROM decisions WHERE unit_id = \(unitID) AND organisation_id IS NOT DISTINCT FROM \(organisationID)
                                      AND symbol = \(symbol) AND year = \(year) AND number = \(entered)
            UNION ALL
            SELECT 1 FROM recognition_decisions WHERE unit_id = \(unitID) AND organisation_id IS NOT DISTINCT FROM \(organisationID)
                                      AND symbol = \(symbol) AND number_year = \(year) AND number = \(entered)
            """,
            logger: logger
        )
        for try await _ in taken { return nil }
        return entered
    }
}
