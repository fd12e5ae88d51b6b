// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "surge",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "surge", targets: ["surge"]),
        .library(name: "SurgeCore", targets: ["SurgeCore"]),
        .library(name: "SurgeStore", targets: ["SurgeStore"]),
        .library(name: "SurgeHTTP", targets: ["SurgeHTTP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        // Prometheus text for /metrics from swift-metrics; small (metrics + atomics, both already in the graph).
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // YAML scenario files for `surge simulate`: node marks give the line of every field for errors.
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        // Domain model and solver: pure Swift, no I/O, no clock.
        .target(name: "SurgeCore", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(
            name: "SurgeStore",
            dependencies: [
                "SurgeCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "SurgeHTTP",
            dependencies: [
                "SurgeCore",
                "SurgeStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
            ]
        ),
        .executableTarget(
            name: "surge",
            dependencies: [
                "SurgeCore",
                "SurgeStore",
                "SurgeHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
            ]
        ),
        // A throwaway PostgreSQL for tests: migrate once into a template, clone it per test.
        .target(
            name: "SurgeTestSupport",
            dependencies: [
                "SurgeStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/SurgeTestSupport"
        ),
        .testTarget(name: "SurgeCoreTests", dependencies: ["SurgeCore"]),
        .testTarget(
            name: "SurgeStoreTests",
            dependencies: [
                "SurgeCore", "SurgeStore", "SurgeTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SurgeHTTPTests",
            dependencies: [
                "SurgeCore", "SurgeStore", "SurgeHTTP", "SurgeTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
