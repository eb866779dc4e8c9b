import BieuCore
import BieuModel
import BieuTemplates
import BieuXLSXWriter
import Foundation

/// The "Hướng dẫn" sheet: what to fill, how to write numbers, what the colours
/// mean, what to leave alone and how to send the file back — in plain
/// Vietnamese, printable on A4 portrait.
///
/// Two columns only (a colour swatch or bullet, and the text), so that no
/// importer mistakes it for a table.
struct GuideSheet {
    enum Line {
        case title(String)
        case fact(String)
        case heading(String)
        case text(String)
        case bullet(String)
        case swatch(UInt32?, String)
        case space
    }

    static let sheetName = "Hướng dẫn"
    static let textWidth = 92.0
    static let swatchWidth = 5.0

    let plan: FillablePlan
    let layout: TableLayout
    let tableSheet: String
    let unit: String?
    let contact: String?
    let hasPassword: Bool
    /// Columns with at least one cell to fill, in order.
    let inputColumns: [Column]

    var template: Template { plan.template }

    func lines() -> [Line] {
        var l: [Line] = []
        let values = layout.values
        l.append(.title("HƯỚNG DẪN ĐIỀN BIỂU"))
        l.append(.fact("Biểu: \(template.name)" + (layout.titleLines.first.map { " — \($0.block.text)" } ?? "")))
        if let unit { l.append(.fact("Đơn vị báo cáo: \(unit)")) }
        l.append(.fact("Kỳ báo cáo: \(PlaceholderValues(report: plan.report).values["period"] ?? String(plan.report.period.year))"))
        l.append(.space)

        l.append(.heading("1. Điền vào đâu"))
        l.append(.text("Chỉ điền vào các ô nền vàng trên trang \"\(tableSheet)\". Các ô khác đã được khoá để không sửa nhầm: tiêu đề, tên chỉ tiêu, đơn vị tính, số kế hoạch có sẵn và các ô tự tính. Bấm vào một ô nền vàng sẽ hiện một ghi chú nhỏ cho biết cần ghi gì và theo đơn vị nào."))
        l.append(.text("Nếu Excel báo \"Protected View\" (Chế độ xem được bảo vệ) ở đầu màn hình, bấm \"Enable Editing\" (Cho phép chỉnh sửa) rồi mới điền."))
        if plan.source == .blank {
            l.append(.text("Biểu để trống: mỗi chỉ tiêu ghi trên một dòng — STT, tên chỉ tiêu, đơn vị tính, rồi các số liệu. Dòng mục lớn (A, B, I, II…) chỉ ghi STT và tên. Dòng không dùng đến thì để trống."))
        } else if !plan.slotRowIDs.isEmpty {
            l.append(.text("Cuối biểu có \(plan.slotRowIDs.count) dòng trống để ghi thêm chỉ tiêu nếu cần (ghi STT, tên, đơn vị tính và số liệu)."))
        }
        l.append(.space)

        l.append(.heading("2. Các cột cần điền"))
        for column in inputColumns {
            var text = values.fill(column.header).replacingOccurrences(of: "\n", with: " ")
            if column.required { text += " (bắt buộc)" }
            if let help = column.help.map(values.fill), !help.isEmpty { text += ": " + help }
            if column.field == .cell && !column.input && plan.source != .blank {
                text += " Chỉ điền ở những dòng còn để trống (ô nền vàng)."
            }
            l.append(.bullet(text))
        }
        let automatic = template.columns.filter { $0.kind == .computed }.map { values.fill($0.header) }
        if !automatic.isEmpty {
            l.append(.text("Các cột tự tính (không cần điền): \(automatic.joined(separator: "; ")). Chỉ tiêu \"càng thấp càng tốt\" (như tỷ lệ hộ nghèo) được tính ngược lại: kế hoạch chia thực hiện."))
        }
        if let a = template.columns.first(where: { $0.kind == .assessment && $0.input }) {
            l.append(.text("Cột \"\(values.fill(a.header))\" có sẵn đánh giá gợi ý, tự đổi theo tỷ lệ. Giữ nguyên nếu đúng; nếu không, chọn trong danh sách (\(AssessmentList.items.joined(separator: ", "))) bằng mũi tên bên phải ô."))
        }
        l.append(.space)

        l.append(.heading("3. Cách ghi số"))
        l.append(.bullet("Phần thập phân dùng dấu phẩy: 31,4 (máy tính đặt kiểu Việt Nam). Không cần gõ dấu chấm ngăn cách hàng nghìn: gõ 41160, Excel tự hiện 41.160."))
        l.append(.bullet("Cẩn thận với dấu chấm: trên máy đặt kiểu Việt Nam, gõ 1.022 nghĩa là một nghìn không trăm hai mươi hai (1022); muốn \"một phẩy không hai hai\" thì gõ 1,022. Gõ xong hãy nhìn lại ô: số hiện ra phải đúng như bạn muốn."))
        l.append(.bullet("Tỷ lệ phần trăm: khi đơn vị tính đã là %, chỉ ghi con số (29,2), không cần gõ dấu %."))
        l.append(.bullet("Số liệu không phải một con số thì ghi đúng như cần ghi: >90, 5-6, 16/19, HTTNV, Đạt, hoặc một câu. Excel sẽ hỏi lại — chọn Yes (Có) để giữ nguyên."))
        l.append(.bullet("Chưa có số liệu thì để trống ô, không ghi 0 hay dấu gạch ngang."))
        l.append(.space)

        l.append(.heading("4. Ý nghĩa màu"))
        l.append(.swatch(FillableColors.input, "Ô cần điền."))
        l.append(.swatch(FillableColors.missing, "Ô bắt buộc còn trống — hết màu cam khi đã điền."))
        l.append(.swatch(FillableColors.derived, "Ô tự tính (so sánh, tỷ lệ): tự cập nhật khi bạn gõ số, không cần điền."))
        var check = "Cần xem lại: tỷ lệ bất thường"
        if let c = template.columns.first(where: { $0.kind == .computed && $0.plausibleMaximum != nil }) {
            check += " (ngoài khoảng \(DecimalFormatting.vietnamese(c.plausibleMinimum ?? 0))–\(DecimalFormatting.vietnamese(c.plausibleMaximum!))%)"
        }
        check += ", thường do gõ nhầm số, nhầm dấu phẩy/dấu chấm hoặc nhầm đơn vị"
        if template.columns.contains(where: { $0.kind == .assessment }) { check += "; hoặc đánh giá khác với tỷ lệ" }
        l.append(.swatch(FillableColors.check, check + "."))
        l.append(.swatch(nil, "Ô không tô màu: thông tin có sẵn, đã khoá."))
        l.append(.space)

        l.append(.heading("5. Những điều cần giữ nguyên"))
        l.append(.bullet("Không đổi tên, xoá hay thêm trang tính; không chèn hay xoá cột. Bảng có một cột ẩn ghi mã của từng dòng để khi nhận lại, số liệu được ghép đúng chỉ tiêu — kể cả khi các dòng bị sắp xếp lại."))
        l.append(.bullet("Muốn thêm chỉ tiêu hoặc sửa tên chỉ tiêu: ghi vào cột Ghi chú, hoặc báo bộ phận tổng hợp. Trang tính có thể mở khoá (Review → Unprotect Sheet / Xem lại → Bỏ bảo vệ trang tính\(hasPassword ? ", cần mật khẩu" : ", không cần mật khẩu")) nếu thật cần; dòng chèn thêm được nhận là chỉ tiêu mới."))
        l.append(.bullet("Vẫn làm được khi trang đang khoá: đổi chiều cao dòng, dùng bộ lọc ở dòng tiêu đề, thêm chú thích (comment, note) vào ô."))
        l.append(.space)

        l.append(.heading("6. Gửi lại"))
        l.append(.bullet("Lưu tệp dạng Excel (.xlsx) như khi nhận — không lưu thành .xls, .csv hay .pdf. Mở và lưu bằng LibreOffice cũng được."))
        l.append(.bullet("Không cần đổi tên tệp. Gửi lại tệp cho \(contact ?? "nơi đã gửi tệp này (bộ phận tổng hợp)")."))
        l.append(.space)
        l.append(.text("Tệp được tạo bằng bieu từ mẫu \(template.id), phiên bản \(template.version)."))
        return l
    }

    /// Writes the sheet (content, widths, heights, print setup). Protection is set by the caller.
    func write(workbook: XLSXWorkbook, sheet: XLSXWorksheet, font: String) throws {
        try sheet.setColumns(0, 0, width: Self.swatchWidth)
        try sheet.setColumns(1, 1, width: Self.textWidth)
        func spec(size: Double, bold: Bool = false, italic: Bool = false, fill: UInt32? = nil, border: Bool = false) -> XLSXFormatSpec {
            var s = XLSXFormatSpec()
            s.fontName = font
            s.fontSize = size
            s.bold = bold
            s.italic = italic
            s.wrap = true
            s.vertical = .top
            s.horizontal = .left
            s.fill = fill
            s.border = border
            return s
        }
        let width = FontMetrics.usableWidth(columnWidth: Self.textWidth)
        var r = 0
        for line in lines() {
            var size = 12.0, bold = false
            var text = ""
            switch line {
            case .title(let t):
                size = 14; bold = true; text = t
                var s = spec(size: size, bold: true)
                s.horizontal = .center
                try sheet.merge(CellRange(row: r, column: 0, lastRow: r, lastColumn: 1), t, workbook.format(s))
            case .fact(let t):
                text = t
                try sheet.writeString(r, 1, t, workbook.format(spec(size: size)))
            case .heading(let t):
                bold = true; text = t
                try sheet.writeString(r, 1, t, workbook.format(spec(size: size, bold: true)))
            case .text(let t):
                text = t
                try sheet.writeString(r, 1, t, workbook.format(spec(size: size)))
            case .bullet(let t):
                text = "• " + t
                try sheet.writeString(r, 1, text, workbook.format(spec(size: size)))
            case let .swatch(color, t):
                text = t
                try sheet.writeBlank(r, 0, workbook.format(spec(size: size, fill: color, border: true)))
                try sheet.writeString(r, 1, t, workbook.format(spec(size: size)))
            case .space:
                break
            }
            if !text.isEmpty {
                let lines = FontMetrics.lineCount(text, size: size, bold: bold, available: width)
                try sheet.setRow(r, height: min(FontMetrics.rowHeight(lines: lines, size: size), FontMetrics.maxRowHeight))
            }
            r += 1
        }
        sheet.setPortrait()
        sheet.setPaper(9)
        sheet.setMargins(left: 1.5 / 2.54, right: 1.5 / 2.54, top: 1.5 / 2.54, bottom: 1.5 / 2.54)
        sheet.fitToPages(width: 1, height: 0)
        sheet.hideGridlines()
        try sheet.printArea(CellRange(row: 0, column: 0, lastRow: max(r - 1, 0), lastColumn: 1))
    }
}
