import Foundation
import Testing
@testable import BieuCore

@Suite("Atomic files")
struct AtomicFileTests {
    struct ProducerFailed: Error {}

    /// A fresh, empty directory removed after the test.
    func withDirectory(_ body: (String) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("bieu-atomic-\(UInt64.random(in: 0...UInt64.max))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try body(dir)
    }

    func listing(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    }

    @Test("writes bytes, then replaces an existing file")
    func writeAndReplace() throws {
        try withDirectory { dir in
            let dest = (dir as NSString).appendingPathComponent("báo cáo.json")
            try AtomicFile.write(Array("một".utf8), to: dest)
            #expect(FileManager.default.contents(atPath: dest) == Data("một".utf8))
            try AtomicFile.write(Array("hai".utf8), to: dest)
            #expect(FileManager.default.contents(atPath: dest) == Data("hai".utf8))
            try AtomicFile.write([UInt8](), to: dest)
            #expect(FileManager.default.contents(atPath: dest) == Data())
            let big = [UInt8](repeating: 0x41, count: 5_000_000)
            try AtomicFile.write(big, to: dest)
            #expect(FileManager.default.contents(atPath: dest)?.count == big.count)
            let left = try listing(dir)
            #expect(left == ["báo cáo.json"])
        }
    }

    @Test("a failing producer leaves neither the destination nor a temporary file")
    func failureLeavesNothing() throws {
        try withDirectory { dir in
            let dest = (dir as NSString).appendingPathComponent("out.xlsx")
            var tempSeen = ""
            #expect(throws: ProducerFailed.self) {
                try AtomicFile.write(to: dest) { temp -> Void in
                    tempSeen = temp
                    try Data("partial".utf8).write(to: URL(fileURLWithPath: temp))
                    #expect(FileManager.default.fileExists(atPath: temp))
                    throw ProducerFailed()
                }
            }
            #expect((tempSeen as NSString).deletingLastPathComponent == dir)
            #expect((tempSeen as NSString).lastPathComponent.hasPrefix(".out.xlsx.bieu-"))
            let left = try listing(dir)
            #expect(left.isEmpty)
        }
    }

    @Test("an existing destination is untouched on failure and replaced on success")
    func existingDestination() throws {
        try withDirectory { dir in
            let dest = (dir as NSString).appendingPathComponent("out.csv")
            try Data("old".utf8).write(to: URL(fileURLWithPath: dest))
            #expect(throws: ProducerFailed.self) {
                try AtomicFile.write(to: dest) { temp -> Void in
                    try Data("new but broken".utf8).write(to: URL(fileURLWithPath: temp))
                    throw ProducerFailed()
                }
            }
            #expect(FileManager.default.contents(atPath: dest) == Data("old".utf8))
            let left = try listing(dir)
            #expect(left == ["out.csv"])
            let result = try AtomicFile.write(to: dest) { temp -> Int in
                try Data("new".utf8).write(to: URL(fileURLWithPath: temp))
                return 42
            }
            #expect(result == 42)
            #expect(FileManager.default.contents(atPath: dest) == Data("new".utf8))
            let after = try listing(dir)
            #expect(after == ["out.csv"])
        }
    }

    @Test("a producer that creates nothing is an error, and nothing is left")
    func producerCreatesNothing() throws {
        try withDirectory { dir in
            let dest = (dir as NSString).appendingPathComponent("out.json")
            do {
                try AtomicFile.write(to: dest) { _ in }
                Issue.record("no error although nothing was produced")
            } catch let error as AtomicFile.Failure {
                #expect(error.message(.vi).contains(dest))
                #expect(error.message(.en).contains(dest))
            }
            let left = try listing(dir)
            #expect(left.isEmpty)
        }
    }

    @Test("a destination in a missing directory fails with a message naming it")
    func missingDirectory() throws {
        try withDirectory { dir in
            let dest = (dir as NSString).appendingPathComponent("không có/out.json")
            do {
                try AtomicFile.write(Array("x".utf8), to: dest)
                Issue.record("wrote into a missing directory")
            } catch let error as AtomicFile.Failure {
                guard case .cannotCreate = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(error.message(.vi).hasPrefix("Không tạo được tệp tạm để ghi \(dest)"))
                #expect(error.message(.en).hasPrefix("Cannot create a temporary file to write \(dest)"))
            }
            let left = try listing(dir)
            #expect(left.isEmpty)
        }
    }

    @Test("temporary paths are hidden, beside the destination, and fresh")
    func temporaryPaths() {
        let a = AtomicFile.temporaryPath(for: "/tmp/x/report.xlsx")
        let b = AtomicFile.temporaryPath(for: "/tmp/x/report.xlsx")
        #expect(a.hasPrefix("/tmp/x/.report.xlsx.bieu-") && a.hasSuffix(".tmp"))
        #expect(a != b)
    }
}
