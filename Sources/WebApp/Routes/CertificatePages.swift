import Documents
import Foundation
import Hummingbird
import Storage

/// The certificates of an issued decision, printed on blank stock: a preview of the first one on
/// the form's drawn outline, and the file for the printer (PDF, or Word to adjust by hand), one
/// page per awardee.
struct CertificatePages {
    let services: AppServices

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/decisions/:province/:id/certificates") { request, signedIn -> Response in
            let context = signedIn.app
            let decision = try await services.decisions(signedIn).load(context)
            let (layout, texts): (CertificateLayout, [CertificateText])
            do {
                (layout, texts) = try await CertificateStore(client: services.client, logger: context.logger).certificates(of: decision)
            } catch let refused as CertificateStore.CertificateError {
                throw HTTPError(.unprocessableContent, message: refused.description)
            }
            let name = "giay-khen-\(decision.provinceCode)-\(decision.number ?? decision.id)-\(decision.year ?? 0)"
            switch request.uri.queryParameters.get("format") ?? "html" {
            case "docx":
                return .download(CertificateDocx.write(layout, certificates: texts), contentType: FileKind.docx.rawValue, fileName: name + ".docx")
            case "pdf":
                return .download(try Self.pdf(layout, texts), contentType: FileKind.pdf.rawValue, fileName: name + ".pdf")
            case "html":
                let first = texts.first ?? [:]
                return try services.page(
                    "certificates",
                    [
                        "title": services.localized("In giấy khen, bằng khen", context), "decision": decision.numberText ?? "",
                        "province": decision.provinceCode, "id": decision.id, "layoutTitle": layout.title, "count": texts.count,
                        "width": layout.widthMM, "height": layout.heightMM,
                        "fields": layout.fields.map { field -> [String: Any] in
                            [
                                "name": field.name, "x": field.xMM, "y": field.yMM, "w": field.widthMM, "size": field.size,
                                "weight": field.bold ? "bold" : "normal", "style": field.italic ? "italic" : "normal", "align": field.align,
                                "text": first[field.name] ?? "",
                            ]
                        },
                    ],
                    context: context
                ).response(from: request, context: context)
            default:
                throw HTTPError(.badRequest, message: "Định dạng chỉ có: html, docx, pdf.")
            }
        }
        return routes
    }

    /// The certificates written straight to PDF in Liberation Serif; without the fonts, 503 naming the package.
    static func pdf(_ layout: CertificateLayout, _ texts: [CertificateText]) throws -> [UInt8] {
        do {
            return CertificatePDF.write(layout, certificates: texts, fonts: try CertificatePDF.Fonts.liberationSerif())
        } catch let missing as TrueTypeFont.Unreadable {
            throw HTTPError(.serviceUnavailable, message: "Không in được giấy khen: \(missing.description).")
        }
    }
}
