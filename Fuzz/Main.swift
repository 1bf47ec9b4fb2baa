// libFuzzer entry point for every swkustomize fuzz target. One binary holds all targets (one link,
// one instrumented copy of the libraries); SWK_FUZZ_TARGET picks the one a run exercises.
// Built only by scripts/fuzz, never by `swift build`.
import Foundation

/// Each target takes the raw input and must neither trap nor hang; errors thrown are fine.
let targets: [String: ([UInt8]) -> Void] = [
    "yaml": FuzzYAML.run,
    "kustomization": FuzzKustomization.run,
    "smp": FuzzPatches.strategicMerge,
    "jsonpatch": FuzzPatches.jsonPatch,
    "template": FuzzTemplate.run,
    "set": FuzzSet.run,
    "build": FuzzBuild.run,
]

nonisolated(unsafe) var selected: (([UInt8]) -> Void)?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> CInt {
    let name = ProcessInfo.processInfo.environment["SWK_FUZZ_TARGET"] ?? ""
    guard let t = targets[name] else {
        let known = targets.keys.sorted().joined(separator: ", ")
        FileHandle.standardError.write(Data("SWK_FUZZ_TARGET must be one of: \(known)\n".utf8))
        exit(2)
    }
    selected = t
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, let run = selected else { return 0 }
    run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// Inputs holding several parts (a document and a patch, files of a tree) separate them with NUL.
func splitParts(_ bytes: [UInt8], max: Int) -> [String] {
    bytes.split(separator: 0, maxSplits: max - 1, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
}

/// A failed invariant: trap so libFuzzer records the input.
func check(_ ok: Bool, _ message: @autoclosure () -> String) {
    if !ok {
        FileHandle.standardError.write(Data("invariant failed: \(message())\n".utf8))
        abort()
    }
}
