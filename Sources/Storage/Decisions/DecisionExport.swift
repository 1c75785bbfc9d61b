import Documents
import Foundation

/// The files a decision is exported to. DOCX, XLSX and CSV are written here; PDF is the DOCX
/// converted by LibreOffice (installed on the server: `soffice`), so the PDF and the Word file
/// always show the same document.
public enum DecisionExport: String, CaseIterable, Sendable {
    case docx, xlsx, csv, pdf

    public var contentType: String {
        switch self {
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv: "text/csv; charset=utf-8"
        case .pdf: "application/pdf"
        }
    }

    /// "quyet-dinh-12-QD-UBND-2025.docx", or "du-thao-quyet-dinh-7.docx" for a draft.
    public func fileName(for decision: Decision) -> String {
        let stem: String
        if let number = decision.number, let year = decision.year {
            stem = "quyet-dinh-\(number)-\(decision.symbol.replacingOccurrences(of: "Đ", with: "D"))-\(year)"
        } else {
            stem = "du-thao-quyet-dinh-\(decision.id)"
        }
        return "\(stem).\(rawValue)"
    }

    public enum ExportError: Error, CustomStringConvertible {
        case converterMissing
        case conversionFailed(String)
        case conversionTimedOut(Duration)

        public var description: String {
            switch self {
            case .converterMissing: "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF (cài: apt-get install libreoffice-writer-nogui)."
            case .conversionFailed(let output): "LibreOffice không chuyển được tệp sang PDF: \(output)"
            case .conversionTimedOut(let limit):
                "LibreOffice chưa chuyển xong tệp sang PDF sau \(limit.components.seconds) giây nên đã bị dừng; hãy thử lại sau ít phút."
            }
        }
    }

    public func bytes(of decision: Decision) async throws -> [UInt8] {
        switch self {
        case .docx: DocxWriter.write(decision.document)
        case .xlsx: XlsxWriter.write(decision.document)
        case .csv: CSVWriter.write(decision.document)
        case .pdf: try await Self.pdf(fromDocx: DocxWriter.write(decision.document))
        }
    }

    /// A conversion takes 4–6 s; one still running after this is stuck and is stopped.
    static let conversionDeadline: Duration = .seconds(90)

    public static func pdf(fromDocx docx: [UInt8]) async throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("quyet-dinh.docx")
        try Data(docx).write(to: source)
        guard
            let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/opt/libreoffice/program/soffice"].first(
                where: FileManager.default.isExecutableFile
            )
        else { throw ExportError.converterMissing }
        var environment = ProcessInfo.processInfo.environment
        // A private profile per conversion: conversions may run side by side.
        environment["HOME"] = folder.path
        let outcome = try await ChildProcess.run(
            URL(fileURLWithPath: soffice),
            arguments: ["--headless", "--norestore", "--convert-to", "pdf", "--outdir", folder.path, source.path],
            environment: environment,
            deadline: conversionDeadline
        )
        if outcome.timedOut { throw ExportError.conversionTimedOut(conversionDeadline) }
        let pdf = folder.appendingPathComponent("quyet-dinh.pdf")
        guard outcome.status == 0, let data = FileManager.default.contents(atPath: pdf.path) else {
            throw ExportError.conversionFailed(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return Array(data)
    }
}
