import SwkYAML

/// A value read from a kustomization, with where it was written (for error messages).
public struct Located<Value> {
    /// The value.
    public var value: Value
    /// Where it was written.
    public var mark: SourceMark

    /// `value` written at `mark`.
    public init(_ value: Value, mark: SourceMark = .unknown) {
        self.value = value
        self.mark = mark
    }
}

extension Located: Sendable where Value: Sendable {}
