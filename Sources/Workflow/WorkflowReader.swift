import DataFiles
import Foundation

/// Reads a workflow definition from YAML and validates it: unknown keys, roles, guards, actions
/// or effects; unreachable states; non-final states with no way out; two transitions for one
/// action from one state whose conditions can both hold; a move down a level other than by an
/// explicit return. Errors name the file and line.
public enum WorkflowReader {
    public static func read(_ text: String, file: String) throws(DataFileError) -> WorkflowDefinition {
        let root = try YAMLNode.parse(text, file: file)
        let top = try root.mapping(
            allowed: ["id", "version", "title", "valid_from", "valid_to", "levels", "initial", "awards", "states", "transitions", "organisation"],
            required: ["id", "version", "title", "valid_from", "levels", "initial", "awards", "states", "transitions"]
        )
        let id = try top["id"]!.identifier(of: "quy trình")
        var organisationKind: String?
        if let node = top["organisation"] {
            let kind = try node.string()
            guard kind.range(of: #"^[a-z][a-z0-9-]{1,39}$"#, options: .regularExpression) != nil else {
                throw node.error("loại tổ chức \"\(kind)\" không hợp lệ: chữ thường không dấu, số, gạch ngang (ví dụ hoi-khuyen-hoc)")
            }
            organisationKind = kind
        }
        var levels: [WorkflowDefinition.Level] = []
        for node in try top["levels"]!.sequence() {
            guard let level = WorkflowDefinition.Level(rawValue: try node.string()) else {
                throw node.error("cấp không hợp lệ (chọn: commune, district, province, central)")
            }
            guard levels.last.map({ $0 < level }) ?? true else { throw node.error("các cấp phải theo thứ tự từ thấp lên cao, không lặp") }
            levels.append(level)
        }

        var awards: [WorkflowDefinition.Award] = []
        for node in try top["awards"]!.sequence() {
            let keys = try node.mapping(
                allowed: ["id", "title", "decided_at", "required_documents", "required_titles", "standards"],
                required: ["id", "title", "decided_at"]
            )
            let level = try Self.level(keys["decided_at"]!, in: levels)
            let documents = try keys["required_documents"].map { node throws(DataFileError) in try requiredDocuments(node, in: levels) } ?? [:]
            var titles: [String: String] = [:]
            if let titlesNode = keys["required_titles"] {
                let kinds: Set<String> = ["individual", "household", "clan", "collective", "enterprise", "administrative_unit"]
                for (kind, title) in try titlesNode.mapping(allowed: kinds) { titles[kind] = try title.string() }
            }
            let award = WorkflowDefinition.Award(
                id: try keys["id"]!.string(),
                title: try keys["title"]!.string(),
                decidedAt: level,
                byLevel: documents,
                requiredTitles: titles,
                standards: try keys["standards"].map { node throws(DataFileError) in try standards(node) } ?? []
            )
            guard !awards.contains(where: { $0.id == award.id }) else { throw node.error("hình thức khen thưởng \"\(award.id)\" bị lặp lại") }
            awards.append(award)
        }

        var states: [WorkflowDefinition.State] = []
        var stateNodes: [String: YAMLNode] = [:]
        for node in try top["states"]!.sequence() {
            let keys = try node.mapping(
                allowed: ["id", "title", "level", "final", "deadline_working_days", "council", "posting_days", "escalate", "documents"],
                required: ["id", "title", "level"]
            )
            let stateID = try keys["id"]!.string()
            guard stateNodes[stateID] == nil else { throw node.error("trạng thái \"\(stateID)\" bị lặp lại") }
            stateNodes[stateID] = node
            states.append(
                WorkflowDefinition.State(
                    id: stateID,
                    title: try keys["title"]!.string(),
                    level: try Self.level(keys["level"]!, in: levels),
                    isFinal: try keys["final"]?.bool() ?? false,
                    deadlineWorkingDays: try keys["deadline_working_days"]?.int(in: 1...365),
                    council: try keys["council"].map { node throws(DataFileError) in try voteRule(node) },
                    postingDays: try keys["posting_days"]?.int(in: 1...90),
                    escalation: try keys["escalate"].map { node throws(DataFileError) in
                        guard keys["deadline_working_days"] != nil else { throw node.error("escalate cần deadline_working_days của bước") }
                        return try escalation(node)
                    },
                    documentRoles: try keys["documents"].map { node throws(DataFileError) in try roles(node) } ?? []
                )
            )
        }
        let initial = try top["initial"]!.string()
        guard stateNodes[initial] != nil else { throw top["initial"]!.error("trạng thái đầu \"\(initial)\" không có trong danh sách trạng thái") }

        var transitions: [WorkflowDefinition.Transition] = []
        for node in try top["transitions"]!.sequence() {
            transitions.append(try transition(node, states: states, awards: awards))
        }
        let definition = WorkflowDefinition(
            id: id,
            version: try top["version"]!.scalarText(),
            title: try top["title"]!.string(),
            validFrom: try top["valid_from"]!.scalarText(),
            validTo: try top["valid_to"]?.scalarText(),
            levels: levels,
            initial: initial,
            states: states,
            transitions: transitions,
            awards: awards,
            organisationKind: organisationKind
        )
        try validateGraph(definition, stateNodes: stateNodes, transitionsNode: top["transitions"]!)
        return definition
    }

    /// `standards:` — each `{id, text, source, provisional, bases, prior_awards: {tier, count, years}}`
    /// or `{…, interval: {tier, years}}`.
    private static func standards(_ node: YAMLNode) throws(DataFileError) -> [AwardStandard] {
        var out: [AwardStandard] = []
        for item in try node.sequence() {
            let keys = try item.mapping(
                allowed: ["id", "text", "source", "provisional", "bases", "prior_awards", "interval"],
                required: ["id", "text", "source"]
            )
            func tier(_ node: YAMLNode) throws(DataFileError) -> AwardTier {
                let text = try node.string()
                guard let tier = AwardTier(rawValue: text) else {
                    throw node.error("bậc khen thưởng \"\(text)\" không có (chọn: \(AwardTier.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return tier
            }
            let rule: AwardStandard.Rule
            if let prior = keys["prior_awards"], keys["interval"] == nil {
                let p = try prior.mapping(allowed: ["tier", "count", "years"], required: ["tier", "count", "years"])
                rule = .priorAwards(tier: try tier(p["tier"]!), count: try p["count"]!.int(in: 1...20), years: try p["years"]!.int(in: 1...30))
            } else if let interval = keys["interval"], keys["prior_awards"] == nil {
                let i = try interval.mapping(allowed: ["tier", "years"], required: ["tier", "years"])
                rule = .interval(tier: try tier(i["tier"]!), years: try i["years"]!.int(in: 1...30))
            } else {
                throw item.error("mỗi điều kiện có đúng một trong hai: prior_awards hoặc interval")
            }
            var bases: Set<String> = []
            for basis in try keys["bases"]?.sequence() ?? [] {
                let text = try basis.string()
                guard ["merit", "thematic", "sudden", "simplified", "other"].contains(text) else {
                    throw basis.error("loại khen thưởng \"\(text)\" không có (chọn: merit, thematic, sudden, simplified, other)")
                }
                bases.insert(text)
            }
            let id = try keys["id"]!.identifier(of: "điều kiện")
            guard !out.contains(where: { $0.id == id }) else { throw keys["id"]!.error("điều kiện \"\(id)\" bị lặp lại") }
            out.append(
                AwardStandard(
                    id: id,
                    text: try keys["text"]!.string(),
                    source: try keys["source"]!.string(),
                    provisional: try keys["provisional"]?.bool() ?? true,
                    rule: rule,
                    bases: bases
                )
            )
        }
        return out
    }

    /// `required_documents: [bao_cao_thanh_tich]` (every level) or, by the level the dossier
    /// leaves, `{commune: [bao_cao_thanh_tich], province: [bao_cao_thanh_tich, to_trinh]}`.
    private static func requiredDocuments(
        _ node: YAMLNode,
        in levels: [WorkflowDefinition.Level]
    ) throws(DataFileError) -> [WorkflowDefinition.Level: [String]] {
        func kinds(_ node: YAMLNode) throws(DataFileError) -> [String] {
            var kinds: [String] = []
            for item in try node.sequence() {
                let kind = try item.string()
                guard DocumentKinds.title(kind) != kind else {
                    throw item.error("loại tài liệu \"\(kind)\" không có (chọn: \(DocumentKinds.all.map(\.id).joined(separator: ", ")))")
                }
                guard !kinds.contains(kind) else { throw item.error("loại tài liệu \"\(kind)\" bị lặp lại") }
                kinds.append(kind)
            }
            return kinds
        }
        if (try? node.sequence()) != nil { return [levels[0]: try kinds(node)] }
        var byLevel: [WorkflowDefinition.Level: [String]] = [:]
        for (name, list) in try node.mapping(allowed: Set(levels.map(\.rawValue))) {
            byLevel[WorkflowDefinition.Level(rawValue: name)!] = try kinds(list)
        }
        return byLevel
    }

    private static func level(_ node: YAMLNode, in levels: [WorkflowDefinition.Level]) throws(DataFileError) -> WorkflowDefinition.Level {
        guard let level = WorkflowDefinition.Level(rawValue: try node.string()) else {
            throw node.error("cấp không hợp lệ (chọn: commune, district, province, central)")
        }
        guard levels.contains(level) else { throw node.error("cấp \(level.rawValue) không thuộc các cấp của quy trình") }
        return level
    }

    /// `escalate: {after_working_days: 3, to: [chair]}`.
    private static func escalation(_ node: YAMLNode) throws(DataFileError) -> WorkflowDefinition.Escalation {
        let keys = try node.mapping(allowed: ["after_working_days", "to"], required: ["after_working_days", "to"])
        let roles = try roles(keys["to"]!)
        guard !roles.isEmpty else { throw keys["to"]!.error("cần ít nhất một vai trò nhận cảnh báo") }
        return .init(afterWorkingDays: try keys["after_working_days"]!.int(in: 0...60), roles: roles)
    }

    /// A list of roles: `[submitter, reviewer]`.
    private static func roles(_ node: YAMLNode) throws(DataFileError) -> [Role] {
        var roles: [Role] = []
        for roleNode in try node.sequence() {
            guard let role = Role(rawValue: try roleNode.string()) else {
                throw roleNode.error("vai trò không hợp lệ (chọn: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            roles.append(role)
        }
        return roles
    }

    /// `quorum: 2/3` or `67%`; `base: all_members|present`; `more_than: 50%` or `at_least: 90%`; `ballot: open|secret`.
    private static func voteRule(_ node: YAMLNode) throws(DataFileError) -> VoteRule {
        let keys = try node.mapping(allowed: ["quorum", "base", "more_than", "at_least", "ballot"], required: ["quorum", "base", "ballot"])
        let quorum = try share(keys["quorum"]!)
        guard let base = VoteRule.Base(rawValue: try keys["base"]!.string()) else {
            throw keys["base"]!.error("base phải là all_members hoặc present")
        }
        let ballot = try keys["ballot"]!.string()
        guard ballot == "open" || ballot == "secret" else { throw keys["ballot"]!.error("ballot phải là open hoặc secret") }
        switch (keys["more_than"], keys["at_least"]) {
        case (let more?, nil):
            return VoteRule(quorum: quorum, base: base, threshold: try share(more), strictlyMore: true, secretBallot: ballot == "secret")
        case (nil, let least?):
            return VoteRule(quorum: quorum, base: base, threshold: try share(least), strictlyMore: false, secretBallot: ballot == "secret")
        default:
            throw node.error("cần đúng một trong hai khóa more_than hoặc at_least")
        }
    }

    /// "2/3" (kept exact), "50%" or "66.67%" (in hundredths of a percent).
    private static func share(_ node: YAMLNode) throws(DataFileError) -> VoteRule.Ratio {
        let text = try node.scalarText().replacingOccurrences(of: " ", with: "")
        if let slash = text.firstIndex(of: "/"), let a = Int(text[..<slash]), let b = Int(text[text.index(after: slash)...]), b > 0, a >= 0, a <= b {
            return VoteRule.Ratio(a, b)
        }
        var body = text
        if body.hasSuffix("%") { body.removeLast() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        if let whole = Int(parts[0]), parts.count <= 2 {
            var fraction = 0
            if parts.count == 2 {
                guard let f = Int(parts[1]), parts[1].count <= 2 else { throw node.error("tỉ lệ không hợp lệ") }
                fraction = parts[1].count == 1 ? f * 10 : f
            }
            let value = whole * 100 + fraction
            if (0...10_000).contains(value) { return VoteRule.Ratio(value, 10_000) }
        }
        throw node.error("tỉ lệ phải có dạng 2/3 hoặc 50%")
    }

    private static func transition(
        _ node: YAMLNode,
        states: [WorkflowDefinition.State],
        awards: [WorkflowDefinition.Award]
    ) throws(DataFileError) -> WorkflowDefinition.Transition {
        let keys = try node.mapping(
            allowed: ["from", "action", "to", "roles", "guards", "when", "effects"],
            required: ["from", "action", "to", "roles"]
        )
        let from = try keys["from"]!.string()
        let to = try keys["to"]!.string()
        guard states.contains(where: { $0.id == from }) else {
            throw keys["from"]!.error("trạng thái \"\(from)\" không có trong danh sách trạng thái")
        }
        guard states.contains(where: { $0.id == to }) else { throw keys["to"]!.error("trạng thái \"\(to)\" không có trong danh sách trạng thái") }
        guard let action = Action(rawValue: try keys["action"]!.string()) else {
            throw keys["action"]!.error("thao tác không hợp lệ (chọn: \(Action.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var roles: Set<Role> = []
        for roleNode in try keys["roles"]!.sequence() {
            guard let role = Role(rawValue: try roleNode.string()) else {
                throw roleNode.error("vai trò không hợp lệ (chọn: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            roles.insert(role)
        }
        guard !roles.isEmpty else { throw keys["roles"]!.error("cần ít nhất một vai trò") }
        var guards: [Guard] = []
        for guardNode in try keys["guards"]?.sequence() ?? [] {
            guard let guardKind = Guard(rawValue: try guardNode.string()) else {
                throw guardNode.error("điều kiện không hợp lệ (chọn: \(Guard.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if guardKind == .votePassed || guardKind == .voteFailed, states.first(where: { $0.id == from })?.council == nil {
                throw guardNode.error("điều kiện \(guardKind.rawValue) chỉ dùng ở bước có Hội đồng (council)")
            }
            guards.append(guardKind)
        }
        var effects: [Effect] = []
        for effectNode in try keys["effects"]?.sequence() ?? [] {
            guard let effect = Effect(rawValue: try effectNode.string()) else {
                throw effectNode.error("tác động không hợp lệ (chọn: \(Effect.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            effects.append(effect)
        }
        var condition: WorkflowDefinition.Condition?
        if let when = keys["when"] {
            let parts = try when.mapping(allowed: ["decided_at", "decided_above"])
            let levels = Set(awards.map(\.decidedAt))
            switch (parts["decided_at"], parts["decided_above"]) {
            case (let at?, nil):
                guard let level = WorkflowDefinition.Level(rawValue: try at.string()), levels.contains(level) else {
                    throw at.error("không có hình thức khen thưởng nào quyết định ở cấp này")
                }
                condition = .decidedAt(level)
            case (nil, let above?):
                guard let level = WorkflowDefinition.Level(rawValue: try above.string()) else { throw above.error("cấp không hợp lệ") }
                condition = .decidedAbove(level)
            default:
                throw when.error("cần đúng một trong hai khóa decided_at hoặc decided_above")
            }
        }
        return WorkflowDefinition.Transition(
            from: from,
            action: action,
            to: to,
            roles: roles,
            guards: guards,
            condition: condition,
            effects: effects,
            line: node.line
        )
    }

    private static func validateGraph(
        _ definition: WorkflowDefinition,
        stateNodes: [String: YAMLNode],
        transitionsNode: YAMLNode
    ) throws(DataFileError) {
        let file = transitionsNode.file
        func error(line: Int, _ message: String) -> DataFileError { DataFileError(file: file, line: line, column: 1, message: message) }
        let levelOf = Dictionary(uniqueKeysWithValues: definition.states.map { ($0.id, $0.level) })

        for transition in definition.transitions {
            let fromState = definition.state(transition.from)!
            if fromState.isFinal {
                throw error(line: transition.line, "trạng thái kết thúc \"\(fromState.id)\" không được có bước chuyển tiếp")
            }
            if levelOf[transition.to]! < levelOf[transition.from]!, !transition.action.goesBack {
                throw error(
                    line: transition.line,
                    "bước \"\(transition.action.rawValue)\" đưa hồ sơ từ \(levelOf[transition.from]!.vietnamese) xuống \(levelOf[transition.to]!.vietnamese); chỉ \"return\" hoặc \"central_return\" được đi xuống"
                )
            }
        }

        // Two transitions for one action from one state must never both apply.
        for (index, a) in definition.transitions.enumerated() {
            for b in definition.transitions[(index + 1)...] where a.from == b.from && a.action == b.action {
                let conditionsOverlap = definition.awards.contains { award in
                    (a.condition?.holds(for: award) ?? true) && (b.condition?.holds(for: award) ?? true)
                }
                let exclusiveGuards = a.guards.contains { guardKind in guardKind.opposite.map(b.guards.contains) ?? false }
                if conditionsOverlap && !exclusiveGuards {
                    throw error(
                        line: b.line,
                        "bước \"\(b.action.rawValue)\" từ \"\(b.from)\" trùng với bước ở dòng \(a.line): với cùng một hồ sơ, cả hai có thể cùng thỏa điều kiện"
                    )
                }
            }
        }

        // Every state reachable from the initial one; every non-final state has a way out.
        var reachable: Set<String> = [definition.initial]
        var frontier = [definition.initial]
        while let state = frontier.popLast() {
            for transition in definition.transitions where transition.from == state && reachable.insert(transition.to).inserted {
                frontier.append(transition.to)
            }
        }
        for state in definition.states {
            let node = stateNodes[state.id]!
            if !reachable.contains(state.id) {
                throw node.error("trạng thái \"\(state.id)\" không thể đến được từ trạng thái đầu")
            }
            if !state.isFinal && !definition.transitions.contains(where: { $0.from == state.id }) {
                throw node.error("trạng thái \"\(state.id)\" không phải trạng thái kết thúc nhưng không có bước nào đi ra")
            }
        }
    }
}
