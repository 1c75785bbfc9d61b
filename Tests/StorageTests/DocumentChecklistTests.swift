import Foundation
import Geography
import Storage
import TestSupport
import Testing
import Workflow

/// The 2026 two-tier process asks, per award and level, for the documents a dossier must hold:
/// a provincial award reaches the province council only with the commune's tờ trình and its
/// council's minutes — which the commune council's closing writes and attaches itself.
@Suite struct DocumentChecklistTests {
    @Test func theProvinceRefusesADossierWithoutTheCommunesMemoAndMinutesAndTakesOneTheCouncilSentUp() async throws {
        try await CouncilSessionTests.withNominationsAtCouncil(2, workflow: "khen-thuong-2-cap@2026", award: "bang-khen-tinh") {
            db,
            councils,
            nominations,
            unit in
            let store = try await db.nominationStore()
            // Sent up by a bare vote: nothing written, nothing attached.
            let bare = try await store.walk(nominations[0], [(.recordVote, .councilSecretary)])
            #expect(bare.state == "tinh_tiep_nhan")
            let refusal = await #expect(throws: NominationStore.NominationError.self) {
                _ = try await store.walk(bare, [(.toCouncil, .reviewer)])
            }
            #expect(refusal?.description.contains("Hồ sơ còn thiếu tài liệu bắt buộc: Tờ trình, Biên bản họp Hội đồng.") == true)

            // Sent up by the council's closing: the minutes and the memo come with it.
            let session = CouncilSessionKey(
                provinceCode: "88",
                id: try await CouncilSessionTests.open(councils, unit: unit, [nominations[1]])
            )
            try await councils.recordAttendance(session, present: Set(1...7), recordedBy: nil)
            try await CouncilSessionTests.vote(councils, session.id, nominations[1].id, yes: 1...7, no: nil)
            let closed = try await councils.close(session, closedBy: nil, endsAt: "10:00")
            #expect(closed.map(\.toState) == ["tinh_tiep_nhan"])
            let kinds = try await store.documents(of: nominations[1].key).map(\.kind)
            #expect(Set(kinds) == ["bao_cao_thanh_tich", "to_trinh", "bien_ban_hoi_dong"])
            let moved = try #require(try await store.nomination(nominations[1].key))
            let atCouncil = try await store.walk(moved, [(.toCouncil, .reviewer)])
            #expect(atCouncil.state == "tinh_hoi_dong")

            // The province reviewer may add what the commune sent on paper, and then it passes.
            try await store.attachDocument(
                to: bare.key,
                kind: "to_trinh",
                bytes: CouncilSessionTests.report,
                fileName: "to-trinh.pdf",
                uploadedBy: nil,
                roles: [.reviewer]
            )
            try await store.attachDocument(
                to: bare.key,
                kind: "bien_ban_hoi_dong",
                bytes: CouncilSessionTests.report,
                fileName: "bien-ban.pdf",
                uploadedBy: nil,
                roles: [.reviewer]
            )
            let current = try #require(try await store.nomination(bare.key))
            #expect(try await store.walk(current, [(.toCouncil, .reviewer)]).state == "tinh_hoi_dong")
        }
    }
}
