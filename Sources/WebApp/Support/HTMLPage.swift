import Hummingbird

/// A rendered page. Pages are never cached by shared caches: they hold personal data.
struct HTMLPage: ResponseGenerator {
    var status: HTTPResponse.Status = .ok
    let html: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }
}

extension AppServices {
    /// Renders `template` inside the common page frame in the reader's language, with the signed-in
    /// account, the CSRF token and the demo banner available to every template. The title and the
    /// messages the routes compose are translated here, once for every page.
    func page(_ template: String, _ values: [String: Any], context: AppRequestContext, status: HTTPResponse.Status = .ok) -> HTMLPage {
        // An optional that reached the values would be truthy to mustache and print as "nil" or
        // "Optional(…)": every one is unwrapped here, and an absent one leaves its key out.
        var data = Self.unwrapped(values)
        data["csrf"] = context.csrfToken
        data["lang"] = context.language.code
        data["english"] = context.language == .english
        for key in ["title", "message", "error"] {
            if let text = data[key] as? String { data[key] = localized(text, context) }
        }
        if let errors = data["errors"] as? [String: String] { data["errors"] = errors.mapValues { localized($0, context) } }
        if let account = context.account {
            data["account"] =
                [
                    "fullName": account.fullName,
                    "username": account.username,
                    "isSystemAdmin": account.isSystemAdmin,
                    "href": account.citizen == nil ? "/account" : "/cong-dan",
                ] as [String: Any]
            if account.isDemo { data["demo"] = true }
        }
        guard let html = render(template, data, language: context.language) else {
            logger.error("missing template", metadata: ["template": "\(template)"])
            return HTMLPage(status: .internalServerError, html: "Lỗi hệ thống: thiếu mẫu trang \(template).")
        }
        return HTMLPage(status: status, html: html)
    }

    /// `values` with every optional unwrapped (nested in dictionaries and arrays too) and every
    /// `nil` removed.
    static func unwrapped(_ values: [String: Any]) -> [String: Any] {
        var result: [String: Any] = [:]
        for (key, value) in values {
            if let value = unwrapped(value) { result[key] = value }
        }
        return result
    }

    static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return nil }
            return unwrapped(wrapped)
        }
        switch value {
        case let dictionary as [String: Any]: return unwrapped(dictionary)
        case let array as [[String: Any]]: return array.map { unwrapped($0) }
        case let array as [Any]: return array.compactMap { unwrapped($0) }
        default: return value
        }
    }
}

extension AppServices {
    /// Renders a template with its values prepared for Mustache: empty texts are left out, since
    /// Mustache counts "" as true — `{{#place}}, {{place}}{{/place}}` would print a stray comma for
    /// a session without a place, `{{^dueOn}}—{{/dueOn}}` nothing for a step without a deadline.
    func render(_ template: String, _ values: [String: Any], language: Language = .vietnamese) -> String? {
        templates.render(Self.withoutEmptyText(values), template: template, language: language)
    }

    /// A Vietnamese interface text in the reader's language.
    func localized(_ text: String, _ context: AppRequestContext) -> String {
        templates.catalogs[context.language]?.translate(text) ?? text
    }

    static func withoutEmptyText(_ value: Any) -> Any {
        if let dictionary = value as? [String: Any] {
            return dictionary.compactMapValues { value -> Any? in
                if let text = value as? String, text.isEmpty { return nil }
                return withoutEmptyText(value)
            }
        }
        if let array = value as? [Any] { return array.map(withoutEmptyText) }
        return value
    }
}
