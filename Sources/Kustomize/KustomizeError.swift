import SwkYAML

/// A build error that names the file (and line when known).
public struct KustomizeError: Error, CustomStringConvertible {
    /// The file the error is in; empty when it is not about one file.
    public var file: String
    /// Where in `file`, when known.
    public var mark: SourceMark
    /// The message, without the location.
    public var message: String

    /// An error with `message`, optionally placed in `file` at `mark`.
    public init(_ message: String, file: String = "", mark: SourceMark = .unknown) {
        self.message = message; self.file = file; self.mark = mark
    }

    /// `file:line:col: message`, `file: message` or the message alone, as far as the location is known.
    public var description: String {
        if file.isEmpty { return message }
        return mark.line > 0 ? "\(file):\(mark.line):\(mark.column): \(message)" : "\(file): \(message)"
    }
}

extension KustomizeError {
    init(_ error: YAMLError) {
        self.init(error.message, file: error.file, mark: error.mark)
    }
}
