import Foundation
import Testing
@testable import BieuCSV
import BieuCore
#if canImport(Glibc)
import Glibc
#endif

@Suite("Limits and hostile input")
struct LimitTests {
    private func limits(field: Int = 1 << 20, row: Int = 16 << 20, fields: Int = 16_384, rows: Int = 1_048_576, file: Int = 256 << 20) -> CSVReadOptions {
        CSVReadOptions(limits: CSVLimits(maxFileBytes: file, maxFieldBytes: field, maxRowBytes: row, maxFieldsPerRow: fields, maxRows: rows))
    }

    @Test func defaultsAreDocumented() {
        let d = CSVLimits.default
        #expect(d.maxFileBytes == 268_435_456)
        #expect(d.maxFieldBytes == 1_048_576)
        #expect(d.maxRowBytes == 16_777_216)
        #expect(d.maxFieldsPerRow == 16_384)
        #expect(d.maxRows == 1_048_576)
    }

    @Test func hugeField() throws {
        let ok = "a,\(String(repeating: "ố", count: 500))\n" // 1500 bytes
        #expect(try records(ok, limits(field: 1500))[0][1].count == 500)
        let text = "a,b\nc,\(String(repeating: "ố", count: 501))\n"
        #expect(readError(Array(text.utf8), limits(field: 1500)) == .fieldTooLong(file: "test.csv", cell: CellAddress(a1: "B2")!, line: 2, offset: 6, limit: 1500))
        // An unterminated quote stops at the limit, not at the end of memory.
        let open = "x\n\"" + String(repeating: "y\n", count: 2000)
        #expect(readError(Array(open.utf8), limits(field: 1000)) == .fieldTooLong(file: "test.csv", cell: CellAddress(a1: "A2")!, line: 2, offset: 2, limit: 1000))
    }

    @Test func hugeFieldAtDefaultLimit() throws {
        var bytes = Array("a,\"".utf8)
        bytes += [UInt8](repeating: 0x41, count: (1 << 20) + 10)
        bytes += Array("\"\n".utf8)
        #expect(readError(bytes) == .fieldTooLong(file: "test.csv", cell: CellAddress(a1: "B1")!, line: 1, offset: 2, limit: 1 << 20))
        #expect(readError(bytes)?.message(.en) == "test.csv: the field for cell B1, starting on line 1 (offset 2), is longer than the limit of 1048576 bytes; Excel holds at most 32,767 characters in a cell")
    }

    @Test func tooManyFields() throws {
        #expect(try records("a,b,c\n", limits(fields: 3)) == [["a", "b", "c"]])
        #expect(readError(Array("a,b,c\nd,e,f,g\n".utf8), limits(fields: 3)) == .tooManyFields(file: "test.csv", line: 2, limit: 3))
        // The default: one more than Excel's 16,384 columns, in one line of commas.
        let wide = [UInt8](repeating: 0x2C, count: 16_384) + [0x0A]
        #expect(readError(wide) == .tooManyFields(file: "test.csv", line: 1, limit: 16_384))
        let widest = [UInt8](repeating: 0x2C, count: 16_383) + [0x0A]
        #expect(try records(widest).first?.count == 16_384)
    }

    @Test func rowTooLarge() throws {
        let text = "a\n\"\(String(repeating: "x", count: 600))\",\(String(repeating: "y", count: 600))\n"
        #expect(readError(Array(text.utf8), limits(row: 1000)) == .rowTooLarge(file: "test.csv", line: 2, limit: 1000))
    }

    @Test func tooManyRows() throws {
        #expect(try records("a\nb\nc\n\n\n\n", limits(rows: 3)).count == 3)
        #expect(readError(Array("a\nb\nc\nd\n".utf8), limits(rows: 3)) == .tooManyRows(file: "test.csv", line: 4, limit: 3))
        // Empty lines count as rows when data follows them.
        #expect(readError(Array("a\n\n\n\nb\n".utf8), limits(rows: 3)) == .tooManyRows(file: "test.csv", line: 4, limit: 3))
    }

    @Test func fileTooLarge() throws {
        #expect(readError(Array("0123456789a".utf8), limits(file: 10)) == .fileTooLarge(file: "test.csv", size: 11, limit: 10))
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try writeFile(dir + "/big.csv", Array("0123456789a".utf8))
        #expect(throws: CSVError.fileTooLarge(file: dir + "/big.csv", size: 11, limit: 10)) {
            try CSVReader.read(path: dir + "/big.csv", options: limits(file: 10))
        }
    }

    @Test func filesThatCannotBeRead() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: CSVError.notRegularFile(file: dir)) { try CSVReader.read(path: dir) }
        do {
            _ = try CSVReader.read(path: dir + "/missing.csv")
            Issue.record("expected an error")
        } catch {
            guard case let .cannotOpen(file, reason) = error else { Issue.record("wrong error \(error)"); return }
            #expect(file == dir + "/missing.csv")
            #expect(reason.code == ENOENT)
            #expect(error.message(.vi) == "Không mở được tệp \(dir)/missing.csv: không tìm thấy tệp hoặc thư mục")
            #expect(error.message(.en) == "Cannot open \(dir)/missing.csv: No such file or directory")
        }
    }

    /// Pathological inputs finish quickly with a result or a CSVError.
    @Test(arguments: [
        String(repeating: "\"", count: 200_001),
        String(repeating: "\"\"", count: 100_000),
        String(repeating: "\r", count: 200_000),
        String(repeating: "\n", count: 200_000) + "a",
        String(repeating: ";", count: 16_000) + "\n" + String(repeating: ",", count: 16_000),
        String(repeating: "a\"", count: 100_000),
    ])
    func pathologicalInputs(_ text: String) throws {
        let start = Date()
        do {
            _ = try CSVReader.read(bytes: Array(text.utf8), name: "p")
        } catch {
            #expect(!error.message(.vi).isEmpty)
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func randomBytesNeverCrash() throws {
        var generator = SplitMix(seed: 2024)
        let alphabet: [UInt8] = [0x22, 0x2C, 0x3B, 0x09, 0x0A, 0x0D, 0x41, 0xC3, 0xA1, 0xE1, 0xBA, 0xEF, 0xBB, 0xBF, 0xFF, 0xFE, 0x00, 0xD8, 0xDC, 0xE6, 0xF9]
        for _ in 0..<3000 {
            let n = Int(generator.next() % 64)
            let bytes = (0..<n).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            do {
                let doc = try CSVReader.read(bytes: bytes, name: "r")
                for cell in doc.sheet.cells {
                    guard case let .string(s) = cell.value else { Issue.record("non-string cell"); continue }
                    #expect(!s.isEmpty)
                }
            } catch {
                #expect(!error.message(.en).isEmpty)
            }
        }
    }
}
