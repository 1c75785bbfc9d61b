import Foundation
import Storage
import TestSupport
import Testing
import Workflow

/// Transitions asked for together are written together, and each request still gets its own
/// answer: its nomination after the move, or its own refusal, whatever the others in the batch.
@Suite struct BatchedTransitionsTests {
    @Test func aBurstOfTransitionsGivesEachRequestItsOwnAnswerAndEveryRecord() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            let round = try await store.createRound(provinceCode: "88", name: "2025", year: 2025, basis: "merit", workflow: "khen-thuong-2-cap@2025")
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            var drafts: [NominationStore.Nomination] = []
            for index in 0..<60 {
                let nomination = try await store.create(
                    .init(
                        provinceCode: "88",
                        roundID: round,
                        award: "giay-khen-xa",
                        nomineeKind: "individual",
                        nomineeKey: "B\(index)",
                        nomineeName: "Người \(index)",
                        unitID: unit
                    ),
                    createdBy: nil
                )
                // Every third one has no achievement report: the engine refuses its submission.
                if index % 3 != 0 {
                    try await store.attachDocument(
                        to: nomination.key,
                        kind: "bao_cao_thanh_tich",
                        bytes: Array("%PDF-1.4\nBáo cáo\n%%EOF\n".utf8),
                        fileName: "b.pdf",
                        uploadedBy: nil,
                        roles: [.submitter]
                    )
                }
                drafts.append(nomination)
            }
            enum Outcome: Equatable {
                case moved(version: Int)
                case refused
                case stale
                case notFound
                case other(String)
            }
            // All at once: the good ones, the refused ones, a stale version, a nomination that
            // does not exist, and a second request for a nomination already in the burst.
            let outcomes = await withTaskGroup(of: (Int, Outcome).self) { group in
                for (index, nomination) in drafts.enumerated() {
                    group.addTask {
                        do {
                            let result = try await store.act(
                                nomination.key,
                                action: .submit,
                                expectedVersion: index == 7 ? 5 : nomination.version,
                                actorID: nil,
                                roles: [.submitter],
                                comment: "Gửi \(index)",
                                idempotencyKey: nil
                            )
                            return (index, .moved(version: result.nomination.version))
                        } catch NominationStore.NominationError.refused {
                            return (index, .refused)
                        } catch NominationStore.NominationError.stale {
                            return (index, .stale)
                        } catch {
                            return (index, .other("\(error)"))
                        }
                    }
                }
                group.addTask {
                    do {
                        _ = try await store.act(
                            NominationKey(provinceCode: "88", id: 999_999),
                            action: .submit,
                            expectedVersion: 1,
                            actorID: nil,
                            roles: [.submitter],
                            comment: nil,
                            idempotencyKey: nil
                        )
                        return (-1, .other("moved a nomination that does not exist"))
                    } catch NominationStore.NominationError.notFound {
                        return (-1, .notFound)
                    } catch {
                        return (-1, .other("\(error)"))
                    }
                }
                var all: [Int: Outcome] = [:]
                for await (index, outcome) in group { all[index] = outcome }
                return all
            }
            #expect(outcomes[-1] == .notFound)
            #expect(outcomes[7] == .stale)
            for index in drafts.indices where index != 7 {
                #expect(outcomes[index] == (index % 3 == 0 ? .refused : .moved(version: 2)), "request \(index)")
            }
            let moved = drafts.indices.filter { $0 != 7 && $0 % 3 != 0 }
            for index in moved {
                let history = try await store.history(of: drafts[index].key)
                #expect(history.map(\.seq) == [0, 1])
                #expect(history.last?.comment == "Gửi \(index)")
            }
            #expect(try await db.scalar("SELECT count(*)::int FROM nomination_transitions WHERE action = 'submit'", as: Int.self) == moved.count)
            #expect(try await db.scalar("SELECT count(*)::int FROM audit_records WHERE action = 'submit'", as: Int.self) == moved.count)
            #expect(try await AuditTrail.verify(client: db.client, logger: TestDatabase.logger).firstBreak == nil)
        }
    }

    @Test func tenThousandConflictingActionsOnAHundredNominationsLeaveOneWinnerEach() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            let round = try await store.createRound(provinceCode: "88", name: "2025", year: 2025, basis: "merit", workflow: "khen-thuong-2-cap@2025")
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            try await db.client.query(
                """
                INSERT INTO nominations (province_code, round_id, workflow_id, workflow_version, award, basis, nominee_kind, nominee_key,
                                         nominee_name, nominee_folded, unit_id, state)
                SELECT '88', \(round), 'khen-thuong-2-cap', '2025', 'giay-khen-xa', 'merit', 'individual', 'X-' || g, 'Người ' || g,
                       'nguoi_' || g, \(unit), 'xa_lap_ho_so'
                FROM generate_series(1, 100) g
                """,
                logger: TestDatabase.logger
            )
            try await db.client.query(
                """
                INSERT INTO evidence_files (sha256, media_type, size, content)
                VALUES (sha256(convert_to('%PDF-1.4 x %%EOF', 'UTF8')), 'application/pdf', 16, convert_to('%PDF-1.4 x %%EOF', 'UTF8'))
                """,
                logger: TestDatabase.logger
            )
            try await db.client.query(
                """
                INSERT INTO nomination_documents (province_code, nomination_id, kind, sha256, file_name)
                SELECT province_code, id, 'bao_cao_thanh_tich', sha256(convert_to('%PDF-1.4 x %%EOF', 'UTF8')), 'b.pdf' FROM nominations
                """,
                logger: TestDatabase.logger
            )
            var keys: [NominationKey] = []
            for try await id in try await db.client.query("SELECT id FROM nominations ORDER BY id", logger: TestDatabase.logger).decode(Int.self) {
                keys.append(NominationKey(provinceCode: "88", id: id))
            }
            // 100 attempts on each, all at once, interleaved, each taken on version 1.
            let everyKey = keys
            let outcomes = await withTaskGroup(of: (NominationKey, String).self) { group in
                for attempt in 0..<10_000 {
                    let key = everyKey[attempt % everyKey.count]
                    group.addTask {
                        do {
                            _ = try await store.act(
                                key,
                                action: .submit,
                                expectedVersion: 1,
                                actorID: nil,
                                roles: [.submitter],
                                comment: "Lần \(attempt)",
                                idempotencyKey: nil
                            )
                            return (key, "won")
                        } catch NominationStore.NominationError.stale {
                            return (key, "stale")
                        } catch {
                            return (key, "other: \(error)")
                        }
                    }
                }
                var all: [(NominationKey, String)] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.filter { $0.1.hasPrefix("other") }.isEmpty, "\(outcomes.first { $0.1.hasPrefix("other") }.map(\.1) ?? "")")
            for key in keys {
                #expect(outcomes.filter { $0.0 == key && $0.1 == "won" }.count == 1, "nomination \(key.id)")
            }
            #expect(outcomes.filter { $0.1 == "stale" }.count == 9_900)
            #expect(try await db.scalar("SELECT count(*)::int FROM nomination_transitions WHERE action = 'submit'", as: Int.self) == 100)
            #expect(try await db.scalar("SELECT count(*)::int FROM nominations WHERE version = 2 AND last_seq = 1", as: Int.self) == 100)
            #expect(try await db.scalar("SELECT count(*)::int FROM audit_records WHERE action = 'submit'", as: Int.self) == 100)
            #expect(try await AuditTrail.verify(client: db.client, logger: TestDatabase.logger).firstBreak == nil)
        }
    }
}
