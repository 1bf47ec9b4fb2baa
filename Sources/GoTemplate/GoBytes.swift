/// Go strings hold any bytes, Swift strings only Unicode. A byte that is not part of valid UTF-8
/// (a binary file read with `.Files.Get`, a `b64dec` of binary data) is kept as a private-use
/// scalar, U+10FE00 plus the byte, so the functions that see bytes (`b64enc`, the hashes) get the
/// original bytes back where a lossy decoding would have given U+FFFD.
public enum GoBytes {
    static let base: UInt32 = 0x10FE00

    /// `bytes` as a string, invalid UTF-8 bytes kept as private-use scalars.
    public static func string(_ bytes: [UInt8]) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var scalars = String.UnicodeScalarView()
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                scalars.append(Unicode.UTF8.decode(encoded))
                offset += encoded.count
            case .error(let length):
                for b in bytes[offset..<offset + length] { scalars.append(Unicode.Scalar(base + UInt32(b))!) }
                offset += length
            case .emptyInput:
                break loop
            }
        }
        return String(scalars)
    }

    /// The bytes `string` holds: its UTF-8, with each kept byte restored.
    public static func bytes(_ string: String) -> [UInt8] {
        guard mayHoldKeptBytes(string), string.unicodeScalars.contains(where: isKept) else { return Array(string.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            if isKept(scalar) { out.append(UInt8(scalar.value - base)) } else { out.append(contentsOf: String(scalar).utf8) }
        }
        return out
    }

    /// How many bytes `string` holds, as Go's `len` counts them: a kept byte is one byte, not the
    /// four of its scalar's UTF-8.
    public static func count(_ string: String) -> Int {
        guard mayHoldKeptBytes(string) else { return string.utf8.count }
        return string.utf8.count - 3 * string.unicodeScalars.lazy.filter(isKept).count
    }

    private static func isKept(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= base && scalar.value <= base + 0xFF }

    /// A kept byte's scalar starts with 0xF4 in UTF-8: a byte scan settles most strings.
    private static func mayHoldKeptBytes(_ string: String) -> Bool { string.utf8.contains(0xF4) }
}
