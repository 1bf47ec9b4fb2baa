/// A unified diff of two line arrays (longest common subsequence), as `diff -u` prints it.
public enum LineDiff {
    enum Op: Equatable { case same(Int, Int), del(Int), ins(Int) }

    /// The hunks (`@@ -a,n +b,m @@` and their lines), or nothing when the inputs are equal.
    public static func unified(_ a: [String], _ b: [String], context: Int = 3) -> [String] {
        let ops = edits(a, b)
        guard ops.contains(where: { if case .same = $0 { return false }; return true }) else { return [] }
        var out: [String] = []
        var i = 0
        while i < ops.count {
            guard let firstChange = ops[i...].firstIndex(where: { if case .same = $0 { return false }; return true }) else { break }
            // Grow the hunk while changes are closer than two contexts apart.
            var end = firstChange
            var j = firstChange
            while j < ops.count {
                if case .same = ops[j] {
                    let run = ops[j...].prefix { if case .same = $0 { return true }; return false }.count
                    if j + run >= ops.count || run > 2 * context { break }
                    j += run
                } else { end = j; j += 1 }
            }
            let start = max(firstChange - context, i)
            let stop = min(end + context + 1, ops.count)
            out.append(header(ops[start..<stop], ops[..<start]))
            for op in ops[start..<stop] {
                switch op {
                case .same(let x, _): out.append(" " + a[x])
                case .del(let x): out.append("-" + a[x])
                case .ins(let y): out.append("+" + b[y])
                }
            }
            i = stop
        }
        return out
    }

    static func header(_ hunk: ArraySlice<Op>, _ before: ArraySlice<Op>) -> String {
        var aStart = 1, bStart = 1
        for op in before {
            switch op {
            case .same: aStart += 1; bStart += 1
            case .del: aStart += 1
            case .ins: bStart += 1
            }
        }
        var aCount = 0, bCount = 0
        for op in hunk {
            switch op {
            case .same: aCount += 1; bCount += 1
            case .del: aCount += 1
            case .ins: bCount += 1
            }
        }
        if aCount == 0 { aStart -= 1 }
        if bCount == 0 { bStart -= 1 }
        return "@@ -\(aStart),\(aCount) +\(bStart),\(bCount) @@"
    }

    static func edits(_ a: [String], _ b: [String]) -> [Op] {
        let n = a.count, m = b.count
        // lcs[i][j]: common length of a[i...] and b[j...].
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        if n > 0 && m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
        }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n && j < m && a[i] == b[j] { ops.append(.same(i, j)); i += 1; j += 1 }
            else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) { ops.append(.ins(j)); j += 1 }
            else { ops.append(.del(i)); i += 1 }
        }
        // Deletions read better before insertions within a change.
        return reorderChanges(ops)
    }

    static func reorderChanges(_ ops: [Op]) -> [Op] {
        var out: [Op] = [], dels: [Op] = [], ins: [Op] = []
        for op in ops {
            switch op {
            case .same: out += dels + ins; dels = []; ins = []; out.append(op)
            case .del: dels.append(op)
            case .ins: ins.append(op)
            }
        }
        return out + dels + ins
    }
}
