// swift-tools-version:6.0
//
// libFuzzer targets for bieu's readers. Build and run (see docs/CSV.md):
//
//   cd Fuzz
//   swift build -c release --product FuzzCSVReader -Xswiftc -sanitize=fuzzer,address
//   mkdir -p corpus-work/csv && .build/release/FuzzCSVReader corpus-work/csv corpus/csv -max_total_time=300 -max_len=4096
import PackageDescription

let package = Package(
    name: "BieuFuzz",
    dependencies: [.package(name: "bieu", path: "..")],
    targets: [
        .executableTarget(name: "FuzzCSVReader", dependencies: [.product(name: "Bieu", package: "bieu")]),
    ]
)
