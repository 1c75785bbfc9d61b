import Foundation
import Logging
import PostgresNIO
import Scoring
import Workflow

extension ProvinceShape {
    /// The dossiers a commune sends in the year: households, citizens and the units of the
    /// commune in the proportions of the movement's commendation lists.
    func nominations(in commune: Commune) -> Int {
        max(1, commune.villages.reduce(0) { $0 + $1.households } * shape.proportions.nominationsPerThousandHouseholds / 1000)
    }

    /// The 2025 round on the 2-tier process: every commune's dossiers (six in ten households
    /// recognised "Gia đình học tập" that year, three individuals, one unit; one in seven for the
    /// province's Bằng khen), each with its achievement report attached, then moved as a
    /// year-end queue looks: three in ten still being prepared, the rest sent; of those, some
    /// returned for supplement and some put before the commune's council.
    func nominations(
        _ communes: [Commune],
        candidates: [String: [Candidate]],
        roundName: String,
        client: PostgresClient,
        logger: Logger,
        summary: inout NationalShape.Summary,
        progress: @escaping @Sendable (String) -> Void
    ) async throws {
        let workflows = WorkflowRepository(client: client, logger: logger)
        let store = NominationStore(client: client, workflows: workflows, logger: logger)
        let round = try await store.createRound(provinceCode: code, name: roundName, year: 2025, basis: "thematic", workflow: NationalShape.workflow)
        var ids: [String: Int] = [:]
        let rows = try await client.query("SELECT code, id FROM admin_units WHERE province_code = \(code) AND valid_to IS NULL", logger: logger)
        for try await (unit, id) in rows.decode((String, Int).self) { ids[unit] = id }
        let unitIDs = ids
        let report = Array("%PDF-1.4\n% Báo cáo thành tích (dữ liệu sinh)\n%%EOF\n".utf8)
        let province = code
        let tally = VoteRule.Tally(members: 7, present: 7, yes: 6, no: 1)
        let counts = try await withThrowingTaskGroup(of: (Int, Int, [String: Int]).self) { group in
            var next = 0
            var totals = (0, 0, [String: Int]())
            // Four communes at a time: the store's transitions batch across them.
            func start() {
                guard next < communes.count else { return }
                let commune = communes[next]
                next += 1
                let mine = candidates[commune.code] ?? []
                let need = nominations(in: commune)
                group.addTask {
                    let households = mine.filter { $0.kind == .household }
                    let citizens = mine.filter { $0.kind == .citizen }
                    let units = mine.filter { $0.kind == .unit }
                    var picked: [(Candidate, NomineeKind)] = []
                    for n in 0..<need {
                        let slot = n % 10
                        if slot < 6, !households.isEmpty {
                            picked.append((households[n % households.count], .household))
                        } else if slot < 9, !citizens.isEmpty {
                            picked.append((citizens[n % citizens.count], .individual))
                        } else if !units.isEmpty {
                            picked.append((units[n % units.count], .collective))
                        }
                    }
                    // One subject nominated once for the round's award.
                    var seen: Set<String> = []
                    picked = picked.filter { seen.insert($0.0.key).inserted }
                    let news = picked.enumerated().map { n, pick in
                        NominationStore.NewNomination(
                            provinceCode: province,
                            roundID: round,
                            award: n % 7 == 3 ? "bang-khen-tinh" : "giay-khen-xa",
                            nomineeKind: pick.1.rawValue,
                            nomineeKey: pick.0.key,
                            nomineeName: pick.0.name,
                            unitID: unitIDs[pick.0.unit] ?? 0,
                            achievement:
                                "Tích cực xây dựng \(pick.1 == .collective ? "đơn vị" : pick.1 == .household ? "gia đình" : "công dân") học tập năm 2025",
                            nomineeDetail: commune.name
                        )
                    }
                    let created = try await store.createMany(news, createdBy: nil)
                    var moves = 0
                    var refused: [String: Int] = [:]
                    for (n, nomination) in created.enumerated() {
                        let key = NominationKey(provinceCode: province, id: nomination.id)
                        try await store.attachDocument(
                            to: key,
                            kind: "bao_cao_thanh_tich",
                            bytes: report,
                            fileName: "bao-cao-thanh-tich.pdf",
                            uploadedBy: nil,
                            roles: [.submitter]
                        )
                        // 0–2 of ten stay in preparation, 3–5 await the commune's check, 6 was
                        // returned for supplement, 7–9 went before the commune's council.
                        let plan: [(Action, Workflow.Role, String?)] =
                            switch n % 10 {
                            case 0...2: []
                            case 3...5: [(.submit, .submitter, nil)]
                            case 6: [(.submit, .submitter, nil), (.return, .reviewer, "Bổ sung bản sao quyết định công nhận danh hiệu")]
                            default: [(.submit, .submitter, nil), (.toCouncil, .reviewer, nil)]
                            }
                        var version = nomination.version
                        for (action, role, comment) in plan {
                            do {
                                let result = try await store.act(
                                    key,
                                    action: action,
                                    expectedVersion: version,
                                    actorID: nil,
                                    roles: [role],
                                    comment: comment,
                                    idempotencyKey: nil,
                                    tally: tally
                                )
                                version = result.nomination.version
                                moves += 1
                            } catch let error as NominationStore.NominationError {
                                refused[String(describing: error).prefix(120).description, default: 0] += 1
                                break
                            }
                        }
                    }
                    return (created.count, moves, refused)
                }
            }
            for _ in 0..<4 { start() }
            for try await (created, moves, refused) in group {
                totals.0 += created
                totals.1 += moves
                totals.2.merge(refused, uniquingKeysWith: +)
                start()
            }
            return totals
        }
        summary.nominations += counts.0
        summary.transitions += counts.1
        summary.refused.merge(counts.2, uniquingKeysWith: +)
        progress("\(code): \(counts.0) hồ sơ đề nghị khen thưởng, \(counts.1) lần chuyển bước")
    }
}
