/// kustomize reads resources with yaml.v3, which folds a `>` block scalar as libyaml does except in
/// one place: the line break before a more-indented line that follows a normal line comes out
/// doubled (`{` then `  "id": 1` reads as "{\n\n  \"id\": 1"). kubectl prints that extra blank
/// line, so resources re-fold their folded scalars from the source text with the same rule.
enum FoldedScalar {
    /// The yaml.v3 value of the block scalar whose source is `raw` (from its `>` indicator), given
    /// libyaml's value. Falls back to libyaml's value for anything this does not handle.
    static func kyamlValue(raw: ArraySlice<UInt8>, libyamlValue: String) -> String {
        guard raw.first == UInt8(ascii: ">"), !raw.contains(UInt8(ascii: "\r")) else { return libyamlValue }
        var lines = raw.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let header = lines.removeFirst()
        // An explicit indentation indicator is rare; libyaml's value is kept for it.
        if header.prefix(3).contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) { return libyamlValue }
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        guard let first = lines.first(where: { $0.contains { $0 != space } }) else { return libyamlValue }
        let indent = first.prefix { $0 == space }.count
        let plain = fold(lines, indent: indent, doubleBeforeMoreIndented: false)
        guard let plain, libyamlValue.utf8.starts(with: plain) else { return libyamlValue }
        guard let quirk = fold(lines, indent: indent, doubleBeforeMoreIndented: true) else { return libyamlValue }
        // The chomped tail (final line break and kept blank lines) is libyaml's.
        let tail = libyamlValue.utf8.dropFirst(plain.count)
        return String(decoding: quirk + tail, as: UTF8.self)

        func fold(_ lines: [ArraySlice<UInt8>], indent: Int, doubleBeforeMoreIndented: Bool) -> [UInt8]? {
            var out: [UInt8] = []
            var pendingBreaks = 0
            var seenContent = false
            var previousMoreIndented = false
            for line in lines {
                let leading = line.prefix { $0 == space }.count
                if line.count <= indent && leading == line.count { pendingBreaks += 1; continue }
                guard leading >= indent else { return nil }
                let text = line.dropFirst(indent)
                let moreIndented = text.first == space || text.first == tab
                if seenContent {
                    if !previousMoreIndented && !moreIndented {
                        if pendingBreaks == 0 { out.append(space) }
                    } else {
                        out.append(UInt8(ascii: "\n"))
                        if doubleBeforeMoreIndented && moreIndented && !previousMoreIndented { out.append(UInt8(ascii: "\n")) }
                    }
                }
                out.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: pendingBreaks))
                pendingBreaks = 0
                out.append(contentsOf: text)
                seenContent = true
                previousMoreIndented = moreIndented
            }
            return out
        }
    }
}
