import SwkYAML

/// A deprecated `vars:` entry: the value at `fieldPath` of the object `objref` names, substituted for
/// `$(NAME)` in the varReference fields of every resource.
public struct Var: Sendable {
    /// The name referred to as `$(NAME)`.
    public var name: String
    /// Group, version, kind, name and namespace of the object; empty parts match anything.
    public var objref: PatchTarget
    /// The field of the object whose value is substituted.
    public var fieldPath = "metadata.name"
    /// The kustomization file that declared it.
    public var file = ""
    /// Where it is declared.
    public var mark: SourceMark = .unknown
}

extension KustomizationParser.Context {
    func variable(_ v: YAMLNode) throws -> Var {
        let f = try fields(v, ["name", "objref", "fieldref"], "vars")
        let name = try f["name"].map { try string($0, "vars.name") } ?? ""
        if name.isEmpty { throw fail(v, "vars: a var needs a name") }
        guard let ref = f["objref"], !ref.isNull else { throw fail(v, "vars: var '\(name)' needs an objref") }
        let o = try fields(ref, ["apiVersion", "group", "version", "kind", "name", "namespace"], "vars.objref")
        func text(_ key: String) throws -> String { try o[key].map { try string($0, "vars.objref.\(key)") } ?? "" }
        var target = PatchTarget()
        let apiVersion = try text("apiVersion")
        if !apiVersion.isEmpty {
            let gvk = GVK(apiVersion: apiVersion, kind: "")
            target.group = gvk.group; target.version = gvk.version
        } else {
            target.group = try text("group"); target.version = try text("version")
        }
        target.kind = try text("kind"); target.name = try text("name"); target.namespace = try text("namespace")
        var result = Var(name: name, objref: target, file: file, mark: v.mark)
        if let fieldref = f["fieldref"], !fieldref.isNull {
            let fr = try fields(fieldref, ["fieldPath"], "vars.fieldref")
            if let path = fr["fieldPath"], !path.isNull, !(try string(path, "fieldPath")).isEmpty { result.fieldPath = path.text }
        }
        return result
    }
}
