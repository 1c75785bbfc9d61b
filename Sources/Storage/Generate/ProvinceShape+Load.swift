import Foundation
import Logging
import PostgresNIO
import Scoring
import Workflow

extension ProvinceShape {
    /// Units, counts, staff, the communes' assessment files for each year and set, then the
    /// 2025 round with its dossiers — skipped whole when the province's generated round exists.
    func load(
        client: PostgresClient,
        hasher: PasswordHasher,
        sets: [SubjectKind: CriteriaSet],
        logger: Logger,
        summary: inout NationalShape.Summary,
        progress: @escaping @Sendable (String) -> Void
    ) async throws {
        let roundName = "Khen thưởng phong trào xây dựng xã hội học tập năm 2025 (dữ liệu sinh, tỉ lệ \(shape.scale))"
        let existing = try await client.query("SELECT 1 FROM rounds WHERE province_code = \(code) AND name = \(roundName)", logger: logger)
        for try await _ in existing {
            progress("\(code): đã sinh trước đó, giữ nguyên")
            return
        }
        let communes = self.communes
        let units = try await UnitRepository(client: client, logger: logger).importList(unitList(communes), isDemo: true)
        summary.units += units.inserted
        try await UnitCountsImporter(client: client, logger: logger).importBytes(counts(communes))
        progress("\(code): \(units.inserted) đơn vị hành chính, \(communes.count) xã")
        summary.accounts += try await accounts(communes, client: client, hasher: hasher, logger: logger)

        // One task per criteria set (imports of one set into one province take turns anyway),
        // each going through the communes and years in order.
        let importer = AssessmentImporter(client: client, logger: logger)
        let results = try await withThrowingTaskGroup(of: (SubjectKind, Int, Int, [String: [Candidate]]).self) { group in
            for (kind, set) in sets {
                group.addTask {
                    var (rows, recognised) = (0, 0)
                    var candidates: [String: [Candidate]] = [:]
                    for year in NationalShape.years {
                        for commune in communes {
                            let (file, strong) = self.file(kind, set: set, year: year, commune: commune)
                            guard file.rows > 0 else { continue }
                            let result = try await importer.importBytes(
                                file.bytes,
                                set: set,
                                options: .init(
                                    fileName: "\(set.id)-\(commune.code)-\(year).csv",
                                    recognisedBy: year == 2025
                                        ? "Quyết định số \(200 + (Int(commune.code.suffix(3)) ?? 0))/QĐ-UBND ngày 15/12/2025 của Ủy ban nhân dân \(commune.name)"
                                        : nil
                                )
                            )
                            rows += result.inserted
                            if year == 2025 {
                                recognised += result.meetingCriteria
                                // Only as many as the commune's dossiers could use, spread over its villages.
                                let need = self.nominations(in: commune)
                                let step = max(1, strong.count / max(need, 1))
                                candidates[commune.code] = stride(from: 0, to: strong.count, by: step).prefix(need).map {
                                    Candidate(kind: kind, key: strong[$0].key, name: strong[$0].name, unit: strong[$0].unit)
                                }
                            }
                        }
                    }
                    return (kind, rows, recognised, candidates)
                }
            }
            var all: [(SubjectKind, Int, Int, [String: [Candidate]])] = []
            for try await result in group {
                all.append(result)
                progress("\(code): \(result.1) đánh giá \(result.0.vietnamese.lowercased())")
            }
            return all
        }
        var candidates: [String: [Candidate]] = [:]
        for (kind, rows, recognised, byCommune) in results {
            summary.assessments[kind, default: 0] += rows
            summary.recognised += recognised
            for (commune, list) in byCommune { candidates[commune, default: []] += list }
        }
        try await nominations(
            communes,
            candidates: candidates,
            roundName: roundName,
            client: client,
            logger: logger,
            summary: &summary,
            progress: progress
        )
    }

    struct Candidate: Sendable {
        let kind: SubjectKind
        let key: String
        let name: String
        let unit: String
    }

    /// A submitter and a reviewer in every commune; the province's reviewer, council secretary,
    /// chair and administrator. Usernames start with the unit's code ("80001.canbo").
    private func accounts(_ communes: [Commune], client: PostgresClient, hasher: PasswordHasher, logger: Logger) async throws -> Int {
        let repository = AccountRepository(client: client, hasher: hasher, logger: logger)
        var people: [(String, Role, String)] = [
            ("\(code).tinh.chuyenvien", .reviewer, code), ("\(code).tinh.thuky", .councilSecretary, code), ("\(code).tinh.chutich", .chair, code),
            ("\(code).tinh.quantri", .provinceAdmin, code),
        ]
        for commune in communes {
            people += [("\(commune.code).canbo", .submitter, commune.code), ("\(commune.code).chuyenvien", .reviewer, commune.code)]
        }
        var random = ShapeRandom("staff \(code)")
        var created = 0
        for (username, role, unit) in people {
            do {
                try await repository.create(
                    username: username,
                    fullName: VietnameseNames.person(&random),
                    password: DemoData.password,
                    roles: [(role, unitCode: unit)],
                    isDemo: true
                )
                created += 1
            } catch AccountError.usernameTaken {
                continue
            }
        }
        return created
    }
}
