import Foundation
import Storage
import TestSupport
import Testing

/// The demo a newcomer opens is lived in: every role finds work at its step, and loading it
/// again (every `make run`) adds nothing.
@Suite struct DemoDataTests {
    @Test func theDemoHasWorkAtEveryStepAndLoadsOnce() async throws {
        try await TestDatabase.withFresh { db in
            for _ in 1...2 { try await db.loadDemo() }
            let states = try await db.scalar(
                """
                SELECT string_agg(n.state, ',' ORDER BY n.state) FROM nominations n JOIN rounds r ON r.province_code = n.province_code AND r.id = n.round_id
                WHERE r.year = 2026
                """,
                as: String.self
            )
            #expect(
                // The People's Committee's round, and the Hội Khuyến học's (hoi_…): one for its reviewer, one for its Ban Thường vụ.
                states
                    == "hoi_xa_ban_thuong_vu,hoi_xa_kiem_tra,tinh_tiep_nhan,xa_bo_sung,xa_cho_quyet_dinh,xa_hoi_dong,xa_hoi_dong,xa_lap_ho_so,xa_tham_dinh,xa_tham_dinh",
                "\(states ?? "-")"
            )
            #expect(try await db.scalar("SELECT count(*)::int FROM nominations WHERE hold_reason IS NOT NULL", as: Int.self) == 1)
            #expect(try await db.scalar("SELECT count(*)::int FROM nominations WHERE due_on < current_date AND is_open", as: Int.self) ?? 0 >= 1)
            #expect(try await db.scalar("SELECT number FROM decisions WHERE status = 'issued'", as: Int.self) == 215)
            #expect(try await db.scalar("SELECT count(*)::int FROM council_sessions WHERE closed_at IS NULL", as: Int.self) == 1)
            #expect(try await db.scalar("SELECT count(*)::int FROM council_roster", as: Int.self) == 10)
            let stages = try await db.scalar(
                """
                SELECT count(*) FILTER (WHERE self_answers IS NULL)::text || '/' || count(*) FILTER (WHERE self_answers IS NOT NULL)::text
                FROM registrations WHERE subject_key LIKE 'HGD-DK-%'
                """,
                as: String.self
            )
            #expect(stages == "1/3")
            #expect(
                try await db.scalar("SELECT count(*)::int FROM assessments WHERE appraised_by IS NULL AND subject_key LIKE 'HGD-DK-%'", as: Int.self)
                    == 2
            )
            #expect(try await db.scalar("SELECT count(*)::int FROM assessments WHERE year = 2026 AND state = 'assessed'", as: Int.self) ?? 0 > 100)
            // Every indicator of the plans has the demo province's target; the figures were reported once.
            #expect(try await db.scalar("SELECT count(DISTINCT indicator)::int FROM program_targets WHERE scope = '99'", as: Int.self) == 10)
            #expect(try await db.scalar("SELECT count(*)::int FROM reported_figures WHERE revision > 1", as: Int.self) == 0)
            let report = try await TargetReport.build(
                client: db.client,
                logger: TestDatabase.logger,
                year: 2025,
                provinceCode: "99",
                level: .province
            )
            for indicator in ["citizen-digital", "khuyen-hoc-staff-it", "association-chair-centre", "association-briefed"] {
                let row = try #require(report.rows.first { $0.indicator == indicator })
                #expect(row.base ?? 0 > 0 && row.achieved > 0 && row.provinceTarget != nil, "\(indicator)")
            }
            #expect(try await AuditTrail.verify(client: db.client, logger: TestDatabase.logger).firstBreak == nil)
        }
    }
}
