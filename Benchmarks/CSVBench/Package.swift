// swift-tools-version:6.0
//
// Release-mode measurement of the CSV reader and writer against Python's csv
// module. Run ./run.sh (see docs/CSV.md); results go to ../work/ (ignored by git).
import PackageDescription

let package = Package(
    name: "CSVBench",
    dependencies: [.package(name: "bieu", path: "../..")],
    targets: [
        .executableTarget(name: "CSVBench", dependencies: [.product(name: "Bieu", package: "bieu")]),
    ]
)
