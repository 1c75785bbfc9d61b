import Foundation
import PostgresNIO
import Scoring

extension RegistrationStore {
    /// Why an appraisal was refused: every indicator at fault at once, by indicator, in Vietnamese.
    public struct AppraisalRefused: Error, Equatable, CustomStringConvertible {
        public let problems: [String: String]
        public var description: String {
            "Chưa ghi được kết quả thẩm định: " + problems.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
        }
    }

    /// The answers of a form, each read as a spreadsheet cell would be; every bad one named at
    /// once (indicator → message), or the answers and their evaluation.
    public static func read(_ cells: [String: String], set: CriteriaSet) -> Result<([String: Answer], Evaluation), AppraisalRefused> {
        let indicators = Dictionary(uniqueKeysWithValues: set.indicators.map { ($0.id, $0) })
        var answers: [String: Answer] = [:]
        var problems: [String: String] = [:]
        for (indicatorID, cell) in cells {
            guard let indicator = indicators[indicatorID] else {
                problems[indicatorID] = ScoringError.unknownIndicator(indicatorID).description
                continue
            }
            let text = cell.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            do {
                answers[indicatorID] = try indicator.parseAnswer(text)
            } catch {
                problems[indicatorID] = error.description
            }
        }
        guard problems.isEmpty else { return .failure(AppraisalRefused(problems: problems)) }
        do {
            return .success((answers, try set.evaluate(answers)))
        } catch {
            return .failure(AppraisalRefused(problems: ["": error.description]))
        }
    }

    /// The review of a self-assessment on the web: the reviewer's answers (the subject's, where
    /// accepted) become the registration's assessment, ready for the recognition decision. An
    /// indicator whose answer differs from the subject's needs a reason; the subject's answer and
    /// the reason are kept beside the result. Refused whole, naming every indicator at fault.
    public func appraise(
        _ key: RegistrationKey,
        set: CriteriaSet,
        answers cells: [String: String],
        reasons: [String: String],
        by userID: Int?
    ) async throws -> (Registration, Evaluation) {
        guard let current = try await registration(key) else { throw RegistrationError.notFound }
        guard current.setID == set.id else { throw RegistrationError.wrongSet(registered: current.setID, given: set.reference) }
        switch current.stage {
        case .registered: throw AppraisalRefused(problems: ["": "Đối tượng chưa tự đánh giá: chưa có gì để thẩm định."])
        case .reviewed, .recognised, .notRecognised: throw RegistrationError.alreadyReviewed
        case .selfAssessed: break
        }
        let (answers, evaluation) = try Self.read(cells, set: set).get()
        // The subject's own answers, as stored (compact JSON text per indicator).
        let own = try await client.query(
            """
            SELECT e.key, e.value::text FROM registrations r, jsonb_each(r.self_answers) e
            WHERE r.province_code = \(key.provinceCode) AND r.id = \(key.id)
            """,
            logger: logger
        )
        var selfJSON: [String: String] = [:]
        for try await (indicator, value) in own.decode((String, String).self) { selfJSON[indicator] = value.replacingOccurrences(of: " ", with: "") }
        let shown = try await selfAnswers(of: key) ?? [:]
        var adjustments: [String: (own: String, reason: String)] = [:]
        var problems: [String: String] = [:]
        for indicator in set.indicators {
            let mine = answers[indicator.id].map { RowReader.json($0).replacingOccurrences(of: " ", with: "") }
            guard mine != selfJSON[indicator.id] else { continue }
            let reason = (reasons[indicator.id] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
            if reason.isEmpty {
                problems[indicator.id] = "Kết quả thẩm định khác phiếu tự đánh giá (\(shown[indicator.id] ?? "bỏ trống")): cần ghi lý do."
            } else if reason.unicodeScalars.count > 1_000 {
                problems[indicator.id] = "Lý do dài quá 1000 ký tự."
            } else {
                adjustments[indicator.id] = (shown[indicator.id] ?? "", reason)
            }
        }
        guard problems.isEmpty else { throw AppraisalRefused(problems: problems) }
        let answersJSON =
            "{" + answers.sorted { $0.key < $1.key }.map { "\"\(RowReader.json($0.key))\":\(RowReader.json($0.value))" }.joined(separator: ",") + "}"
        let adjustmentsJSON =
            "{"
            + adjustments.sorted { $0.key < $1.key }.map {
                "\"\(RowReader.json($0.key))\":{\"self\":\"\(RowReader.json($0.value.own))\",\"reason\":\"\(RowReader.json($0.value.reason))\"}"
            }.joined(separator: ",") + "}"
        let pointsJSON = "{" + evaluation.criteria.map { "\"\(RowReader.json($0.id))\":\($0.points)" }.joined(separator: ",") + "}"
        let logger = logger
        try await client.transaction(logger: logger) { connection in
            let inserted = try await connection.query(
                """
                INSERT INTO assessments (province_code, set_id, set_version, subject_key, subject_name, unit_id, year, answers, total, level,
                                         meets_criteria, criteria_points, appraised_by, appraised_at, adjustments)
                SELECT r.province_code, r.set_id, \(set.version), r.subject_key, r.subject_name, r.unit_id, r.year, \(answersJSON)::jsonb,
                       \(evaluation.total), \(evaluation.level ?? 0), \(evaluation.recognised), \(pointsJSON)::jsonb, \(userID), now(), \(adjustmentsJSON)::jsonb
                FROM registrations r WHERE r.province_code = \(key.provinceCode) AND r.id = \(key.id)
                ON CONFLICT (province_code, set_id, subject_key, year) DO NOTHING
                RETURNING id
                """,
                logger: logger
            )
            var made = false
            for try await _ in inserted.decode(Int.self) { made = true }
            // Another reviewer (or an imported list) was first: the review stands as it is.
            guard made else { throw RegistrationError.alreadyReviewed }
            try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: key.provinceCode,
                chain: "registration:\(key.id)",
                actorID: userID,
                action: "appraise",
                payload: NominationStore.json([
                    "adjusted": adjustments.keys.sorted().joined(separator: ","), "set": set.reference, "total": String(evaluation.total),
                ])
            )
        }
        guard let updated = try await registration(key) else { throw RegistrationError.notFound }
        return (updated, evaluation)
    }
}
