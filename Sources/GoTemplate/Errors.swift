/// Errors with the text Go's text/template (and the functions) print.
public protocol GoError: Error {
    /// The error's text as Go's err.Error() prints it.
    var goText: String { get }
    /// The error this one wraps (%w), if any.
    var wrapped: Error? { get }
}

public extension GoError {
    var wrapped: Error? { nil }
}

public func goErrorText(_ e: Error) -> String {
    if let g = e as? GoError { return g.goText }
    return "\(e)"
}

/// A function's own failure (Go: the error result of a template function).
public struct FuncError: GoError, CustomStringConvertible {
    public let message: String
    public let wrapped: Error?
    public init(_ message: String, wrapping: Error? = nil) { self.message = message; self.wrapped = wrapping }
    public var goText: String { message + (wrapped.map { goErrorText($0) } ?? "") }
    public var description: String { goText }
}

/// Helm's `fail` / `required` message (Helm marks these to print them without a trace).
public struct HelmMessageError: GoError {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var goText: String { "HELM_ERR_START" + message + "HELM_ERR_END" }
}

/// text/template's ExecuteTemplate on an unknown name.
public struct NoTemplateError: GoError {
    public let name: String
    public let owner: String
    public var goText: String { "template: no template \(GoFormat.quote(name)) associated with template \(GoFormat.quote(owner))" }
}

/// An execution failure at a node: "template: LOC: executing "NAME" at <CTX>: MSG".
public struct ExecError: GoError, CustomStringConvertible {
    public enum Cause: Sendable {
        case message(String)
        /// A function returned an error: "error calling NAME: <inner>".
        case call(String, Error)
    }
    public let location: String?
    public let templateName: String
    public let context: String?
    public let cause: Cause

    public var causeText: String {
        switch cause {
        case .message(let m): return m
        case .call(let name, let e): return "error calling \(name): " + goErrorText(e)
        }
    }

    public var goText: String {
        guard let loc = location, let ctx = context else { return "template: \(templateName): " + causeText }
        return "template: \(loc): executing \(GoFormat.quote(templateName)) at <\(ctx)>: " + causeText
    }

    public var wrapped: Error? {
        if case .call(_, let e) = cause { return e }
        return nil
    }

    public var description: String { goText }
}

/// A `TemplateSet.Limits` bound was hit; never wrapped by function-call errors, so it reads as one line.
public struct LimitError: GoError, CustomStringConvertible {
    /// The `Limits` field, e.g. `maxSteps`.
    public let limit: String
    public let value: Int
    /// What `value` counts ("steps", "bytes", ...).
    public let unit: String
    /// `template:line:col` of the action that hit it, when known.
    public var location: String?
    public init(limit: String, value: Int, unit: String, location: String? = nil) {
        self.limit = limit; self.value = value; self.unit = unit; self.location = location
    }
    public var goText: String {
        "template: " + (location.map { $0 + ": " } ?? "") + "exceeded the \(limit) limit (\(value) \(unit))"
    }
    public var description: String { goText }
}
