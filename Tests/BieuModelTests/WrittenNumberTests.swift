import BieuModel
import Foundation
import Testing

@Suite("Written numbers")
struct WrittenNumberTests {
    @Test("Decimals a text shows", arguments: [
        ("100,8", 1), ("100.8", 1), ("100", 0), ("41.160", 0), ("41,160", 0), ("29,2%", 1), ("101.13%", 2),
        ("1.234,5", 1), ("2,202.34", 2), ("1.234.567", 0), ("0.123", 3), ("0,5", 1), ("-3,25", 2), ("−3,25", 2),
        ("  12,50 tỷ đồng", 2), ("Đạt", 0), ("", 0), (">90", 0), ("12%o", 0),
    ])
    func decimals(text: String, expected: Int) {
        #expect(WrittenNumber.decimals(in: text) == expected, "\(text)")
    }

    @Test("An ambiguous separator is decided by the value")
    func ambiguous() {
        #expect(WrittenNumber("41.160", value: 41160) == WrittenNumber(decimalsForTest: 0, literal: "41160"))
        #expect(WrittenNumber("41.160", value: Decimal(string: "41.16")!) == WrittenNumber(decimalsForTest: 3, literal: "41.160"))
        #expect(WrittenNumber("-2.202,34").literal == "-2202.34")
        #expect(WrittenNumber("tấn").literal == nil)
    }
}

extension WrittenNumber {
    init(decimalsForTest decimals: Int, literal: String?) {
        self = WrittenNumber("")
        self.decimals = decimals
        self.literal = literal
    }
}
