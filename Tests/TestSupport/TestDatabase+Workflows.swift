import Foundation
import NIOCore
import PostgresNIO
import Storage

extension TestDatabase {
    /// The repository's `workflows/` folder.
    public static var workflowsDirectory: URL {
        migrationsDirectory.deletingLastPathComponent().appendingPathComponent("workflows")
    }

    /// A nomination store with the shipped workflows loaded.
    public func nominationStore() async throws -> NominationStore {
        let workflows = WorkflowRepository(client: client, logger: Self.logger)
        try await workflows.load(files: try CriteriaCatalog.files(in: Self.workflowsDirectory))
        return NominationStore(client: client, workflows: workflows, logger: Self.logger)
    }
}

extension TestDatabase {
    /// `count` dossiers of a round at the first step of the 2-tier process, each with its
    /// achievement report, written straight to the tables (a fault test's fixture, not a path
    /// under test); their ids in order.
    public func draftsWithReports(round: Int, unitID: Int, count: Int) async throws -> [Int] {
        try await client.query(
            """
            INSERT INTO nominations (province_code, round_id, workflow_id, workflow_version, award, basis, nominee_kind, nominee_key,
                                     nominee_name, nominee_folded, unit_id, state)
            SELECT '88', \(round), 'khen-thuong-2-cap', '2025', 'giay-khen-xa', 'merit', 'individual', 'K-' || g, 'Người ' || g,
                   'nguoi_' || g, \(unitID), 'xa_lap_ho_so'
            FROM generate_series(1, \(count)) g
            """,
            logger: Self.logger
        )
        let pdf = ByteBuffer(bytes: Array("%PDF-1.4\nbao cao\n%%EOF\n".utf8))
        try await client.query(
            """
            INSERT INTO evidence_files (sha256, media_type, size, content)
            VALUES (sha256(\(pdf)), 'application/pdf', \(pdf.readableBytes), \(pdf))
            """,
            logger: Self.logger
        )
        try await client.query(
            """
            INSERT INTO nomination_documents (province_code, nomination_id, kind, sha256, file_name)
            SELECT province_code, id, 'bao_cao_thanh_tich', sha256(\(pdf)), 'bao-cao.pdf' FROM nominations
            """,
            logger: Self.logger
        )
        var ids: [Int] = []
        for try await id in try await client.query("SELECT id FROM nominations ORDER BY id", logger: Self.logger).decode(Int.self) {
            ids.append(id)
        }
        return ids
    }
}
