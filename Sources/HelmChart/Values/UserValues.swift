import Foundation
import GoTemplate

/// What the command line says about values (helm's values.Options.MergeValues): files in order,
/// then --set-json, --set, --set-string, --set-file, --set-literal, whatever their order on the line.
enum UserValues {
    static func merge(_ o: ReleaseOptions) throws -> GoMap {
        var base = GoMap()
        for f in o.valuesFiles {
            let text = try readFile(f)
            guard case .map(let m) = try Values.parse(text, file: f) else { continue }
            base = mergeMaps(base, m)
        }
        for v in o.setJSON {
            let t = FastString.trimSpace(v)
            if t.hasPrefix("{") {
                guard case .map(let m)? = try? GoJSON.unmarshal(t) else {
                    throw ChartError("failed parsing --set-json data JSON: \(v)")
                }
                base = mergeMaps(base, m)
            } else {
                do { try SetParser.parse(v, into: base, mode: .json) }
                catch { throw ChartError("failed parsing --set-json data \(v)") }
            }
        }
        for v in o.set {
            do { try SetParser.parse(v, into: base, mode: .typed) }
            catch let e as SetParser.Failure { throw ChartError("failed parsing --set data: \(e.message)") }
        }
        for v in o.setString {
            do { try SetParser.parse(v, into: base, mode: .string) }
            catch let e as SetParser.Failure { throw ChartError("failed parsing --set-string data: \(e.message)") }
        }
        for v in o.setFile {
            do { try SetParser.parse(v, into: base, mode: .file) }
            catch let e as SetParser.Failure { throw ChartError("failed parsing --set-file data: \(e.message)") }
        }
        for v in o.setLiteral {
            do { try SetParser.parseLiteral(v, into: base) }
            catch let e as SetParser.Failure { throw ChartError("failed parsing --set-literal data: \(e.message)") }
        }
        return base
    }

    /// `-` reads standard input.
    static func readFile(_ path: String) throws -> String {
        if FastString.trimSpace(path) == "-" {
            return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        guard let d = FileManager.default.contents(atPath: path) else {
            throw ChartError("open \(path): no such file or directory")
        }
        return String(decoding: d, as: UTF8.self)
    }

    /// loader.MergeMaps: b wins, maps merge, nulls are kept.
    static func mergeMaps(_ a: GoMap, _ b: GoMap) -> GoMap {
        let out = GoMap(a.dict)
        for (k, v) in b.dict {
            if case .map(let bm) = v, case .map(let am)? = out.dict[k] {
                out.dict[k] = .map(mergeMaps(am, bm))
            } else {
                out.dict[k] = v
            }
        }
        return out
    }
}
