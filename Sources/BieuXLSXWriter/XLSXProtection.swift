import BieuCore
import CXlsxWriter
import Foundation

/// What people may still do on a protected sheet. Everything not allowed here
/// is blocked; locked cells (the default) cannot be edited.
public struct XLSXSheetPermissions: Sendable, Hashable {
    public var selectLockedCells = true
    public var selectUnlockedCells = true
    public var formatCells = false
    public var formatColumns = false
    /// Change row heights (and hide rows).
    public var formatRows = false
    public var insertColumns = false
    public var insertRows = false
    public var insertHyperlinks = false
    public var deleteColumns = false
    public var deleteRows = false
    /// Sort (Excel sorts only ranges without locked cells on a protected sheet).
    public var sort = false
    /// Use an existing autofilter.
    public var autofilter = false
    public var pivotTables = false
    /// Add and edit comments, notes and other drawing objects.
    public var editObjects = false
    public var editScenarios = false

    public init() {}
}

extension XLSXWorksheet {
    /// Protects the sheet: locked cells cannot be edited; `permissions` says what stays possible.
    ///
    /// `password` nil or empty protects without a password (Review → Unprotect Sheet lifts it).
    /// Sheet passwords are a guard against accidents, not security: the file is not encrypted.
    public func protect(password: String?, permissions: XLSXSheetPermissions) {
        var o = lxw_protection()
        o.no_select_locked_cells = permissions.selectLockedCells ? 0 : 1
        o.no_select_unlocked_cells = permissions.selectUnlockedCells ? 0 : 1
        // libxlsxwriter's members are "allow" switches for these (1 writes formatRows="0", etc.).
        o.format_cells = permissions.formatCells ? 1 : 0
        o.format_columns = permissions.formatColumns ? 1 : 0
        o.format_rows = permissions.formatRows ? 1 : 0
        o.insert_columns = permissions.insertColumns ? 1 : 0
        o.insert_rows = permissions.insertRows ? 1 : 0
        o.insert_hyperlinks = permissions.insertHyperlinks ? 1 : 0
        o.delete_columns = permissions.deleteColumns ? 1 : 0
        o.delete_rows = permissions.deleteRows ? 1 : 0
        o.sort = permissions.sort ? 1 : 0
        o.autofilter = permissions.autofilter ? 1 : 0
        o.pivot_tables = permissions.pivotTables ? 1 : 0
        o.objects = permissions.editObjects ? 1 : 0
        o.scenarios = permissions.editScenarios ? 1 : 0
        if let password, !password.isEmpty {
            worksheet_protect(pointer, XLSXWorksheet.cSafe(password), &o)
        } else {
            worksheet_protect(pointer, nil, &o)
        }
    }
}

/// The legacy 16-bit password verifier Excel stores for sheet and workbook
/// protection (`password="CE4B"` style): the same value libxlsxwriter writes.
public enum XLSXPasswordHash {
    /// Hex verifier of an ASCII password (nil for a password with other characters,
    /// whose verifier depends on the reader's code page).
    public static func legacy(_ password: String) -> String? {
        let bytes = Array(password.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }), bytes.count <= 255 else { return nil }
        var hash: UInt32 = 0
        for b in bytes.reversed() {
            hash = ((hash >> 14) & 0x01) | ((hash << 1) & 0x7FFF)
            hash ^= UInt32(b)
        }
        hash = ((hash >> 14) & 0x01) | ((hash << 1) & 0x7FFF)
        hash ^= UInt32(bytes.count)
        hash ^= 0xCE4B
        return String(hash, radix: 16, uppercase: true)
    }
}
