import BieuCore
import BieuXLSXReader

/// libFuzzer entry point: the input is treated as a whole .xlsx file.
/// Any `XLSXError` is an expected outcome; a crash, hang, sanitizer report or
/// out-of-memory is a bug. Limits are lowered so that each input stays fast.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSXReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = XLSXLimits.default
    limits.maxEntrySize = 16 << 20
    limits.maxTotalSize = 64 << 20
    limits.ratioCheckThreshold = 1 << 20
    limits.maxSharedStrings = 100_000
    limits.maxTextBytes = 256 << 10
    do {
        let reader = try XLSXReader(bytes: bytes, name: "fuzz.xlsx", limits: limits)
        let workbook = try reader.readWorkbook()
        // Exercise the streaming path and the renderers too.
        for i in reader.sheets.indices {
            try reader.readSheet(at: i) { _ in }
        }
        _ = GridRendering.json(workbook, options: .init(cells: true))
        _ = GridRendering.text(workbook, options: .init(cells: true), language: .vi)
    } catch let error as XLSXError {
        _ = error.message(.vi)
        _ = error.message(.en)
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}

// SwiftPM links an executable target with its entry point named
// `<Target>_main` (aliased to `main`), so libFuzzer's own `main` is not used:
// this entry point hands control to libFuzzer's driver instead.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzXLSXReader_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzXLSXReader)
}
