/// Reads a generator's env file as kustomize 5.5 does: `KEY=value` lines, the value kept verbatim
/// (no quote or space stripping), leading whitespace and a first-line BOM ignored, blank lines and
/// `#` comments skipped. A line without `=` gives an empty value; an empty key drops the line.
enum EnvFile {
    struct InvalidUTF8: Error, Equatable {
        /// 1-based.
        let line: Int
    }

    /// Go's bufio.Scanner gives up silently on a line longer than this, dropping the rest of the file.
    static let maxLineBytes = 65_535

    static func parse(_ bytes: [UInt8]) throws(InvalidUTF8) -> [(key: String, value: String)] {
        var pairs: [(key: String, value: String)] = []
        var lineNumber = 0
        for var line in lines(bytes) {
            if line.count > maxLineBytes { break }
            lineNumber += 1
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            guard let text = String(validating: line, as: UTF8.self) else { throw InvalidUTF8(line: lineNumber) }
            // Scalars, not Characters: a BOM or `=` may combine with what follows into one Character.
            var scalars = Substring(text).unicodeScalars
            if lineNumber == 1 && scalars.first == "\u{FEFF}" { scalars.removeFirst() }
            let trimmed = scalars.drop { $0.properties.isWhitespace }
            guard let first = trimmed.first, first != "#" else { continue }
            let key: String, value: String
            if let eq = trimmed.firstIndex(of: "=") {
                key = String(trimmed[..<eq])
                value = String(trimmed[trimmed.index(after: eq)...])
            } else {
                key = String(trimmed)
                value = ""
            }
            if key.isEmpty { continue }
            pairs.append((key, value))
        }
        return pairs
    }

    /// The lines of `bytes` without their `\n`; no empty line after a final newline.
    private static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var out = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if out.last?.isEmpty == true { out.removeLast() }
        return out
    }
}
