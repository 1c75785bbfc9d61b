import Logging
import PostgresNIO

/// The demo's 2026 registrations of Xã Yên Bình at each stage of the year's cycle: registered,
/// self-assessed (waiting for the reviewer's appraisal), and appraised (waiting for recognition).
/// Loaded once.
enum DemoRegistrations {
    static let answers = [
        "1.1": "2/2", "1.2": "có", "2.1": "3/3", "2.2": "2/3", "3.1": "có", "3.2": "có", "3.3": "có", "4.1": "8", "4.2": "có",
    ]

    static func load(client: PostgresClient, logger: Logger) async throws {
        let existing = try await client.query(
            "SELECT count(*)::int FROM registrations WHERE province_code = '99' AND subject_key LIKE 'HGD-DK-%'",
            logger: logger
        )
        for try await count in existing.decode(Int.self) where count > 0 { return }
        let store = RegistrationStore(client: client, logger: logger)
        let repository = CriteriaRepository(client: client, logger: logger)
        guard let reference = try await repository.latestReference(of: "gia-dinh-hoc-tap") else { return }
        let set = try await repository.set(reference)
        let households = [
            ("HGD-DK-1", "Hộ ông Vũ Văn Tâm", "99010001"), ("HGD-DK-2", "Hộ bà Ngô Thị Thảo", "99010002"),
            ("HGD-DK-3", "Hộ ông Đỗ Minh Quang", "99010003"), ("HGD-DK-4", "Hộ bà Hồ Thị Yến", "99010001"),
        ]
        for (index, (key, name, village)) in households.enumerated() {
            let registration = try await store.register(
                setID: "gia-dinh-hoc-tap",
                subjectKey: key,
                subjectName: name,
                unitCode: village,
                year: 2026,
                registeredBy: nil
            )
            guard index > 0 else { continue }
            _ = try await store.selfAssess(registration.key, set: set, answers: answers, by: nil)
            guard index > 1 else { continue }
            _ = try await store.appraise(registration.key, set: set, answers: answers, reasons: [:], by: nil)
        }
    }
}
