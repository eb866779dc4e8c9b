// swift-tools-version:6.0
//
// Fuzz targets for bieu's readers (libFuzzer). A separate package so the main
// build never needs fuzzer flags. Build and run: see README.md (or run.sh).
//
// To add a target (e.g. CSV): add a folder Sources/Fuzz<Name>/ with one
// file defining `LLVMFuzzerTestOneInput`, and its name to `fuzzTargets`.
import PackageDescription

/// One executable per fuzz target; each links the `Bieu` library product.
let fuzzTargets = [
    "FuzzXLSXReader",   // whole .xlsx files
    "FuzzXLSXParts",    // worksheet, shared strings and styles XML packed into a valid .xlsx
]

let package = Package(
    name: "bieu-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "bieu", path: "..")],
    targets: fuzzTargets.map { name in
        .executableTarget(
            name: name,
            dependencies: [.product(name: "Bieu", package: "bieu")],
            // libFuzzer supplies `main`.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    }
)
