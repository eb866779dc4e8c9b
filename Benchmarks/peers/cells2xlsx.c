/*
 * cells2xlsx: the plain C peer of `bieu export` (XLSX).
 *
 *     cells2xlsx [-c] IN.cells OUT.xlsx
 *
 * Reads a cell stream (see Benchmarks/tools/xlsx_to_cells.py for the format)
 * and writes it with libxlsxwriter: the same sheets, cells, formats, merges,
 * row heights, column widths, print setup and document properties that bieu
 * wrote. It interprets nothing and lays nothing out — every value, format and
 * height is in its input — so it measures what writing the workbook costs.
 * `-c` turns on libxlsxwriter's constant_memory mode (rows flushed as they are
 * passed; inline strings instead of a shared-string table), as a reference for
 * what a streaming writer's memory would be.
 *
 * Built by Benchmarks/run.sh:
 *     cc -O2 -o cells2xlsx cells2xlsx.c $(pkg-config --cflags --libs xlsxwriter)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAX_FIELDS 16
#define MAX_FORMATS 4096

static void die(const char *what, long line) {
    fprintf(stderr, "cells2xlsx: %s (line %ld)\n", what, line);
    exit(2);
}

/* Undo the stream's escapes in place: \\ \t \n \r. */
static char *unescape(char *s) {
    char *r = s, *w = s;
    while (*r) {
        if (*r == '\\' && r[1]) {
            r++;
            switch (*r) {
            case 't': *w++ = '\t'; break;
            case 'n': *w++ = '\n'; break;
            case 'r': *w++ = '\r'; break;
            default: *w++ = *r; break;
            }
            r++;
        } else {
            *w++ = *r++;
        }
    }
    *w = 0;
    return s;
}

static int split(char *line, char **fields) {
    int n = 0;
    char *p = line;
    fields[n++] = p;
    while (*p && n < MAX_FIELDS) {
        if (*p == '\t') {
            *p = 0;
            fields[n++] = p + 1;
        }
        p++;
    }
    return n;
}

static uint8_t halign(const char *s) {
    if (!strcmp(s, "left")) return LXW_ALIGN_LEFT;
    if (!strcmp(s, "center")) return LXW_ALIGN_CENTER;
    if (!strcmp(s, "right")) return LXW_ALIGN_RIGHT;
    return LXW_ALIGN_NONE;
}

static uint8_t valign(const char *s) {
    if (!strcmp(s, "top")) return LXW_ALIGN_VERTICAL_TOP;
    if (!strcmp(s, "center")) return LXW_ALIGN_VERTICAL_CENTER;
    if (!strcmp(s, "bottom")) return LXW_ALIGN_VERTICAL_BOTTOM;
    return LXW_ALIGN_NONE;
}

int main(int argc, char **argv) {
    int constant = 0, a = 1;
    if (argc > 1 && !strcmp(argv[1], "-c")) { constant = 1; a = 2; }
    if (argc - a != 2) {
        fprintf(stderr, "usage: cells2xlsx [-c] IN.cells OUT.xlsx\n");
        return 2;
    }
    FILE *in = fopen(argv[a], "r");
    if (!in) { perror(argv[a]); return 2; }
    lxw_workbook_options options = {.constant_memory = (uint8_t)constant, .tmpdir = NULL, .use_zip64 = 0};
    lxw_workbook *wb = workbook_new_opt(argv[a + 1], &options);
    if (!wb) die("cannot create the workbook", 0);

    static lxw_format *formats[MAX_FORMATS];
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    lxw_worksheet *ws = NULL;
    char *line = NULL, *f[MAX_FIELDS];
    size_t cap = 0;
    ssize_t len;
    long lineno = 0, cells = 0, dropped = 0;

#define FMT(s) (atoi(s) < 0 ? NULL : formats[atoi(s) % MAX_FORMATS])
    while ((len = getline(&line, &cap, in)) > 0) {
        lineno++;
        if (line[len - 1] == '\n') line[--len] = 0;
        int n = split(line, f);
        lxw_error err = LXW_NO_ERROR;
        switch (f[0][0]) {
        case 's':
            err = worksheet_write_string(ws, atoi(f[1]), atoi(f[2]), unescape(f[4]), FMT(f[3]));
            cells++;
            break;
        case 'n':
            err = worksheet_write_number(ws, atoi(f[1]), atoi(f[2]), strtod(f[4], NULL), FMT(f[3]));
            cells++;
            break;
        case 'b':
            err = worksheet_write_blank(ws, atoi(f[1]), atoi(f[2]), FMT(f[3]));
            cells++;
            break;
        case 'f':
            if (n < 7) die("short formula record", lineno);
            if (f[5][0] == 'n')
                err = worksheet_write_formula_num(ws, atoi(f[1]), atoi(f[2]), unescape(f[4]), FMT(f[3]), strtod(f[6], NULL));
            else
                err = worksheet_write_formula_str(ws, atoi(f[1]), atoi(f[2]), unescape(f[4]), FMT(f[3]), unescape(f[6]));
            cells++;
            break;
        case 'H':
            err = worksheet_set_row(ws, atoi(f[1]), strtod(f[2], NULL), NULL);
            break;
        case 'M':
            err = worksheet_merge_range(ws, atoi(f[1]), atoi(f[2]), atoi(f[3]), atoi(f[4]), unescape(f[6]), FMT(f[5]));
            break;
        case 'F': {
            if (n < 14) die("short format record", lineno);
            int id = atoi(f[1]);
            if (id < 0 || id >= MAX_FORMATS) die("format id out of range", lineno);
            lxw_format *fm = workbook_add_format(wb);
            format_set_font_name(fm, unescape(f[2]));
            format_set_font_size(fm, strtod(f[3], NULL));
            if (atoi(f[4])) format_set_bold(fm);
            if (atoi(f[5])) format_set_italic(fm);
            if (halign(f[6]) != LXW_ALIGN_NONE) format_set_align(fm, halign(f[6]));
            if (valign(f[7]) != LXW_ALIGN_NONE) format_set_align(fm, valign(f[7]));
            if (atoi(f[8])) format_set_text_wrap(fm);
            if (atoi(f[9])) format_set_left(fm, LXW_BORDER_THIN);
            if (atoi(f[10])) format_set_right(fm, LXW_BORDER_THIN);
            if (atoi(f[11])) format_set_top(fm, LXW_BORDER_THIN);
            if (atoi(f[12])) format_set_bottom(fm, LXW_BORDER_THIN);
            if (f[13][0]) format_set_num_format(fm, unescape(f[13]));
            formats[id] = fm;
            break;
        }
        case 'S':
            ws = workbook_add_worksheet(wb, unescape(f[1]));
            if (!ws) die("cannot add the worksheet", lineno);
            break;
        case 'A': worksheet_activate(ws); break;
        case 'Z': worksheet_hide(ws); break;
        case 'C': {
            lxw_row_col_options o = {.hidden = (uint8_t)atoi(f[4]), .level = 0, .collapsed = 0};
            err = worksheet_set_column_opt(ws, atoi(f[1]), atoi(f[2]), strtod(f[3], NULL), NULL, &o);
            break;
        }
        case 'O':
            if (!strcmp(f[1], "landscape")) worksheet_set_landscape(ws); else worksheet_set_portrait(ws);
            break;
        case 'Q': worksheet_set_paper(ws, (uint8_t)atoi(f[1])); break;
        case 'G': worksheet_set_margins(ws, strtod(f[1], NULL), strtod(f[2], NULL), strtod(f[3], NULL), strtod(f[4], NULL)); break;
        case 'R': err = worksheet_repeat_rows(ws, atoi(f[1]), atoi(f[2])); break;
        case 'T': worksheet_fit_to_pages(ws, (uint16_t)atoi(f[1]), (uint16_t)atoi(f[2])); break;
        case 'Y': worksheet_freeze_panes(ws, atoi(f[1]), atoi(f[2])); break;
        case 'K': worksheet_center_horizontally(ws); break;
        case 'V': err = worksheet_set_footer(ws, unescape(f[1])); break;
        case 'P': {
            char *v = strdup(unescape(f[2]));
            if (!strcmp(f[1], "title")) props.title = v;
            else if (!strcmp(f[1], "subject")) props.subject = v;
            else if (!strcmp(f[1], "author")) props.author = v;
            else if (!strcmp(f[1], "company")) props.company = v;
            else if (!strcmp(f[1], "comments")) props.comments = v;
            else if (!strcmp(f[1], "keywords")) props.keywords = v;
            break;
        }
        case 'U':
            err = workbook_set_custom_property_string(wb, strdup(unescape(f[1])), strdup(unescape(f[2])));
            break;
        default:
            die("unknown record", lineno);
        }
        /* constant_memory cannot go back to a row it has already flushed: such writes
         * (the cells of vertical merges, a cell written out of row order) are lost; count them. */
        if (constant && err == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE) { dropped++; err = LXW_NO_ERROR; }
        if (err != LXW_NO_ERROR) die(lxw_strerror(err), lineno);
    }
    free(line);
    fclose(in);
    workbook_set_properties(wb, &props);
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) die(lxw_strerror(err), lineno);
    printf("cells %ld", cells);
    if (dropped) printf(", %ld writes lost to constant_memory", dropped);
    printf("\n");
    return 0;
}
