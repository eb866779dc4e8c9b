// swift-tools-version:6.0
//
// Fuzz targets for bieu's readers (libFuzzer). A separate package so the main
// build never needs fuzzer flags. How to build and run each target:
// Fuzz/README.md (XLSX reader) and docs/CSV.md (CSV reader).
//
//   cd Fuzz
//   swift build -c release --product FuzzXLSXReader -Xswiftc -sanitize=fuzzer,address
//   swift build -c release --product FuzzCSVReader -Xswiftc -sanitize=fuzzer,address
//
// The path dependency is named explicitly (`name: "bieu"`): otherwise its
// identity would come from the checkout's folder name.
import PackageDescription

/// Targets whose only file defines `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`.
let libFuzzerMainTargets = [
    "FuzzXLSXReader",   // whole .xlsx files
    "FuzzXLSXParts",    // worksheet, shared strings and styles XML packed into a valid .xlsx
]

let package = Package(
    name: "bieu-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "bieu", path: "..")],
    targets: libFuzzerMainTargets.map { name in
        .executableTarget(
            name: name,
            dependencies: [.product(name: "Bieu", package: "bieu")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    } + [
        // Has its own main.swift that calls LLVMFuzzerRunDriver.
        .executableTarget(name: "FuzzCSVReader", dependencies: [.product(name: "Bieu", package: "bieu")]),
    ]
)
