import Foundation
import Logging
import PostgresNIO
import Scoring
import Workflow

/// Generated provinces in the proportions of the country, for measuring how ThiDua grows with a
/// province's size (`thidua generate --scale`, `thidua-bench national`). Deterministic: the same
/// codes and scale give the same units, people, answers and dossiers on every machine.
///
/// Everything enters through the paths real data takes — the unit list importer, the household
/// counts importer, one assessment spreadsheet per commune and criteria set through the
/// assessment importer (read, checked, scored), accounts through the account store, dossiers
/// created, documented and moved through the workflow by the nomination store (audited) — so
/// the generated database is one the application could have made, and generating it measures
/// those paths too.
public struct NationalShape: Sendable {
    /// A province of 1,000,000 households (`scale` 1) — a large province after the 2025 merger —
    /// in the country's proportions (docs/benchmarks.md, "National shape", gives the sources):
    /// 26.9 million households in 3,321 communes are about 8,100 households a commune; about
    /// 95,000 thôn and tổ dân phố (62,000 recognised communities were two thirds of them) are 28
    /// a commune; ~60,000 clans and ~40,000 units assessed nationally are 19 and 8 a commune of
    /// that size.
    public struct Proportions: Sendable {
        public var communesPerMillionHouseholds = 123
        public var villagesPerCommune = 28
        /// Households that register and are assessed each year, in a hundred.
        public var householdsAssessedPercent = 85
        public var clansPerCommune = 19
        public var unitsPerCommune = 8
        /// Citizens assessed one by one against "Công dân học tập", per 1,000 households (the rest
        /// are counted as the adults of their household).
        public var citizensPerThousandHouseholds = 200
        /// Commendation dossiers of the movement's year, per 1,000 households.
        public var nominationsPerThousandHouseholds = 10

        public init() {}
    }

    /// The criteria set each kind of subject is generated for.
    public static let sets: [(SubjectKind, String)] = [
        (.household, "gia-dinh-hoc-tap@2021"), (.clan, "dong-ho-hoc-tap@2021"), (.community, "cong-dong-hoc-tap-thon@2021"),
        (.unit, "don-vi-hoc-tap@2023"), (.citizen, "cong-dan-hoc-tap@2021"),
    ]
    /// The round's workflow: the 2-tier process in force since 01/07/2025.
    public static let workflow = "khen-thuong-2-cap@2025"
    /// 2025 is recognised (decided); 2026, the year in progress, is assessed and awaits its decision.
    public static let years = [2025, 2026]

    public let provinceCodes: [String]
    public let scale: Double
    public var proportions = Proportions()

    public init(provinceCodes: [String], scale: Double) throws(ShapeError) {
        guard scale > 0, scale <= 10 else { throw .scale(scale) }
        for code in provinceCodes where code.utf8.count != 2 || !code.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            throw .provinceCode(code)
        }
        guard !provinceCodes.isEmpty else { throw .provinceCode("") }
        self.provinceCodes = provinceCodes
        self.scale = scale
    }

    public enum ShapeError: Error, CustomStringConvertible, Sendable {
        case scale(Double)
        case provinceCode(String)
        case tooManyCommunes(Int)

        public var description: String {
            switch self {
            case .scale(let scale): "Tỉ lệ --scale \(scale) không hợp lệ: cần lớn hơn 0 và không quá 10 (1 là tỉnh 1.000.000 hộ)."
            case .provinceCode(let code): "Mã tỉnh \"\(code)\" không hợp lệ: cần đúng hai chữ số, ví dụ 80."
            case .tooManyCommunes(let count): "Tỉ lệ này cho \(count) xã một tỉnh, quá 999 mã xã ba chữ số."
            }
        }
    }

    public var communesPerProvince: Int { max(1, Int((Double(proportions.communesPerMillionHouseholds) * scale).rounded())) }
    public var householdsPerProvince: Int { Int(1_000_000 * scale) }

    public struct Summary: Sendable {
        public var units = 0
        public var accounts = 0
        public var assessments: [SubjectKind: Int] = [:]
        public var recognised = 0
        public var nominations = 0
        public var transitions = 0
        /// Moves the workflow refused (a guard the generated dossier did not meet), by reason.
        public var refused: [String: Int] = [:]
    }

    /// Generates every province of `provinceCodes` not generated before (a province whose round
    /// exists is left as it is). Criteria sets and workflows must be loaded.
    public func load(
        client: PostgresClient,
        hasher: PasswordHasher,
        logger: Logger,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> Summary {
        guard communesPerProvince <= 999 else { throw ShapeError.tooManyCommunes(communesPerProvince) }
        let criteria = CriteriaRepository(client: client, logger: logger)
        var sets: [SubjectKind: CriteriaSet] = [:]
        for (kind, reference) in Self.sets { sets[kind] = try await criteria.set(reference) }
        var summary = Summary()
        for (index, code) in provinceCodes.enumerated() {
            let province = ProvinceShape(code: code, index: index, shape: self)
            try await province.load(client: client, hasher: hasher, sets: sets, logger: logger, summary: &summary, progress: progress)
        }
        return summary
    }
}

extension NationalShape {
    /// The spreadsheet the `commune`-th commune (from 1) of a generated province sends for a
    /// criteria set and year — a file to time an import into a database of this shape.
    public func assessmentFile(provinceCode: String, commune: Int, kind: SubjectKind, set: CriteriaSet, year: Int) -> [UInt8] {
        let province = ProvinceShape(code: provinceCode, index: provinceCodes.firstIndex(of: provinceCode) ?? 0, shape: self)
        let communes = province.communes
        return province.file(kind, set: set, year: year, commune: communes[min(max(commune, 1), communes.count) - 1]).0.bytes
    }
}
