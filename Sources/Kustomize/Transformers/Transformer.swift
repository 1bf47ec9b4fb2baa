/// One step of a kustomization's build: edits the resources in place.
public protocol Transformer {
    /// Applies the step to every resource of the map, in place.
    func transform(_ resources: ResourceMap) throws
}
