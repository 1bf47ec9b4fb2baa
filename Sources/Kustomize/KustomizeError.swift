import SwkYAML

/// A build error that names the file (and line when known).
public struct KustomizeError: Error, CustomStringConvertible {
    public var file: String
    public var mark: SourceMark
    public var message: String

    public init(_ message: String, file: String = "", mark: SourceMark = .unknown) {
        self.message = message; self.file = file; self.mark = mark
    }

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
