import Testing
import Workflow

/// The full life of each award kind in both processes.
@Suite struct WorkflowLifeTests {
    @Test func bothShippedWorkflowsPassTheValidator() {
        #expect(ShippedWorkflows.threeTier.levels == [.commune, .district, .province, .central])
        #expect(ShippedWorkflows.twoTier.levels == [.commune, .province, .central])
        #expect(ShippedWorkflows.twoTier.award("giay-khen-huyen") == nil)
    }

    @Test func communeCertificateEndsAtTheCommuneInBothProcesses() throws {
        for definition in [ShippedWorkflows.threeTier, ShippedWorkflows.twoTier] {
            var walk = Walk(definition, award: "giay-khen-xa")
            try walk.take(.submit, as: .submitter)
            try walk.take(.toCouncil, as: .reviewer)
            #expect(try walk.take(.recordVote, as: .councilSecretary) == "xa_cho_quyet_dinh")
            #expect(try walk.take(.decide, as: .chair) == "da_khen_thuong")
            #expect(walk.effects.contains(.draftDecision))
        }
    }

    @Test func districtCertificateEndsAtTheDistrictBeforeTheReform() throws {
        var walk = Walk(ShippedWorkflows.threeTier, award: "giay-khen-huyen")
        try walk.take(.submit, as: .submitter)
        try walk.take(.toCouncil, as: .reviewer)
        #expect(try walk.take(.recordVote, as: .councilSecretary) == "huyen_tiep_nhan")
        try walk.take(.toCouncil, as: .reviewer)
        #expect(try walk.take(.recordVote, as: .councilSecretary) == "huyen_cho_quyet_dinh")
        #expect(try walk.take(.decide, as: .chair) == "da_khen_thuong")
    }

    @Test func provinceCertificatePassesEveryLevelBelowTheProvince() throws {
        var three = Walk(ShippedWorkflows.threeTier, award: "bang-khen-tinh")
        var path: [String] = []
        for (action, role) in [
            (Action.submit, Role.submitter), (.toCouncil, .reviewer), (.recordVote, .councilSecretary), (.toCouncil, .reviewer),
            (.recordVote, .councilSecretary), (.toCouncil, .reviewer), (.recordVote, .councilSecretary), (.decide, .chair),
        ] {
            path.append(try three.take(action, as: role))
        }
        #expect(
            path == [
                "xa_tham_dinh", "xa_hoi_dong", "huyen_tiep_nhan", "huyen_hoi_dong", "tinh_tiep_nhan", "tinh_hoi_dong", "tinh_cho_quyet_dinh",
                "da_khen_thuong",
            ]
        )

        var two = Walk(ShippedWorkflows.twoTier, award: "bang-khen-tinh")
        path = []
        for (action, role) in [
            (Action.submit, Role.submitter), (.toCouncil, .reviewer), (.recordVote, .councilSecretary), (.toCouncil, .reviewer),
            (.recordVote, .councilSecretary), (.decide, .chair),
        ] {
            path.append(try two.take(action, as: role))
        }
        #expect(path == ["xa_tham_dinh", "xa_hoi_dong", "tinh_tiep_nhan", "tinh_hoi_dong", "tinh_cho_quyet_dinh", "da_khen_thuong"])
    }

    @Test func primeMinisterCertificateGoesCentralWhichCanReturnIt() throws {
        var walk = Walk(ShippedWorkflows.twoTier, award: "bang-khen-thu-tuong")
        for (action, role) in [(Action.submit, Role.submitter), (.toCouncil, .reviewer), (.recordVote, .councilSecretary), (.toCouncil, .reviewer)] {
            try walk.take(action, as: role)
        }
        #expect(try walk.take(.recordVote, as: .councilSecretary) == "tinh_lay_y_kien")
        var posting = Walk.good
        posting.postingOver = false
        #expect(throws: WorkflowEngine.Refusal.self) { try walk.take(.forward, as: .provinceAdmin, facts: posting) }
        #expect(try walk.take(.forward, as: .provinceAdmin) == "trung_uong_xet")
        #expect(try walk.take(.centralReturn, as: .provinceAdmin) == "tinh_tiep_nhan")
        #expect(walk.effects.contains(.restartClock))
        try walk.take(.toCouncil, as: .reviewer)
        try walk.take(.recordVote, as: .councilSecretary)
        try walk.take(.forward, as: .chair)
        #expect(try walk.take(.decide, as: .provinceAdmin) == "da_khen_thuong")
    }

    @Test func returnedNominationCanBeResubmittedWithTheMissingDocument() throws {
        var walk = Walk(ShippedWorkflows.twoTier, award: "giay-khen-xa")
        try walk.take(.submit, as: .submitter)
        var noComment = Walk.good
        noComment.comment = "  "
        let refusal = #expect(throws: WorkflowEngine.Refusal.self) { try walk.take(.return, as: .reviewer, facts: noComment) }
        #expect(refusal?.description == "Cần ghi rõ lý do hoặc các nội dung cần bổ sung.")
        #expect(try walk.take(.return, as: .reviewer) == "xa_bo_sung")
        var missing = Walk.good
        missing.documentsComplete = false
        #expect(throws: WorkflowEngine.Refusal.guardFailed(.documentsComplete, "Hồ sơ còn thiếu tài liệu bắt buộc.")) {
            try walk.take(.resubmit, as: .submitter, facts: missing)
        }
        #expect(try walk.take(.resubmit, as: .submitter) == "xa_tham_dinh")
        #expect(walk.effects.filter { $0 == .restartClock }.count == 2)
    }

    @Test func failedCouncilVoteEndsWithoutAwardAndNoQuorumDecidesNothing() throws {
        var walk = Walk(ShippedWorkflows.twoTier, award: "bang-khen-tinh")
        try walk.take(.submit, as: .submitter)
        try walk.take(.toCouncil, as: .reviewer)
        var noQuorum = Walk.good
        noQuorum.tally = .init(members: 9, present: 5, yes: 5, no: 0)
        let refusal = #expect(throws: WorkflowEngine.Refusal.self) { try walk.take(.recordVote, as: .councilSecretary, facts: noQuorum) }
        #expect(refusal?.description.contains("Không đủ số thành viên dự họp: 5/9") == true)
        var failed = Walk.good
        failed.tally = .init(members: 7, present: 7, yes: 3, no: 4)
        #expect(try walk.take(.recordVote, as: .councilSecretary, facts: failed) == "khong_khen_thuong")
        #expect(throws: WorkflowEngine.Refusal.finished("Không khen thưởng")) { try walk.take(.decide, as: .chair) }
    }

    @Test(arguments: ["xa_tham_dinh", "huyen_tiep_nhan", "tinh_tiep_nhan", "trung_uong_xet"])
    func everyLevelCanRejectWithAReason(_ state: String) throws {
        let role: Role = state == "trung_uong_xet" ? .provinceAdmin : .reviewer
        let nomination = WorkflowEngine.Nomination(state: state, award: "bang-khen-thu-tuong")
        let outcome = try WorkflowEngine.apply(ShippedWorkflows.threeTier, nomination, action: .reject, roles: [role], facts: Walk.good).get()
        #expect(outcome.to == "khong_khen_thuong")
    }
}

@Suite struct WorkflowRefusalTests {
    let start = WorkflowEngine.Nomination(state: "xa_lap_ho_so", award: "bang-khen-tinh")

    @Test func wrongRoleIsRefusedAndTheNeededRoleNamed() {
        let result = WorkflowEngine.apply(ShippedWorkflows.twoTier, start, action: .submit, roles: [.reviewer], facts: Walk.good)
        #expect(result == .failure(.roleNotAllowed(.submit, needed: [.submitter])))
    }

    @Test func actionNotOfferedHereListsWhatIs() {
        let result = WorkflowEngine.apply(ShippedWorkflows.twoTier, start, action: .decide, roles: [.chair], facts: Walk.good)
        #expect(result == .failure(.actionNotAvailable(.decide, available: [.submit])))
    }

    @Test func nomineeOnHoldCannotBeProposed() {
        var facts = Walk.good
        facts.onHold = true
        guard
            case .failure(.guardFailed(.noHold, _)) = WorkflowEngine.apply(
                ShippedWorkflows.twoTier,
                start,
                action: .submit,
                roles: [.submitter],
                facts: facts
            )
        else {
            Issue.record("a nominee on hold was proposed")
            return
        }
    }

    @Test func missingLearningModelTitleBlocksTheProposal() {
        var facts = Walk.good
        facts.titleRecognised = false
        let result = WorkflowEngine.apply(ShippedWorkflows.twoTier, start, action: .submit, roles: [.submitter], facts: facts)
        #expect(
            result
                == .failure(
                    .guardFailed(.titleRecognised, "Đối tượng chưa được công nhận danh hiệu mô hình học tập mà hình thức khen thưởng yêu cầu.")
                )
        )
    }

    @Test func availableActionsDependOnRoleAndAward() {
        let council = WorkflowEngine.Nomination(state: "xa_hoi_dong", award: "giay-khen-xa")
        #expect(WorkflowEngine.availableActions(ShippedWorkflows.twoTier, council, roles: [.councilSecretary]) == [.recordVote])
        #expect(WorkflowEngine.availableActions(ShippedWorkflows.twoTier, council, roles: [.submitter]).isEmpty)
    }

    @Test func engineIsDeterministic() {
        let a = WorkflowEngine.apply(ShippedWorkflows.threeTier, start, action: .submit, roles: [.submitter], facts: Walk.good)
        let b = WorkflowEngine.apply(ShippedWorkflows.threeTier, start, action: .submit, roles: [.submitter], facts: Walk.good)
        #expect(a == b)
    }
}

@Suite struct VoteRuleTests {
    @Test func moreThanHalfOfAllMembersIsStrict() {
        let rule = VoteRule(quorum: .init(2, 3), base: .allMembers, threshold: .init(50, 100), strictlyMore: true, secretBallot: false)
        #expect(rule.outcome(of: .init(members: 8, present: 8, yes: 5, no: 3)) == .passed)
        #expect(!rule.outcome(of: .init(members: 8, present: 8, yes: 4, no: 4)).passed)
        #expect(!rule.outcome(of: .init(members: 8, present: 6, yes: 4, no: 2)).passed)
        guard case .noQuorum = rule.outcome(of: .init(members: 9, present: 5, yes: 5, no: 0)) else {
            Issue.record("5 of 9 present is below a two-thirds quorum")
            return
        }
        #expect(rule.outcome(of: .init(members: 9, present: 6, yes: 5, no: 1)) == .passed)
    }

    @Test func ninetyPercentOfAllMembersForTheHighestTitles() {
        let rule = VoteRule(quorum: .init(2, 3), base: .allMembers, threshold: .init(90, 100), strictlyMore: false, secretBallot: true)
        #expect(rule.outcome(of: .init(members: 10, present: 10, yes: 9, no: 1)) == .passed)
        #expect(!rule.outcome(of: .init(members: 1000, present: 1000, yes: 899, no: 101)).passed)
        #expect(rule.outcome(of: .init(members: 1000, present: 1000, yes: 900, no: 100)) == .passed)
    }

    @Test func impossibleTalliesAreRefused() {
        let rule = VoteRule(quorum: .init(1, 2), base: .present, threshold: .init(1, 2), strictlyMore: true, secretBallot: false)
        guard case .invalid = rule.outcome(of: .init(members: 5, present: 4, yes: 4, no: 1)) else {
            Issue.record("more votes than members present was accepted")
            return
        }
    }

    @Test func talliesNearTheLargestIntegerAreRefusedOrJudgedWithoutOverflow() {
        let rule = VoteRule(quorum: .init(2, 3), base: .allMembers, threshold: .init(9_000, 10_000), strictlyMore: false, secretBallot: true)
        guard case .invalid = rule.outcome(of: .init(members: .max, present: .max, yes: .max, no: 1)) else {
            Issue.record("yes + no past the largest integer was not refused")
            return
        }
        #expect(rule.outcome(of: .init(members: .max, present: .max, yes: .max, no: 0)) == .passed)
        #expect(!rule.outcome(of: .init(members: .max, present: .max, yes: .max / 2, no: 0)).passed)
    }
}

/// The 2026 version of the two-tier process: documents per level, and a mapping that takes open
/// dossiers of the 2025 version across step for step.
@Suite struct TwoTier2026Tests {
    static let definition = try! ShippedWorkflows.named("khen-thuong-2-cap@2026")

    @Test func theProvinceAsksForTheCommunesMemoAndMinutesForItsOwnAwardsOnly() throws {
        let provincial = try #require(Self.definition.award("bang-khen-tinh"))
        #expect(provincial.requiredDocuments(at: .commune) == ["bao_cao_thanh_tich"])
        #expect(provincial.requiredDocuments(at: .province) == ["bao_cao_thanh_tich", "to_trinh", "bien_ban_hoi_dong"])
        #expect(Self.definition.award("giay-khen-xa")?.requiredDocuments(at: .province) == ["bao_cao_thanh_tich"])
        #expect(Self.definition.documentRefusal(at: "tinh_tiep_nhan", roles: [.reviewer]) == nil)
        var walk = Walk(Self.definition, award: "bang-khen-tinh")
        try walk.take(.submit, as: .submitter)
        try walk.take(.toCouncil, as: .reviewer)
        try walk.take(.recordVote, as: .councilSecretary)
        var missing = Walk.good
        missing.documentsComplete = false
        missing.missingDocuments = ["Tờ trình", "Biên bản họp Hội đồng"]
        let refusal = #expect(throws: WorkflowEngine.Refusal.self) { try walk.take(.toCouncil, as: .reviewer, facts: missing) }
        #expect(refusal?.description.contains("Hồ sơ còn thiếu tài liệu bắt buộc: Tờ trình, Biên bản họp Hội đồng.") == true)
    }

    @Test func openDossiersOf2025MoveToThe2026VersionStepForStep() throws {
        let url = ShippedWorkflows.directory.appendingPathComponent("migrations/khen-thuong-2-cap@2025-sang-2-cap@2026.yaml")
        _ = try WorkflowMappingReader.read(
            try String(contentsOf: url, encoding: .utf8),
            file: url.path,
            from: ShippedWorkflows.twoTier,
            to: Self.definition
        )
    }
}

/// Award standards are counted against the record: prior awards of a tier within years, the
/// interval since the last of a tier, thematic awards never a ground, merit-only conditions.
@Suite struct AwardStandardTests {
    static let needsProvincial = AwardStandard(
        id: "da-co",
        text: "Đã có Bằng khen cấp tỉnh",
        source: "Luật 2022",
        provisional: true,
        rule: .priorAwards(tier: .ministryOrProvince, count: 1, years: 10),
        bases: ["merit"]
    )
    static let fiveYears = AwardStandard(
        id: "khoang-cach",
        text: "5 năm",
        source: "Luật 2022",
        provisional: true,
        rule: .interval(tier: .primeMinister, years: 5),
        bases: []
    )

    @Test func priorAwardsCountOnlyMeritAwardsOfTheTierWithinTheYears() {
        let record = [
            PriorAward(tier: .ministryOrProvince, year: 2014, reference: "cũ", thematic: false),
            PriorAward(tier: .ministryOrProvince, year: 2020, reference: "chuyên đề", thematic: true),
            PriorAward(tier: .certificate, year: 2022, reference: "giấy khen", thematic: false),
        ]
        let refused = AwardStandard.evaluate([Self.needsProvincial], record: record, year: 2026, basis: "merit")
        #expect(refused.map(\.met) == [false])
        #expect(refused.first?.reason.contains("không tính khen thưởng chuyên đề, đột xuất") == true)
        let grounded = record + [PriorAward(tier: .ministryOrProvince, year: 2019, reference: "12/QĐ-UBND", thematic: false)]
        let met = AwardStandard.evaluate([Self.needsProvincial], record: grounded, year: 2026, basis: "merit")
        #expect(met.map(\.met) == [true])
        #expect(met.first?.evidence == ["12/QĐ-UBND"])
        #expect(AwardStandard.evaluate([Self.needsProvincial], record: [], year: 2026, basis: "thematic").isEmpty, "merit only")
    }

    @Test func theIntervalSinceTheLastAwardOfTheTierIsKept() {
        let recent = [PriorAward(tier: .primeMinister, year: 2023, reference: "QĐ 2023", thematic: false)]
        #expect(AwardStandard.evaluate([Self.fiveYears], record: recent, year: 2026, basis: "merit").map(\.met) == [false])
        let old = [PriorAward(tier: .primeMinister, year: 2021, reference: "QĐ 2021", thematic: false)]
        #expect(AwardStandard.evaluate([Self.fiveYears], record: old, year: 2026, basis: "merit").map(\.met) == [true])
    }

    @Test func theShipped2026ProcessStatesItsStandardsWithSources() throws {
        let award = try #require(TwoTier2026Tests.definition.award("bang-khen-thu-tuong"))
        #expect(award.standards.map(\.id) == ["da-co-bang-khen-bo-tinh", "khoang-cach-bang-khen-thu-tuong"])
        #expect(award.standards.allSatisfy { $0.provisional && $0.source.contains("Luật Thi đua, khen thưởng 2022") })
    }
}
