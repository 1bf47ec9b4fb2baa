/// Errors with the text Go's text/template (and the functions) print.
public protocol GoError: Error {
    /// The error's text as Go's err.Error() prints it.
    var goText: String { get }
    /// The error this one wraps (%w), if any.
    var wrapped: Error? { get }
}

public extension GoError {
    /// Nothing wrapped.
    var wrapped: Error? { nil }
}

/// The text Go would print for `e`: `goText` for a GoError, the description otherwise.
public func goErrorText(_ e: Error) -> String {
    if let g = e as? GoError { return g.goText }
    return "\(e)"
}

/// A function's own failure (Go: the error result of a template function).
public struct FuncError: GoError, CustomStringConvertible {
    /// The function's own text, printed before any wrapped error.
    public let message: String
    /// The error this one wraps, printed after `message`.
    public let wrapped: Error?
    /// An error reading `message`, then the text of `wrapping` if given.
    public init(_ message: String, wrapping: Error? = nil) { self.message = message; self.wrapped = wrapping }
    /// `message` followed by the wrapped error's text.
    public var goText: String { message + (wrapped.map { goErrorText($0) } ?? "") }
    /// The same as `goText`.
    public var description: String { goText }
}

/// Helm's `fail` / `required` message (Helm marks these to print them without a trace).
public struct HelmMessageError: GoError {
    /// The text given to `fail` or `required`.
    public let message: String
    /// An error carrying `message`.
    public init(_ message: String) { self.message = message }
    /// The message between Helm's markers, which Helm's error printer strips.
    public var goText: String { "HELM_ERR_START" + message + "HELM_ERR_END" }
}

/// text/template's ExecuteTemplate on an unknown name.
public struct NoTemplateError: GoError {
    /// The template asked for.
    public let name: String
    /// The template set's name (Go names a set after its first template).
    public let owner: String
    /// Go's "no template … associated with template …" text.
    public var goText: String { "template: no template \(GoFormat.quote(name)) associated with template \(GoFormat.quote(owner))" }
}

/// An execution failure at a node: "template: LOC: executing "NAME" at <CTX>: MSG".
public struct ExecError: GoError, CustomStringConvertible {
    /// What went wrong: a message of the executor's own, or a function's error.
    public enum Cause: Sendable {
        /// The executor's own message (a nil pointer, a wrong type...).
        case message(String)
        /// A function returned an error: "error calling NAME: <inner>".
        case call(String, Error)
    }
    /// `template:line:col` of the node, when known.
    public let location: String?
    /// The template being executed.
    public let templateName: String
    /// The node's text, as Go shows it between `<` and `>`.
    public let context: String?
    /// The failure itself.
    public let cause: Cause

    /// The cause alone, without location and context.
    public var causeText: String {
        switch cause {
        case .message(let m): return m
        case .call(let name, let e): return "error calling \(name): " + goErrorText(e)
        }
    }

    /// The whole message as Go prints it.
    public var goText: String {
        guard let loc = location, let ctx = context else { return "template: \(templateName): " + causeText }
        return "template: \(loc): executing \(GoFormat.quote(templateName)) at <\(ctx)>: " + causeText
    }

    /// A function's error, for `.call` causes.
    public var wrapped: Error? {
        if case .call(_, let e) = cause { return e }
        return nil
    }

    /// The same as `goText`.
    public var description: String { goText }
}

/// A `TemplateSet.Limits` bound was hit; never wrapped by function-call errors, so it reads as one line.
public struct LimitError: GoError, CustomStringConvertible {
    /// The `Limits` field, e.g. `maxSteps`.
    public let limit: String
    /// The limit's value when it was hit.
    public let value: Int
    /// What `value` counts ("steps", "bytes", ...).
    public let unit: String
    /// `template:line:col` of the action that hit it, when known.
    public var location: String?
    /// A hit of `limit` (a field name) at `value` `unit`, optionally at `location`.
    public init(limit: String, value: Int, unit: String, location: String? = nil) {
        self.limit = limit; self.value = value; self.unit = unit; self.location = location
    }
    /// `template: LOC: exceeded the NAME limit (VALUE UNIT)`.
    public var goText: String {
        "template: " + (location.map { $0 + ": " } ?? "") + "exceeded the \(limit) limit (\(value) \(unit))"
    }
    /// The same as `goText`.
    public var description: String { goText }
}
