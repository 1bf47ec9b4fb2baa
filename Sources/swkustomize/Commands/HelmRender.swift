import HelmChart

/// `helm template`'s stream for a chart, rendered on a large stack.
enum HelmRender {
    static func run(chartDir: String, options: ReleaseOptions) throws -> String {
        try LargeStack.run { try HelmTemplate.run(chartDir: chartDir, options: options) }
    }
}
