import Foundation
import Geography
import Logging
import PostgresNIO

/// Recognition decisions recorded in ThiDua: numbered from the People's Committee's one register
/// (shared with award decisions), or with the number the văn thư entered (checked free in both
/// kinds), and applied to every assessment awaiting it — in one transaction.
public struct RecognitionDecisionStore: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public struct Recorded: Sendable, Equatable {
        public let provinceCode: String
        public let id: Int
        public let number: Int
        public let symbol: String
        /// dd/MM/yyyy.
        public let issuedOn: String
        public let signerName: String
        public let signerTitle: String
        public let recognised: Int
        public let notRecognised: Int
        /// The organisation that issued it (nil: the People's Committee).
        public var organisationID: Int? = nil

        /// "12/QĐ-UBND ngày 20/12/2026", as the recognised assessments cite it.
        public var reference: String { "\(number)/\(symbol) ngày \(issuedOn)" }
    }

    public enum RecordingError: Error, Equatable, CustomStringConvertible {
        case nothingAwaiting
        case badNumber(Int)
        case numberTaken(String, year: Int, body: String)
        case dateOutOfRange(Day)
        case tooLong(String)
        case notServed(String)
        case futureDate(Day)

        public var description: String {
            switch self {
            case .nothingAwaiting: "Không còn kết quả đánh giá nào chờ quyết định công nhận."
            case .badNumber(let number): "Số quyết định phải từ 1 đến 999999 (đã nhập \(number))."
            case .numberTaken(let number, let year, let body):
                "Số \(number) năm \(year) đã được dùng cho một quyết định khác của \(body): lấy số tiếp theo trong sổ."
            case .dateOutOfRange(let day): "Ngày ký \(day.vietnamese) nằm ngoài khoảng năm hệ thống ghi nhận."
            case .tooLong(let field): "\(field) quá dài (tối đa 200 ký tự)."
            case .notServed(let name): "\(name) không ghi quyết định cho đơn vị này."
            case .futureDate(let day): "Ngày ký \(day.vietnamese) sau ngày hôm nay: ghi quyết định sau khi đã ký."
            }
        }
    }

    /// Records the decision recognising `setID` for `year` in the unit `unitID` and applies it:
    /// those meeting the criteria are recognised, the others not. `number` nil takes the next of
    /// the register; an entered number moves the register past it.
    public func record(
        unitID: Int,
        provinceCode: String,
        setID: String,
        year: Int,
        number entered: Int?,
        issuedOn day: Day,
        signer: (name: String, title: String),
        recordedBy: Int?,
        organisation: Organisation? = nil
    ) async throws -> Recorded {
        if let entered, !(1...999_999).contains(entered) { throw RecordingError.badNumber(entered) }
        guard RecordYears.contains(day.year) else { throw RecordingError.dateOutOfRange(day) }
        // A decision is recorded once signed: a date after today is a slip.
        guard day <= Day.todayInVietnam else { throw RecordingError.futureDate(day) }
        let signerName = signer.name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        let typedTitle = signer.title.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard signerName.count <= 200, typedTitle.count <= 200 else { throw RecordingError.tooLong("Người ký hoặc chức vụ") }
        let assessments = AssessmentRepository(client: client, logger: logger)
        try await assessments.checkRecognition(setID: setID, year: year, scopeID: unitID, organisationKind: organisation?.kind)
        if let organisation {
            // An organisation records only for the unit it serves.
            let serves = try await OrganisationStore(client: client, logger: logger).serving(kind: organisation.kind, unitID: unitID)
            guard serves?.id == organisation.id else { throw RecordingError.notServed(organisation.name) }
        }
        let defaultSigner = organisation?.signerTitle ?? "CHỦ TỊCH"
        let signerTitle = typedTitle.isEmpty ? defaultSigner : typedTitle
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            let symbol = organisation?.symbol ?? "QĐ-UBND"
            guard
                let number = try await DecisionRegister.take(
                    connection,
                    logger: logger,
                    unitID: unitID,
                    organisationID: organisation?.id,
                    symbol: symbol,
                    year: day.year,
                    entered: entered
                )
            else {
                throw RecordingError.numberTaken("\(entered ?? 0)/\(symbol)", year: day.year, body: organisation?.name ?? "Ủy ban nhân dân này")
            }
            let reference = "\(number)/\(symbol) ngày \(day.vietnamese)"
            let (yes, no) = try await AssessmentRepository.recognise(
                connection,
                logger: logger,
                setID: setID,
                year: year,
                scopeID: unitID,
                decision: reference
            )
            guard yes + no > 0 else { throw RecordingError.nothingAwaiting }
            let inserted = try await connection.query(
                """
                INSERT INTO recognition_decisions (province_code, unit_id, organisation_id, set_id, recognition_year, symbol, number, number_year,
                                                   issued_on, signer_name, signer_title, recognised, not_recognised, created_by)
                VALUES (\(provinceCode), \(unitID), \(organisation?.id), \(setID), \(year), \(symbol), \(number), \(day.year),
                        \(day.iso)::date, \(signerName), \(signerTitle), \(yes), \(no), \(recordedBy))
                RETURNING id
                """,
                logger: logger
            )
            var id = 0
            for try await value in inserted.decode(Int.self) { id = value }
            _ = try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: "recognition-decision:\(id)",
                actorID: recordedBy,
                action: "record_recognition",
                payload: NominationStore.json([
                    "set": setID, "year": String(year), "number": reference, "recognised": String(yes), "not_recognised": String(no),
                    "organisation": organisation?.code ?? "",
                ])
            )
            var recorded = Recorded(
                provinceCode: provinceCode,
                id: id,
                number: number,
                symbol: symbol,
                issuedOn: day.vietnamese,
                signerName: signerName,
                signerTitle: signerTitle,
                recognised: yes,
                notRecognised: no
            )
            recorded.organisationID = organisation?.id
            return recorded
        }
    }

    /// The decisions recorded for a title and year in a unit, latest first.
    public func decisions(unitID: Int, setID: String, year: Int) async throws -> [Recorded] {
        let rows = try await client.query(
            """
            SELECT province_code, id, number, symbol, to_char(issued_on, 'DD/MM/YYYY'), signer_name, signer_title, recognised, not_recognised,
                   organisation_id
            FROM recognition_decisions WHERE unit_id = \(unitID) AND set_id = \(setID) AND recognition_year = \(year)
            ORDER BY issued_on DESC, id DESC
            """,
            logger: logger
        )
        var out: [Recorded] = []
        for try await row in rows.decode((String, Int, Int, String, String, String, String, Int, Int, Int?).self) {
            var recorded = Recorded(
                provinceCode: row.0,
                id: row.1,
                number: row.2,
                symbol: row.3,
                issuedOn: row.4,
                signerName: row.5,
                signerTitle: row.6,
                recognised: row.7,
                notRecognised: row.8
            )
            recorded.organisationID = row.9
            out.append(recorded)
        }
        return out
    }
}
