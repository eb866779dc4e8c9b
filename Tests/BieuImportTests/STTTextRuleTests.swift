import BieuTestSupport
import Foundation
import Testing

/// A sentence typed into the STT column is a warning naming its cell (issue 15: "no warning when a sentence is
/// typed into STT"); numbering of every form the seeds use is not.
@Suite("STT holding text")
struct STTTextRuleTests {
    @Test func sentenceInSTTIsAWarningNamingTheCell() throws {
        let dir = try Env.dir("stt-text")
        let csv = """
        STT,Chỉ tiêu,Đơn vị tính,Kế hoạch năm 2024,Thực hiện năm 2024,So sánh với kế hoạch năm 2024 (%),Mục tiêu năm 2025,Ghi chú
        A,CHỈ TIÊU KINH TẾ,,,,,,
        1,Thu nhập bình quân đầu người,Triệu đồng,46,46,,50,
        Trong đó: Diện tích trồng mới,,Ha,60,67,,70,
        XIII,Nghị quyết 06-NQ/TU,,,,,,
        2.1,Tỷ lệ hộ nghèo,%,"3,5","3,2",,3,
        a),Che phủ rừng,%,54,55,,56,
        Bước,Tổng sản lượng lương thực,Tấn,100,101,,102,

        """
        try csv.write(toFile: dir + "/moi.csv", atomically: true, encoding: .utf8)
        let run = try Env.bieu(["import", dir + "/moi.csv", "--template", "phu-luc", "-o", dir + "/moi.json"])
        let lines = (run.stdout + run.stderr).split(separator: "\n").filter { $0.contains("[stt-text]") }
        #expect(lines.count == 2, "\(run.stdout)\(run.stderr)")
        #expect(lines.contains { $0.hasPrefix("moi!A4:") && $0.contains("Trong đó: Diện tích trồng mới") })
        #expect(lines.contains { $0.hasPrefix("moi!A8:") && $0.contains("\"Bước\"") })
        #expect(run.status == 0)
    }
}
