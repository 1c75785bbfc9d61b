import Testing
import Workflow

/// The policy table: who may do what outside a nomination's steps, decided in one pure place.
@Suite struct PolicyTests {
    @Test func onlyTheChairIssuesAndOnlyTheSecretaryRunsTheCouncil() {
        #expect(Permission.issueDecision.isAllowed(holding: [.chair]))
        #expect(!Permission.issueDecision.isAllowed(holding: [.reviewer, .councilSecretary, .councilMember, .submitter]))
        #expect(Permission.runCouncilSession.isAllowed(holding: [.councilSecretary]))
        #expect(!Permission.runCouncilSession.isAllowed(holding: [.chair, .councilMember]))
    }

    @Test func aCouncilMemberMayNeitherDraftNorHoldNorCreate() {
        for permission in [Permission.draftDecision, .holdNomination, .createNomination, .importAssessments, .openRound] {
            #expect(!permission.isAllowed(holding: [.councilMember]), "\(permission)")
        }
    }

    @Test func everyPermissionNamesSomeoneAndSaysWhoInVietnamese() {
        for permission in Permission.allCases {
            #expect(!permission.roles.isEmpty, "\(permission)")
            #expect(permission.refusal.hasPrefix("Chỉ "), "\(permission)")
            #expect(permission.roles.allSatisfy { permission.refusal.contains($0.vietnamese) }, "\(permission)")
        }
    }
}
