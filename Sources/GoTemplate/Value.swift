import Foundation
import SwkYAML
import Synchronization

/// A Go map[string]interface{}: a reference, because Sprig's set/unset/merge mutate in place.
public final class GoMap {
    /// The entries. Read on every field access; no code holds an access to them across another
    /// (merge copies the source first), so the run-time exclusivity check is left out.
    @usableFromInline @exclusivity(unchecked) var entries: [String: Value]
    /// Where the entries come from when they are made on first use (see `init(deferred:typeName:)`).
    @usableFromInline let deferred: DeferredEntries?
    /// The entries, made first if they are deferred.
    @inlinable public var dict: [String: Value] {
        _read {
            if let deferred { deferred.fill(self) }
            if isShared { noteRead() }
            yield entries
        }
        _modify {
            if let deferred { deferred.fill(self) }
            if isShared { noteRead() }
            yield &entries
        }
    }
    /// Backs `readerBits`.
    @usableFromInline let readers = Atomic<UInt64>(0)
    /// A named map type (chartutil.Values) instead of map[string]interface {}.
    @exclusivity(unchecked) public var typeName: String?
    /// Methods of a named map type (Helm's .Files); Go looks methods up before keys.
    @exclusivity(unchecked) public var methods: ((String) -> GoMethod?)?
    /// True while templates render side by side for every map made before they started, and for
    /// one given `setShared(true)`: set/unset/merge on such a map fail instead of changing what
    /// another thread reads (the renderer then renders that template alone). Maps a template
    /// makes while rendering are its own.
    @inlinable public var isShared: Bool { pinnedShared || born < sharingRound }
    /// The side-by-side round in which this map was made (see `beginSharing`).
    @usableFromInline let born = mapGeneration
    @usableFromInline @exclusivity(unchecked) var pinnedShared = false
    /// A map of `dict`, optionally of a named type.
    public init(_ dict: [String: Value] = [:], typeName: String? = nil) {
        entries = dict; deferred = nil; self.typeName = typeName
    }
    /// A map whose entries `make` gives when something first reads or changes them, on whichever
    /// thread that is (once: the others wait). A chart's .Files is one: most charts never read
    /// their files.
    public init(deferred make: @escaping @Sendable () -> [String: Value], typeName: String? = nil) {
        entries = [:]; deferred = DeferredEntries(make); self.typeName = typeName
    }
    /// The keys in Go's order (bytewise), as templates range over them.
    public var sortedKeys: [String] { dict.keys.sorted(by: goLess) }
    /// The value at `key`; setting nil removes it.
    public subscript(key: String) -> Value? {
        get { dict[key] }
        set { dict[key] = newValue }
    }
}

extension GoMap {
    /// Starts a round of templates rendering side by side: every map made so far is shared
    /// until `endSharing`. Call these only while no template runs. (A round costs no walk over
    /// the values: a large values tree took milliseconds to mark and unmark.)
    public static func beginSharing() {
        mapGeneration += 1
        sharingRound = mapGeneration
    }

    /// Ends the round: no map is shared but those pinned with `setShared(true)`.
    public static func endSharing() { sharingRound = 0 }

    /// Marks or unmarks this map alone as shared.
    public func setShared(_ shared: Bool) { pinnedShared = shared }

    /// The reader bits (see `MapAccessLog`) of the renders that read this map while it was shared.
    public var readerBits: UInt64 { readers.load(ordering: .relaxed) }

    @usableFromInline func noteRead() {
        guard let bit = MapAccessLog.current?.readerBit, bit != 0, readers.load(ordering: .relaxed) & bit == 0 else { return }
        _ = readers.bitwiseOr(bit, ordering: .relaxed)
    }

    /// Call before a template changes `self`: throws when it is shared between templates
    /// rendering side by side, else notes in the current log who read it (a map no render read
    /// while shared, such as a template's own dict, needs no note).
    @inline(__always) func checkWritable() throws {
        if isShared { throw FuncError("a map shared with other templates cannot change while they render side by side") }
        let readers = readerBits
        if readers != 0 { MapAccessLog.current?.noteChange(readers: readers) }
    }
}

/// The round maps made now belong to, and the side-by-side round running (0: none). Written only
/// between rounds, while no template runs; read by every template thread during one.
@usableFromInline nonisolated(unsafe) var mapGeneration: UInt32 = 1
@usableFromInline nonisolated(unsafe) var sharingRound: UInt32 = 0

/// The source of a map's entries made on first use, and whether they are made yet.
public final class DeferredEntries: @unchecked Sendable {
    @usableFromInline let filled = Atomic<Bool>(false)
    private let source: Mutex<(@Sendable () -> [String: Value])?>

    init(_ make: @escaping @Sendable () -> [String: Value]) { source = Mutex(make) }

    /// Whether the entries are made.
    public var isFilled: Bool { filled.load(ordering: .acquiring) }

    @inlinable func fill(_ map: GoMap) {
        if !filled.load(ordering: .acquiring) { fillFirst(map) }
    }

    @usableFromInline func fillFirst(_ map: GoMap) {
        source.withLock { make in
            guard let run = make else { return }
            map.entries = run()
            make = nil
            filled.store(true, ordering: .releasing)
        }
    }
}

/// Go orders strings by bytes (Swift's `<` compares normalised scalars). Compared over the UTF-8
/// buffers directly: map keys and file names are sorted with this everywhere.
public func goLess(_ a: String, _ b: String) -> Bool {
    var a = a, b = b
    return a.withUTF8 { x in b.withUTF8 { y in x.precedesInGoOrder(y) } }
}

/// A Go value with methods or fields the templates may reach (.Capabilities, .Files, semver...).
public protocol GoObject: AnyObject {
    /// Go's %T of the value.
    var goTypeName: String { get }
    /// Go's reflect kind name (kindOf).
    var goKind: String { get }
    /// The exported field `name` (`.Capabilities.KubeVersion`), nil when there is none.
    func field(_ name: String) -> Value?
    /// The method `name` (`.Files.Get`), nil when there is none; methods are looked up before fields.
    func method(_ name: String) -> GoMethod?
    /// %v rendering.
    func formatted() -> String
}

public extension GoObject {
    /// A pointer, which most of Helm's objects are.
    var goKind: String { "ptr" }
    /// No fields.
    func field(_ name: String) -> Value? { nil }
    /// No methods.
    func method(_ name: String) -> GoMethod? { nil }
}

/// A method a GoObject offers: its signature and body.
public struct GoMethod {
    /// The declared types of the fixed parameters.
    public var params: [ParamType]
    /// The element type of a trailing variadic parameter, if any.
    public var variadic: ParamType?
    /// The body.
    public var call: ([Value]) throws -> Value
    /// A method of that signature.
    public init(params: [ParamType] = [], variadic: ParamType? = nil, call: @escaping ([Value]) throws -> Value) {
        self.params = params; self.variadic = variadic; self.call = call
    }
}

/// A time.Time: the instant plus the zone it prints in.
public struct GoTime {
    /// The instant.
    public var date: Date
    /// The zone it is shown in.
    public var zone: TimeZone
    /// The time `date` shown in `zone`.
    public init(date: Date, zone: TimeZone) { self.date = date; self.zone = zone }
}

/// A value as a Helm template sees it (Go interface{} holding one of these types).
public enum Value {
    /// Go's nil.
    case null
    /// A bool.
    case bool(Bool)
    /// An int (`len`, `add`, `int`...; numbers read from YAML are floats, as in Helm).
    case int(Int)
    /// An int64 (`int64`, `--set` numbers, semver parts).
    case int64(Int64)
    /// A float64 (every number read from values, YAML or JSON).
    case float(Double)
    /// A string.
    case string(String)
    /// A []interface{}.
    case list([Value])
    /// A Go []string (splitList, keys, sortAlpha...): prints like a list, different %T.
    case strings([String])
    /// A map[string]interface{}, by reference.
    case map(GoMap)
    /// A []byte (`.Files.GetBytes`).
    case bytes([UInt8])
    /// A time.Time (`now`, `toDate`).
    case time(GoTime)
    /// A time.Duration in nanoseconds.
    case duration(Int64)
    /// Any other Go value with fields or methods.
    case object(GoObject)

    /// A map value of `d`.
    public static func dict(_ d: [String: Value]) -> Value { .map(GoMap(d)) }

    /// Whether this is Go's nil.
    public var isNull: Bool { if case .null = self { return true }; return false }

    /// Go's %T.
    public var goTypeName: String {
        switch self {
        case .null: return "<nil>"
        case .bool: return "bool"
        case .int: return "int"
        case .int64: return "int64"
        case .float: return "float64"
        case .string: return "string"
        case .list: return "[]interface {}"
        case .strings: return "[]string"
        case .map(let m): return m.typeName ?? "map[string]interface {}"
        case .bytes: return "[]uint8"
        case .time: return "time.Time"
        case .duration: return "time.Duration"
        case .object(let o): return o.goTypeName
        }
    }

    /// reflect.Kind name, as Sprig's kindOf prints it.
    public var goKind: String {
        switch self {
        case .null: return "invalid"
        case .bool: return "bool"
        case .int: return "int"
        case .int64, .duration: return "int64"
        case .float: return "float64"
        case .string: return "string"
        case .list, .strings, .bytes: return "slice"
        case .map: return "map"
        case .time: return "struct"
        case .object(let o): return o.goKind
        }
    }

    /// Go template truth: non-zero, non-empty, non-nil.
    public var truth: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .int64(let i): return i != 0
        case .duration(let i): return i != 0
        case .float(let f): return f != 0
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .strings(let l): return !l.isEmpty
        case .map(let m): return !m.dict.isEmpty
        case .bytes(let b): return !b.isEmpty
        case .time, .object: return true
        }
    }

    /// Sprig's `empty`: like falsiness (structs are never empty).
    public var isEmpty: Bool { !truth }

    /// Items of any list kind.
    public var listItems: [Value]? {
        switch self {
        case .list(let l): return l
        case .strings(let s): return s.map { .string($0) }
        case .bytes(let b): return b.map { .int(Int($0)) }
        default: return nil
        }
    }

    /// The string, for a string value.
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }

    /// Deep copy (maps are references). A cyclic or too deep value comes back as it is.
    public func deepCopy() -> Value {
        ValueBounds.exceeded(self) ? self : copied()
    }

    func copied() -> Value {
        switch self {
        case .map(let m):
            var d = [String: Value](minimumCapacity: m.dict.count)
            for (k, v) in m.dict { d[k] = v.copied() }
            return .map(GoMap(d))
        case .list(let l): return .list(l.map { $0.copied() })
        default: return self
        }
    }
}

/// Numeric view of a value for math and comparisons.
enum NumberKind { case int(Int64), float(Double) }
