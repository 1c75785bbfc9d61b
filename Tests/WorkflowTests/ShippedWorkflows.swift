import Foundation
import Workflow

enum ShippedWorkflows {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("workflows")

    static func named(_ reference: String) throws -> WorkflowDefinition {
        let url = directory.appendingPathComponent("\(reference).yaml")
        return try WorkflowReader.read(try String(contentsOf: url, encoding: .utf8), file: url.path)
    }

    static let threeTier = try! named("khen-thuong-3-cap@2024")
    static let twoTier = try! named("khen-thuong-2-cap@2025")
}

/// Walks a nomination through a definition, one action at a time, as the storage layer will.
struct Walk {
    let definition: WorkflowDefinition
    var nomination: WorkflowEngine.Nomination
    var effects: [Effect] = []

    init(_ definition: WorkflowDefinition, award: String) {
        self.definition = definition
        self.nomination = .init(state: definition.initial, award: award)
    }

    /// Facts under which every guard holds; a vote that passes 5 of 7.
    static var good: WorkflowEngine.Facts {
        var facts = WorkflowEngine.Facts()
        facts.documentsComplete = true
        facts.titleRecognised = true
        facts.postingOver = true
        facts.comment = "Đề nghị bổ sung báo cáo thành tích có xác nhận."
        facts.tally = .init(members: 7, present: 7, yes: 5, no: 2)
        return facts
    }

    @discardableResult
    mutating func take(_ action: Action, as role: Role, facts: WorkflowEngine.Facts = Walk.good) throws -> String {
        let outcome = try WorkflowEngine.apply(definition, nomination, action: action, roles: [role], facts: facts).get()
        nomination = .init(state: outcome.to, award: nomination.award)
        effects += outcome.effects
        return outcome.to
    }
}
