// swift-tools-version:6.0
//
// bieu — Vietnamese report annex tables (Phụ lục, Biểu 01, Biểu 02) between a
// canonical indicator model and CSV/XLSX workbooks, in both directions.
//
// Modules, in dependency order (see docs/ARCHITECTURE.md):
//   BieuCore        cell addresses, plain grids, bilingual messages, atomic files
//   BieuModel       the canonical model, value interpretation, canonical JSON
//   BieuTemplates   declarative table templates (YAML) and their layout
//   BieuXLSXWriter  Swift face of libxlsxwriter (CXlsxWriter)
//   BieuZip         hardened zip reading (limits against bombs) and deflated zip writing, on zlib (CZlibRaw)
//   BieuXLSXReader  hardened streaming XLSX reader on BieuZip
//   BieuCSV         CSV reading (encodings, dialects) and writing
//   BieuExport      model + template -> XLSX / CSV / fillable workbooks
//   BieuImport      workbook/CSV -> model, validation findings, diff
//   BieuRound       collection rounds: the round store (SQLite via GRDB), receive, status, feedback, consolidation
//   bieu            the command-line tool
import PackageDescription

// Type metadata of concrete generic types (Dictionary<String, Column>, ...) is
// built by direct calls instead of from mangled names: the mangled-name route
// checks each generic requirement with a run-time conformance look-up, each a
// scan of every conformance record in the (statically linked) binary. About
// 5 M instructions less per command (4 % of a typical export, 7 % of an import).
let metadataAccess: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"]),
]

let package = Package(
    name: "bieu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bieu", targets: ["bieu"]),
        .library(name: "Bieu", targets: ["BieuCore", "BieuModel", "BieuTemplates", "BieuExport", "BieuImport", "BieuXLSXReader", "BieuCSV", "BieuZip"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter",
                       providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CZlibRaw", providers: [.apt(["zlib1g-dev"])]),

        .target(name: "BieuCore", swiftSettings: metadataAccess),
        .target(name: "BieuModel", dependencies: ["BieuCore"], swiftSettings: metadataAccess),
        .target(name: "BieuTemplates", dependencies: ["BieuCore", "BieuModel", "Yams"], swiftSettings: metadataAccess),
        .target(name: "BieuXLSXWriter", dependencies: ["BieuCore", "CXlsxWriter", "BieuZip"], swiftSettings: metadataAccess),
        .target(name: "BieuZip", dependencies: ["BieuCore", "CZlibRaw"], swiftSettings: metadataAccess),
        .target(name: "BieuXLSXReader", dependencies: ["BieuCore", "BieuZip"], swiftSettings: metadataAccess),
        .target(name: "BieuCSV", dependencies: ["BieuCore"], swiftSettings: metadataAccess),
        .target(name: "BieuExport", dependencies: ["BieuCore", "BieuModel", "BieuTemplates", "BieuXLSXWriter", "BieuCSV", "BieuZip"], swiftSettings: metadataAccess),
        .target(name: "BieuImport", dependencies: ["BieuCore", "BieuModel", "BieuTemplates", "BieuXLSXReader", "BieuCSV"], swiftSettings: metadataAccess),
        .target(name: "BieuRound", dependencies: ["BieuCore", "BieuModel", "BieuTemplates", "BieuImport", "BieuExport", "BieuXLSXWriter",
                                                  .product(name: "GRDB", package: "GRDB.swift")]),
        .executableTarget(name: "bieu", dependencies: [
            "BieuCore", "BieuModel", "BieuTemplates", "BieuExport", "BieuImport", "BieuXLSXReader", "BieuCSV", "BieuRound",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: metadataAccess + [
            // Compiled against the static resource folder, so the objects' link entries name the
            // static Foundation's own dependencies (CoreFoundation, _FoundationICU, ...).
            .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux])),
        ], linkerSettings: [
            // The Swift runtime and Foundation linked in (what `swift build --static-swift-stdlib`
            // does, here for every build of the tool): 10 shared libraries to load instead of 24,
            // less start-up work for every command.
            .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux])),
        ]),

        // Shared by the test targets only: drives python3, LibreOffice and poppler.
        .target(name: "BieuTestSupport", dependencies: ["BieuModel"], path: "Tests/Support", exclude: ["openpyxl_dump.py", "lo_row_heights.py", "openpyxl_edit.py", "staff_fill.py", "staff_inspect.py", "lo_staff_check.py", "lo_session.py"]),

        .testTarget(name: "BieuCoreTests", dependencies: ["BieuCore"]),
        .testTarget(name: "BieuModelTests", dependencies: ["BieuModel", "BieuTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BieuTemplatesTests", dependencies: ["BieuTemplates"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BieuXLSXReaderTests", dependencies: ["BieuXLSXReader", "BieuZip"]),
        .testTarget(name: "BieuCSVTests", dependencies: ["BieuCSV"]),
        .testTarget(name: "BieuExportTests", dependencies: ["BieuExport", "BieuXLSXWriter", "BieuXLSXReader", "BieuTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BieuImportTests", dependencies: ["BieuImport", "BieuExport", "BieuTestSupport"]),
        .testTarget(name: "BieuRoundTests", dependencies: ["BieuRound", "BieuImport", "BieuExport", "BieuTestSupport",
                                                           .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
