import Testing
@testable import BieuModel

@Suite("Status words with qualifiers")
struct StatusQualifierTests {
    @Test("A status followed by a measure or a target reference stays a status",
          arguments: [("Đạt 99% chỉ tiêu NQ", Status.met), ("Không đạt chỉ tiêu NQ", .failed), ("Vượt 5 chỉ tiêu", .exceeded),
                      ("Đạt so với kế hoạch", .met), ("Chưa đạt KH", .notMet), ("Đạt 100% NQ", .met)])
    func status(_ c: (String, Status)) {
        #expect(ValueParser.parse(c.0) == .status(c.1))
    }

    @Test("A status word opening a sentence does not make it a status",
          arguments: ["Vượt qua khó khăn", "Đạt được nhiều kết quả", "Chưa đạt được sự đồng thuận"])
    func sentence(_ text: String) {
        #expect(ValueParser.parse(text) == .text(text))
    }
}
