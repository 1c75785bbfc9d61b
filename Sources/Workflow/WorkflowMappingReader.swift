import DataFiles

/// Reads a mapping file (`workflows/migrations/*.yaml`) and checks it against the two definitions:
/// every open step of every award of the old process lands on an open step of the new one, at a
/// level no higher than the one that decides the award there, and every award has a counterpart.
public enum WorkflowMappingReader {
    /// The `from` and `to` references, to load both definitions before `read`.
    public static func references(_ text: String, file: String) throws(DataFileError) -> (from: String, to: String) {
        let top = try YAMLNode.parse(text, file: file).mapping(
            allowed: ["from", "to", "states", "award_states", "awards", "units"],
            required: ["from", "to", "states"]
        )
        return (try top["from"]!.scalarText(), try top["to"]!.scalarText())
    }

    public static func read(_ text: String, file: String, from old: WorkflowDefinition, to new: WorkflowDefinition) throws(DataFileErrors)
        -> WorkflowMapping
    {
        var errors: [DataFileError] = []
        // Steps whose target was already found wrong: not reported again as missing.
        var reported: Set<String> = []
        do {
            let top = try YAMLNode.parse(text, file: file).mapping(
                allowed: ["from", "to", "states", "award_states", "awards", "units"],
                required: ["from", "to", "states"]
            )
            guard try top["from"]!.scalarText() != (try top["to"]!.scalarText()) else {
                throw top["to"]!.error("quy trình đích phải khác quy trình nguồn")
            }
            func stateMap(_ node: YAMLNode) throws(DataFileError) -> [String: String] {
                var out: [String: String] = [:]
                for (source, targetNode) in try node.mapping(allowed: Set(old.states.map(\.id))) {
                    let target = try targetNode.string()
                    guard let state = new.state(target) else {
                        errors.append(targetNode.error("bước \"\(target)\" không có trong quy trình \(new.reference)"))
                        reported.insert(source)
                        continue
                    }
                    if state.isFinal { errors.append(targetNode.error("không chuyển hồ sơ đang xét sang bước kết thúc \"\(target)\"")) }
                    if old.state(source)?.isFinal == true {
                        errors.append(targetNode.error("bước \"\(source)\" đã kết thúc: hồ sơ ở đó không cần chuyển"))
                    }
                    out[source] = target
                }
                return out
            }
            let states = try stateMap(top["states"]!)
            var awardStates: [String: [String: String]] = [:]
            if let node = top["award_states"] {
                for (award, map) in try node.mapping(allowed: Set(old.awards.map(\.id))) { awardStates[award] = try stateMap(map) }
            }
            var awards: [String: String] = [:]
            var awardNodes: [String: YAMLNode] = [:]
            if let node = top["awards"] {
                for (award, targetNode) in try node.mapping(allowed: Set(old.awards.map(\.id))) {
                    let target = try targetNode.string()
                    if new.award(target) == nil {
                        errors.append(targetNode.error("hình thức khen thưởng \"\(target)\" không có trong quy trình \(new.reference)"))
                    }
                    awards[award] = target
                    awardNodes[award] = targetNode
                }
            }
            var units: [String: String] = [:]
            if let node = top["units"] {
                for (code, target) in try node.mapping(allowed: nil) { units[code] = try target.scalarText() }
            }
            let mapping = WorkflowMapping(
                from: old.reference,
                to: new.reference,
                states: states,
                awardStates: awardStates,
                awards: awards,
                units: units
            )
            for award in old.awards {
                let targetAward = mapping.awards[award.id] ?? award.id
                guard let decidedAt = new.award(targetAward)?.decidedAt else {
                    if awardNodes[award.id] == nil {
                        errors.append(top["states"]!.error("hình thức \"\(award.id)\" không có trong \(new.reference): cần khai báo ở awards"))
                    }
                    continue
                }
                // Only the steps a nomination for this award can be at.
                let reachable = old.reachableStates(for: award.id)
                for state in old.states where !state.isFinal && reachable.contains(state.id) {
                    guard let target = mapping.target(state: state.id, award: award.id) else {
                        if reported.contains(state.id) { continue }
                        errors.append(top["states"]!.error("thiếu bước đích cho hồ sơ \"\(award.id)\" đang ở bước \"\(state.id)\""))
                        continue
                    }
                    if let level = new.state(target.state)?.level, level > decidedAt {
                        errors.append(
                            top["states"]!.error(
                                "hồ sơ \"\(award.id)\" (thành \"\(targetAward)\", quyết định \(decidedAt.vietnamese)) không thể chuyển đến bước \"\(target.state)\" \(level.vietnamese)"
                            )
                        )
                    }
                }
            }
            if !errors.isEmpty { throw DataFileErrors(errors) }
            return mapping
        } catch let error as DataFileError {
            throw DataFileErrors(errors + [error])
        } catch let error as DataFileErrors {
            throw error
        } catch {
            throw DataFileErrors(errors)
        }
    }
}
