#include <stdlib.h>
#include <xlsxwriter.h>

/// Registers a merged range without writing its cells. In constant-memory mode
/// `worksheet_merge_range()` cannot merge areas that share rows with an area
/// written before (rows already flushed); the caller writes the cells row by row
/// itself and records the merges with this. The library frees the list entries
/// with the worksheet.
static inline lxw_error bieu_worksheet_add_merged_range(lxw_worksheet *ws, lxw_row_t first_row, lxw_col_t first_col,
                                                        lxw_row_t last_row, lxw_col_t last_col) {
    if (first_row > last_row || first_col > last_col || last_row >= LXW_ROW_MAX || last_col >= LXW_COL_MAX)
        return LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
    if (ws->merged_range_count == UINT16_MAX)
        return LXW_ERROR_PARAMETER_VALIDATION;
    lxw_merged_range *range = calloc(1, sizeof(lxw_merged_range));
    if (!range)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    range->first_row = first_row;
    range->first_col = first_col;
    range->last_row = last_row;
    range->last_col = last_col;
    STAILQ_INSERT_TAIL(ws->merged_ranges, range, list_pointers);
    ws->merged_range_count++;
    return LXW_NO_ERROR;
}
