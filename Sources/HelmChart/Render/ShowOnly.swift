import Foundation
import GoTemplate

/// `helm template --show-only`: the documents of the stream whose template path matches a glob.
public enum ShowOnly {
    /// `patterns` are matched (filepath.Match) against the source path less its chart name.
    public static func filter(_ stream: String, patterns: [String]) throws -> String {
        let docs = Stream.split(FastStringTrim.trim(stream)).map(FastStringTrim.trim).filter { !$0.isEmpty }
        var out = ""
        for f in patterns {
            var missing = true
            for d in docs {
                guard let name = sourceName(d), PathMatch.match(f, name) else { continue }
                out += "---\n" + d + "\n"
                missing = false
            }
            if missing { throw ChartError("could not find template \(f) in chart") }
        }
        return out
    }

    /// "# Source: chart/templates/x.yaml" gives "templates/x.yaml".
    static func sourceName(_ doc: String) -> String? {
        guard let r = doc.range(of: "# Source: ") else { return nil }
        let rest = doc[r.upperBound...].prefix { $0 != "\n" }
        guard let slash = rest.firstIndex(of: "/"), rest.startIndex != slash else { return nil }
        let name = rest[rest.index(after: slash)...]
        return name.isEmpty ? nil : String(name)
    }
}

enum FastStringTrim {
    static func trim(_ s: String) -> String { FastString.trimSpace(s) }
}
