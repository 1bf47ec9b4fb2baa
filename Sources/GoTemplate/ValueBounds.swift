/// Maps are references, so `set $d "self" $d` makes a cycle and `dict "a" $d` in a loop makes
/// nesting as deep as the loop is long. The recursive walkers (printing, toJson, toYaml, deepCopy,
/// deepEqual) check first, without recursing, so such a value is an error instead of a stack overflow.
public enum ValueBounds {
    /// Deepest nesting the walkers accept (Go's JSON decoder allows 10000 too).
    public static let maxDepth = 10_000
    /// Nodes a walk may visit, counting shared maps once per path (a value "billion laughs").
    public static let maxNodes = 2_000_000

    /// Whether walking `value` would go deeper or wider than the bounds. Scalars cost nothing.
    public static func exceeded(_ value: Value) -> Bool {
        switch value {
        case .map, .list: break
        default: return false
        }
        var work: [(Value, Int)] = [(value, 0)]
        var visited = 0
        while let (v, depth) = work.popLast() {
            visited += 1
            if depth > maxDepth || visited > maxNodes { return true }
            switch v {
            case .map(let m): for x in m.dict.values { if x.isContainer { work.append((x, depth + 1)) } else { visited += 1 } }
            case .list(let l): for x in l { if x.isContainer { work.append((x, depth + 1)) } else { visited += 1 } }
            default: break
            }
        }
        return false
    }

    /// The error a walker reports.
    static let message = "value nested deeper than \(maxDepth) levels or larger than \(maxNodes) nodes (a map containing itself?)"
}

extension Value {
    var isContainer: Bool {
        switch self {
        case .map, .list: return true
        default: return false
        }
    }
}
