import Foundation
import Geography
import Logging
import PostgresNIO
import Workflow

/// The demo's lived-in commendation work, so that every role finds something on its first visit:
/// the 2025 round finished with an issued decision of the commune chair, and a 2026 round with
/// dossiers at every step of Xã Yên Bình — a draft, one waiting (overdue) for the reviewer, one
/// returned for supplement, one on hold, two before the council (one on an open session), one
/// waiting for the chair's decision and one gone up to the province. Loaded once.
enum DemoNominations {
    static let report = Array("%PDF-1.4\n% Báo cáo thành tích (dữ liệu mẫu)\n%%EOF\n".utf8)
    static let tally = VoteRule.Tally(members: 5, present: 5, yes: 5, no: 0)

    struct Dossier {
        let kind: String
        let key: String
        let name: String
        let detail: String
        let award: String
        let achievement: String
    }

    static func load(client: PostgresClient, workflows: WorkflowRepository, logger: Logger, round2025: Int?) async throws {
        let existing = try await client.query("SELECT count(*)::int FROM rounds WHERE province_code = '99' AND year = 2026", logger: logger)
        for try await count in existing.decode(Int.self) where count > 0 { return }
        var users: [String: Int] = [:]
        let rows = try await client.query("SELECT username, id FROM users WHERE is_demo", logger: logger)
        for try await (name, id) in rows.decode((String, Int).self) { users[name] = id }
        var commune: Int?
        let units = try await client.query("SELECT id FROM admin_units WHERE code = '99010' AND valid_to IS NULL", logger: logger)
        for try await id in units.decode(Int.self) { commune = id }
        guard let commune else { return }
        let store = NominationStore(client: client, workflows: workflows, logger: logger)

        func create(_ round: Int, _ d: Dossier, by clerk: String = "xa.canbo") async throws -> NominationStore.Nomination {
            let nomination = try await store.create(
                .init(
                    provinceCode: "99",
                    roundID: round,
                    award: d.award,
                    nomineeKind: d.kind,
                    nomineeKey: d.key,
                    nomineeName: d.name,
                    unitID: commune,
                    achievement: d.achievement,
                    nomineeDetail: d.detail
                ),
                createdBy: users[clerk]
            )
            try await store.attachDocument(
                to: nomination.key,
                kind: "bao_cao_thanh_tich",
                bytes: report,
                fileName: "bao-cao-thanh-tich-\(d.key.lowercased()).pdf",
                uploadedBy: users[clerk],
                roles: [.submitter]
            )
            return nomination
        }
        func walk(_ nomination: NominationStore.Nomination, _ steps: [(Action, Workflow.Role, String)]) async throws -> NominationStore.Nomination {
            var current = nomination
            for (action, role, user) in steps {
                current = try await store.act(
                    current.key,
                    action: action,
                    expectedVersion: current.version,
                    actorID: users[user],
                    roles: [role],
                    comment: nil,
                    idempotencyKey: nil,
                    tally: tally
                ).nomination
            }
            return current
        }
        let toCouncil: [(Action, Workflow.Role, String)] = [(.submit, .submitter, "xa.canbo"), (.toCouncil, .reviewer, "xa.chuyenvien")]
        let throughCouncil = toCouncil + [(.recordVote, .councilSecretary, "xa.thuky")]

        // 2025: finished, two awards in an issued decision of the commune chair.
        if let round2025 {
            for d in [
                Dossier(
                    kind: "collective",
                    key: "TT-HKH-YB",
                    name: "Chi hội Khuyến học thôn Đoài",
                    detail: "Thôn Đoài, xã Yên Bình",
                    award: "giay-khen-xa",
                    achievement: "Duy trì lớp học tiếng Anh và tin học miễn phí cho 120 lượt người dân trong năm 2025."
                ),
                Dossier(
                    kind: "individual",
                    key: "CCCD-099182000114",
                    name: "Bùi Văn Hùng",
                    detail: "Trưởng thôn Đông",
                    award: "giay-khen-xa",
                    achievement: "Vận động 100% hộ gia đình trong thôn đăng ký xây dựng Gia đình học tập."
                ),
            ] {
                _ = try await walk(try await create(round2025, d), throughCouncil)
            }
            let decisions = DecisionStore(client: client, workflows: workflows, logger: logger)
            let draft = try await decisions.draft(
                provinceCode: "99",
                unitID: commune,
                roundID: round2025,
                award: "giay-khen-xa",
                createdBy: users["xa.chuyenvien"]
            )
            _ = try await decisions.issue(
                draft.key,
                on: Day(year: 2025, month: 12, day: 22)!,
                number: 215,
                signer: (name: "Lý Văn Đức", title: "CHỦ TỊCH"),
                issuedBy: users["xa.chutich"]
            )
        }

        // 2026: dossiers at every step.
        let round = try await store.createRound(
            provinceCode: "99",
            name: "Khen thưởng phong trào xây dựng xã hội học tập năm 2026 (dữ liệu mẫu)",
            year: 2026,
            basis: "thematic",
            workflow: "khen-thuong-2-cap@2026"
        )
        let person = { (key: String, name: String, detail: String, achievement: String) in
            Dossier(kind: "individual", key: key, name: name, detail: detail, award: "giay-khen-xa", achievement: achievement)
        }
        _ = try await create(
            round,
            Dossier(
                kind: "collective",
                key: "TT-THYB",
                name: "Trường Tiểu học Yên Bình",
                detail: "Xã Yên Bình",
                award: "giay-khen-xa",
                achievement: "Tổ chức 12 buổi sinh hoạt \"Ngày hội đọc sách\" cho học sinh và phụ huynh."
            )
        )
        let overdue = try await walk(
            try await create(
                round,
                person("CCCD-099190001234", "Nguyễn Thị Lan", "Giáo viên Trường Mầm non Yên Bình", "Mở lớp xóa mù chữ cho 15 người cao tuổi.")
            ),
            [(.submit, .submitter, "xa.canbo")]
        )
        // Waiting past its deadline, as a reviewer's late item looks.
        try await client.query(
            "UPDATE nominations SET due_on = current_date - 3 WHERE province_code = '99' AND id = \(overdue.id)",
            logger: logger
        )
        let returned = try await walk(
            try await create(
                round,
                person("CCCD-099185004321", "Trần Văn Bình", "Nông dân, thôn Trung", "Tự học và chia sẻ kỹ thuật trồng lúa hữu cơ.")
            ),
            [(.submit, .submitter, "xa.canbo")]
        )
        _ = try await store.act(
            returned.key,
            action: .return,
            expectedVersion: returned.version,
            actorID: users["xa.chuyenvien"],
            roles: [.reviewer],
            comment: "Bổ sung xác nhận của Ban công tác Mặt trận thôn Trung.",
            idempotencyKey: nil,
            requestedDocuments: ["minh_chung"]
        )
        let held = try await walk(
            try await create(
                round,
                person("CCCD-099178007788", "Lê Văn Sơn", "Hội viên Hội Khuyến học xã", "Quyên góp 200 đầu sách cho tủ sách thôn.")
            ),
            [(.submit, .submitter, "xa.canbo")]
        )
        _ = try await store.setHold(held.key, reason: "Đang xác minh đơn phản ánh của công dân (dữ liệu mẫu).", actorID: users["xa.chuyenvien"])
        let atCouncil = try await walk(
            try await create(
                round,
                person("CCCD-099188002468", "Phạm Thị Hạnh", "Thôn Đông", "Hoàn thành chương trình giáo dục thường xuyên cấp THPT ở tuổi 45.")
            ),
            toCouncil
        )
        _ = try await walk(
            try await create(
                round,
                person("CCCD-099192003579", "Hoàng Văn Long", "Đoàn viên, thôn Đoài", "Hướng dẫn 60 người dân dùng dịch vụ công trực tuyến.")
            ),
            toCouncil
        )
        let decidedInSession = try await walk(
            try await create(
                round,
                Dossier(
                    kind: "collective",
                    key: "TT-CLB-DS",
                    name: "Câu lạc bộ Đọc sách thôn Trung",
                    detail: "Thôn Trung, xã Yên Bình",
                    award: "giay-khen-xa",
                    achievement: "Duy trì sinh hoạt hằng tháng với 40 thành viên."
                )
            ),
            toCouncil
        )
        let goingUp = try await walk(
            try await create(
                round,
                Dossier(
                    kind: "individual",
                    key: "CCCD-099170005555",
                    name: "Đặng Thị Mai",
                    detail: "Chủ tịch Hội Khuyến học xã Yên Bình",
                    award: "bang-khen-tinh",
                    achievement: "Năm năm liền vận động xây dựng Quỹ khuyến học, hỗ trợ 85 học sinh nghèo."
                )
            ),
            toCouncil
        )
        // A closed session of the commune council: its minutes go to both dossiers and the tờ
        // trình to the one sent up to the province, as the province's checklist asks.
        let sessions = CouncilSessionStore(client: client, workflows: workflows, logger: logger)
        let closed = CouncilSessionKey(
            provinceCode: "99",
            id: try await sessions.open(
                provinceCode: "99",
                unitID: commune,
                title: "Phiên họp xét khen thưởng tháng 11/2026",
                heldOn: Day(year: 2026, month: 11, day: 20)!,
                startsAt: "14:00",
                place: "Hội trường Ủy ban nhân dân xã Yên Bình",
                members: [],
                nominations: [decidedInSession.id, goingUp.id],
                openedBy: users["xa.thuky"]
            )
        )
        if let session = try await sessions.session(closed) {
            let everyone = session.members.map(\.number)
            try await sessions.recordAttendance(closed, present: Set(everyone), recordedBy: users["xa.thuky"])
            try await sessions.recordVotes(
                in: closed,
                [decidedInSession.id, goingUp.id].flatMap { nomination in everyone.map { (nomination, $0, CouncilSessionStore.Vote.yes) } },
                recordedBy: users["xa.thuky"],
                asSecretary: true
            )
            _ = try await sessions.close(closed, closedBy: users["xa.thuky"], endsAt: "15:30")
        }
        // An open session of the commune council (from its roster) with one of the two waiting.
        _ = try await sessions.open(
            provinceCode: "99",
            unitID: commune,
            title: "Phiên họp xét khen thưởng tháng 12/2026",
            heldOn: Day.todayInVietnam,
            startsAt: "08:00",
            place: "Hội trường Ủy ban nhân dân xã Yên Bình",
            members: [],
            nominations: [atCouncil.id],
            openedBy: users["xa.thuky"]
        )

        // The Hội Khuyến học's own round: two dossiers of the commune association, one waiting for
        // its review, one for its Ban Thường vụ.
        let association = try await store.createRound(
            provinceCode: "99",
            name: "Khen thưởng công tác khuyến học, khuyến tài năm 2026 của Hội Khuyến học (dữ liệu mẫu)",
            year: 2026,
            basis: "thematic",
            workflow: "khen-thuong-hoi-khuyen-hoc@2025"
        )
        let sent: [(Action, Workflow.Role, String)] = [(.submit, .submitter, "hkh.xa.vanphong")]
        _ = try await walk(
            try await create(
                association,
                Dossier(
                    kind: "individual",
                    key: "HV-HKH-YB-017",
                    name: "Võ Thị Thu",
                    detail: "Chi hội trưởng Chi hội Khuyến học thôn Đông",
                    award: "giay-khen-hoi-xa",
                    achievement: "Vận động 30 gia đình đăng ký \"Gia đình học tập\", duy trì tủ sách thôn."
                ),
                by: "hkh.xa.vanphong"
            ),
            sent
        )
        _ = try await walk(
            try await create(
                association,
                Dossier(
                    kind: "collective",
                    key: "CHKH-THON-TRUNG",
                    name: "Chi hội Khuyến học thôn Trung",
                    detail: "Xã Yên Bình",
                    award: "giay-khen-hoi-xa",
                    achievement: "Trao 45 suất học bổng cho học sinh vượt khó, lập quỹ khuyến học dòng họ."
                ),
                by: "hkh.xa.vanphong"
            ),
            sent + [(.toCouncil, .reviewer, "hkh.xa.canbo")]
        )
    }
}
