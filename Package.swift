// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swkustomize",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "swkustomize", targets: ["swkustomize"]),
        .library(name: "Kustomize", targets: ["Kustomize"]),
        .library(name: "GoTemplate", targets: ["GoTemplate"]),
        .library(name: "HelmChart", targets: ["HelmChart"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
    ],
    targets: [
        // libyaml (Debian's libyaml-dev) as a system library.
        .systemLibrary(name: "CLibYAML", path: "Sources/CLibYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),
        // YAML node model, parser with source positions, kustomize-exact emitter.
        // BoundedRegex calls ICU, which Foundation brings on Linux, directly.
        .target(name: "SwkYAML", dependencies: ["CLibYAML"], linkerSettings: [.linkedLibrary("_FoundationICU")]),
        // The kustomize engine: kustomization model, loader, generators, transformers.
        .target(name: "Kustomize", dependencies: [
            "SwkYAML", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Go text/template with the Sprig and Helm function library.
        .target(name: "GoTemplate", dependencies: [
            "SwkYAML", .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "X509", package: "swift-certificates"),
        ]),
        // Helm chart rendering on top of GoTemplate.
        .target(name: "HelmChart", dependencies: ["GoTemplate", "SwkYAML"]),
        // kustomize's helmCharts: rendered by HelmChart (Kustomize itself has no Helm code).
        .target(name: "KustomizeHelm", dependencies: ["Kustomize", "HelmChart"]),
        .executableTarget(name: "swkustomize", dependencies: [
            "Kustomize", "HelmChart", "KustomizeHelm",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "SwkYAMLTests", dependencies: ["SwkYAML"]),
        .testTarget(name: "KustomizeTests", dependencies: ["Kustomize", "SwkYAML"]),
        .testTarget(name: "GoTemplateTests", dependencies: ["GoTemplate", "HelmChart"]),
        .testTarget(name: "CLITests", dependencies: ["swkustomize", "SwkYAML"]),
        .testTarget(name: "HelmChartTests", dependencies: ["HelmChart", "GoTemplate"]),
        // Only the public surface, as another package sees it (no @testable imports).
        .testTarget(name: "PublicAPITests", dependencies: ["Kustomize", "HelmChart", "GoTemplate"]),
    ]
)
