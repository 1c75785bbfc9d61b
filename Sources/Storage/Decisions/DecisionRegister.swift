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
        // Every statement names the province: on a cluster split by province it runs on one node.
        var province = ""
        for try await code in try await connection.query("SELECT province_code FROM admin_units WHERE id = \(unitID)", logger: logger)
            .decode(String.self)
        { province = code }
        let counted = try await connection.query(
            """
            INSERT INTO decision_counters (province_code, unit_id, organisation_id, year, last_number)
            VALUES (\(province), \(unitID), \(counter), \(year), coalesce(\(entered), 1))
            ON CONFLICT (province_code, unit_id, organisation_id, year) DO UPDATE
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
            SELECT 1 FROM decisions WHERE province_code = \(province) AND unit_id = \(unitID) AND organisation_id IS NOT DISTINCT FROM \(organisationID)
                                      AND symbol = \(symbol) AND year = \(year) AND number = \(entered)
            UNION ALL
            SELECT 1 FROM recognition_decisions WHERE province_code = \(province) AND unit_id = \(unitID) AND organisation_id IS NOT DISTINCT FROM \(organisationID)
                                      AND symbol = \(symbol) AND number_year = \(year) AND number = \(entered)
            """,
            logger: logger
        )
        for try await _ in taken { return nil }
        return entered
    }
}
