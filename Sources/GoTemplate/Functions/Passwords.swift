import Crypto
import _CryptoExtras
import Foundation

/// Sprig's password helpers: bcrypt, htpasswd, derivePassword (Master Password), encryptAES/decryptAES.
enum PasswordFunctions {
    static func register(_ f: inout [String: Function]) {
        f.add("bcrypt", [.string]) { _, a in .string(bcryptString(Conv.strval(a[0]))) }
        f.add("htpasswd", [.string, .string]) { _, a in
            let user = Conv.strval(a[0])
            if user.contains(":") { return .string("invalid username: \(user)") }
            return .string(user + ":" + bcryptString(Conv.strval(a[1])))
        }
        f.add("derivePassword", [.int, .string, .string, .string, .string]) { _, a in
            guard case .int(let counter) = a[0] else { return .string("") }
            return .string(derivePassword(UInt32(truncatingIfNeeded: counter), Conv.strval(a[1]), Conv.strval(a[2]),
                                          Conv.strval(a[3]), Conv.strval(a[4])))
        }
        f.add("encryptAES", [.string, .string]) { _, a in .string(try encryptAES(Conv.strval(a[0]), Conv.strval(a[1]))) }
        f.add("decryptAES", [.string, .string]) { _, a in .string(try decryptAES(Conv.strval(a[0]), Conv.strval(a[1]))) }
    }

    static func bcryptString(_ password: String) -> String {
        let pw = Array(password.utf8)
        if pw.count > 72 { return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes" }
        var salt = [UInt8](repeating: 0, count: 16)
        for i in salt.indices { salt[i] = UInt8.random(in: 0...255) }
        return BCrypt.hash(pw, salt: salt, cost: 10)
    }

    // MARK: derivePassword

    static let seed = "com.lyndir.masterpassword"
    static let templates: [String: [String]] = [
        "maximum": ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        "long": ["CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
                 "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
                 "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
                 "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
                 "CvccCvcvCvccno"],
        "medium": ["CvcnoCvc", "CvcCvcno"],
        "short": ["Cvcn"],
        "basic": ["aaanaaan", "aannaaan", "aaannaaa"],
        "pin": ["nnnn"],
    ]
    static let classes: [Character: String] = [
        "V": "AEIOU", "C": "BCDFGHJKLMNPQRSTVWXYZ", "v": "aeiou", "c": "bcdfghjklmnpqrstvwxyz",
        "A": "AEIOUBCDFGHJKLMNPQRSTVWXYZ", "a": "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
        "n": "0123456789", "o": "@&%?,=[]_:-+*$#!'^~;()/.",
        "x": "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
    ]

    static func bigEndian(_ n: UInt32) -> [UInt8] { [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] }

    static func derivePassword(_ counter: UInt32, _ type: String, _ password: String, _ user: String, _ site: String) -> String {
        guard let temps = templates[type] else { return "cannot find password template \(type)" }
        let salt = Array(seed.utf8) + bigEndian(UInt32(user.utf8.count)) + Array(user.utf8)
        let key: SymmetricKey
        do {
            key = try KDF.Scrypt.deriveKey(from: Array(password.utf8), salt: salt, outputByteCount: 64,
                                           rounds: 32768, blockSize: 8, parallelism: 2, maxMemory: 64 << 20)
        } catch {
            return "failed to derive password: \(error)"
        }
        let msg = Array(seed.utf8) + bigEndian(UInt32(site.utf8.count)) + Array(site.utf8) + bigEndian(counter)
        let mac = Array(HMAC<SHA256>.authenticationCode(for: msg, using: key))
        let temp = Array(temps[Int(mac[0]) % temps.count])
        var out = ""
        for (i, c) in temp.enumerated() {
            guard let chars = classes[c].map(Array.init) else { continue }
            out.append(chars[Int(mac[i + 1]) % chars.count])
        }
        return out
    }

    // MARK: AES-256-CBC with a random IV in front, PKCS#7 padding, base64

    static func aesKey(_ password: String) -> SymmetricKey {
        var k = [UInt8](repeating: 0, count: 32)
        for (i, b) in password.utf8.prefix(32).enumerated() { k[i] = b }
        return SymmetricKey(data: k)
    }

    static func encryptAES(_ password: String, _ text: String) throws -> String {
        if text.isEmpty { return "" }
        var content = Array(text.utf8)
        let pad = 16 - content.count % 16
        content += [UInt8](repeating: UInt8(pad), count: pad)
        var iv = [UInt8](repeating: 0, count: 16)
        for i in iv.indices { iv[i] = UInt8.random(in: 0...255) }
        let ct = try AES._CBC.encrypt(content, using: aesKey(password), iv: AES._CBC.IV(ivBytes: iv), noPadding: true)
        return Data(iv + Array(ct)).base64EncodedString()
    }

    static func decryptAES(_ password: String, _ b64: String) throws -> String {
        if b64.isEmpty { return "" }
        guard let d = Data(base64Encoded: b64) else { throw FuncError("illegal base64 data at input byte 0") }
        let bytes = Array(d)
        guard bytes.count >= 16 else { throw FuncError("runtime error: slice bounds out of range [:16] with capacity \(bytes.count)") }
        let body = Array(bytes[16...])
        guard body.count % 16 == 0 else { throw FuncError("crypto/cipher: input not full blocks") }
        if body.isEmpty { throw FuncError("runtime error: index out of range [-1]") }
        let plain = Array(try AES._CBC.decrypt(body, using: aesKey(password), iv: AES._CBC.IV(ivBytes: bytes[0..<16]), noPadding: true))
        let pad = Int(plain[plain.count - 1])
        guard pad <= plain.count else { throw FuncError("runtime error: slice bounds out of range [:\(plain.count - pad)]") }
        return String(decoding: plain[..<(plain.count - pad)], as: UTF8.self)
    }
}

/// OpenBSD bcrypt ($2a$), as golang.org/x/crypto/bcrypt produces it.
enum BCrypt {
    static let alphabet = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// bcrypt's base64: its own alphabet, no padding.
    static func encode(_ b: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            let c0 = b[i], c1 = i + 1 < b.count ? b[i + 1] : 0, c2 = i + 2 < b.count ? b[i + 2] : 0
            out.append(alphabet[Int(c0 >> 2)])
            out.append(alphabet[Int((c0 & 3) << 4 | c1 >> 4)])
            if i + 1 < b.count { out.append(alphabet[Int((c1 & 0xf) << 2 | c2 >> 6)]) }
            if i + 2 < b.count { out.append(alphabet[Int(c2 & 0x3f)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hash(_ password: [UInt8], salt: [UInt8], cost: Int) -> String {
        let key = password + [0]
        let bf = Blowfish()
        bf.expand(key: key, salt: salt)
        for _ in 0..<(1 << cost) {
            bf.expand(key: key, salt: nil)
            bf.expand(key: salt, salt: nil)
        }
        let magic = Array("OrpheanBeholderScryDoubt".utf8)
        var words = [UInt32](repeating: 0, count: 6)
        for i in 0..<24 { words[i / 4] = words[i / 4] << 8 | UInt32(magic[i]) }
        for _ in 0..<64 {
            for j in stride(from: 0, to: 6, by: 2) {
                var l = words[j], r = words[j + 1]
                bf.encrypt(&l, &r)
                words[j] = l; words[j + 1] = r
            }
        }
        var out: [UInt8] = []
        for w in words { out += [UInt8(w >> 24), UInt8(w >> 16 & 0xff), UInt8(w >> 8 & 0xff), UInt8(w & 0xff)] }
        let c = cost < 10 ? "0\(cost)" : "\(cost)"
        return "$2a$\(c)$" + encode(salt) + encode(Array(out.prefix(23)))
    }
}

/// Blowfish with bcrypt's salted key schedule; state in one buffer (P-array, then S-boxes), which
/// keeps the 2^cost key expansions fast even in debug builds.
final class Blowfish {
    let st: UnsafeMutablePointer<UInt32>

    init() {
        st = .allocate(capacity: 1042)
        for (i, w) in BlowfishPi.words.enumerated() where i < 1042 { st[i] = w }
    }

    deinit { st.deallocate() }

    func encrypt(_ l: inout UInt32, _ r: inout UInt32) {
        let p = st, s = st + 18
        var xl = l, xr = r
        var i = 0
        while i < 16 {
            xl ^= p[i]
            xr ^= ((s[Int(xl >> 24)] &+ s[256 + Int(xl >> 16 & 0xff)]) ^ s[512 + Int(xl >> 8 & 0xff)]) &+ s[768 + Int(xl & 0xff)]
            xr ^= p[i + 1]
            xl ^= ((s[Int(xr >> 24)] &+ s[256 + Int(xr >> 16 & 0xff)]) ^ s[512 + Int(xr >> 8 & 0xff)]) &+ s[768 + Int(xr & 0xff)]
            i += 2
        }
        xl ^= p[16]; xr ^= p[17]
        l = xr; r = xl
    }

    /// The next 32 bits of `data`, read cyclically.
    @inline(__always) static func word(_ data: UnsafeBufferPointer<UInt8>, _ pos: inout Int) -> UInt32 {
        var w: UInt32 = 0
        for _ in 0..<4 {
            w = w << 8 | UInt32(data[pos])
            pos += 1
            if pos >= data.count { pos = 0 }
        }
        return w
    }

    func expand(key: [UInt8], salt: [UInt8]?) {
        key.withUnsafeBufferPointer { k in
            var kp = 0
            for i in 0..<18 { st[i] ^= Blowfish.word(k, &kp) }
        }
        var l: UInt32 = 0, r: UInt32 = 0
        guard let salt else {
            var i = 0
            while i < 1042 { encrypt(&l, &r); st[i] = l; st[i + 1] = r; i += 2 }
            return
        }
        salt.withUnsafeBufferPointer { sb in
            var sp = 0
            var i = 0
            while i < 1042 {
                l ^= Blowfish.word(sb, &sp); r ^= Blowfish.word(sb, &sp)
                encrypt(&l, &r)
                st[i] = l; st[i + 1] = r
                i += 2
            }
        }
    }
}
