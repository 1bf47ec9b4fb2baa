import Foundation

extension UnsafeBufferPointer<UInt8> {
    /// The position of the first `byte` at or after `start`, found with memchr (the scans over
    /// large rendered outputs: line ends, document separators, `<no value>`), or nil.
    package func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard start < count, let base = baseAddress, let hit = memchr(base + start, Int32(byte), count - start) else {
            return nil
        }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Go's string `<`: byte by byte, a prefix before the longer text (chart file order,
    /// kustomize's sort keys).
    @inlinable package func precedesInGoOrder(_ other: UnsafeBufferPointer<UInt8>) -> Bool {
        let shared = Swift.min(count, other.count)
        if shared > 0, let a = baseAddress, let b = other.baseAddress {
            let c = memcmp(a, b, shared)
            if c != 0 { return c < 0 }
        }
        return count < other.count
    }
}

extension String {
    /// Whether `needle` occurs in the text, byte for byte (the standard library's generic
    /// `firstRange(of:)` costs tens of thousands of instructions per call).
    package func containsBytes(_ needle: String) -> Bool {
        var text = self, needle = needle
        return text.withUTF8 { hay in
            needle.withUTF8 { pin in
                guard let first = pin.first else { return true }
                var from = 0
                while let at = hay.firstIndex(of: first, from: from), at + pin.count <= hay.count {
                    if memcmp(hay.baseAddress! + at, pin.baseAddress!, pin.count) == 0 { return true }
                    from = at + 1
                }
                return false
            }
        }
    }

    /// The text without `_` (Go's digit separators); the string itself when it has none.
    package var removingUnderscores: String {
        utf8.contains(UInt8(ascii: "_")) ? String(decoding: utf8.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self) : self
    }
}
