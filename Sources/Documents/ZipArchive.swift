/// A ZIP archive of stored (uncompressed) entries: what DOCX and XLSX files are. Written in one
/// pass into a byte array; the CRC-32 of each entry is computed as it is added.
public struct ZipArchive {
    /// What the format (without its 64-bit extension) holds: callers with data from outside
    /// stop before these, since a conversion past them would stop the process.
    public static let mostEntries = 65_535
    public static let mostBytes = Int(UInt32.max)

    private var bytes: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    public init() {}

    public mutating func add(_ path: String, _ content: [UInt8]) {
        let name = Array(path.utf8)
        let crc = CRC32.checksum(content)
        let offset = UInt32(bytes.count)
        // Local file header: version 2.0, UTF-8 names (bit 11), stored, DOS date 1 Jan 2024.
        bytes.append(le32: 0x0403_4b50)
        bytes.append(le16: 20)
        bytes.append(le16: 0x0800)
        bytes.append(le16: 0)
        bytes.append(le16: 0)
        bytes.append(le16: 0x5821)
        bytes.append(le32: crc)
        bytes.append(le32: UInt32(content.count))
        bytes.append(le32: UInt32(content.count))
        bytes.append(le16: UInt16(name.count))
        bytes.append(le16: 0)
        bytes.append(contentsOf: name)
        bytes.append(contentsOf: content)

        central.append(le32: 0x0201_4b50)
        central.append(le16: 20)
        central.append(le16: 20)
        central.append(le16: 0x0800)
        central.append(le16: 0)
        central.append(le16: 0)
        central.append(le16: 0x5821)
        central.append(le32: crc)
        central.append(le32: UInt32(content.count))
        central.append(le32: UInt32(content.count))
        central.append(le16: UInt16(name.count))
        central.append(le16: 0)
        central.append(le16: 0)
        central.append(le16: 0)
        central.append(le16: 0)
        central.append(le32: 0)
        central.append(le32: offset)
        central.append(contentsOf: name)
        count += 1
    }

    public mutating func add(_ path: String, _ text: String) { add(path, Array(text.utf8)) }

    /// The archive's bytes: entries, central directory, end record.
    public func finish() -> [UInt8] {
        var out = bytes
        out.append(contentsOf: central)
        out.append(le32: 0x0605_4b50)
        out.append(le16: 0)
        out.append(le16: 0)
        out.append(le16: UInt16(count))
        out.append(le16: UInt16(count))
        out.append(le32: UInt32(central.count))
        out.append(le32: UInt32(bytes.count))
        out.append(le16: 0)
        return out
    }
}

enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension Array where Element == UInt8 {
    mutating func append(le16 value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    mutating func append(le32 value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}
