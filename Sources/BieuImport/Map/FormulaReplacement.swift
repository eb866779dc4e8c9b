import BieuCore
import BieuModel
import BieuTemplates

/// A number typed over a formula bieu wrote. bieu's workbook holds a live formula in a
/// computed or assessment cell of a value row whose data leaves the cell empty; when the
/// sheet shows a value there without a formula, the formula was replaced. The typed value
/// is kept (the data is what the person wrote), and the finding says so at the cell rather
/// than leaving only a ratio mismatch to hint at it.
enum FormulaReplacement {
    static func finding(at place: SheetCell, table: String, row: String, column: Column, typed: Cell, formulaGives probe: Row, template: Template) -> Finding {
        let gives: Bilingual? = column.kind == .computed
            ? ComputedCheck.displayValue(column, row: probe, template: template).map {
                Bilingual(vi: "; công thức cho \(DecimalFormatting.vietnamese($0))", en: "; the formula gives \(DecimalFormatting.plain($0))")
            }
            : nil
        let typedEn = typed.value.numericValue.map(DecimalFormatting.plain) ?? typed.text
        return Finding(.warning, "formula-replaced", at: place, table: table, row: row, column: column.id,
                       vi: "công thức bieu ghi trong ô \(place.address.a1) đã bị thay bằng giá trị \"\(typed.text)\"\(gives?.vi ?? ""); giữ giá trị đã nhập",
                       en: "the formula bieu wrote in cell \(place.address.a1) was replaced by the value \"\(typedEn)\"\(gives?.en ?? ""); the typed value is kept")
    }
}
