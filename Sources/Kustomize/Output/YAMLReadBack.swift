/// What a string becomes when kustomize writes it as JSON and reads that back with goyaml.v2 (its
/// plugin configuration and its output both take this hop). JSON leaves DEL, the C1 controls and
/// U+FFFE/U+FFFF raw, and the YAML reader refuses them; it leaves NEL raw too, and YAML 1.1 takes
/// NEL for a line break, folded inside the quoted scalar as a line break would be.
enum YAMLReadBack {
    /// The string as read back, or nil when the reader refuses it.
    static func value(_ s: String) -> String? {
        guard !s.unicodeScalars.contains(where: isRefused) else { return nil }
        guard s.unicodeScalars.contains("\u{85}") else { return s }
        return fold(s)
    }

    /// A key must stay on one line: NEL in a key is refused too.
    static func key(_ s: String) -> String? {
        s.unicodeScalars.contains("\u{85}") ? nil : value(s)
    }

    static func isRefused(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x7F...0x84, 0x86...0x9F, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    /// Flow-scalar folding with NEL as the only raw break (JSON escapes the others): spaces around
    /// breaks go, one break becomes a space, n breaks in a row become n-1 newlines.
    private static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var spaces = String.UnicodeScalarView()
        var breaks = 0
        func flush() {
            if breaks == 0 { out += spaces } else if breaks == 1 { out.append(" ") } else {
                out += repeatElement("\n" as Unicode.Scalar, count: breaks - 1)
            }
            spaces = .init()
            breaks = 0
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case " ": if breaks == 0 { spaces.append(scalar) }
            case "\u{85}": breaks += 1
            default:
                flush()
                out.append(scalar)
            }
        }
        flush()
        return String(out)
    }
}
