import DataFiles
import Testing
import Workflow

/// Each kind of invalid workflow file is refused with its line.
@Suite struct WorkflowFileTests {
    static let valid = """
        id: mau
        version: "1"
        title: Quy trình mẫu
        valid_from: 01/07/2025
        levels: [commune, province]
        initial: lap
        awards:
          - {id: gk, title: Giấy khen, decided_at: commune}
          - {id: bk, title: Bằng khen, decided_at: province}
        states:
          - {id: lap, title: Lập hồ sơ, level: commune}
          - {id: hoi_dong, title: Hội đồng xã, level: commune, council: {quorum: "2/3", base: all_members, more_than: 50%, ballot: open}}
          - {id: tinh, title: Tỉnh xét, level: province}
          - {id: xong, title: Đã khen thưởng, level: province, final: true}
          - {id: khong, title: Không khen thưởng, level: province, final: true}
        transitions:
          - {from: lap, action: submit, to: hoi_dong, roles: [submitter], guards: [documents_complete]}
          - {from: hoi_dong, action: record_vote, to: xong, roles: [council_secretary], guards: [vote_passed], when: {decided_at: commune}}
          - {from: hoi_dong, action: record_vote, to: tinh, roles: [council_secretary], guards: [vote_passed], when: {decided_above: commune}}
          - {from: hoi_dong, action: record_vote, to: khong, roles: [council_secretary], guards: [vote_failed]}
          - {from: tinh, action: decide, to: xong, roles: [chair]}
          - {from: tinh, action: return, to: lap, roles: [reviewer], guards: [comment_given]}

        """

    @Test func theValidSampleReads() throws {
        let definition = try WorkflowReader.read(Self.valid, file: "mau@1.yaml")
        #expect(definition.transitions.count == 6)
        #expect(definition.organisationKind == nil)
    }

    /// An organisation's own process names its kind; the shipped Hội Khuyến học process is one,
    /// with state ids of its own (queues filter by state id across processes).
    @Test func aProcessNamesTheOrganisationThatRunsIt() throws {
        let named = try WorkflowReader.read(
            Self.valid.replacingOccurrences(of: "levels: [commune, province]", with: "organisation: hoi-khuyen-hoc\nlevels: [commune, province]"),
            file: "mau@1.yaml"
        )
        #expect(named.organisationKind == "hoi-khuyen-hoc")
        let association = try ShippedWorkflows.named("khen-thuong-hoi-khuyen-hoc@2025")
        #expect(association.organisationKind == "hoi-khuyen-hoc")
        let committee = Set(ShippedWorkflows.twoTier.states.map(\.id)).union(ShippedWorkflows.threeTier.states.map(\.id))
        #expect(Set(association.states.map(\.id)).isDisjoint(with: committee))
        var walk = Walk(association, award: "giay-khen-hoi-xa")
        try walk.take(.submit, as: .submitter)
        try walk.take(.toCouncil, as: .reviewer)
        try walk.take(.recordVote, as: .councilSecretary)
        #expect(try walk.take(.decide, as: .chair) == "hoi_da_khen_thuong")
        var up = Walk(association, award: "bang-khen-hoi-tinh")
        try up.take(.submit, as: .submitter)
        try up.take(.toCouncil, as: .reviewer)
        #expect(try up.take(.recordVote, as: .councilSecretary) == "hoi_tinh_tiep_nhan")
    }

    /// A list applies at every level; a mapping adds documents from a level up, and a level not
    /// named asks what the nearest lower one asks.
    @Test func requiredDocumentsAreReadPerLevel() throws {
        let text = Self.valid.replacingOccurrences(
            of: "Bằng khen, decided_at: province}",
            with: "Bằng khen, decided_at: province, required_documents: {commune: [bao_cao_thanh_tich], province: [bao_cao_thanh_tich, to_trinh]}}"
        )
        .replacingOccurrences(
            of: "Giấy khen, decided_at: commune}",
            with: "Giấy khen, decided_at: commune, required_documents: [bao_cao_thanh_tich]}"
        )
        let definition = try WorkflowReader.read(text, file: "mau@1.yaml")
        let certificate = try #require(definition.award("gk"))
        #expect(certificate.requiredDocuments(at: .commune) == ["bao_cao_thanh_tich"])
        #expect(certificate.requiredDocuments(at: .province) == ["bao_cao_thanh_tich"])
        let provincial = try #require(definition.award("bk"))
        #expect(provincial.requiredDocuments(at: .commune) == ["bao_cao_thanh_tich"])
        #expect(provincial.requiredDocuments(at: .province) == ["bao_cao_thanh_tich", "to_trinh"])
        let checklist = definition.documentChecklist(award: "bk", from: .commune)
        #expect(checklist.map(\.level) == [.commune, .province])
        #expect(definition.documentChecklist(award: "bk", from: .province).map(\.kinds) == [["bao_cao_thanh_tich", "to_trinh"]])
        #expect(definition.documentChecklist(award: "gk", from: .commune).map(\.level) == [.commune])
    }

    static let cases: [(String, String, Int, String)] = [
        ("unknown key", valid.replacingOccurrences(of: "roles: [chair]}", with: "roles: [chair], after: 3}"), 21, "khóa không hợp lệ \"after\""),
        ("unknown role", valid.replacingOccurrences(of: "roles: [chair]", with: "roles: [president]"), 21, "vai trò không hợp lệ"),
        ("unknown guard", valid.replacingOccurrences(of: "guards: [documents_complete]", with: "guards: [paperwork]"), 17, "điều kiện không hợp lệ"),
        ("unknown action", valid.replacingOccurrences(of: "action: decide", with: "action: sign"), 21, "thao tác không hợp lệ"),
        (
            "unreachable state",
            valid.replacingOccurrences(
                of: "  - {id: khong, title:",
                with: "  - {id: mo_coi, title: Mồ côi, level: province, final: true}\n  - {id: khong, title:"
            ),
            15, "không thể đến được"
        ),
        (
            "dead end",
            valid.replacingOccurrences(of: "  - {from: tinh, action: decide, to: xong, roles: [chair]}\n", with: "")
                .replacingOccurrences(of: "  - {from: tinh, action: return, to: lap, roles: [reviewer], guards: [comment_given]}\n", with: ""), 13,
            "không có bước nào đi ra"
        ),
        (
            "ambiguous", valid.replacingOccurrences(of: ", guards: [vote_passed], when: {decided_at: commune}}", with: ", guards: [vote_passed]}"),
            19, "trùng với bước ở dòng 18"
        ),
        (
            "backwards", valid.replacingOccurrences(of: "action: return, to: lap", with: "action: reject, to: lap"), 22,
            "chỉ \"return\" hoặc \"central_return\""
        ),
        (
            "vote guard without council", valid.replacingOccurrences(of: "guards: [documents_complete]", with: "guards: [vote_passed]"), 17,
            "chỉ dùng ở bước có Hội đồng"
        ),
        (
            "unknown target state", valid.replacingOccurrences(of: "action: decide, to: xong", with: "action: decide, to: xong_roi"), 21,
            "không có trong danh sách trạng thái"
        ),
        (
            "unknown document kind",
            valid.replacingOccurrences(of: "Giấy khen, decided_at: commune}", with: "Giấy khen, decided_at: commune, required_documents: [giay_to]}"),
            8,
            "loại tài liệu \"giay_to\" không có"
        ),
        (
            "documents at a level the process lacks",
            valid.replacingOccurrences(
                of: "Bằng khen, decided_at: province}",
                with: "Bằng khen, decided_at: province, required_documents: {district: [to_trinh]}}"
            ),
            9,
            "khóa không hợp lệ \"district\""
        ),
        (
            "organisation kind not a code",
            valid.replacingOccurrences(of: "levels: [commune, province]", with: "organisation: Hội Khuyến học\nlevels: [commune, province]"),
            5, "loại tổ chức \"Hội Khuyến học\" không hợp lệ"
        ),
    ]

    @Test(arguments: cases.indices)
    func invalidFileIsRefusedWithItsLine(_ index: Int) {
        let (kind, text, line, message) = Self.cases[index]
        do {
            _ = try WorkflowReader.read(text, file: "mau@1.yaml")
            Issue.record("\(kind): accepted")
        } catch {
            #expect(error.line == line, "\(kind): \(error)")
            #expect(error.message.contains(message), "\(kind): \(error)")
        }
    }
}
