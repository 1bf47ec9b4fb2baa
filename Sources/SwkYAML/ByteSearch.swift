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
}

extension String {
    /// The text without `_` (Go's digit separators); the string itself when it has none.
    package var removingUnderscores: String {
        utf8.contains(UInt8(ascii: "_")) ? String(decoding: utf8.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self) : self
    }
}
