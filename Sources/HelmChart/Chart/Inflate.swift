/// gzip and DEFLATE (RFC 1952, RFC 1951) decoding for chart archives.
enum Inflate {
    struct Failure: Error { let message: String }

    /// The members of a gzip file, decompressed and joined.
    static func gunzip(_ data: [UInt8]) throws -> [UInt8] {
        guard data.count >= 18, data[0] == 0x1f, data[1] == 0x8b else { throw Failure(message: "gzip: invalid header") }
        guard data[2] == 8 else { throw Failure(message: "gzip: invalid header") }
        let flags = data[3]
        var pos = 10
        if flags & 4 != 0 {
            guard pos + 2 <= data.count else { throw Failure(message: "unexpected EOF") }
            pos += 2 + Int(data[pos]) | Int(data[pos + 1]) << 8
        }
        if flags & 8 != 0 { while pos < data.count && data[pos] != 0 { pos += 1 }; pos += 1 }
        if flags & 16 != 0 { while pos < data.count && data[pos] != 0 { pos += 1 }; pos += 1 }
        if flags & 2 != 0 { pos += 2 }
        guard pos < data.count else { throw Failure(message: "unexpected EOF") }
        var reader = BitReader(data: data, pos: pos)
        return try inflate(&reader)
    }

    struct BitReader {
        let data: [UInt8]
        var pos: Int
        var bitBuf: UInt32 = 0
        var bitCount = 0

        mutating func bits(_ n: Int) throws -> Int {
            while bitCount < n {
                guard pos < data.count else { throw Failure(message: "unexpected EOF") }
                bitBuf |= UInt32(data[pos]) << UInt32(bitCount)
                pos += 1
                bitCount += 8
            }
            let v = Int(bitBuf & ((1 << UInt32(n)) - 1))
            bitBuf >>= UInt32(n)
            bitCount -= n
            return v
        }

        mutating func alignToByte() { bitBuf = 0; bitCount = 0 }
    }

    /// Canonical Huffman code: symbol counts per length and symbols in code order.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        init(lengths: [Int]) throws {
            for l in lengths { counts[l] += 1 }
            counts[0] = 0
            var offs = [Int](repeating: 0, count: 16)
            for i in 1..<16 { offs[i] = offs[i - 1] + counts[i - 1] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (s, l) in lengths.enumerated() where l != 0 { symbols[offs[l]] = s; offs[l] += 1 }
        }

        func decode(_ r: inout BitReader) throws -> Int {
            var code = 0, first = 0, index = 0
            for len in 1..<16 {
                code |= try r.bits(1)
                let count = counts[len]
                if code - count < first { return symbols[index + (code - first)] }
                index += count
                first += count
                first <<= 1
                code <<= 1
            }
            throw Failure(message: "flate: corrupt input")
        }
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                           4097, 6145, 8193, 12289, 16385, 24577]
    static let distExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    static func inflate(_ r: inout BitReader) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(r.data.count * 4)
        var last = false
        while !last {
            last = try r.bits(1) == 1
            switch try r.bits(2) {
            case 0:
                r.alignToByte()
                guard r.pos + 4 <= r.data.count else { throw Failure(message: "unexpected EOF") }
                let len = Int(r.data[r.pos]) | Int(r.data[r.pos + 1]) << 8
                r.pos += 4
                guard r.pos + len <= r.data.count else { throw Failure(message: "unexpected EOF") }
                out += r.data[r.pos..<(r.pos + len)]
                r.pos += len
            case 1:
                var lit = [Int](repeating: 8, count: 288)
                for i in 144..<256 { lit[i] = 9 }
                for i in 256..<280 { lit[i] = 7 }
                try codes(&r, &out, try Huffman(lengths: lit), try Huffman(lengths: [Int](repeating: 5, count: 30)))
            case 2:
                let nlen = try r.bits(5) + 257, ndist = try r.bits(5) + 1, ncode = try r.bits(4) + 4
                var cl = [Int](repeating: 0, count: 19)
                for i in 0..<ncode { cl[codeLengthOrder[i]] = try r.bits(3) }
                let clh = try Huffman(lengths: cl)
                var lengths: [Int] = []
                while lengths.count < nlen + ndist {
                    let sym = try clh.decode(&r)
                    switch sym {
                    case 0..<16: lengths.append(sym)
                    case 16:
                        guard let prev = lengths.last else { throw Failure(message: "flate: corrupt input") }
                        lengths += [Int](repeating: prev, count: 3 + (try r.bits(2)))
                    case 17: lengths += [Int](repeating: 0, count: 3 + (try r.bits(3)))
                    default: lengths += [Int](repeating: 0, count: 11 + (try r.bits(7)))
                    }
                }
                guard lengths.count == nlen + ndist else { throw Failure(message: "flate: corrupt input") }
                try codes(&r, &out, try Huffman(lengths: Array(lengths[0..<nlen])), try Huffman(lengths: Array(lengths[nlen...])))
            default:
                throw Failure(message: "flate: corrupt input")
            }
            if out.count > 1 << 30 { throw Failure(message: "chart archive is larger than the maximum size") }
        }
        return out
    }

    static func codes(_ r: inout BitReader, _ out: inout [UInt8], _ lit: Huffman, _ dist: Huffman) throws {
        while true {
            let sym = try lit.decode(&r)
            if sym < 256 { out.append(UInt8(sym)); continue }
            if sym == 256 { return }
            let li = sym - 257
            guard li < lengthBase.count else { throw Failure(message: "flate: corrupt input") }
            let len = lengthBase[li] + (try r.bits(lengthExtra[li]))
            let di = try dist.decode(&r)
            guard di < distBase.count else { throw Failure(message: "flate: corrupt input") }
            let d = distBase[di] + (try r.bits(distExtra[di]))
            guard d <= out.count else { throw Failure(message: "flate: corrupt input") }
            let start = out.count - d
            for k in 0..<len { out.append(out[start + k]) }
        }
    }
}
