/// DEFLATE decompression (RFC 1951): what the parts of an XLSX file are stored with. Written here
/// rather than linked from zlib so the build needs no system library.
public enum Inflate {
    /// A stream that is not valid DEFLATE, or (`exceededLimit`) one that unpacks to more than allowed.
    public struct Corrupt: Error, Equatable {
        public var exceededLimit = false
        public init(exceededLimit: Bool = false) { self.exceededLimit = exceededLimit }
    }

    private struct BitReader {
        let bytes: [UInt8]
        var position = 0
        var bitBuffer: UInt32 = 0
        var bitCount = 0

        mutating func bits(_ count: Int) throws(Corrupt) -> Int {
            while bitCount < count {
                guard position < bytes.count else { throw Corrupt() }
                bitBuffer |= UInt32(bytes[position]) << UInt32(bitCount)
                position += 1
                bitCount += 8
            }
            let value = Int(bitBuffer & ((1 << UInt32(count)) - 1))
            bitBuffer >>= UInt32(count)
            bitCount -= count
            return value
        }

        mutating func alignToByte() {
            bitBuffer = 0
            bitCount = 0
        }
    }

    /// A canonical Huffman code: counts of codes per length and the symbols in code order.
    private struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int]

        init(lengths: [Int]) throws(Corrupt) {
            for length in lengths { counts[length] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<16 { offsets[length] = offsets[length - 1] + counts[length - 1] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }

        func decode(_ reader: inout BitReader) throws(Corrupt) -> Int {
            var code = 0
            var first = 0
            var index = 0
            for length in 1..<16 {
                code |= try reader.bits(1)
                let count = counts[length]
                if code - count < first { return symbols[index + (code - first)] }
                index += count
                first = (first + count) << 1
                code <<= 1
            }
            throw Corrupt()
        }
    }

    private static let lengthBase = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// The decompressed bytes of a raw DEFLATE stream; `limit` guards against decompression bombs.
    public static func decompress(_ data: [UInt8], limit: Int = 256 << 20) throws(Corrupt) -> [UInt8] {
        var reader = BitReader(bytes: data)
        var out: [UInt8] = []
        // Reserved once: growing by doubling would copy, holding old and new buffers at once.
        out.reserveCapacity(limit <= 64 << 20 ? limit : data.count * 4)
        var last = false
        while !last {
            last = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0:
                reader.alignToByte()
                guard reader.position + 4 <= data.count else { throw Corrupt() }
                let length = Int(data[reader.position]) | Int(data[reader.position + 1]) << 8
                let complement = Int(data[reader.position + 2]) | Int(data[reader.position + 3]) << 8
                guard length == ~complement & 0xFFFF, reader.position + 4 + length <= data.count else { throw Corrupt() }
                guard out.count + length <= limit else { throw Corrupt(exceededLimit: true) }
                out.append(contentsOf: data[(reader.position + 4)..<(reader.position + 4 + length)])
                reader.position += 4 + length
            case 1:
                var lengths = [Int](repeating: 8, count: 288)
                for i in 144..<256 { lengths[i] = 9 }
                for i in 256..<280 { lengths[i] = 7 }
                try block(
                    &reader,
                    &out,
                    literals: try Huffman(lengths: lengths),
                    distances: try Huffman(lengths: [Int](repeating: 5, count: 30)),
                    limit: limit
                )
            case 2:
                let literalCount = try reader.bits(5) + 257
                let distanceCount = try reader.bits(5) + 1
                let codeLengthCount = try reader.bits(4) + 4
                var codeLengths = [Int](repeating: 0, count: 19)
                for i in 0..<codeLengthCount { codeLengths[codeLengthOrder[i]] = try reader.bits(3) }
                let codeLengthCode = try Huffman(lengths: codeLengths)
                var lengths: [Int] = []
                while lengths.count < literalCount + distanceCount {
                    let symbol = try codeLengthCode.decode(&reader)
                    switch symbol {
                    case 0..<16: lengths.append(symbol)
                    case 16:
                        guard let previous = lengths.last else { throw Corrupt() }
                        lengths += [Int](repeating: previous, count: 3 + (try reader.bits(2)))
                    case 17: lengths += [Int](repeating: 0, count: 3 + (try reader.bits(3)))
                    default: lengths += [Int](repeating: 0, count: 11 + (try reader.bits(7)))
                    }
                }
                guard lengths.count == literalCount + distanceCount else { throw Corrupt() }
                try block(
                    &reader,
                    &out,
                    literals: try Huffman(lengths: Array(lengths[0..<literalCount])),
                    distances: try Huffman(lengths: Array(lengths[literalCount...])),
                    limit: limit
                )
            default:
                throw Corrupt()
            }
        }
        return out
    }

    private static func block(_ reader: inout BitReader, _ out: inout [UInt8], literals: Huffman, distances: Huffman, limit: Int) throws(Corrupt) {
        while true {
            let symbol = try literals.decode(&reader)
            if symbol < 256 {
                guard out.count < limit else { throw Corrupt(exceededLimit: true) }
                out.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let index = symbol - 257
                guard index < lengthBase.count else { throw Corrupt() }
                let length = lengthBase[index] + (try reader.bits(lengthExtra[index]))
                let distanceSymbol = try distances.decode(&reader)
                guard distanceSymbol < distanceBase.count else { throw Corrupt() }
                let distance = distanceBase[distanceSymbol] + (try reader.bits(distanceExtra[distanceSymbol]))
                guard distance <= out.count else { throw Corrupt() }
                guard out.count + length <= limit else { throw Corrupt(exceededLimit: true) }
                let start = out.count - distance
                for i in 0..<length { out.append(out[start + i]) }
            }
        }
    }
}
