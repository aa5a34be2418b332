// swift-tools-version: 6.1
import PackageDescription

// The import's row loop (CSV reader, field rules, COPY encoder) mutates a few objects' state
// for every field; in release builds the run-time exclusivity checks of those accesses cost
// about a tenth of an import. Debug builds (and so the tests) keep them.
let hotPathSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Periksa",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "periksa", targets: ["periksa"]),
        .library(name: "Postgres", targets: ["Postgres"]),
        .library(name: "Compliance", targets: ["Compliance"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // libpq, as a system library. Only `Postgres` imports it.
        .systemLibrary(
            name: "CPostgres",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        // The Swift API over libpq: connections, bound parameters, rows, COPY, transactions.
        .target(
            name: "Postgres",
            dependencies: [
                "CPostgres",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: hotPathSettings
        ),
        // The SQL files (migrations, rules, views), shipped as resources.
        .target(
            name: "SQLFiles",
            path: "SQL",
            resources: [.copy("migrations"), .copy("rules"), .copy("queries"), .copy("views"), .copy("citus")]
        ),
        // The domain: the managed local cluster, migrations, ingestion, audit.
        .target(
            name: "Compliance",
            dependencies: [
                "Postgres",
                "SQLFiles",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: hotPathSettings
        ),
        // The report templates and stylesheet (Reports/), shipped as resources.
        .target(
            name: "ReportTemplates",
            path: "Reports",
            resources: [.copy("templates")]
        ),
        // Pure renderers for inspectors and managers: figures in, HTML and Markdown out.
        .target(
            name: "Reports",
            dependencies: [
                "Compliance", "ReportTemplates",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The web app: routes, sessions, CSRF, over Compliance and Reports.
        .target(
            name: "PeriksaWeb",
            dependencies: [
                "Compliance", "Reports", "Postgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Synthetic data and the reference implementation of the rules (the test oracle).
        .target(name: "Synthetic"),
        .executableTarget(
            name: "periksa",
            dependencies: [
                "Compliance",
                "SQLFiles",
                "Reports",
                "Synthetic",
                "Postgres",
                "PeriksaWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The fuzzing harnesses and their runner (docs/reliability.md; `make fuzz`).
        .target(
            name: "FuzzHarness",
            dependencies: ["Compliance", "PeriksaWeb", .product(name: "Hummingbird", package: "hummingbird")]
        ),
        .executableTarget(name: "periksa-fuzz", dependencies: ["FuzzHarness"]),
        .executableTarget(
            name: "periksa-bench",
            dependencies: [
                "Postgres", "Compliance",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/periksa-bench"
        ),
        .testTarget(
            name: "PostgresTests",
            dependencies: ["Postgres", "TestSupport"]
        ),
        .testTarget(
            name: "ComplianceTests",
            dependencies: ["Compliance", "Postgres", "TestSupport"]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Compliance", "Synthetic", "Postgres", "TestSupport", "periksa"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "SyntheticTests",
            dependencies: ["Synthetic", "Compliance", "Postgres", "TestSupport", "periksa"],
            exclude: ["Reference"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["periksa", "Compliance", "Postgres", "Synthetic", "TestSupport", "FuzzHarness"]
        ),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "PeriksaWeb", "Compliance", "Postgres", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["Postgres"],
            path: "Tests/TestSupport"
        ),
    ]
)
