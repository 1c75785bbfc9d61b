import Foundation

/// What a PDF needs from a TrueType font to set Vietnamese text itself: the glyph of each
/// character (the Unicode `cmap`, format 4), each glyph's advance (`hmtx`), the em square and the
/// ascent. The font file is embedded whole (fonts-liberation2's Liberation Serif: Times New Roman
/// metrics, every Vietnamese letter precomposed).
public struct TrueTypeFont: Sendable {
    public let bytes: [UInt8]
    public let unitsPerEm: Int
    public let ascent: Int
    public let descent: Int
    public let bbox: (Int, Int, Int, Int)
    let advances: [Int]
    // cmap format 4 segments: (end, start, delta, rangeOffset, rangeOffsetPosition).
    let segments: [(end: Int, start: Int, delta: Int, rangeOffset: Int, position: Int)]

    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    public init(bytes: [UInt8]) throws {
        self.bytes = bytes
        func u16(_ at: Int) throws -> Int {
            guard at >= 0, at + 2 <= bytes.count else { throw Unreadable(description: "tệp phông bị cắt cụt") }
            return Int(bytes[at]) << 8 | Int(bytes[at + 1])
        }
        func i16(_ at: Int) throws -> Int { Int(Int16(bitPattern: UInt16(try u16(at)))) }
        func u32(_ at: Int) throws -> Int { try u16(at) << 16 | u16(at + 2) }
        var tables: [String: Int] = [:]
        for index in 0..<(try u16(4)) {
            let record = 12 + 16 * index
            guard record + 16 <= bytes.count else { throw Unreadable(description: "bảng phông bị cắt cụt") }
            tables[String(decoding: bytes[record..<record + 4], as: UTF8.self)] = try u32(record + 8)
        }
        guard let head = tables["head"], let hhea = tables["hhea"], let hmtx = tables["hmtx"], let maxp = tables["maxp"], let cmap = tables["cmap"]
        else { throw Unreadable(description: "thiếu bảng head, hhea, hmtx, maxp hoặc cmap") }
        unitsPerEm = try u16(head + 18)
        bbox = (try i16(head + 36), try i16(head + 38), try i16(head + 40), try i16(head + 42))
        ascent = try i16(hhea + 4)
        descent = try i16(hhea + 6)
        let metrics = try u16(hhea + 34)
        let glyphs = try u16(maxp + 4)
        var advances: [Int] = []
        advances.reserveCapacity(glyphs)
        for glyph in 0..<metrics { advances.append(try u16(hmtx + 4 * glyph)) }
        while advances.count < glyphs { advances.append(advances.last ?? 0) }
        self.advances = advances
        // The Windows Unicode BMP subtable (platform 3, encoding 1), format 4.
        var subtable: Int?
        for index in 0..<(try u16(cmap + 2)) {
            let record = cmap + 4 + 8 * index
            if try u16(record) == 3, try u16(record + 2) == 1 { subtable = cmap + (try u32(record + 4)) }
        }
        guard let subtable, try u16(subtable) == 4 else { throw Unreadable(description: "không có bảng ký tự Unicode (cmap 3,1 dạng 4)") }
        let count = try u16(subtable + 6) / 2
        let ends = subtable + 14
        let starts = ends + 2 * count + 2
        let deltas = starts + 2 * count
        let offsets = deltas + 2 * count
        var segments: [(Int, Int, Int, Int, Int)] = []
        for index in 0..<count {
            segments.append(
                (
                    try u16(ends + 2 * index), try u16(starts + 2 * index), try u16(deltas + 2 * index), try u16(offsets + 2 * index),
                    offsets + 2 * index
                )
            )
        }
        self.segments = segments
    }

    /// The glyph of a character, 0 (the "missing" box) when the font has none.
    public func glyph(_ scalar: Unicode.Scalar) -> Int {
        let code = Int(scalar.value)
        guard code <= 0xFFFF else { return 0 }
        // The first segment ending at or after the code (ends are sorted).
        var low = 0
        var high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].end < code { low = middle + 1 } else { high = middle }
        }
        guard low < segments.count, segments[low].start <= code else { return 0 }
        let segment = segments[low]
        if segment.rangeOffset == 0 { return (code + segment.delta) & 0xFFFF }
        let at = segment.position + segment.rangeOffset + 2 * (code - segment.start)
        guard at + 1 < bytes.count else { return 0 }
        let glyph = Int(bytes[at]) << 8 | Int(bytes[at + 1])
        return glyph == 0 ? 0 : (glyph + segment.delta) & 0xFFFF
    }

    /// The advance of a glyph in thousandths of the font size (PDF's glyph space).
    public func width(_ glyph: Int) -> Int { glyph < advances.count ? advances[glyph] * 1000 / unitsPerEm : 0 }

    /// The width of a text at `size` points.
    public func width(of text: String, size: Double) -> Double {
        Double(text.precomposedScalars.reduce(0) { $0 + width(glyph($1)) }) * size / 1000
    }
}

extension String {
    /// The text's scalars in NFC: Vietnamese letters as the font's precomposed glyphs.
    var precomposedScalars: [Unicode.Scalar] { Array(precomposedStringWithCanonicalMapping.unicodeScalars) }
}
