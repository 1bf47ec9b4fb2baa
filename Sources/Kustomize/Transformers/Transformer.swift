/// One step of a kustomization's build: edits the resources in place.
public protocol Transformer {
    func transform(_ resources: ResourceMap) throws
}
