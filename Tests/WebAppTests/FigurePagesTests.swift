import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

/// A commune reports its period figures on the web: every mistake beside its field, what was
/// typed kept, each correction a revision with who made it; other communes cannot see or write them.
@Suite struct FigurePagesTests {
    @Test func aCommuneReportsItsFiguresAndCorrectsThemWithTheHistoryKept() async throws {
        try await AppHarness.withApp { db, client in
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.thi", jar: &jar)
            let empty = try await client.execute(uri: "/units/88201/so-lieu?year=2025", method: .get, headers: jar.header)
            #expect(empty.status == .ok)
            #expect(empty.text.contains("Số liệu báo cáo định kỳ"))
            #expect(empty.text.contains("name=\"khuyen-hoc-staff-it.achieved\""))
            #expect(empty.text.contains("Tổng số cán bộ làm công tác khuyến học"))

            // Achieved above its base, and a word where a number belongs: both marked, typed values kept.
            let wrong = try await RegistrationPagesTests.post(
                client,
                "/units/88201/so-lieu",
                [
                    ("year", "2025"), ("khuyen-hoc-staff-it.achieved", "7"), ("khuyen-hoc-staff-it.base", "6"),
                    ("khuyen-hoc-staff-it.revision", "0"), ("association-chair-centre.achieved", "một"),
                    ("association-chair-centre.base", "1"), ("association-chair-centre.revision", "0"),
                ],
                jar: jar
            )
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("cần một số nguyên không âm"))
            #expect(wrong.text.contains("value=\"một\""))
            #expect(try await db.scalar("SELECT count(*)::int FROM reported_figures", as: Int.self) == 0)
            let above = try await RegistrationPagesTests.post(
                client,
                "/units/88201/so-lieu",
                [("year", "2025"), ("khuyen-hoc-staff-it.achieved", "7"), ("khuyen-hoc-staff-it.base", "6"), ("khuyen-hoc-staff-it.revision", "0")],
                jar: jar
            )
            #expect(above.status == .unprocessableContent)
            #expect(above.text.contains("(7) lớn hơn"))
            #expect(above.text.contains("has-error"))

            let saved = try await RegistrationPagesTests.post(
                client,
                "/units/88201/so-lieu",
                [("year", "2025"), ("khuyen-hoc-staff-it.achieved", "4"), ("khuyen-hoc-staff-it.base", "6"), ("khuyen-hoc-staff-it.revision", "0")],
                jar: jar
            )
            #expect(saved.status == .seeOther || saved.status == .found)
            #expect(saved.headers[.location] == "/units/88201/so-lieu?year=2025&da=1")
            let shown = try await client.execute(uri: "/units/88201/so-lieu?year=2025&da=1", method: .get, headers: jar.header)
            #expect(shown.text.contains("Đã lưu 1 số liệu."))
            #expect(shown.text.contains("66,7%"))
            #expect(shown.text.contains("Trần Văn Thi (xa.an.thi)"))

            // A form opened before that save is refused, not written over.
            let stale = try await RegistrationPagesTests.post(
                client,
                "/units/88201/so-lieu",
                [("year", "2025"), ("khuyen-hoc-staff-it.achieved", "5"), ("khuyen-hoc-staff-it.base", "6"), ("khuyen-hoc-staff-it.revision", "0")],
                jar: jar
            )
            #expect(stale.status == .unprocessableContent)
            #expect(stale.text.contains("vừa được người khác cập nhật"))
            // A correction says why.
            let unexplained = try await RegistrationPagesTests.post(
                client,
                "/units/88201/so-lieu",
                [("year", "2025"), ("khuyen-hoc-staff-it.achieved", "5"), ("khuyen-hoc-staff-it.base", "6"), ("khuyen-hoc-staff-it.revision", "1")],
                jar: jar
            )
            #expect(unexplained.status == .unprocessableContent)
            #expect(unexplained.text.contains("ghi lý do sửa vào ô ghi chú"))
            let corrected = try await RegistrationPagesTests.post(
                client,
                "/units/88201/so-lieu",
                [
                    ("year", "2025"), ("khuyen-hoc-staff-it.achieved", "5"), ("khuyen-hoc-staff-it.base", "6"), ("khuyen-hoc-staff-it.revision", "1"),
                    ("khuyen-hoc-staff-it.note", "Thêm một lớp tập huấn"),
                ],
                jar: jar
            )
            #expect(corrected.headers[.location] == "/units/88201/so-lieu?year=2025&da=1")
            #expect(try await db.scalar("SELECT string_agg(achieved::text, ',' ORDER BY revision) FROM reported_figures", as: String.self) == "4,5")

            // The targets report shows it among every indicator.
            let report = try await client.execute(
                uri: "/reports/targets?year=2025&level=commune&indicator=khuyen-hoc-staff-it",
                method: .get,
                headers: jar.header
            )
            #expect(report.text.contains("Cán bộ khuyến học cấp xã được bồi dưỡng ứng dụng công nghệ thông tin"))
            #expect(report.text.contains("5/6"))
        }
    }

    @Test func anotherCommuneGets404AndAReviewerElsewhereCannotWrite() async throws {
        try await AppHarness.withApp { db, client in
            var jar = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &jar)
            let other = try await client.execute(uri: "/units/88201/so-lieu", method: .get, headers: jar.header)
            #expect(other.status == .notFound)
            let write = try await RegistrationPagesTests.post(
                client,
                "/units/88201/so-lieu",
                [("year", "2025"), ("khuyen-hoc-staff-it.achieved", "1"), ("khuyen-hoc-staff-it.base", "6")],
                jar: jar
            )
            #expect(write.status == .notFound)
            // Without the form's token nothing is read, let alone stored.
            var headers = jar.header
            headers[.contentType] = "application/x-www-form-urlencoded"
            let forged = try await client.execute(
                uri: "/units/88101/so-lieu",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: "year=2025&khuyen-hoc-staff-it.achieved=1&khuyen-hoc-staff-it.base=6")
            )
            #expect(forged.status == .forbidden)
            let badYear = try await client.execute(uri: "/units/88101/so-lieu?year=1850", method: .get, headers: jar.header)
            #expect(badYear.status == .unprocessableContent)
            #expect(try await db.scalar("SELECT count(*)::int FROM reported_figures", as: Int.self) == 0)
        }
    }

    @Test func theAssociationReportsItsOwnFigureAndTheCommuneItsOwn() async throws {
        try await AppHarness.withApp { db, client in
            _ = try await db.addAssociation(unit: "88201", name: "Hội Khuyến học xã Ân Thi")
            try await AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger).create(
                username: "hkh.an.thi",
                fullName: "Tạ Văn Lộc",
                password: AppHarness.password,
                roles: [(.reviewer, unitCode: "HKH-88201")]
            )
            var clerk = CookieJar()
            _ = try await client.signIn("xa.an.thi", jar: &clerk)
            let form = try await client.execute(uri: "/units/88201/so-lieu?year=2025", method: .get, headers: clerk.header)
            #expect(form.text.contains("name=\"association-briefed.achieved\" type=\"text\" inputmode=\"numeric\" value=\"\" disabled"))
            let refused = try await RegistrationPagesTests.post(
                client,
                "/units/88201/so-lieu",
                [("year", "2025"), ("association-briefed.achieved", "30"), ("association-briefed.base", "40")],
                jar: clerk
            )
            #expect(refused.status == .forbidden)

            var association = CookieJar()
            _ = try await client.signIn("hkh.an.thi", jar: &association)
            let saved = try await RegistrationPagesTests.post(
                client,
                "/units/88201/so-lieu",
                [
                    ("year", "2025"), ("association-briefed.achieved", "30"), ("association-briefed.base", "40"),
                    ("association-briefed.revision", "0"),
                ],
                jar: association
            )
            #expect(saved.headers[.location] == "/units/88201/so-lieu?year=2025&da=1")
            // The commune's own figures are not the association's to write.
            let notTheirs = try await RegistrationPagesTests.post(
                client,
                "/units/88201/so-lieu",
                [("year", "2025"), ("khuyen-hoc-staff-it.achieved", "1"), ("khuyen-hoc-staff-it.base", "2")],
                jar: association
            )
            #expect(notTheirs.status == .forbidden)
            #expect(try await db.scalar("SELECT string_agg(indicator, ',') FROM reported_figures", as: String.self) == "association-briefed")
        }
    }
}
