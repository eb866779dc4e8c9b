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
//   BieuDocxReader  the tables of Word documents (.docx) as grids, on the XLSX reader's zip and XML scanner
//   BieuCSV         CSV reading (encodings, dialects) and writing
//   BieuExport      model + template -> XLSX / CSV / fillable workbooks
//   BieuImport      workbook/CSV -> model, validation findings, diff
//   BieuRound       collection rounds: the round store (SQLite via GRDB), receive, status, feedback, consolidation
//   bieu            the command-line tool
import PackageDescription

// No target carries unsafe flags: SwiftPM refuses a versioned dependency
// (`.package(url: ..., from: "x.y.z")`) whose targets do, and the library is meant
// to be used that way (Tests/BieuPackageTests builds such a consumer). The shipped
// executable gets its static Swift runtime and Foundation, and direct type
// metadata access, from the build command: scripts/build-release.sh.
let package = Package(
    name: "bieu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bieu", targets: ["bieu"]),
        .library(name: "Bieu", targets: ["BieuCore", "BieuModel", "BieuTemplates", "BieuExport", "BieuImport", "BieuXLSXReader", "BieuDocxReader", "BieuCSV", "BieuZip", "BieuRound"]),
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

        .target(name: "BieuCore"),
        .target(name: "BieuModel", dependencies: ["BieuCore"]),
        .target(name: "BieuTemplates", dependencies: ["BieuCore", "BieuModel", "Yams"]),
        .target(name: "BieuXLSXWriter", dependencies: ["BieuCore", "CXlsxWriter", "BieuZip"]),
        .target(name: "BieuZip", dependencies: ["BieuCore", "CZlibRaw"]),
        .target(name: "BieuXLSXReader", dependencies: ["BieuCore", "BieuZip"]),
        .target(name: "BieuDocxReader", dependencies: ["BieuCore", "BieuZip", "BieuXLSXReader"]),
        .target(name: "BieuCSV", dependencies: ["BieuCore"]),
        .target(name: "BieuExport", dependencies: ["BieuCore", "BieuModel", "BieuTemplates", "BieuXLSXWriter", "BieuCSV", "BieuZip"]),
        .target(name: "BieuImport", dependencies: ["BieuCore", "BieuModel", "BieuTemplates", "BieuXLSXReader", "BieuDocxReader", "BieuCSV"]),
        .target(name: "BieuRound", dependencies: ["BieuCore", "BieuModel", "BieuTemplates", "BieuImport", "BieuExport", "BieuXLSXWriter",
                                                  .product(name: "GRDB", package: "GRDB.swift")]),
        .executableTarget(name: "bieu", dependencies: [
            "BieuCore", "BieuModel", "BieuTemplates", "BieuExport", "BieuImport", "BieuXLSXReader", "BieuXLSXWriter", "BieuCSV", "BieuRound",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Shared by the test targets only: drives python3, LibreOffice and poppler.
        .target(name: "BieuTestSupport", dependencies: ["BieuModel"], path: "Tests/Support", exclude: ["openpyxl_dump.py", "lo_row_heights.py", "openpyxl_edit.py", "staff_fill.py", "staff_inspect.py", "lo_staff_check.py", "lo_session.py"]),

        .testTarget(name: "BieuCoreTests", dependencies: ["BieuCore", "BieuTestSupport"]),
        .testTarget(name: "BieuModelTests", dependencies: ["BieuModel", "BieuTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BieuTemplatesTests", dependencies: ["BieuTemplates"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BieuXLSXReaderTests", dependencies: ["BieuXLSXReader", "BieuZip"]),
        .testTarget(name: "BieuXLSXWriterTests", dependencies: ["BieuXLSXWriter", "BieuTestSupport"]),
        .testTarget(name: "BieuDocxReaderTests", dependencies: ["BieuDocxReader", "BieuZip", "BieuImport", "BieuExport", "BieuTestSupport"]),
        .testTarget(name: "BieuCSVTests", dependencies: ["BieuCSV", "BieuTestSupport"]),
        .testTarget(name: "BieuExportTests", dependencies: ["BieuExport", "BieuXLSXWriter", "BieuXLSXReader", "BieuTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BieuImportTests", dependencies: ["BieuImport", "BieuExport", "BieuTestSupport"]),
        .testTarget(name: "BieuRoundTests", dependencies: ["BieuRound", "BieuImport", "BieuExport", "BieuTestSupport",
                                                           .product(name: "GRDB", package: "GRDB.swift")]),
        // Runs the built `bieu` executable, as a user would.
        .testTarget(name: "BieuCLITests", dependencies: ["BieuCore", "BieuModel", "BieuTestSupport"]),
        // Builds a package that depends on this one by version.
        .testTarget(name: "BieuPackageTests", dependencies: ["BieuTestSupport"]),
    ]
)
