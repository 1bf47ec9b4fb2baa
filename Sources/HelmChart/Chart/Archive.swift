import Foundation
import GoTemplate

/// A packaged chart (.tgz): gzip, then tar, with one top folder named after the chart.
enum ChartArchive {
    /// Chart-relative files: the top folder of every entry is removed, as Helm's loader does.
    static func files(_ data: [UInt8]) throws -> [(path: String, data: [UInt8])] {
        let tar: [UInt8]
        do { tar = try Inflate.gunzip(data) } catch let e as Inflate.Failure { throw ChartError(e.message) }
        var out: [(path: String, data: [UInt8])] = []
        for (name, body) in try Tar.entries(tar) {
            var parts = name.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            guard parts.count > 1 else { continue }
            parts.removeFirst()
            let rel = parts.joined(separator: "/")
            if parts.contains("..") { throw ChartError("chart illegally contains content outside the base directory: \(GoFormat.quote(name))") }
            var b = body
            if b.starts(with: ChartLoader.bom) { b.removeFirst(3) }
            out.append((rel, b))
        }
        if out.isEmpty { throw ChartError("no files in chart archive") }
        return out
    }
}

/// ustar/GNU/pax tar: regular files only, long names from GNU 'L' and pax 'path' records.
enum Tar {
    static func entries(_ t: [UInt8]) throws -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        var pos = 0
        var longName: String?
        while pos + 512 <= t.count {
            let h = Array(t[pos..<(pos + 512)])
            if h.allSatisfy({ $0 == 0 }) { break }
            func field(_ o: Int, _ n: Int) -> String {
                let f = h[o..<(o + n)]
                return String(decoding: f.prefix { $0 != 0 }, as: UTF8.self)
            }
            let sizeText = FastString.trimSpace(field(124, 12))
            guard let size = Int(sizeText.isEmpty ? "0" : sizeText, radix: 8) else {
                throw ChartError("archive/tar: invalid tar header")
            }
            var name = field(0, 100)
            let prefix = field(345, 155)
            if field(257, 5) == "ustar" && !prefix.isEmpty { name = prefix + "/" + name }
            let type = h[156]
            let start = pos + 512
            guard start + size <= t.count else { throw ChartError("unexpected EOF") }
            let body = Array(t[start..<(start + size)])
            pos = start + (size + 511) / 512 * 512
            switch type {
            case UInt8(ascii: "L"):
                longName = String(decoding: body.prefix { $0 != 0 }, as: UTF8.self)
            case UInt8(ascii: "x"):
                for rec in String(decoding: body, as: UTF8.self).split(separator: "\n") {
                    if let r = rec.range(of: " path=") { longName = String(rec[r.upperBound...]) }
                }
            case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
                out.append((longName ?? name, body))
                longName = nil
            default:
                longName = nil
            }
        }
        return out
    }
}
