import Documents
import Foundation
import Hummingbird
import Storage
import Tabular

/// Tra cứu: find a person, household or collective by name (without diacritics) or identifier,
/// then their whole record — recognitions, awards, revocations, corrections and dossiers under
/// review — with a link to each decision; exported to Excel. Scoped to the reader's units.
struct LookupPages {
    let services: AppServices

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/lookup") { request, signedIn in
            let context = signedIn.app
            let text = request.uri.queryParameters.get("q")?.replacingOccurrences(of: "+", with: " ") ?? ""
            var values: [String: Any] = ["title": services.localized("Tra cứu thành tích, khen thưởng", context), "q": text]
            if !text.trimmingCharacters(in: .whitespaces).isEmpty {
                do {
                    let matches = try await lookup(context).find(text, scopes: Self.scopes(signedIn.account))
                    values["searched"] = true
                    values["matches"] = matches.map { match -> [String: Any] in
                        [
                            "name": match.name, "key": match.key, "kind": services.localized(NomineeKind.title(match.kind), context),
                            "unit": match.unitName, "recognitions": match.recognitions, "awards": match.awards,
                            "href": Self.recordLink(province: match.provinceCode, key: match.key),
                        ]
                    }
                    values["hasMatches"] = !matches.isEmpty
                    values["count"] = matches.count
                    values["more"] = matches.count == RecordLookup.matchLimit
                } catch let refused as RecordLookup.LookupError {
                    values["error"] = services.localized(refused.description, context)
                }
            }
            return try services.page("lookup", values, context: context).response(from: request, context: context)
        }
        routes.get("/lookup/record") { request, signedIn -> Response in
            let context = signedIn.app
            let query = request.uri.queryParameters
            guard let province = query.get("province"), let key = query.get("key"), !key.isEmpty, key.count <= 100 else {
                throw HTTPError(.badRequest, message: "Thiếu mã tỉnh hoặc mã định danh cần tra cứu.")
            }
            guard let record = try await lookup(context).record(provinceCode: province, key: key, scopes: Self.scopes(signedIn.account)) else {
                throw HTTPError(.notFound, message: "Không có hồ sơ nào của mã \(key) trong phạm vi của bạn.")
            }
            if query.get("format") == "xlsx" {
                return .workbook(Self.workbook(record), fileName: "tra-cuu-\(Self.asciiName(key)).xlsx")
            }
            if query.get("format") == "pdf" {
                do {
                    let pdf = try await DecisionExport.pdf(fromDocx: Self.document(record))
                    return .download(pdf, contentType: FileKind.pdf.rawValue, fileName: "tra-cuu-\(Self.asciiName(key)).pdf")
                } catch let problem as DecisionExport.ExportError {
                    throw HTTPError(.serviceUnavailable, message: problem.description)
                }
            }
            return try services.page(
                "lookup-record",
                [
                    "title": record.name, "name": record.name, "key": record.key, "province": record.provinceCode,
                    "kind": services.localized(NomineeKind.title(record.kind), context),
                    "entries": record.entries.map { entry -> [String: Any] in
                        [
                            "kindTitle": services.localized(Self.entryTitle(entry.kind), context), "kind": entry.kind,
                            "title": entry.title, "year": entry.year, "date": entry.date, "decision": entry.decision,
                            "issuer": entry.issuer, "basis": entry.basis, "achievement": entry.achievement,
                            "unit": entry.unitName, "link": entry.link,
                        ]
                    },
                    "hasEntries": !record.entries.isEmpty,
                    "exportLink": Self.recordLink(province: record.provinceCode, key: record.key) + "&format=xlsx",
                    "pdfLink": Self.recordLink(province: record.provinceCode, key: record.key) + "&format=pdf",
                ],
                context: context
            ).response(from: request, context: context)
        }
        return routes
    }

    private func lookup(_ context: AppRequestContext) -> RecordLookup {
        RecordLookup(client: services.reader, workflows: services.workflows, logger: context.logger)
    }

    static func scopes(_ account: Account) -> [Int]? { account.isSystemAdmin ? nil : account.scopeUnitIDs }

    static func recordLink(province: String, key: String) -> String {
        "/lookup/record?province=\(province)&key=" + (key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key)
    }

    static func entryTitle(_ kind: String) -> String {
        switch kind {
        case "recognition": "Công nhận danh hiệu"
        case "award": "Khen thưởng"
        case "revocation": "Thu hồi khen thưởng"
        case "correction": "Đính chính"
        default: "Hồ sơ đang xét"
        }
    }

    /// A file name from an identifier: ASCII letters, digits and "-".
    static func asciiName(_ key: String) -> String {
        String(key.folded.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    }

    /// The record as a printable document (Word, made PDF by LibreOffice).
    static func document(_ record: RecordLookup.Record) -> [UInt8] {
        TableDocx.write(
            title: "Quá trình thành tích, khen thưởng",
            subtitle: "\(record.name) — mã định danh \(record.key)",
            headers: ["STT", "Loại", "Danh hiệu, hình thức", "Năm", "Quyết định", "Cơ quan", "Thành tích"],
            widthsMM: [12, 30, 62, 14, 48, 50, 51],
            rows: record.entries.enumerated().map { index, entry in
                [String(index + 1), entryTitle(entry.kind), entry.title, String(entry.year), entry.decision, entry.issuer, entry.achievement]
            }
        )
    }

    static func workbook(_ record: RecordLookup.Record) -> [UInt8] {
        XlsxWriter.table(
            headers: ["STT", "Loại", "Danh hiệu, hình thức", "Năm", "Quyết định", "Cơ quan", "Ghi chú", "Thành tích", "Đơn vị"],
            rows: record.entries.enumerated().map { index, entry in
                [
                    .number(index + 1), .text(entryTitle(entry.kind)), .text(entry.title), .number(entry.year), .text(entry.decision),
                    .text(entry.issuer), .text(entry.basis), .text(entry.achievement), .text(entry.unitName),
                ]
            },
            widths: [6, 18, 48, 8, 30, 36, 24, 48, 28],
            sheetName: String(record.name.prefix(31))
        )
    }
}
