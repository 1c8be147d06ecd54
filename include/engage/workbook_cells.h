/*
 * workbook_cells.h - private to the workbook modules (workbook*.c): the
 * state of a workbook being written and the cell helpers every sheet
 * shares, the lowest layer of render. Includes <xlsxwriter.h>, so nothing
 * but the workbook modules includes this header.
 *
 * Every sheet is written top to bottom, row after row, so the same code
 * works in libxlsxwriter's constant-memory mode, where a row is flushed to
 * disk once a later one is written; a write to a flushed row is caught and
 * reported as an internal error.
 */
#ifndef ENGAGE_WORKBOOK_CELLS_H
#define ENGAGE_WORKBOOK_CELLS_H

#include <stdint.h>
#include <xlsxwriter.h>

#include "engage/error.h"
#include "engage/data_table.h"
#include "engage/report.h"
#include "engage/workbook_data.h"

#define WB_MAX_COLS    256 /* columns whose widths a sheet tracks */
#define WB_MAX_FORMATS 200 /* distinct formats a workbook uses */

/* Format flags for wb_format. */
enum {
	WB_BOLD = 1 << 0,	 /* bold */
	WB_ITALIC = 1 << 1,	 /* italic */
	WB_GREY = 1 << 2,	 /* grey text */
	WB_GREEN = 1 << 3,	 /* green text: good news */
	WB_RED = 1 << 4,	 /* red text: bad news */
	WB_WRAP = 1 << 5,	 /* wrap text, top-aligned */
	WB_HEADER = 1 << 6,	 /* a column header: bold on light blue, rule below */
	WB_TITLE = 1 << 7,	 /* a sheet title */
	WB_RIGHT = 1 << 8,	 /* right-aligned */
	WB_FILL_RED = 1 << 9,	 /* light red fill with dark red text: a problem */
	WB_FILL_GREY = 1 << 10,	 /* grey fill with a border: set apart */
	WB_SECTION = 1 << 11,	 /* a section heading inside a sheet */
	WB_FILL_GREEN = 1 << 12, /* light green fill with dark green text: all good */
	WB_TOP_RULE = 1 << 13,	 /* a rule above: a total row */
	WB_LEFT = 1 << 14,	 /* left-aligned */
};

/* How a value is shown. */
enum wb_kind {
	WB_COUNT,   /* a whole number */
	WB_MONEY,   /* an amount in the report currency */
	WB_RATIO,   /* a share, as a percentage */
	WB_DECIMAL, /* another number, 2 decimals */
	WB_PRECISE, /* a model parameter, 4 decimals */
};

/* One cached format. */
struct wb_cached_format {
	char num[96];	    /* its number format, "" for General */
	unsigned flags;	    /* its WB_ flags */
	lxw_format *format; /* owned by the workbook */
};

#define WB_MAX_BANDS EG_WORKBOOK_MAX_BANDS /* churn-risk bands shown */

/* A workbook being written. */
struct wb {
	lxw_workbook *wb;		  /* the libxlsxwriter workbook */
	const struct eg_workbook_data *d; /* what it shows */
	const struct eg_report *rep;	  /* d->kpis */
	char money[96];			  /* number format of an amount */
	char money_delta[128];		  /* number format of a change of an amount */
	struct wb_cached_format formats[WB_MAX_FORMATS]; /* formats made so far */
	size_t nformats;				 /* how many */
	int constant_memory;				 /* 1 in constant-memory mode */
	struct eg_workbook_tally tally;			 /* the customers, by churn-risk band */
	int sheets;					 /* sheets added */
	int status;					 /* first failure (EG_OK while none) */
	struct eg_error *err;				 /* where that failure is described */
};

/* A sheet being written. */
struct wb_sheet {
	struct wb *b;		   /* its workbook */
	lxw_worksheet *ws;	   /* the worksheet */
	const char *name;	   /* its name */
	double width[WB_MAX_COLS]; /* widest content seen per column, in characters */
	double max_width;	   /* cap on a tracked width */
};

/* Sets b's number formats of an amount for ISO 4217 currency ("" for none). */
void wb_set_currency(struct wb *b, const char *currency);

/* The format with number format num (NULL: General) and flags, made once per workbook. */
lxw_format *wb_format(struct wb *b, const char *num, unsigned flags);

/* The number format of kind k; delta selects the signed change format. */
const char *wb_num_format(const struct wb *b, enum wb_kind k, int delta);

/* The kind of a value by its unit: "count", "ratio", a currency code, or another unit. */
enum wb_kind wb_kind_of_unit(const struct wb *b, const char *unit);

/* The kind of a value of a catalogue metric kind. */
enum wb_kind wb_kind_of(enum eg_metric_kind k);

/* The kind of a kpis.csv metric. */
enum wb_kind wb_kind_of_metric(const struct eg_report_metric *m);

/* Adds a worksheet named name and starts it. */
void wb_sheet_start(struct wb *b, struct wb_sheet *s, const char *name);

/* Sets the tracked column widths and the print set-up: landscape, one page wide. */
void wb_sheet_finish(struct wb_sheet *s);

/* Writes a sheet title at (row, 0) and a grey note under it when note is not NULL. */
void wb_title(struct wb_sheet *s, lxw_row_t row, const char *title, const char *note);

/* Writes text as a string cell (never a formula), cut at Excel's 32,767 characters. */
void wb_text(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, const char *text, lxw_format *f);

/* Writes text without counting it in the column's width (titles, long notes). */
void wb_note(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, const char *text, lxw_format *f);

/* Writes column headers from col on; numeric headers (from num_from on) right-aligned. */
void wb_headers(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, const char *const *names,
		size_t n, size_t num_from);

/* Writes a number with format f. */
void wb_number(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, double x, lxw_format *f);

/* Writes x as kind k, or "n/a" in grey when present is 0. flags add to the format. */
void wb_value(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, enum wb_kind k, int present,
	      double x, unsigned flags);

/* Writes a cell of a data table as kind k: a number, "n/a" when empty. */
void wb_table_value(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, enum wb_kind k,
		    const struct eg_data_table *t, size_t r, long c, unsigned flags);

/* Writes month index m as a date cell shown "mmm yyyy". */
void wb_month(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, int64_t m, unsigned flags);

/* Writes day (days since 1970-01-01) as a date cell shown "yyyy-mm-dd". */
void wb_day(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, int64_t day, unsigned flags);

/* Records a libxlsxwriter failure at (row, col) unless one is recorded already. */
void wb_check(struct wb_sheet *s, lxw_error rc, lxw_row_t row, lxw_col_t col);

/* Writes "Month YYYY" for month index m into buf. */
char *wb_month_name(int64_t m, char *buf, size_t n);

/* A file id as people read it into buf: '_' as spaces, first letter capital, NPS-like ids in capitals. */
char *wb_humanise(const char *id, char *buf, size_t n);

/* The month index of "YYYY-MM" into *m: 1, or 0 when it is not one. */
int wb_parse_month(const char *s, int64_t *m);

/*
 * Writes x at (row, col) of a hidden chart-data column, or nothing when
 * present is 0: a chart shows a gap there, where a table's "n/a" text would
 * be drawn as a zero. Not counted in the column's width.
 */
void wb_chart_cell(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, int present, double x);

/* Hides columns first..last (chart data); call after the last write to them. */
void wb_hide_columns(struct wb_sheet *s, lxw_col_t first, lxw_col_t last);

/* A line chart, column chart, ... with the workbook's style. */
lxw_chart *wb_chart(struct wb *b, uint8_t type, const char *title);

/*
 * A line chart of sheet's rows first..last, months in column 0: one series
 * per column cols[i] named names[i] (n of them), values in num_format.
 */
lxw_chart *wb_line_chart(struct wb *b, const char *sheet, const char *title, lxw_row_t first,
			 lxw_row_t last, const lxw_col_t *cols, const char *const *names, int n,
			 const char *num_format);

/* Inserts chart at (row, col) with a size in pixels. */
void wb_insert_chart(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, lxw_chart *chart, int width,
		     int height);

/* Says in words that a sheet's source is absent, at (row, 0). */
void wb_absent(struct wb_sheet *s, lxw_row_t row, const char *message);

/*
 * When no row of t has a value in column value_col, says so at (row, 0) as
 * "<what>: " and the distinct notes of column note_col ("no survey export;
 * no support tickets export"), or of an empty table "<what>: <file> has no
 * rows", and returns 1; else returns 0 and writes nothing.
 */
int wb_no_values(struct wb_sheet *s, lxw_row_t row, const struct eg_data_table *t, long value_col,
		 long note_col, const char *what, const char *file);

#endif
