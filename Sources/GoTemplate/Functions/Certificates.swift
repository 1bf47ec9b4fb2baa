import Crypto
import _CryptoExtras
import Foundation
import SwiftASN1
import X509

/// Sprig's certificate helpers: real keys and X.509 certificates, PEM encoded as Go encodes them.
enum CertificateFunctions {
    static func register(_ f: inout [String: Function]) {
        f.add("genPrivateKey", [.string]) { _, a in
            let t = Conv.strval(a[0])
            let key: SprigKey
            switch t {
            case "", "rsa": key = .rsa(try rsaKey(4096))
            case "ecdsa": key = .p256(P256.Signing.PrivateKey())
            case "ed25519": key = .ed25519(Curve25519.Signing.PrivateKey())
            case "dsa": return .string("failed to generate dsa params: dsa keys are not supported")
            default: return .string("Unknown type " + t)
            }
            return .string(key.pem)
        }
        f.add("genCA", [.string, .int]) { _, a in
            .object(try authority(Conv.strval(a[0]), days(a[1]), key: .rsa(try rsaKey(2048))))
        }
        f.add("genCAWithKey", [.string, .int, .string]) { _, a in
            .object(try authority(Conv.strval(a[0]), days(a[1]), key: try parseKey(Conv.strval(a[2]))))
        }
        f.add("genSelfSignedCert", [.string, .list, .list, .int]) { _, a in
            .object(try selfSigned(a, key: .rsa(try rsaKey(2048))))
        }
        f.add("genSelfSignedCertWithKey", [.string, .list, .list, .int, .string]) { _, a in
            .object(try selfSigned(a, key: try parseKey(Conv.strval(a[4]))))
        }
        f.add("genSignedCert", [.string, .list, .list, .int, .any]) { _, a in
            .object(try signed(a, ca: try certificateArg(a[4]), key: .rsa(try rsaKey(2048))))
        }
        f.add("genSignedCertWithKey", [.string, .list, .list, .int, .any, .string]) { _, a in
            .object(try signed(a, ca: try certificateArg(a[4]), key: try parseKey(Conv.strval(a[5]))))
        }
        f.add("buildCustomCert", [.string, .string]) { _, a in
            guard let cert = Data(base64Encoded: Conv.strval(a[0])) else { throw FuncError("unable to decode base64 certificate") }
            guard let key = Data(base64Encoded: Conv.strval(a[1])) else { throw FuncError("unable to decode base64 private key") }
            let certText = String(decoding: cert, as: UTF8.self), keyText = String(decoding: key, as: UTF8.self)
            guard (try? PEMDocument(pemString: certText)) != nil else { throw FuncError("unable to decode certificate") }
            do { _ = try Certificate(pemEncoded: certText) } catch {
                throw FuncError("error parsing certificate: decodedCert.Bytes: \(error)")
            }
            do { _ = try parseKey(keyText) } catch let e as FuncError { throw FuncError("error parsing private key: \(e)") }
            return .object(SprigCertificate(cert: certText, key: keyText))
        }
    }

    static func days(_ v: Value) -> Int { if case .int(let i) = v { return i }; return 0 }

    static func rsaKey(_ bits: Int) throws -> _RSA.Signing.PrivateKey {
        do { return try _RSA.Signing.PrivateKey(keySize: .init(bitCount: bits)) }
        catch { throw FuncError("failed to generate private key: \(error)") }
    }

    static func certificateArg(_ v: Value) throws -> SprigCertificate {
        guard case .object(let o) = v, let c = o as? SprigCertificate else {
            throw FuncError("wrong type for value; expected sprig.certificate; got \(v.goTypeName)")
        }
        return c
    }

    /// Sprig's parsePrivateKeyPEM.
    static func parseKey(_ pem: String) throws -> SprigKey {
        guard let doc = try? PEMDocument(pemString: pem) else { throw FuncError("no PEM data in input") }
        let type = doc.discriminator
        do {
            switch type {
            case "RSA PRIVATE KEY":
                return .rsa(try _RSA.Signing.PrivateKey(derRepresentation: doc.derBytes))
            case "EC PRIVATE KEY", "PRIVATE KEY":
                let k = try Certificate.PrivateKey(pemDocument: doc)
                if let r = try? _RSA.Signing.PrivateKey(pemRepresentation: pem) { return .rsa(r) }
                if let p = try? P256.Signing.PrivateKey(pemRepresentation: pem) { return .p256(p) }
                if let p = try? P384.Signing.PrivateKey(pemRepresentation: pem) { return .p384(p) }
                if let p = try? P521.Signing.PrivateKey(pemRepresentation: pem) { return .p521(p) }
                // PKCS#8 Ed25519: the seed is the last 32 bytes of a 48-byte document.
                if doc.derBytes.count == 48, doc.derBytes[7...11].elementsEqual(DERBytes.oidEd25519),
                   let e = try? Curve25519.Signing.PrivateKey(rawRepresentation: doc.derBytes.suffix(32)) { return .ed25519(e) }
                throw FuncError("unsupported key \(k)")
            default:
                if !type.hasSuffix(" PRIVATE KEY") { throw FuncError("no private key data in PEM block of type \(type)") }
                throw FuncError("invalid private key type \(type)")
            }
        } catch let e as FuncError {
            throw e
        } catch {
            let what = type == "PRIVATE KEY" ? "decoding PEM as PKCS#8" : type == "RSA PRIVATE KEY" ? "parsing RSA private key from PEM" : "parsing EC private key from PEM"
            throw FuncError("\(what): \(error)")
        }
    }

    static func authority(_ cn: String, _ days: Int, key: SprigKey) throws -> SprigCertificate {
        let dn = try DistinguishedName { CommonName(cn) }
        return try make(cn: cn, ips: [], dns: [], days: days, isCA: true, key: key, issuer: dn, signer: key)
    }

    static func selfSigned(_ a: [Value], key: SprigKey) throws -> SprigCertificate {
        let cn = Conv.strval(a[0])
        let dn = try DistinguishedName { CommonName(cn) }
        return try make(cn: cn, ips: try ipList(a[1]), dns: try dnsList(a[2]), days: days(a[3]), isCA: false,
                        key: key, issuer: dn, signer: key)
    }

    static func signed(_ a: [Value], ca: SprigCertificate, key: SprigKey) throws -> SprigCertificate {
        guard (try? PEMDocument(pemString: ca.cert)) != nil else { throw FuncError("unable to decode certificate") }
        let caCert: Certificate
        do { caCert = try Certificate(pemEncoded: ca.cert) } catch {
            throw FuncError("error parsing certificate: decodedSignerCert.Bytes: \(error)")
        }
        let signer: SprigKey
        do { signer = try parseKey(ca.key) } catch let e as FuncError { throw FuncError("error parsing private key: \(e)") }
        return try make(cn: Conv.strval(a[0]), ips: try ipList(a[1]), dns: try dnsList(a[2]), days: days(a[3]), isCA: false,
                        key: key, issuer: caCert.subject, signer: signer)
    }

    static func ipList(_ v: Value) throws -> [[UInt8]] {
        guard let items = v.listItems else { return [] }
        return try items.map { item in
            guard case .string(let s) = item else { throw FuncError("error parsing ip: \(GoFormat.v(item)) is not a string") }
            guard let b = IPAddress.parse(s) else { throw FuncError("error parsing ip: \(s)") }
            return b
        }
    }

    static func dnsList(_ v: Value) throws -> [String] {
        guard let items = v.listItems else { return [] }
        return try items.map { item in
            guard case .string(let s) = item else {
                throw FuncError("error processing alternate dns name: \(GoFormat.v(item)) is not a string")
            }
            return s
        }
    }

    /// Sprig's base template: serial below 2^128, now until now + days, server and client auth.
    static func make(cn: String, ips: [[UInt8]], dns: [String], days: Int, isCA: Bool, key: SprigKey,
                     issuer: DistinguishedName, signer: SprigKey) throws -> SprigCertificate {
        var serial = [UInt8](repeating: 0, count: 16)
        for i in serial.indices { serial[i] = UInt8.random(in: 0...255) }
        let now = Date()
        let names: [GeneralName] = dns.map { .dnsName($0) } + ips.map { .ipAddress(ASN1OctetString(contentBytes: ArraySlice($0))) }
        do {
            let extensions = try Certificate.Extensions {
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true, keyCertSign: isCA))
                try ExtendedKeyUsage([.serverAuth, .clientAuth])
                Critical(isCA ? BasicConstraints.isCertificateAuthority(maxPathLength: nil) : BasicConstraints.notCertificateAuthority)
                if !names.isEmpty { SubjectAlternativeNames(names) }
            }
            let subject = try DistinguishedName { CommonName(cn) }
            let cert = try Certificate(version: .v3, serialNumber: Certificate.SerialNumber(bytes: serial),
                                       publicKey: key.certificateKey.publicKey, notValidBefore: now,
                                       notValidAfter: now.addingTimeInterval(TimeInterval(days) * 86400),
                                       issuer: issuer, subject: subject, extensions: extensions,
                                       issuerPrivateKey: signer.certificateKey)
            var ser = DER.Serializer()
            try ser.serialize(cert)
            return SprigCertificate(cert: PEM.encode("CERTIFICATE", ser.serializedBytes), key: key.pem)
        } catch let e as FuncError {
            throw e
        } catch {
            throw FuncError("error creating certificate: \(error)")
        }
    }
}

/// Sprig's `certificate` struct: .Cert and .Key, both PEM.
final class SprigCertificate: GoObject {
    let cert: String
    let key: String
    init(cert: String, key: String) { self.cert = cert; self.key = key }
    var goTypeName: String { "sprig.certificate" }
    var goKind: String { "struct" }
    func formatted() -> String { "{\(cert) \(key)}" }
    func field(_ name: String) -> Value? {
        switch name {
        case "Cert": return .string(cert)
        case "Key": return .string(key)
        default: return nil
        }
    }
}

/// A private key of a kind Sprig makes or reads, with Go's PEM form of it.
enum SprigKey {
    case rsa(_RSA.Signing.PrivateKey)
    case p256(P256.Signing.PrivateKey)
    case p384(P384.Signing.PrivateKey)
    case p521(P521.Signing.PrivateKey)
    case ed25519(Curve25519.Signing.PrivateKey)

    var certificateKey: Certificate.PrivateKey {
        switch self {
        case .rsa(let k): return Certificate.PrivateKey(k)
        case .p256(let k): return Certificate.PrivateKey(k)
        case .p384(let k): return Certificate.PrivateKey(k)
        case .p521(let k): return Certificate.PrivateKey(k)
        case .ed25519(let k): return Certificate.PrivateKey(k)
        }
    }

    /// PKCS#1 for RSA, SEC 1 for ECDSA, PKCS#8 for Ed25519 (Sprig's pemBlockForKey).
    var pem: String {
        switch self {
        case .rsa(let k): return PEM.encode("RSA PRIVATE KEY", Array(k.derRepresentation))
        case .p256(let k): return PEM.encode("EC PRIVATE KEY", DERBytes.sec1(Array(k.rawRepresentation), Array(k.publicKey.x963Representation), DERBytes.oidP256))
        case .p384(let k): return PEM.encode("EC PRIVATE KEY", DERBytes.sec1(Array(k.rawRepresentation), Array(k.publicKey.x963Representation), DERBytes.oidP384))
        case .p521(let k): return PEM.encode("EC PRIVATE KEY", DERBytes.sec1(Array(k.rawRepresentation), Array(k.publicKey.x963Representation), DERBytes.oidP521))
        case .ed25519(let k):
            let inner = DERBytes.tlv(0x04, Array(k.rawRepresentation))
            let body = DERBytes.tlv(0x02, [0]) + DERBytes.tlv(0x30, DERBytes.oidEd25519) + DERBytes.tlv(0x04, inner)
            return PEM.encode("PRIVATE KEY", DERBytes.tlv(0x30, body))
        }
    }
}

/// The few DER structures Go writes for keys.
enum DERBytes {
    static let oidP256: [UInt8] = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
    static let oidP384: [UInt8] = [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22]
    static let oidP521: [UInt8] = [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x23]
    static let oidEd25519: [UInt8] = [0x06, 0x03, 0x2B, 0x65, 0x70]

    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        let n = content.count
        var len: [UInt8]
        if n < 0x80 {
            len = [UInt8(n)]
        } else {
            var bytes: [UInt8] = []
            var m = n
            while m > 0 { bytes.insert(UInt8(m & 0xff), at: 0); m >>= 8 }
            len = [0x80 | UInt8(bytes.count)] + bytes
        }
        return [tag] + len + content
    }

    /// ECPrivateKey { version 1, privateKey, [0] curve, [1] publicKey }.
    static func sec1(_ d: [UInt8], _ pub: [UInt8], _ oid: [UInt8]) -> [UInt8] {
        let body = tlv(0x02, [1]) + tlv(0x04, d) + tlv(0xA0, oid) + tlv(0xA1, tlv(0x03, [0] + pub))
        return tlv(0x30, body)
    }
}

/// Go's pem.Encode: base64 in 64-column lines, a newline after the END line.
enum PEM {
    static func encode(_ type: String, _ der: [UInt8]) -> String {
        let b64 = Data(der).base64EncodedString()
        var out = "-----BEGIN \(type)-----\n"
        var i = b64.startIndex
        while i < b64.endIndex {
            let j = b64.index(i, offsetBy: 64, limitedBy: b64.endIndex) ?? b64.endIndex
            out += b64[i..<j] + "\n"
            i = j
        }
        return out + "-----END \(type)-----\n"
    }
}

/// net.ParseIP for certificate SANs: 4 bytes for IPv4, 16 for IPv6.
enum IPAddress {
    static func parse(_ s: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, s, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, s, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}
