// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "plp-ledger",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "plp-ledger", targets: ["plp-ledger"]),
        .library(name: "PLPEvents", targets: ["PLPEvents"]),
        .library(name: "PLPProjections", targets: ["PLPProjections"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // The CLI's last line of defence: a signal from a damaged file or a bug becomes one sentence and exit 1.
        .target(name: "CFaultGuard"),
        // The LMDB wrapper: the only code that touches LMDB's C API; it knows nothing of the ledger.
        .target(
            name: "LMDBKit",
            dependencies: ["CLMDB"]
        ),
        // JSON at the edges: a strict pull parser and an RFC 8785 (canonical) writer; no event type.
        .target(name: "PLPJSON"),
        // SHA-256 of RFC 6962 leaves and nodes on the CPU's SHA extensions, one call per hash (the hot path of
        // verify, export and admission); PLPMerkle falls back on swift-crypto where the CPU has none.
        .target(name: "CSHA256"),
        // A prefetch hint for the stored events a walk is about to read (header-only).
        .target(name: "CMemoryHints"),
        // RFC 6962 Merkle trees: hashing, compact ranges, inclusion and consistency proofs; no event, no storage.
        .target(
            name: "PLPMerkle",
            dependencies: ["PLPJSON", "CSHA256", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "PLPEvents",
            dependencies: [
                "LMDBKit",
                "PLPJSON",
                "PLPMerkle",
                "CMemoryHints",
                "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // The event catalogue, written once, and the renderer of Sources/PLPEvents/Generated/ (no dependency:
        // PLPEvents does not link it, `swift run plp-codegen` regenerates from it, GeneratedCodeTests checks).
        .target(name: "PLPCatalogue"),
        .executableTarget(
            name: "plp-codegen",
            dependencies: ["PLPCatalogue"]
        ),
        .target(
            name: "PLPProjections",
            dependencies: ["PLPEvents"]
        ),
        .target(
            name: "PLPSynthetic",
            dependencies: ["PLPEvents"]
        ),
        .executableTarget(
            name: "plp-ledger",
            dependencies: [
                "PLPProjections",
                "PLPEvents",
                "PLPSynthetic",
                "CFaultGuard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "PLPTestSupport",
            dependencies: ["PLPEvents"],
            path: "Tests/PLPTestSupport"
        ),
        .testTarget(
            name: "PLPEventsTests",
            dependencies: ["PLPEvents", "LMDBKit", "PLPCatalogue", "PLPTestSupport", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "LMDBKitTests",
            dependencies: ["LMDBKit"]
        ),
        .testTarget(
            name: "PLPJSONTests",
            dependencies: ["PLPJSON", "PLPTestSupport"]
        ),
        .testTarget(
            name: "PLPMerkleTests",
            dependencies: ["PLPMerkle", "PLPTestSupport"]
        ),
        .testTarget(
            name: "SyntheticTests",
            dependencies: ["PLPSynthetic", "PLPEvents"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["PLPEvents", "LMDBKit", "PLPTestSupport", "plp-ledger", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "ProjectionsTests",
            dependencies: ["PLPProjections", "PLPEvents", "PLPTestSupport", "plp-ledger"]
        ),
    ]
)
