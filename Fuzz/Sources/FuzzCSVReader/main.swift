// libFuzzer entry point for the CSV reader (BieuCSV).
//
// Each input is read with options picked from its first byte, so detection,
// every decoder, legacy conversion and small limits are all exercised. Besides
// "no crash, no hang, no unbounded memory", each successful read is checked:
// - every cell is non-empty text in Unicode NFC, at increasing addresses;
// - streaming and whole-file reading agree;
// - writing the records back with CSVWriter and reading that again gives the
//   same records (the writer's quoting and neutralising are exact).
//
// SwiftPM links every executable with its own `main` (an alias of
// `FuzzCSVReader_main`), so libFuzzer's `main` is not used: the top-level
// code below hands control to libFuzzer's driver instead.
import BieuCore
import BieuCSV
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzCSVReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))

    var options = CSVReadOptions()
    switch selector & 0x03 {
    case 1: options.delimiter = .comma
    case 2: options.delimiter = .semicolon
    case 3: options.delimiter = .tab
    default: break
    }
    switch (selector >> 2) & 0x07 {
    case 1: options.encoding = .utf8
    case 2: options.encoding = .utf16LE
    case 3: options.encoding = .utf16BE
    case 4: options.encoding = .windows1258
    case 5: options.encoding = .windows1252
    default: break
    }
    switch (selector >> 5) & 0x03 {
    case 1: options.legacy = .off
    case 2: options.legacy = .force(.tcvn3)
    case 3: options.legacy = .force(.vni)
    default: break
    }
    if selector & 0x80 != 0 {
        options.limits = CSVLimits(maxFileBytes: 1 << 16, maxFieldBytes: 64, maxRowBytes: 256, maxFieldsPerRow: 8, maxRows: 16)
    }

    let document: CSVDocument
    do {
        document = try CSVReader.read(bytes: bytes, name: "fuzz.csv", options: options)
    } catch {
        // Every error must render in both languages.
        precondition(!error.message(.vi).isEmpty && !error.message(.en).isEmpty)
        return 0
    }

    var previous: CellAddress?
    for cell in document.sheet.cells {
        guard case let .string(text) = cell.value else { fatalError("non-text cell from CSV") }
        precondition(!text.isEmpty, "empty cell stored")
        precondition(text.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMappingScalars), "text not NFC")
        if let previous { precondition(previous < cell.address, "cells out of order") }
        previous = cell.address
    }

    var streamed: [[String]] = []
    do {
        let info = try CSVReader.forEachRow(bytes: bytes, name: "fuzz.csv", options: options) { _, fields in streamed.append(fields) }
        precondition(info == document.info, "streaming and whole-file reads disagree")
    } catch {
        fatalError("streaming failed where the whole-file read succeeded: \(error)")
    }
    precondition(streamed.count == document.info.recordCount)

    // Write the records back and read them again.
    let rows = streamed.map { $0.map { CSVField.text($0) } }
    let written = CSVWriter.bytes(rows, options: CSVWriteOptions(delimiter: document.delimiter))
    var limits = options.limits
    limits.maxFieldBytes = max(limits.maxFieldBytes * 2 + 2, 16)
    limits.maxRowBytes = limits.maxRowBytes * 3 + 64
    limits.maxFileBytes = Int.max
    let reread: [[String]]
    do {
        var again: [[String]] = []
        try CSVReader.forEachRow(bytes: written, name: "rewritten.csv",
                                 options: CSVReadOptions(delimiter: document.delimiter, encoding: .utf8, legacy: .off,
                                                         unneutralize: true, limits: limits)) { _, fields in again.append(fields) }
        reread = again
    } catch {
        fatalError("re-reading the writer's output failed: \(error)")
    }
    precondition(reread == streamed.map { $0 == [""] ? [] : $0 }, "writer → reader round trip changed the records")
    return 0
}

extension String {
    fileprivate var precomposedStringWithCanonicalMappingScalars: String.UnicodeScalarView {
        VietnameseText.nfc(self).unicodeScalars
    }
}

/// libFuzzer's driver (FuzzerDriver.cpp): `int LLVMFuzzerRunDriver(int *argc,
/// char ***argv, int (*callback)(const uint8_t *, size_t))`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzCSVReader(data, size) })
