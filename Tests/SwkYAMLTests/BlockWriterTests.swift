import Testing
@testable import SwkYAML

/// The direct block writer must print exactly what libyaml's emitter prints, or decline. Random
/// documents are built from the scalars that steer libyaml's choices: indicators at either end,
/// `: ` and ` #` inside, quotes, leading and trailing blanks, long lines that fold, line breaks
/// with and without surrounding spaces, strings that read as other types.
@Suite struct BlockWriterTests {
    /// A small deterministic generator (the same documents on every run).
    struct Rand {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static let pieces = ["a", "word", " ", "  ", ": ", " #", "#", "-", "- ", "?", ":", "'", "\"", "\\", "\n", "\n\n", " \n",
                         "\n ", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "%", "@", "`", "---", "...", "true",
                         "123", "1.5", "null", "~", "yes", "0x1F", "é", "\t", "x=y", "http://example.com/a?b=c"]

    static func scalarText(_ r: inout Rand) -> String {
        if r.next(8) == 0 {
            // A long line of words: folding at column 80.
            return (0..<(10 + r.next(30))).map { _ in ["lorem", "ipsum", "dolor", "x", "  "][r.next(5)] }.joined(separator: " ")
        }
        return (0..<r.next(6)).map { _ in pieces[r.next(pieces.count)] }.joined()
    }

    static func node(_ r: inout Rand, depth: Int) -> YAMLNode {
        switch depth > 3 ? 0 : r.next(6) {
        case 0, 1, 2:
            switch r.next(8) {
            case 0: return .int(r.next(1000))
            case 1: return .bool(r.next(2) == 0)
            case 2: return .null()
            default: return .string(scalarText(&r))
            }
        case 3, 4:
            return .mapping((0..<r.next(4)).map { i in .init(key: i == 0 && r.next(6) == 0 ? scalarText(&r) : "k\(i)\(r.next(3))", value: node(&r, depth: depth + 1)) })
        default:
            return .sequence((0..<r.next(4)).map { _ in node(&r, depth: depth + 1) })
        }
    }

    @Test func sameBytesAsLibYAMLOrDeclines() {
        var r = Rand(state: 42)
        var written = 0
        for _ in 0..<20_000 {
            let root = YAMLNode.mapping((0..<(1 + r.next(4))).map { .init(key: "key\($0)", value: Self.node(&r, depth: 0)) })
            var expected: [UInt8] = []
            YAMLEmitter.emitWithLibYAML(root, into: &expected)
            guard let ours = BlockWriter.write(root) else { continue }
            written += 1
            #expect(ours == expected, "\(String(decoding: expected, as: UTF8.self))")
            if ours != expected { return }
        }
        // Most documents take the direct path: the test exercises it, not only the fallback.
        #expect(written > 10_000)
    }

    @Test func declinesWhatItDoesNotWrite() {
        for text in ["naïve", "tab\there", " leading\nbreak", "kept\n\n", "\u{FEFF}bom"] {
            #expect(BlockWriter.write(.mapping([.init(key: "k", value: .string(text))])) == nil, "\(text)")
        }
        #expect(BlockWriter.write(.mapping([.init(key: String(repeating: "k", count: 129), value: .null())])) == nil)
        #expect(BlockWriter.write(.sequence([.string("a")])) == nil)
    }
}
