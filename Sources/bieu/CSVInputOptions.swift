import ArgumentParser
import BieuCore
import BieuCSV
import BieuXLSXReader

/// How CSV inputs are read, for every command that reads CSV files (import, validate, diff,
/// inspect, round receive). Nil unless given, so giving it for a workbook can be refused.
struct CSVInputOptions: ParsableArguments {
    @Option(name: .long, help: help("Tệp CSV: bảng mã, khi không tự nhận biết được: \(CSVInputOptions.names) (mặc định: tự nhận biết).",
                                    "CSV input: the encoding, when detection cannot tell: \(CSVInputOptions.names) (default: detected).",
                                    value: ("bảng-mã", "encoding")))
    var encoding: String?

    static var names: String { CSVEncoding.allCases.map(\.optionName).joined(separator: ", ") }

    func validate() throws {
        if let encoding, CSVEncoding.named(encoding) == nil {
            throw refusal("--encoding \(encoding): bảng mã không được hỗ trợ; dùng một trong: \(Self.names)",
                          "--encoding \(encoding): not a supported encoding; use one of: \(Self.names)")
        }
    }

    /// The reader's options.
    var readOptions: CSVReadOptions { CSVReadOptions(encoding: encoding.flatMap(CSVEncoding.named)) }

    /// `--encoding` applies to CSV files only: refused for an input that is a workbook.
    func check(inputs: [String]) throws {
        guard encoding != nil else { return }
        for path in inputs {
            guard let kind = try? XLSXReader.fileKind(path: path), kind == .zip || kind == .ole else { continue }
            throw BieuMessageError(vi: "--encoding chỉ dùng cho tệp CSV; \(path) không phải tệp văn bản (CSV) mà là bảng tính",
                                   en: "--encoding applies to CSV files only; \(path) is a workbook, not a text (CSV) file")
        }
    }
}
