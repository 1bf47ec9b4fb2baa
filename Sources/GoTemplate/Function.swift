import SwkYAML

/// Go parameter types a template function declares; arguments are checked like reflect does.
public enum ParamType {
    /// interface{}, string, int, int64, float64, bool, map[string]interface{}, []interface{} and []string.
    case any, string, int, int64, float, bool, map, list, stringList

    var goName: String {
        switch self {
        case .any: return "interface {}"
        case .string: return "string"
        case .int: return "int"
        case .int64: return "int64"
        case .float: return "float64"
        case .bool: return "bool"
        case .map: return "map[string]interface {}"
        case .list: return "[]interface {}"
        case .stringList: return "[]string"
        }
    }

    var canBeNil: Bool {
        switch self {
        case .any, .map, .list, .stringList: return true
        default: return false
        }
    }

    /// Whether a value of this dynamic type is assignable.
    func accepts(_ v: Value) -> Bool {
        switch (self, v) {
        case (.any, _): return true
        case (.string, .string), (.int, .int), (.int64, .int64), (.float, .float), (.bool, .bool),
             (.map, .map), (.list, .list), (.stringList, .strings): return true
        default: return false
        }
    }
}

/// A function's body: the running template's context and the checked arguments in, a value or an error out.
public typealias FuncImpl = (CallContext, [Value]) throws -> Value

/// A template function: Go signature plus implementation.
public struct Function {
    /// The declared types of the fixed parameters.
    public var params: [ParamType]
    /// The element type of a trailing variadic parameter, if any.
    public var variadic: ParamType?
    /// The implementation.
    public var impl: FuncImpl
    /// A function taking `params` (then any number of `variadic`) and running `impl`.
    public init(_ params: [ParamType], variadic: ParamType? = nil, _ impl: @escaping FuncImpl) {
        self.params = params; self.variadic = variadic; self.impl = impl
    }
}

/// What a function may reach of the running template: Helm's include/tpl need it.
public protocol CallContext: AnyObject {
    /// The template set running, for functions that parse or look up templates.
    var templates: TemplateSet { get }
    /// Renders a named template with `data` into a string (include).
    func render(name: String, data: Value) throws -> String
    /// Per-render storage for Helm functions (include recursion counts...).
    var userInfo: [String: Any] { get set }
    /// Registers (or counts) work to bound runaway templates.
    func charge(_ units: Int) throws
    /// Runs a template of another set (tpl's clone) within this execution's budget and depth.
    func renderNested(_ set: TemplateSet, name: String, data: Value) throws -> String
    /// The same for a tree already parsed.
    func renderNested(_ set: TemplateSet, tree: Tree, data: Value) throws -> String
    /// The regex work left to this execution (`Limits.maxRegexSteps`), shared by nested renders.
    var regexBudget: BoundedRegex.Budget { get }
}

extension CallContext {
    /// A context of another kind gets a fresh budget per call.
    public var regexBudget: BoundedRegex.Budget { BoundedRegex.Budget(steps: templates.limits.maxRegexSteps) }
}

/// Helpers functions use to read arguments.
public enum Args {
    /// A value as a string argument: a string as is, nil as empty, anything else as %v prints it.
    public static func string(_ v: Value) -> String {
        switch v {
        case .string(let s): return s
        case .null: return ""
        default: return GoFormat.v(v)
        }
    }
}
