// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Lantern",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lantern", targets: ["lantern"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0" ..< "5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        // TLS for the SMTP client (already in Vapor's dependency tree).
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        // Streaming HTTP client for the importer's image downloads (already in Vapor's dependency tree).
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        /// Domain rules: token policy, visibility, locale resolution, validation. No HTTP, no SQL.
        .target(
            name: "LanternCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        /// The Vapor application: storage, HTTP controllers, CLI-facing services.
        .target(
            name: "LanternServer",
            dependencies: [
                "LanternCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.embedInCode("OpenAPI/openapi.json")]
        ),
        /// The `lantern` executable: argument parsing and the entry point.
        .executableTarget(
            name: "lantern",
            dependencies: [
                "LanternCore",
                "LanternServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        /// An integrator's token generator in Swift (see examples/); CI checks Lantern accepts its tokens.
        .executableTarget(
            name: "lantern-token-example",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            path: "examples/swift"
        ),
        /// In-process token verification benchmark (run in release; see docs/benchmarks.md).
        .executableTarget(
            name: "token-benchmark",
            dependencies: ["LanternCore", .product(name: "Crypto", package: "swift-crypto")],
            path: "benchmarks/token-benchmark"
        ),
        /// libFuzzer targets for the parsers that read untrusted bytes (token, sanitiser, form, multipart); a normal build
        /// makes a driver that replays corpus files. `scripts/fuzz.sh` builds them with `-sanitize=fuzzer`.
        .executableTarget(
            name: "lantern-fuzz",
            dependencies: ["LanternCore", "LanternFuzzDriver"],
            path: "fuzz/Sources"
        ),
        /// The declaration of libFuzzer's driver, for `lantern-fuzz`.
        .target(name: "LanternFuzzDriver", path: "fuzz/Driver"),
        .testTarget(
            name: "LanternCoreTests",
            dependencies: ["LanternCore", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["MailCorpus", "Resources"]
        ),
        .testTarget(
            name: "LanternServerTests",
            dependencies: [
                "LanternServer",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Resources"]
        ),
    ]
)
