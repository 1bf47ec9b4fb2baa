import Foundation
import Synchronization

/// What one template render does to maps, noted on its thread: rendering side by side with
/// others it notes the shared maps it reads (its bit in each map's readers); rendering alone it
/// notes the maps it changes. The renderer then keeps a side-by-side result unless a template
/// before it in Helm's order changed a map it read.
public final class MapAccessLog {
    /// This render's bit in the readers of the shared maps it reads.
    public let readerBit: UInt64
    /// The reader bits of the maps changed: the renders side by side that read what changed.
    public private(set) var changedReaders: UInt64 = 0

    /// A log marking reads with `readerBit` (0 for a render whose reads do not matter).
    public init(readerBit: UInt64) { self.readerBit = readerBit }

    /// Runs `body` with this log as the current thread's.
    public func during<T>(_ body: () throws -> T) rethrows -> T {
        let previous = pthread_getspecific(Self.key)
        pthread_setspecific(Self.key, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(Self.key, previous) }
        return try body()
    }

    /// The current thread's log, if a renderer set one.
    @usableFromInline static var current: MapAccessLog? {
        pthread_getspecific(key).map { Unmanaged<MapAccessLog>.fromOpaque($0).takeUnretainedValue() }
    }

    func noteChange(readers: UInt64) { changedReaders |= readers }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
}
