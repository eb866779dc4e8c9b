// csvbench read FILE     read the whole file into a GridSheet (CSVReader.read)
// csvbench stream FILE   stream records (CSVReader.forEachRow), keep nothing
// csvbench write FILE N  write N generated 13-column rows (CSVFileWriter)
import BieuCSV
import Foundation

let args = CommandLine.arguments
guard args.count >= 3 else {
    FileHandle.standardError.write("usage: csvbench read|stream FILE | write FILE ROWS\n".data(using: .utf8)!)
    exit(2)
}
let path = args[2]
do {
    switch args[1] {
    case "read":
        let document = try CSVReader.read(path: path)
        print("rows \(document.info.recordCount) cells \(document.sheet.cells.count) — \(document.info.summary.en)")
    case "stream":
        var fields = 0
        let info = try CSVReader.forEachRow(path: path) { _, row in fields += row.count }
        print("rows \(info.recordCount) fields \(fields) — \(info.summary.en)")
    case "write":
        let rows = Int(args.count > 3 ? args[3] : "200000") ?? 200_000
        let names = ["Thu nhập bình quân đầu người năm", "Tổng sản lượng lương thực", "Tỷ lệ che phủ rừng",
                     "Diện tích trồng chè mới", "- Trong đó: Diện tích trồng mới", "Tỷ lệ hộ gia đình đạt tiêu chuẩn văn hóa",
                     "Số lao động được giải quyết việc làm", "Kết nạp đảng viên mới"]
        let units = ["Triệu đồng", "Tấn", "%", "Hà", "Người", "Đảng viên"]
        let notes = ["", "Đạt", "Vượt", "Chưa đạt", "HTTNV", "=SUM(A1)"]
        try CSVWriter.write(to: path, options: .excelVietnamese) { writer in
            for i in 0..<rows {
                let n = i % names.count
                try writer.append([
                    .number(String(i + 1)), .text(names[n]), .text(units[i % units.count]),
                    .number("41.\(100 + i % 900)"), .number("\(i % 97),\(i % 10)"), .number("\(i % 100),5"),
                    .number("-\(i % 13),25"), .text("\(i % 19)/19"), .text(">\(i % 90)"),
                    .text("Trên \(i % 7)%/năm"), .number("\(100 + i % 50),\(i % 10)"), .text(notes[i % notes.count]),
                    .text("Ghi chú \"số \(i)\"; dòng 1\ndòng 2"),
                ])
            }
        }
        print("wrote \(rows) rows")
    default:
        FileHandle.standardError.write("unknown command \(args[1])\n".data(using: .utf8)!)
        exit(2)
    }
} catch let error as CSVError {
    FileHandle.standardError.write((error.message(.en) + "\n").data(using: .utf8)!)
    exit(1)
}
