/// The entries of a ZIP archive, read from its central directory with every offset and size
/// checked against the file's length, so that nothing later reads outside the file.
///
/// Why not ZIPFoundation's `Archive` here: it trusts what it reads. Found by XLSXFuzzTests on
/// damaged workbooks — an offset past the end of an in-memory archive traps (a negative length in
/// `MemoryFile.readData`, which stopped the whole server), and a deflated entry whose stream does
/// not end within its packed size makes its inflate loop ask for more input for ever (a server
/// thread at full CPU). The packed bytes are unpacked by ZIPFoundation's inflate over a provider
/// that refuses to go past them (`XLSXReader.content`).
struct ZipDirectory {
    struct Entry {
        let method: Int
        let crc32: UInt32
        /// The packed data: inside the file, before the directory.
        let data: Range<Int>
        let declaredSize: Int
    }

    private(set) var entries: [String: Entry] = [:]

    init(_ bytes: [UInt8], mostEntries: Int) throws(XLSXReader.Problem) {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let count = bytes.count
        guard count >= 22 else { throw .notAWorkbook }
        // The end-of-directory record: the last one within a comment's reach of the end.
        var end = -1
        var at = count - 22
        while at >= max(0, count - 22 - 0xFFFF) {
            if bytes[at] == 0x50, bytes[at + 1] == 0x4B, bytes[at + 2] == 0x05, bytes[at + 3] == 0x06 {
                end = at
                break
            }
            at -= 1
        }
        guard end >= 0 else { throw .notAWorkbook }
        let total = u16(end + 10)
        let directorySize = u32(end + 12)
        let directoryStart = u32(end + 16)
        guard total <= mostEntries else { throw .tooLarge("có hơn \(mostEntries) phần, quá số phần cho phép") }
        // ZIP64 markers: no workbook within the upload limits needs them.
        guard directoryStart != 0xFFFF_FFFF, directorySize != 0xFFFF_FFFF, directoryStart + directorySize <= end else {
            throw .corrupt("mục lục ZIP")
        }
        var position = directoryStart
        for _ in 0..<total {
            guard position + 46 <= end, u32(position) == 0x0201_4B50 else { throw .corrupt("mục lục ZIP") }
            let nameLength = u16(position + 28)
            let recordEnd = position + 46 + nameLength + u16(position + 30) + u16(position + 32)
            guard recordEnd <= end else { throw .corrupt("mục lục ZIP") }
            let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            let packed = u32(position + 20)
            let local = u32(position + 42)
            guard local + 30 <= directoryStart, u32(local) == 0x0403_4B50 else { throw .corrupt(name) }
            let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
            guard dataStart + packed <= directoryStart else { throw .corrupt(name) }
            entries[name] = Entry(
                method: u16(position + 10),
                crc32: UInt32(u32(position + 16)),
                data: dataStart..<(dataStart + packed),
                declaredSize: u32(position + 24)
            )
            position = recordEnd
        }
    }
}
