import Foundation
import Hummingbird
import Storage

/// A unit's council as its founding decision set it up, kept once by its secretary: the decision
/// the minutes cite and the standing members (position, role in the council, account) that
/// every session of the council starts from.
struct CouncilPages {
    let services: AppServices

    /// Blank rows the form adds after the members, for new ones.
    static let blankRows = 4
    /// The most rows one form may carry (the roster's own limit).
    static let mostRows = 500

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/councils") { request, context in
            let desk = services.councils(context)
            let councils = try await desk.councils()
            // One council (the usual secretary): straight to it.
            if councils.count == 1, let only = councils.first { return Response.redirect(to: "/councils/\(only.unitCode)", type: .normal) }
            let values: [String: Any] = [
                "title": "Hội đồng Thi đua – Khen thưởng",
                "councils": councils.map { ["code": $0.unitCode, "name": $0.unitName, "memberCount": $0.members.count] as [String: Any] },
                "hasCouncils": !councils.isEmpty,
            ]
            return try services.page("councils", values, context: context.app).response(from: request, context: context.app)
        }
        routes.get("/councils/:code") { request, context in
            let desk = services.councils(context)
            let council = try await desk.council(unitCode: try context.parameters.require("code"))
            let saved = request.uri.queryParameters.get("da") == "luu"
            return try page(council, desk: desk, typed: nil, message: saved ? "Đã lưu danh sách Hội đồng." : nil, error: nil, context: context.app)
                .response(from: request, context: context.app)
        }
        routes.post("/councils/:code") { request, context -> Response in
            let desk = services.councils(context)
            let council = try await desk.council(unitCode: try context.parameters.require("code"))
            let form = try await FormReader.read([String: String].self, request: request, context: context.app)
            let rows = min(Int(form["rows"] ?? "") ?? 0, Self.mostRows)
            var members: [CouncilStore.NewMember] = []
            var typed: [Row] = []
            var errors: [String] = []
            for index in 0..<rows {
                let row = Row(
                    name: form["name-\(index)"] ?? "",
                    position: form["position-\(index)"] ?? "",
                    role: form["role-\(index)"] ?? CouncilRole.member.rawValue,
                    username: form["username-\(index)"] ?? ""
                )
                typed.append(row)
                guard !row.name.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                guard let role = CouncilRole(words: row.role) else {
                    errors.append(
                        "Dòng \(index + 1): vai trò “\(row.role)” không có (Chủ tịch Hội đồng, Phó Chủ tịch Hội đồng, Ủy viên thư ký, Ủy viên)."
                    )
                    continue
                }
                members.append(.init(fullName: row.name, position: row.position, role: role, username: row.username))
            }
            func refused(_ message: String) throws -> Response {
                var page = try page(
                    council,
                    desk: desk,
                    typed: (form["foundingDecision"] ?? "", typed),
                    message: nil,
                    error: message,
                    context: context.app
                )
                page.status = .unprocessableContent
                return try page.response(from: request, context: context.app)
            }
            guard errors.isEmpty else { return try refused(errors.joined(separator: " ")) }
            do {
                let saved = try await desk.saveCouncil(council, foundingDecision: form["foundingDecision"] ?? "", members: members)
                return .redirect(to: "/councils/\(saved.unitCode)?da=luu", type: .normal)
            } catch let error as CouncilError {
                return try refused(error.description)
            }
        }
        return routes
    }

    /// A roster row as typed (kept whole when the form is refused).
    struct Row {
        var name: String
        var position: String
        var role: String
        var username: String
    }

    private func page(
        _ council: Council,
        desk: CouncilDesk,
        typed: (founding: String, rows: [Row])?,
        message: String?,
        error: String?,
        context: AppRequestContext
    ) throws -> HTMLPage {
        var rows =
            typed?.rows
            ?? council.members.map { Row(name: $0.fullName, position: $0.position, role: $0.role.rawValue, username: $0.username ?? "") }
        let editable = desk.mayKeep(council)
        if editable { rows += Array(repeating: Row(name: "", position: "", role: CouncilRole.member.rawValue, username: ""), count: Self.blankRows) }
        var values: [String: Any] = [
            "title": "Hội đồng Thi đua – Khen thưởng \(council.unitName)",
            "unitName": council.unitName, "code": council.unitCode, "editable": editable,
            "foundingDecision": typed?.founding ?? council.foundingDecision, "rowCount": rows.count,
            "rows": rows.enumerated().map { index, row -> [String: Any] in
                [
                    "index": index, "number": index + 1, "name": row.name, "position": row.position, "username": row.username,
                    "roles": CouncilRole.allCases.map { role in
                        [
                            "value": role.rawValue, "label": services.localized(role.vietnamese, context),
                            "selected": CouncilRole(words: row.role) == role,
                        ] as [String: Any]
                    },
                ]
            },
            "members": council.members.map {
                [
                    "number": $0.number, "name": $0.fullName, "position": $0.position, "role": services.localized($0.role.vietnamese, context),
                    "username": $0.username ?? "",
                ] as [String: Any]
            },
        ]
        if let message { values["message"] = services.localized(message, context) }
        if let error { values["error"] = error }
        return services.page("council", values, context: context)
    }
}
