import Hummingbird

extension Response {
    /// A file the browser saves under `fileName` (ASCII) rather than shows.
    static func download(_ bytes: [UInt8], contentType: String, fileName: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: contentType, .contentDisposition: "attachment; filename=\"\(fileName)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    /// An Excel workbook to save as `fileName`.
    static func workbook(_ bytes: [UInt8], fileName: String) -> Response {
        download(bytes, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName: fileName)
    }
}
