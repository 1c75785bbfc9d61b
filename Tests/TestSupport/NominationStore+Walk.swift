import Storage
import Workflow

extension NominationStore {
    /// Takes `nomination` through `steps` (each as the given role), a passing council tally where
    /// one is asked for; returns it after the last.
    public func walk(
        _ nomination: NominationStore.Nomination,
        _ steps: [(Action, Workflow.Role)],
        tally: VoteRule.Tally = .init(members: 5, present: 5, yes: 4, no: 1)
    ) async throws -> NominationStore.Nomination {
        var current = nomination
        for (action, role) in steps {
            current = try await act(
                current.key,
                action: action,
                expectedVersion: current.version,
                actorID: nil,
                roles: [role],
                comment: nil,
                idempotencyKey: nil,
                tally: tally
            ).nomination
        }
        return current
    }

    /// A new nomination of an individual (no learning-model title needed) with its achievement
    /// report, taken to the commune chair's decision on the 2-tier process.
    public func individualWaitingForCommuneDecision(round: Int, unitID: Int, name: String, key: String) async throws -> NominationStore.Nomination {
        let nomination = try await create(
            .init(
                provinceCode: "88",
                roundID: round,
                award: "giay-khen-xa",
                nomineeKind: "individual",
                nomineeKey: key,
                nomineeName: name,
                unitID: unitID,
                achievement: "Tích cực học tập suốt đời"
            ),
            createdBy: nil
        )
        try await attachDocument(
            to: nomination.key,
            kind: "bao_cao_thanh_tich",
            bytes: Array("%PDF-1.4\nBáo cáo thành tích\n%%EOF\n".utf8),
            fileName: "bao-cao.pdf",
            uploadedBy: nil,
            roles: [.submitter]
        )
        return try await walk(nomination, [(.submit, .submitter), (.toCouncil, .reviewer), (.recordVote, .councilSecretary)])
    }

    /// A new nomination of an individual for the Prime Minister's Bằng khen, taken through both
    /// councils and the public posting (made to have lasted its days) to the central step.
    public func individualWaitingForThePrimeMinister(round: Int, unitID: Int, name: String, key: String) async throws -> NominationStore.Nomination {
        let nomination = try await create(
            .init(
                provinceCode: "88",
                roundID: round,
                award: "bang-khen-thu-tuong",
                nomineeKind: "individual",
                nomineeKey: key,
                nomineeName: name,
                unitID: unitID,
                achievement: "Nhiều năm liền tích cực học tập suốt đời"
            ),
            createdBy: nil
        )
        try await attachDocument(
            to: nomination.key,
            kind: "bao_cao_thanh_tich",
            bytes: Array("%PDF-1.4\nBáo cáo thành tích\n%%EOF\n".utf8),
            fileName: "bao-cao.pdf",
            uploadedBy: nil,
            roles: [.submitter]
        )
        _ = try await walk(
            nomination,
            [
                (.submit, .submitter), (.toCouncil, .reviewer), (.recordVote, .councilSecretary), (.toCouncil, .reviewer),
                (.recordVote, .councilSecretary),
            ]
        )
        try await client.query(
            "UPDATE nominations SET state_since = now() - interval '6 days' WHERE province_code = '88' AND id = \(nomination.id)",
            logger: logger
        )
        guard let posted = try await self.nomination(nomination.key) else { throw NominationError.notFound }
        return try await walk(posted, [(.forward, .chair)])
    }
}
