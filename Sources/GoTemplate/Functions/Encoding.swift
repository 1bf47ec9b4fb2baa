import Foundation
import Crypto

/// Sprig's encodings, hashes and random strings.
enum EncodingFunctions {
    typealias V = GoTemplate.Value

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        // A digit table: String(format:) per byte went through Foundation's formatter.
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func b64decode(_ s: String) -> String {
        let valid = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
        for (i, u) in s.unicodeScalars.enumerated() where !valid.contains(u) {
            return "illegal base64 data at input byte \(i)"
        }
        guard let d = Data(base64Encoded: s) else {
            return "illegal base64 data at input byte \(max(0, (s.utf8.count / 4) * 4))"
        }
        return GoBytes.string(Array(d))
    }

    static func randomString(_ n: Int, from chars: [Character]) -> String {
        String((0..<max(0, n)).map { _ in chars.randomElement() ?? "a" })
    }

    static func register(_ f: inout [String: Function]) {
        f.add("b64enc", [.string]) { _, a in .string(Data(GoBytes.bytes(Conv.strval(a[0]))).base64EncodedString()) }
        f.add("b64dec", [.string]) { _, a in .string(b64decode(Conv.strval(a[0]))) }
        f.add("b32enc", [.string]) { _, a in .string(Base32.encode(Array(Conv.strval(a[0]).utf8))) }
        f.add("b32dec", [.string]) { _, a in
            guard let b = Base32.decode(Conv.strval(a[0])) else { return .string("illegal base32 data at input byte 0") }
            return .string(String(decoding: b, as: UTF8.self))
        }
        f.add("sha1sum", [.string]) { _, a in .string(hex(Insecure.SHA1.hash(data: GoBytes.bytes(Conv.strval(a[0]))))) }
        f.add("sha256sum", [.string]) { _, a in .string(hex(SHA256.hash(data: GoBytes.bytes(Conv.strval(a[0]))))) }
        f.add("sha512sum", [.string]) { _, a in .string(hex(SHA512.hash(data: GoBytes.bytes(Conv.strval(a[0]))))) }
        f.add("md5sum", [.string]) { _, a in .string(hex(Insecure.MD5.hash(data: GoBytes.bytes(Conv.strval(a[0]))))) }
        f.add("adler32sum", [.string]) { _, a in
            var s1: UInt32 = 1, s2: UInt32 = 0
            for b in GoBytes.bytes(Conv.strval(a[0])) { s1 = (s1 + UInt32(b)) % 65521; s2 = (s2 + s1) % 65521 }
            return .string(String((s2 << 16) | s1))
        }
        let alpha = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        let digits = Array("0123456789")
        f.add("randAlphaNum", [.int]) { ctx, a in
            try Limited.string(ctx, count: Conv.toInt(a[0]), times: 1)
            return .string(randomString(Conv.toInt(a[0]), from: alpha + digits))
        }
        f.add("randAlpha", [.int]) { ctx, a in
            try Limited.string(ctx, count: Conv.toInt(a[0]), times: 1)
            return .string(randomString(Conv.toInt(a[0]), from: alpha))
        }
        f.add("randNumeric", [.int]) { ctx, a in
            try Limited.string(ctx, count: Conv.toInt(a[0]), times: 1)
            return .string(randomString(Conv.toInt(a[0]), from: digits))
        }
        f.add("randAscii", [.int]) { ctx, a in
            try Limited.string(ctx, count: Conv.toInt(a[0]), times: 1)
            return .string(randomString(Conv.toInt(a[0]), from: (32...126).map { Character(UnicodeScalar(UInt8($0))) }))
        }
        f.add("randBytes", [.int]) { ctx, a in
            try Limited.string(ctx, count: Conv.toInt(a[0]), times: 2)
            return .string(Data((0..<max(0, Conv.toInt(a[0]))).map { _ in UInt8.random(in: 0...255) }).base64EncodedString())
        }
        f.add("uuidv4", []) { _, _ in .string(UUID().uuidString.lowercased()) }
    }
}

/// RFC 4648 base32 with padding, as Go's StdEncoding.
enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    static func encode(_ data: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < data.count {
            let chunk = Array(data[i..<min(i + 5, data.count)]) + Array(repeating: 0, count: max(0, 5 - (data.count - i)))
            let n = min(5, data.count - i)
            var bits: UInt64 = 0
            for b in chunk { bits = (bits << 8) | UInt64(b) }
            let chars = [0, 2, 4, 5, 7][n - 1] + 1 + (n == 5 ? 0 : 0)
            let count = [2, 4, 5, 7, 8][n - 1]
            _ = chars
            for k in 0..<8 {
                if k < count { out.append(alphabet[Int((bits >> UInt64(35 - 5 * k)) & 31)]) } else { out.append(UInt8(ascii: "=")) }
            }
            i += 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ s: String) -> [UInt8]? {
        var bits: UInt64 = 0, nbits = 0
        var out: [UInt8] = []
        for c in s.utf8 where c != UInt8(ascii: "=") {
            guard let v = alphabet.firstIndex(of: c) else { return nil }
            bits = (bits << 5) | UInt64(v)
            nbits += 5
            if nbits >= 8 { nbits -= 8; out.append(UInt8((bits >> UInt64(nbits)) & 0xFF)) }
        }
        return out
    }
}
