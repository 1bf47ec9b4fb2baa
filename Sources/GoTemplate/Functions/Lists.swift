import Foundation

/// Sprig's list functions.
enum ListFunctions {
    typealias V = GoTemplate.Value

    /// The list behind a Go slice argument or Sprig's "Cannot <op> on type <kind>" error.
    static func list(_ v: V, _ op: String) throws -> [V] {
        if case .null = v { throw FuncError("runtime error: invalid memory address or nil pointer dereference") }
        guard let l = v.listItems else { throw FuncError("Cannot \(op) on type \(Conv.kindName(v))") }
        return l
    }

    static func pair(_ name: String, _ f: inout [String: Function], _ params: [ParamType], variadic: ParamType? = nil,
                     orNil: Bool = false, _ impl: @escaping FuncImpl) {
        f.add("must" + name.prefix(1).uppercased() + name.dropFirst(), params, variadic: variadic, impl)
        f.add(name, params, variadic: variadic, impl)
    }

    static func intList(_ xs: [Int]) -> V { .list(xs.map { .int($0) }) }

    static func register(_ f: inout [String: Function]) {
        f.add("list", [], variadic: .any) { _, a in .list(a) }
        f.add("tuple", [], variadic: .any) { _, a in .list(a) }
        pair("first", &f, [.any]) { _, a in try list(a[0], "find first").first ?? .null }
        pair("last", &f, [.any]) { _, a in try list(a[0], "find last").last ?? .null }
        pair("rest", &f, [.any]) { _, a in let l = try list(a[0], "find rest"); return l.isEmpty ? .null : .list(Array(l.dropFirst())) }
        pair("initial", &f, [.any]) { _, a in let l = try list(a[0], "find initial"); return l.isEmpty ? .null : .list(Array(l.dropLast())) }
        for name in ["append", "push"] {
            pair(name, &f, [.any, .any]) { _, a in .list(try list(a[0], "push") + [a[1]]) }
        }
        pair("prepend", &f, [.any, .any]) { _, a in .list([a[1]] + (try list(a[0], "prepend"))) }
        f.add("concat", [], variadic: .any) { _, a in
            var out: [V] = []
            for x in a {
                guard let l = x.listItems else {
                    if case .null = x { throw FuncError("runtime error: invalid memory address or nil pointer dereference") }
                    throw FuncError("Cannot concat type \(Conv.kindName(x)) as list")
                }
                out += l
            }
            return .list(out)
        }
        pair("uniq", &f, [.any]) { _, a in
            var out: [V] = []
            for x in try list(a[0], "generate unique list from") where !out.contains(where: { Conv.deepEqual($0, x) }) { out.append(x) }
            return .list(out)
        }
        pair("without", &f, [.any], variadic: .any) { _, a in
            let omit = Array(a.dropFirst())
            return .list(try list(a[0], "find without").filter { x in !omit.contains(where: { Conv.deepEqual($0, x) }) })
        }
        pair("has", &f, [.any, .any]) { _, a in
            if case .null = a[1] { return .bool(false) }
            let l = try list(a[1], "find has")
            return .bool(l.contains(where: { Conv.deepEqual($0, a[0]) }))
        }
        pair("reverse", &f, [.any]) { _, a in .list(try list(a[0], "find reverse").reversed()) }
        pair("compact", &f, [.any]) { _, a in .list(try list(a[0], "compact").filter { !$0.isEmpty }) }
        pair("slice", &f, [.any], variadic: .any) { _, a in
            guard let l = a[0].listItems else {
                throw FuncError("list should be type of slice or array but \(Conv.kindName(a[0]))")
            }
            if l.isEmpty { return .null }
            let start = a.count > 1 ? Conv.toInt(a[1]) : 0
            let end = a.count > 2 ? Conv.toInt(a[2]) : l.count
            guard start >= 0, end <= l.count, start <= end else {
                throw FuncError("reflect.Value.Slice: slice index out of bounds")
            }
            return .list(Array(l[start..<end]))
        }
        pair("chunk", &f, [.int, .any]) { _, a in
            let size = Conv.toInt(a[0])
            let l = try list(a[1], "chunk")
            guard size > 0 else { throw FuncError("runtime error: integer divide by zero") }
            var out: [V] = []
            var i = 0
            while i < l.count { out.append(.list(Array(l[i..<min(i + size, l.count)]))); i += size }
            return .list(out)
        }
        f.add("until", [.int]) { ctx, a in
            let n = Conv.toInt(a[0])
            try Limited.list(ctx, count: n)
            return n >= 0 ? intList(Array(0..<n)) : intList(stride(from: 0, to: n, by: -1).map { $0 })
        }
        f.add("untilStep", [.int, .int, .int]) { ctx, a in
            let start = Conv.toInt(a[0]), stop = Conv.toInt(a[1]), step = Conv.toInt(a[2])
            if step == 0 { return .list([]) }
            if (stop < start && step > 0) || (stop > start && step < 0) || stop == start { return .list([]) }
            guard let count = Limited.steps(from: start, to: stop, by: step) else {
                throw LimitError(limit: "maxListLength", value: ctx.templates.limits.maxListLength, unit: "items")
            }
            try Limited.list(ctx, count: count)
            return intList(Limited.progression(from: start, to: stop, by: step, inclusive: false))
        }
        f.add("seq", [], variadic: .int) { ctx, a in
            let p = a.map { Conv.toInt($0) }
            var start = 1, end = 0, step = 1
            switch p.count {
            case 0: return .string("")
            case 1: end = p[0]; if end < 1 { step = -1 }
            case 2: start = p[0]; end = p[1]; step = start > end ? -1 : 1
            case 3: start = p[0]; step = p[1]; end = p[2]
                if step == 0 || (end < start && step > 0) || (end > start && step < 0) { return .string("") }
            default: return .string("")
            }
            guard let count = Limited.steps(from: start, to: end, by: step) else {
                throw LimitError(limit: "maxListLength", value: ctx.templates.limits.maxListLength, unit: "items")
            }
            try Limited.list(ctx, count: count)
            return .string(Limited.progression(from: start, to: end, by: step, inclusive: true).map(String.init).joined(separator: " "))
        }
    }
}

/// Sprig's dict functions.
enum DictFunctions {
    typealias V = GoTemplate.Value

    static func map(_ v: V) -> GoMap {
        if case .map(let m) = v { return m }
        return GoMap()
    }

    /// mergo.Merge(dst, src) with or without override, for map[string]interface{}. A shared map
    /// (templates rendering side by side) that the merge would leave as it is stays untouched:
    /// charts often merge defaults into values that already have them.
    static func merge(_ dst: GoMap, _ src: GoMap, overwrite: Bool) throws {
        if dst.isShared {
            if mergeWouldChange(dst, src, overwrite: overwrite) { try dst.checkWritable() }
            return
        }
        for (k, sv) in src.dict {
            let dv = dst.dict[k]
            if case .null = sv {
                if overwrite { try dst.checkWritable(); dst.dict[k] = .null }
                continue
            }
            if case .map(let sm) = sv, let d = dv, case .map(let dm) = d {
                try merge(dm, sm, overwrite: overwrite)
                if !d.isEmpty { continue }
            }
            if overwrite || dv == nil || dv!.isEmpty {
                try dst.checkWritable()
                dst.dict[k] = sv
            }
        }
    }

    /// Whether `merge(dst, src)` would change anything in `dst` or the maps under it.
    static func mergeWouldChange(_ dst: GoMap, _ src: GoMap, overwrite: Bool) -> Bool {
        for (k, sv) in src.dict {
            let dv = dst.dict[k]
            if case .null = sv {
                if overwrite, !(dv.map { isSame($0, sv) } ?? false) { return true }
                continue
            }
            if case .map(let sm) = sv, let d = dv, case .map(let dm) = d {
                if mergeWouldChange(dm, sm, overwrite: overwrite) { return true }
                if !d.isEmpty { continue }
            }
            if overwrite || dv == nil || dv!.isEmpty, !(dv.map { isSame($0, sv) } ?? false) { return true }
        }
        return false
    }

    /// Whether storing `b` where `a` is would leave the same value: the same map (an equal copy
    /// is another map to later changes), or equal values holding no map (reflect.DeepEqual's).
    static func isSame(_ a: V, _ b: V) -> Bool {
        switch (a, b) {
        case (.map(let x), .map(let y)): return x === y
        case (.map, _), (_, .map), (.list, _), (_, .list): return false
        default: return Conv.equalWalk(a, b)
        }
    }

    static func register(_ f: inout [String: Function]) {
        f.add("dict", [], variadic: .any) { _, a in
            let m = GoMap()
            var i = 0
            while i < a.count {
                let k = Conv.strval(a[i])
                m.dict[k] = i + 1 < a.count ? a[i + 1] : .string("")
                i += 2
            }
            return .map(m)
        }
        f.add("get", [.map, .string]) { _, a in map(a[0]).dict[Conv.strval(a[1])] ?? .string("") }
        f.add("set", [.map, .string, .any]) { _, a in
            let m = map(a[0]), key = Conv.strval(a[1])
            if m.isShared, let old = m.dict[key], isSame(old, a[2]) { return .map(m) }
            try m.checkWritable(); m.dict[key] = a[2]; return .map(m)
        }
        f.add("unset", [.map, .string]) { _, a in
            let m = map(a[0]); try m.checkWritable(); m.dict[Conv.strval(a[1])] = nil; return .map(m)
        }
        f.add("hasKey", [.map, .string]) { _, a in .bool(map(a[0]).dict[Conv.strval(a[1])] != nil) }
        f.add("pluck", [.string], variadic: .map) { _, a in
            let k = Conv.strval(a[0])
            return .list(a.dropFirst().compactMap { map($0).dict[k] })
        }
        f.add("keys", [], variadic: .map) { _, a in
            .strings(a.flatMap { map($0).sortedKeys })
        }
        f.add("values", [.map]) { _, a in let m = map(a[0]); return .list(m.sortedKeys.map { m.dict[$0] ?? .null }) }
        f.add("pick", [.map], variadic: .string) { _, a in
            let m = map(a[0]); let out = GoMap()
            for k in a.dropFirst() { let ks = Conv.strval(k); if let v = m.dict[ks] { out.dict[ks] = v } }
            return .map(out)
        }
        f.add("omit", [.map], variadic: .string) { _, a in
            let m = map(a[0]); let drop = Set(a.dropFirst().map { Conv.strval($0) })
            return .map(GoMap(m.dict.filter { !drop.contains($0.key) }))
        }
        for (name, ow) in [("merge", false), ("mergeOverwrite", true), ("mustMerge", false), ("mustMergeOverwrite", true)] {
            f.add(name, [.map], variadic: .map) { _, a in
                let dst = map(a[0])
                for s in a.dropFirst() { try merge(dst, map(s), overwrite: ow) }
                return .map(dst)
            }
        }
        f.add("deepCopy", [.any]) { _, a in a[0].deepCopy() }
        f.add("mustDeepCopy", [.any]) { _, a in
            if case .null = a[0] { throw FuncError("copy: cannot copy nil") }
            return a[0].deepCopy()
        }
        f.add("dig", [.any], variadic: .any) { _, a in
            guard a.count >= 3 else { throw FuncError("dig needs at least three arguments") }
            guard case .map(let m) = a[a.count - 1], m.typeName == nil else {
                let last = a[a.count - 1]
                let t = { () -> String in if case .map(let m) = last, let n = m.typeName { return n }; return last.goTypeName }()
                throw FuncError("interface conversion: interface {} is \(t), not map[string]interface {}")
            }
            let def = a[a.count - 2]
            var cur = m
            let keys = a[0..<(a.count - 2)].map { Conv.strval($0) }
            for (i, k) in keys.enumerated() {
                guard let v = cur.dict[k] else { return def }
                if i == keys.count - 1 { return v }
                guard case .map(let next) = v else { throw FuncError("interface conversion: interface {} is \(v.goTypeName), not map[string]interface {}") }
                cur = next
            }
            return def
        }
    }
}
