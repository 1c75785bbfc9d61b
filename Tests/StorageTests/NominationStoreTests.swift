import Foundation
import PostgresNIO
import Storage
import TestSupport
import Testing
import Workflow

@Suite struct NominationStoreTests {
    static let passing = VoteRule.Tally(members: 7, present: 7, yes: 5, no: 2)
    static let report = Array("%PDF-1.4\nBáo cáo thành tích\n%%EOF\n".utf8)

    /// A fresh province with the 2-tier round and one nomination (of an individual, whose award
    /// needs no learning-model title) with its achievement report attached.
    static func withNomination(
        award: String = "giay-khen-xa",
        kind: String = "individual",
        attachReport: Bool = true,
        _ body: @Sendable (TestDatabase, NominationStore, NominationStore.Nomination) async throws -> Void
    ) async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            let round = try await store.createRound(
                provinceCode: "88",
                name: "Khen thưởng năm 2025",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            let unit = try #require(
                try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_from = '2025-07-01'", as: Int.self)
            )
            let nomination = try await store.create(
                .init(
                    provinceCode: "88",
                    roundID: round,
                    award: award,
                    nomineeKind: kind,
                    nomineeKey: "HGD-001",
                    nomineeName: "Hộ ông Nguyễn Văn An",
                    unitID: unit
                ),
                createdBy: nil
            )
            if attachReport {
                try await store.attachDocument(
                    to: NominationKey(provinceCode: "88", id: nomination.id),
                    kind: "bao_cao_thanh_tich",
                    bytes: report,
                    fileName: "bao-cao.pdf",
                    uploadedBy: nil,
                    roles: [.submitter]
                )
            }
            try await body(db, store, nomination)
        }
    }

    static func act(
        _ store: NominationStore,
        _ nomination: NominationStore.Nomination,
        _ action: Action,
        _ role: Workflow.Role,
        version: Int,
        comment: String? = nil,
        key: String? = nil,
        tally: VoteRule.Tally? = passing
    ) async throws -> NominationStore.ActResult {
        try await store.act(
            nomination.key,
            action: action,
            expectedVersion: version,
            actorID: nil,
            roles: [role],
            comment: comment,
            idempotencyKey: key,
            tally: tally
        )
    }

    @Test func lifeOfANominationIsStoredWithHistoryAndAnIntactAudit() async throws {
        try await Self.withNomination { db, store, nomination in
            #expect(nomination.state == "xa_lap_ho_so")
            #expect(nomination.version == 1)
            var version = 1
            for (action, role, comment) in [
                (Action.submit, Workflow.Role.submitter, nil), (.return, .reviewer, "Thiếu báo cáo thành tích"), (.resubmit, .submitter, nil),
                (.toCouncil, .reviewer, nil), (.recordVote, .councilSecretary, nil), (.decide, .chair, nil),
            ] {
                let result = try await Self.act(store, nomination, action, role, version: version, comment: comment)
                version = result.nomination.version
            }
            let history = try await store.history(of: NominationKey(provinceCode: "88", id: nomination.id))
            #expect(history.map(\.action) == ["create", "submit", "return", "resubmit", "to_council", "record_vote", "decide"])
            #expect(history[2].comment == "Thiếu báo cáo thành tích")
            #expect(try await db.scalar("SELECT state || ':' || is_open FROM nominations", as: String.self) == "da_khen_thuong:false")
            let verified = try await AuditTrail.verify(client: db.client, logger: TestDatabase.logger)
            #expect(verified.records == 8)
            #expect(verified.firstBreak == nil)
        }
    }

    @Test func staleVersionIsRefusedWithTheCurrentState() async throws {
        try await Self.withNomination { _, store, nomination in
            _ = try await Self.act(store, nomination, .submit, .submitter, version: 1)
            let error = await #expect(throws: NominationStore.NominationError.self) {
                try await Self.act(store, nomination, .toCouncil, .reviewer, version: 1)
            }
            guard case .stale(let current)? = error else {
                Issue.record("expected a stale-version refusal, got \(String(describing: error))")
                return
            }
            #expect(current.version == 2)
            #expect(current.state == "xa_tham_dinh")
        }
    }

    @Test func hundredConcurrentAttemptsLeaveExactlyOneWinner() async throws {
        try await Self.withNomination { db, store, nomination in
            let outcomes = await withTaskGroup(of: String.self) { group in
                for _ in 0..<100 {
                    group.addTask {
                        do {
                            _ = try await Self.act(store, nomination, .submit, .submitter, version: 1)
                            return "won"
                        } catch NominationStore.NominationError.stale {
                            return "stale"
                        } catch {
                            return "other: \(error)"
                        }
                    }
                }
                var all: [String] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.filter { $0 == "won" }.count == 1)
            #expect(outcomes.filter { $0 == "stale" }.count == 99)
            let transitions = try await db.scalar("SELECT count(*)::int FROM nomination_transitions", as: Int.self)
            let audits = try await db.scalar("SELECT count(*)::int FROM audit_records", as: Int.self)
            let version = try await db.scalar("SELECT version FROM nominations", as: Int.self)
            #expect(transitions == 2)
            #expect(audits == 3)
            #expect(version == 2)
        }
    }

    @Test func retriedIdempotencyKeyDoesNothingTwice() async throws {
        try await Self.withNomination { db, store, nomination in
            let first = try await Self.act(store, nomination, .submit, .submitter, version: 1, key: "req-7f3a")
            let retry = try await Self.act(store, nomination, .submit, .submitter, version: 1, key: "req-7f3a")
            #expect(!first.replayed)
            #expect(retry.replayed)
            #expect(retry.nomination.version == 2)
            #expect(try await db.scalar("SELECT count(*)::int FROM nomination_transitions", as: Int.self) == 2)
        }
    }

    @Test func nomineeOnHoldCannotBeProposed() async throws {
        try await Self.withNomination { db, store, nomination in
            try await db.client.query("UPDATE nominations SET hold_reason = 'Đang bị thanh tra'", logger: TestDatabase.logger)
            let error = await #expect(throws: NominationStore.NominationError.self) {
                try await Self.act(store, nomination, .submit, .submitter, version: 1)
            }
            guard case .refused(.guardFailed(.noHold, _))? = error else {
                Issue.record("a nominee on hold was proposed: \(String(describing: error))")
                return
            }
        }
    }

    @Test func secondOpenNominationOfTheSameNomineeIsRefused() async throws {
        try await Self.withNomination { _, store, nomination in
            await #expect(throws: NominationStore.NominationError.duplicateOpen(existing: nomination.key)) {
                try await store.create(
                    .init(
                        provinceCode: "88",
                        roundID: nomination.roundID,
                        award: nomination.award,
                        nomineeKind: "household",
                        nomineeKey: "HGD-001",
                        nomineeName: "Hộ ông Nguyễn Văn An",
                        unitID: nomination.unitID
                    ),
                    createdBy: nil
                )
            }
        }
    }

    @Test func editingOrDeletingAuditRowsIsDetected() async throws {
        try await Self.withNomination { db, store, nomination in
            var version = 1
            for (action, role) in [(Action.submit, Workflow.Role.submitter), (.toCouncil, .reviewer)] {
                version = try await Self.act(store, nomination, action, role, version: version).nomination.version
            }
            #expect(try await AuditTrail.anchor(client: db.client, logger: TestDatabase.logger) == 1)
            let chain = "nomination:\(nomination.id)"
            // An administrator with psql disables the guard and edits a record.
            try await db.client.query("ALTER TABLE audit_records DISABLE TRIGGER audit_records_append_only", logger: TestDatabase.logger)
            try await db.client.query(
                "UPDATE audit_records SET payload = replace(payload, 'submit', 'forward') WHERE chain = \(chain) AND seq = 3",
                logger: TestDatabase.logger
            )
            var verified = try await AuditTrail.verify(client: db.client, logger: TestDatabase.logger)
            #expect(verified.firstBreak?.seq == 3)
            #expect(verified.firstBreak?.problem.contains("mã băm không khớp") == true)
            try await db.client.query(
                "UPDATE audit_records SET payload = replace(payload, 'forward', 'submit') WHERE chain = \(chain) AND seq = 3",
                logger: TestDatabase.logger
            )
            #expect(try await AuditTrail.verify(client: db.client, logger: TestDatabase.logger).firstBreak == nil)
            // Cutting the tail leaves an intact-looking chain; the anchor catches it.
            try await db.client.query("DELETE FROM audit_records WHERE chain = \(chain) AND seq = 4", logger: TestDatabase.logger)
            verified = try await AuditTrail.verify(client: db.client, logger: TestDatabase.logger)
            #expect(verified.firstBreak?.chain == chain)
            #expect(verified.firstBreak?.seq == 4)
            #expect(verified.firstBreak?.problem.contains("cắt đuôi") == true)
        }
    }

    @Test func missingDossierDocumentBlocksSubmission() async throws {
        try await Self.withNomination(attachReport: false) { _, store, nomination in
            let error = await #expect(throws: NominationStore.NominationError.self) {
                try await Self.act(store, nomination, .submit, .submitter, version: 1)
            }
            #expect(error == .refused(.guardFailed(.documentsComplete, "Hồ sơ còn thiếu tài liệu bắt buộc: Báo cáo thành tích.")))
            let disguised = await #expect(throws: EvidenceStore.EvidenceError.self) {
                try await store.attachDocument(
                    to: NominationKey(provinceCode: "88", id: nomination.id),
                    kind: "bao_cao_thanh_tich",
                    bytes: Array("MZ…".utf8),
                    fileName: "bao-cao.pdf",
                    uploadedBy: nil,
                    roles: [.submitter]
                )
            }
            #expect(disguised == .unsupportedType("bao-cao.pdf"))
        }
    }

    @Test func householdNeedsItsLearningFamilyTitleBeforeItIsProposed() async throws {
        try await Self.withNomination(kind: "household") { db, store, nomination in
            let error = await #expect(throws: NominationStore.NominationError.self) {
                try await Self.act(store, nomination, .submit, .submitter, version: 1)
            }
            guard case .refused(.guardFailed(.titleRecognised, _))? = error else {
                Issue.record("a household without the title was proposed: \(String(describing: error))")
                return
            }
            let set = try await db.loadShippedCriteria()
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("HGD-001").bytes,
                set: set,
                options: .init(fileName: "x.csv", recognisedBy: "Quyết định số 1/QĐ-UBND")
            )
            let submitted = try await Self.act(store, nomination, .submit, .submitter, version: 1)
            #expect(submitted.toState == "xa_tham_dinh")
        }
    }
}
