extension WorkflowDefinition {
    /// Why people holding `roles` (at the step's level) may not add or replace dossier documents
    /// at step `stateID`, or nil when they may. The step's `documents:` list decides: a step
    /// that lists nobody — every step from a council's vote to the decision — keeps the dossier
    /// as it is.
    public func documentRefusal(at stateID: String, roles: Set<Role>) -> String? {
        guard let state = state(stateID) else { return "Bước \(stateID) không có trong quy trình." }
        guard !state.documentRoles.isEmpty else {
            return "Hồ sơ ở bước \"\(state.title)\" đã khoá: không thêm hay thay tài liệu sau khi đã trình Hội đồng hoặc đã biểu quyết."
        }
        guard state.documentRoles.contains(where: roles.contains) else {
            let names = state.documentRoles.map(\.vietnamese).joined(separator: ", ")
            return "Ở bước \"\(state.title)\" chỉ \(names) được thêm hoặc thay tài liệu hồ sơ."
        }
        return nil
    }
}
