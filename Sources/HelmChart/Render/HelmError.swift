import GoTemplate

/// Helm's rendering of template errors (engine.reformatExecErrorMsg / cleanupParseError).
public enum HelmErrorText {
    /// A template parse error as Helm prints it: `parse error at (LOC): MSG`.
    public static func parse(_ e: ParseError) -> String {
        // cleanupParseError keeps the location and the last ": "-separated part.
        let parts = e.description.components(separatedBy: ": ")
        guard parts.count > 1 else { return "parse error in (\(e.parseName)): \(e.description)" }
        return "parse error at (\(parts[1])): \(parts[parts.count - 1])"
    }

    /// An execution error as Helm's reformatExecErrorMsg prints it.
    public static func exec(_ e: ExecError) -> String {
        if let msg = helmMessage(e) { return "execution error at (\(e.location ?? e.templateName)): \(msg)" }
        if traceable(e) { return trace(e) }
        return e.goText
    }

    static func helmMessage(_ e: Error) -> String? {
        if let h = e as? HelmMessageError { return h.message }
        if let g = e as? GoError, let w = g.wrapped { return helmMessage(w) }
        return nil
    }

    static func traceable(_ e: ExecError) -> Bool {
        switch e.cause {
        case .message: return e.location != nil
        case .call(_, let inner):
            if let x = inner as? ExecError { return e.location != nil && traceable(x) }
            return inner is NoTemplateError
        }
    }

    static func trace(_ e: ExecError) -> String {
        let head = "\(e.location ?? "")\n  executing \(GoFormat.quote(e.templateName)) at <\(e.context ?? "")>:\n    "
        switch e.cause {
        case .message(let m): return head + m
        case .call(let fn, let inner):
            if let x = inner as? ExecError { return head + "error calling \(fn):\n" + trace(x) }
            return head + "error calling \(fn):\n" + goErrorText(inner)
        }
    }

    /// Any error of a render as the `helm template` CLI prints it after `Error: `.
    public static func describe(_ e: Error) -> String {
        if let p = e as? ParseError { return parse(p) }
        if let x = e as? ExecError { return exec(x) }
        if let g = e as? GoError { return g.goText }
        return "\(e)"
    }
}
