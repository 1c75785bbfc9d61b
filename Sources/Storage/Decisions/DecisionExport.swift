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

        public var description: String {
            switch self {
            case .converterMissing: "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF (cài: apt-get install libreoffice-writer-nogui)."
            case .conversionFailed(let output): "LibreOffice không chuyển được tệp sang PDF: \(output)"
            }
        }
    }

    public func bytes(of decision: Decision) throws -> [UInt8] {
        switch self {
        case .docx: DocxWriter.write(decision.document)
        case .xlsx: XlsxWriter.write(decision.document)
        case .csv: CSVWriter.write(decision.document)
        case .pdf: try Self.pdf(fromDocx: DocxWriter.write(decision.document))
        }
    }

    static func pdf(fromDocx docx: [UInt8]) throws -> [UInt8] {
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = ["--headless", "--norestore", "--convert-to", "pdf", "--outdir", folder.path, source.path]
        var environment = ProcessInfo.processInfo.environment
        // A private profile per conversion: conversions may run side by side.
        environment["HOME"] = folder.path
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let pdf = folder.appendingPathComponent("quyet-dinh.pdf")
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: pdf.path) else {
            throw ExportError.conversionFailed(output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return Array(data)
    }
}
