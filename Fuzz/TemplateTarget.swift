import GoTemplate
@testable import HelmChart

/// A random template (and the partials it defines) over a fixed values tree, with Helm's functions
/// and tight limits so that each input stays fast.
enum FuzzTemplate {
    static let values: Value = {
        let yaml = """
        replicaCount: 2
        image: {repository: nginx, tag: "1.25", pullPolicy: IfNotPresent}
        labels: {app: web, tier: front}
        ports: [80, 443, 8080]
        names: [a, b, c]
        nested: {list: [{name: x, value: 1}, {name: y, value: 2.5}], flag: true, empty: {}, none: null}
        text: "line one\\nline two"
        big: 12345678901234567890
        """
        let v = (try? Values.parse(yaml, file: "values.yaml")) ?? .null
        return .map(GoMap(["Values": v, "Release": .map(GoMap(["Name": .string("rel"), "Namespace": .string("ns")])),
                           "Chart": .map(GoMap(["Name": .string("fn"), "Version": .string("1.0.0")]))]))
    }()

    static func run(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        let set = TemplateSet(funcs: HelmFunctions.table(counter: HelmFunctions.IncludeCounter()))
        set.limits.maxSteps = 200_000
        set.limits.maxOutputBytes = 1 << 20
        guard (try? set.parse(name: "fn/templates/case.yaml", text: text)) != nil else { return }
        _ = try? set.execute(name: "fn/templates/case.yaml", data: values)
    }
}
