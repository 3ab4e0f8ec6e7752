// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ansinh",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ansinh", targets: ["ansinh"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // Pure domain: no Vapor, no Fluent, no clock or random source of its own.
        .target(name: "AnsinhCore", resources: [.copy("Resources")]),
        // Fluent models, migrations, repositories, audit writer.
        .target(
            name: "AnsinhStore",
            dependencies: [
                "AnsinhCore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ], resources: [.copy("Resources")]),
        // Vapor app: configuration, routes, controllers, Plot pages, API.
        .target(
            name: "AnsinhWeb",
            dependencies: [
                "AnsinhStore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                // The outbox's SMTP client.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ], resources: [.copy("Resources")]),
        // Benchmarks (`ansinh bench`): never in the web library, never in CI.
        .target(
            name: "AnsinhBench",
            dependencies: [
                "AnsinhWeb",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            ]),
        .executableTarget(
            name: "ansinh",
            dependencies: [
                "AnsinhWeb", "AnsinhBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Fixtures and helpers for tests and benchmarks only.
        .target(
            name: "AnsinhTestSupport",
            dependencies: [
                "AnsinhWeb",
                .product(name: "VaporTesting", package: "vapor"),
            ]),
        .testTarget(name: "AnsinhCoreTests", dependencies: ["AnsinhCore"]),
        .testTarget(
            name: "AnsinhWebTests",
            dependencies: [
                "AnsinhWeb", "AnsinhTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
    ]
)
