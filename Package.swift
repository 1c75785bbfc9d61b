// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "ThiDua",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "thidua", targets: ["thidua"]),
        .library(name: "Geography", targets: ["Geography"]),
        .library(name: "Scoring", targets: ["Scoring"]),
        .library(name: "Workflow", targets: ["Workflow"]),
        .library(name: "Storage", targets: ["Storage"]),
        .library(name: "WebApp", targets: ["WebApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Metrics: the API (already built for Hummingbird) and its Prometheus backend for /metrics.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Traces: the tracing API (already built for Hummingbird) and OpenTelemetry's exporter over
        // OTLP/HTTP only — the gRPC exporter would add gRPC to every build for nothing we need.
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // The API's server interface is generated from docs/openapi.json (scripts/generate-api.sh,
        // committed in Sources/APIContract) and served on Hummingbird's router.
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        // ZIP containers (XLSX, DOCX) read and written through zlib, which the world fuzzes.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // Only for `thidua-bench csv`: the CSV libraries our reader is measured against.
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // Pure domain modules: no I/O, no NIO.
        .target(name: "Tabular", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")], swiftSettings: swiftSettings),
        .target(name: "Geography", dependencies: ["Tabular"], swiftSettings: swiftSettings),
        .target(name: "DataFiles", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: swiftSettings),
        .target(name: "Scoring", dependencies: ["DataFiles"], swiftSettings: swiftSettings),
        .target(name: "Workflow", dependencies: ["DataFiles"], swiftSettings: swiftSettings),
        // Pure: award decisions written as DOCX, XLSX and CSV (Office Open XML in a stored ZIP).
        .target(name: "Documents", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")], swiftSettings: swiftSettings),

        // PostgreSQL through postgres-nio: migrations, repositories, accounts.
        .target(
            name: "Storage",
            dependencies: [
                "Geography",
                "Scoring",
                "Workflow",
                "Documents",
                "DataFiles",
                "Tabular",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            resources: [.copy("Demo/demo-province.csv")],
            swiftSettings: swiftSettings
        ),

        // Hummingbird application: JSON API and the reviewers' web pages.
        // Generated from docs/openapi.json: the operations, their inputs and outputs, and the
        // registration of each on a router. Never edited by hand.
        .target(
            name: "APIContract",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "WebApp",
            dependencies: [
                "APIContract",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                "Geography",
                "Scoring",
                "Workflow",
                "Storage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "OTel", package: "swift-otel"),
            ],
            resources: [.copy("Templates"), .copy("Public"), .copy("Locales")],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "thidua",
            dependencies: [
                "Geography",
                "Scoring",
                "Workflow",
                "DataFiles",
                "Documents",
                "Storage",
                "WebApp",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // `thidua-bench`: the performance targets, measured by `make bench` (release build).
        .executableTarget(
            name: "thidua-bench",
            dependencies: [
                "Scoring",
                "Workflow",
                "Storage",
                "Documents",
                "Tabular",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ],
            path: "Sources/Benchmarks",
            swiftSettings: swiftSettings
        ),

        .target(
            name: "TestSupport",
            dependencies: [
                "Storage", "Scoring", "Workflow", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        // Damage done to text files by the fuzzers; no dependencies, so the pure modules' tests
        // stay light.
        .target(name: "FuzzSupport", path: "Tests/FuzzSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "TabularTests",
            dependencies: ["Tabular", "Documents", "TestSupport", "FuzzSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ScoringTests",
            dependencies: ["Scoring", "DataFiles", "FuzzSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WorkflowTests",
            dependencies: ["Workflow", "DataFiles", "FuzzSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", "TestSupport"], swiftSettings: swiftSettings),
        // Runs the built `thidua` binary (make test builds every product first).
        .testTarget(
            name: "CommandLineTests",
            dependencies: ["TestSupport", "Storage", "Geography", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "GeographyTests", dependencies: ["Geography", "Tabular"], swiftSettings: swiftSettings),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "Geography", "Scoring", "TestSupport", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WebAppTests",
            dependencies: [
                "WebApp", "Storage", "Scoring", "TestSupport", "Tabular",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
