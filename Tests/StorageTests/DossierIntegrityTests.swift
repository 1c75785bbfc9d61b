import Foundation
import Storage
import TestSupport
import Testing
import Workflow

/// The dossier a council votes on is the dossier decided: documents go in only at the steps and
/// from the roles the workflow names, and a replaced file stays as an earlier version, audited.
@Suite struct DossierIntegrityTests {
    static let report = Array("%PDF-1.4\nBáo cáo thành tích\n%%EOF\n".utf8)
    static let corrected = Array("%PDF-1.4\nBáo cáo thành tích (sửa)\n%%EOF\n".utf8)

    /// A fresh small province with a 2025 round on the 2-tier process and the commune 88101.
    static func withRound(_ body: @Sendable (TestDatabase, NominationStore, Int, Int) async throws -> Void) async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            let round = try await store.createRound(
                provinceCode: "88",
                name: "Năm 2025",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            let unit = try #require(
                try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_from = '2025-07-01'", as: Int.self)
            )
            try await body(db, store, round, unit)
        }
    }

    /// A new nomination of an individual for the commune's Giấy khen, at its first step.
    static func draft(_ store: NominationStore, round: Int, unit: Int, key: String, name: String) async throws -> NominationStore.Nomination {
        try await store.create(
            .init(
                provinceCode: "88",
                roundID: round,
                award: "giay-khen-xa",
                nomineeKind: "individual",
                nomineeKey: key,
                nomineeName: name,
                unitID: unit
            ),
            createdBy: nil
        )
    }

    @Test func aDocumentAddedAfterTheCouncilVoteIsRefusedByEveryRole() async throws {
        try await Self.withRound { db, store, round, unit in
            let voted = try await store.individualWaitingForCommuneDecision(round: round, unitID: unit, name: "Lê Thị Vân", key: "CD-V")
            for roles: Set<Role> in [[.submitter], [.reviewer], [.chair], [.councilSecretary], Set(Role.allCases)] {
                await #expect(throws: NominationStore.NominationError.self) {
                    try await store.attachDocument(
                        to: NominationKey(provinceCode: "88", id: voted.id),
                        kind: "minh_chung",
                        bytes: Self.corrected,
                        fileName: "them.pdf",
                        uploadedBy: nil,
                        roles: roles
                    )
                }
            }
            #expect(try await store.documents(of: NominationKey(provinceCode: "88", id: voted.id)).count == 1)
        }
    }

    @Test func onlyTheRolesTheStepNamesMayAddDocuments() async throws {
        try await Self.withRound { db, store, round, unit in
            let draft = try await Self.draft(store, round: round, unit: unit, key: "CD-R", name: "Hà Văn Rạng")
            do {
                try await store.attachDocument(
                    to: NominationKey(provinceCode: "88", id: draft.id),
                    kind: "minh_chung",
                    bytes: Self.report,
                    fileName: "a.pdf",
                    uploadedBy: nil,
                    roles: [.councilMember]
                )
                Issue.record("a council member added a document while the dossier was being prepared")
            } catch NominationStore.NominationError.documentsFrozen(let reason) {
                #expect(reason.contains("Cán bộ lập hồ sơ"))
            }
        }
    }

    @Test func aReplacedDocumentKeepsItsPredecessorAndIsAudited() async throws {
        try await Self.withRound { db, store, round, unit in
            let draft = try await Self.draft(store, round: round, unit: unit, key: "CD-T", name: "Tạ Thị Thu")
            for (bytes, replacing) in [(Self.report, false), (Self.corrected, true)] {
                try await store.attachDocument(
                    to: NominationKey(provinceCode: "88", id: draft.id),
                    kind: "bao_cao_thanh_tich",
                    bytes: bytes,
                    fileName: "bao-cao.pdf",
                    uploadedBy: nil,
                    roles: [.submitter],
                    replacing: replacing
                )
            }
            let documents = try await store.documents(of: NominationKey(provinceCode: "88", id: draft.id))
            #expect(documents.count == 2)
            #expect(documents[0].replacedAt == nil, "the current file comes first")
            #expect(documents[1].replacedAt != nil, "the earlier file is kept, marked as replaced")
            let earlier = try await store.documentFile(of: NominationKey(provinceCode: "88", id: draft.id), sha256: documents[1].sha256)
            #expect(earlier?.content == Self.report)
            let audited = try await db.scalar(
                "SELECT count(*)::int FROM audit_records WHERE chain = \("nomination:\(draft.id)") AND action = 'replace_document'",
                as: Int.self
            )
            #expect(audited == 1)
        }
    }
}
