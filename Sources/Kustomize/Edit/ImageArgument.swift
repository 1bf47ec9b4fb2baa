/// One `edit set image` argument: `NAME[=NEWNAME][:TAG][@DIGEST]`; `*` as a new name, tag or
/// digest keeps the value already in the kustomization.
public struct ImageArgument: Equatable, Sendable {
    /// The image to match.
    public var name = ""
    /// The new name; empty leaves it, `*` keeps the one already set.
    public var newName = ""
    /// The new tag; empty leaves it, `*` keeps the one already set.
    public var newTag = ""
    /// The digest; empty leaves it, `*` keeps the one already set.
    public var digest = ""

    /// The placeholder that keeps a value already in the kustomization.
    public static let keep = "*"

    /// kustomize's message for an argument of none of the forms.
    public static let formatHelp = """
        invalid format of image, use one of the following options:
        - <image>=<newimage>:<newtag>
        - <image>=<newimage>@<digest>
        - <image>=<newimage>:<newtag>@<digest>
        - <image>=<newimage>
        - <image>:<newtag>
        - <image>:<newtag>@<digest>
        - <image>@<digest>
        """

    /// An argument of these parts.
    public init(name: String, newName: String = "", newTag: String = "", digest: String = "") {
        self.name = name; self.newName = newName; self.newTag = newTag; self.digest = digest
    }

    /// Reads `NAME[=NEWNAME][:TAG][@DIGEST]`; throws `formatHelp` for other text.
    public init(parsing arg: String) throws {
        let key: String?, value: String
        if let eq = arg.firstIndex(of: "=") {
            key = String(arg[..<eq]); value = String(arg[arg.index(after: eq)...])
        } else {
            key = nil; value = arg
        }
        let (image, tag, digest) = Self.split(value)
        // A bare name says nothing to set.
        if image == arg { throw KustomizeError(Self.formatHelp) }
        self.newTag = tag
        self.digest = digest
        if let key { name = key; newName = image } else { name = image }
    }

    /// `name[:tag][@digest]`; a `:` before the first `/` belongs to a registry host, not a tag.
    public static func split(_ s: String) -> (name: String, tag: String, digest: String) {
        let chars = Array(s)
        let slash = chars.firstIndex(of: "/").flatMap { $0 > 0 ? $0 : nil } ?? 0
        let at = chars[slash...].firstIndex(of: "@"), colon = chars[slash...].firstIndex(of: ":")
        if let a = at, a < (colon ?? Int.max) {
            return (String(chars[..<a]), "", String(chars[(a + 1)...]))
        }
        guard let c = colon else { return (s, "", "") }
        if let a = at { return (String(chars[..<c]), String(chars[(c + 1)..<a]), String(chars[(a + 1)...])) }
        return (String(chars[..<c]), String(chars[(c + 1)...]), "")
    }
}
