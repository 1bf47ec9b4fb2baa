import SwkYAML

/// A value read from a kustomization, with where it was written (for error messages).
public struct Located<Value> {
    public var value: Value
    public var mark: SourceMark

    public init(_ value: Value, mark: SourceMark = .unknown) {
        self.value = value
        self.mark = mark
    }
}

extension Located: Sendable where Value: Sendable {}
