import SwkYAML

/// JSON pointers as kustomize's JSON 6902 library reads them (evanphx/json-patch v4).
///
/// It is laxer than RFC 6901: the path is cut at every `/` and the first piece is dropped
/// unread, so `spec/replicas` means `/replicas`; a path without any `/` (including "")
/// names nothing. Unknown `~` escapes stay as written.
enum JSONPointer {
    /// The reference tokens after the first `/`, unescaped; nil when the path has no `/`.
    static func tokens(_ path: String) -> [String]? {
        // `/` is ASCII, so the UTF-8 bytes split where the scalars would.
        let pieces = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard pieces.count >= 2 else { return nil }
        return pieces.dropFirst().map { unescape(String(decoding: $0, as: UTF8.self)) }
    }

    /// `~1` becomes `/` and `~0` becomes `~`, in one left-to-right pass (so `~01` is `~1`).
    static func unescape(_ token: String) -> String {
        guard token.utf8.contains(UInt8(ascii: "~")) else { return token }
        var out = String.UnicodeScalarView()
        var scalars = token.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let c = pending {
            pending = scalars.next()
            guard c == "~", let next = pending, next == "0" || next == "1" else {
                out.append(c)
                continue
            }
            out.append(next == "1" ? "/" : "~")
            pending = scalars.next()
        }
        return String(out)
    }
}

/// Go's strconv.Atoi, with its error text: array indices are read with it, so `01`, `+1`
/// and `-1` are indices and anything else fails with Go's wording.
enum GoAtoi {
    struct Failure: Error { var message: String }

    static func parse(_ s: String) throws(Failure) -> Int {
        var digits = Substring(s)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw Failure(message: "strconv.Atoi: parsing \(GoQuote.quote(s)): invalid syntax")
        }
        guard let value = Int(negative ? "-" + digits : String(digits)) else {
            throw Failure(message: "strconv.Atoi: parsing \(GoQuote.quote(s)): value out of range")
        }
        return value
    }
}
