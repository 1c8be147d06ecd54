/*
 * workbook_cells.c - the report workbook's lowest layer: formats, number
 * formats, and writing one cell, title, header row or chart. Calls nothing
 * above it: the sheets (workbook_*.c) call it, never the other way round.
 */
#include "engage/workbook_cells.h"
#include "engage/datetime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#define EXCEL_STR_MAX 32767 /* bytes of a cell string libxlsxwriter accepts */

static const char *const month_names[] = { "January",	"February", "March",	"April",
					   "May",	"June",	    "July",	"August",
					   "September", "October",  "November", "December" };

/* Currency symbols shown before an amount; other codes go after it. */
static const struct {
	const char *code;   /* ISO 4217 code */
	const char *symbol; /* UTF-8 symbol */
	int decimals;	    /* decimals shown */
} symbols[] = {
	{ "USD", "$", 2 },	  { "GBP", "\xC2\xA3", 2 },	{ "EUR", "\xE2\x82\xAC", 2 },
	{ "JPY", "\xC2\xA5", 0 }, { "CAD", "CA$", 2 },		{ "AUD", "A$", 2 },
	{ "NZD", "NZ$", 2 },	  { "INR", "\xE2\x82\xB9", 2 },
};

void wb_set_currency(struct wb *b, const char *currency)
{
	size_t i;

	if (!currency[0]) {
		strcpy(b->money, "#,##0.00");
		strcpy(b->money_delta, "+#,##0.00;-#,##0.00;0.00");
		return;
	}
	for (i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++) {
		if (strcmp(symbols[i].code, currency) == 0) {
			const char *n = symbols[i].decimals ? "#,##0.00" : "#,##0";
			const char *z = symbols[i].decimals ? "0.00" : "0";

			snprintf(b->money, sizeof(b->money), "\"%s\"%s;-\"%s\"%s",
				 symbols[i].symbol, n, symbols[i].symbol, n);
			snprintf(b->money_delta, sizeof(b->money_delta),
				 "+\"%s\"%s;-\"%s\"%s;\"%s\"%s", symbols[i].symbol, n,
				 symbols[i].symbol, n, symbols[i].symbol, z);
			return;
		}
	}
	snprintf(b->money, sizeof(b->money), "#,##0.00 \"%.8s\"", currency);
	snprintf(b->money_delta, sizeof(b->money_delta),
		 "+#,##0.00 \"%.8s\";-#,##0.00 \"%.8s\";0.00 \"%.8s\"", currency, currency,
		 currency);
}

lxw_format *wb_format(struct wb *b, const char *num, unsigned flags)
{
	struct wb_cached_format *c;
	lxw_format *f;
	size_t i;

	if (!num)
		num = "";
	for (i = 0; i < b->nformats; i++)
		if (b->formats[i].flags == flags && strcmp(b->formats[i].num, num) == 0)
			return b->formats[i].format;
	f = workbook_add_format(b->wb);
	if (!f)
		return NULL;
	if (num[0])
		format_set_num_format(f, num);
	if (flags & WB_BOLD)
		format_set_bold(f);
	if (flags & WB_ITALIC)
		format_set_italic(f);
	if (flags & WB_GREY)
		format_set_font_color(f, 0x7F7F7F);
	if (flags & WB_GREEN)
		format_set_font_color(f, 0x1E7B34);
	if (flags & WB_RED)
		format_set_font_color(f, 0xC0392B);
	if (flags & WB_WRAP) {
		format_set_text_wrap(f);
		format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	}
	if (flags & WB_HEADER) {
		format_set_bold(f);
		format_set_bg_color(f, 0xDCE6F1);
		format_set_bottom(f, LXW_BORDER_THIN);
		format_set_text_wrap(f);
		format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	}
	if (flags & WB_TITLE) {
		format_set_bold(f);
		format_set_font_size(f, 14);
	}
	if (flags & WB_SECTION) {
		format_set_bold(f);
		format_set_font_size(f, 12);
		format_set_font_color(f, 0x1F4E79);
	}
	if (flags & WB_RIGHT)
		format_set_align(f, LXW_ALIGN_RIGHT);
	if (flags & WB_LEFT)
		format_set_align(f, LXW_ALIGN_LEFT);
	if (flags & WB_FILL_RED) {
		format_set_bg_color(f, 0xF8D7DA);
		format_set_font_color(f, 0x9C0006);
		format_set_bold(f);
	}
	if (flags & WB_FILL_GREEN) {
		format_set_bg_color(f, 0xD4EDDA);
		format_set_font_color(f, 0x155724);
	}
	if (flags & WB_FILL_GREY) {
		format_set_bg_color(f, 0xD9D9D9);
		format_set_border(f, LXW_BORDER_THIN);
		format_set_bold(f);
	}
	if (flags & WB_TOP_RULE) {
		format_set_top(f, LXW_BORDER_THIN);
		format_set_bold(f);
	}
	if (b->nformats < WB_MAX_FORMATS) {
		c = &b->formats[b->nformats++];
		snprintf(c->num, sizeof(c->num), "%s", num);
		c->flags = flags;
		c->format = f;
	}
	return f;
}

const char *wb_num_format(const struct wb *b, enum wb_kind k, int delta)
{
	switch (k) {
	case WB_MONEY: return delta ? b->money_delta : b->money;
	case WB_RATIO: return delta ? "+0.0%;-0.0%;0.0%" : "0.0%";
	case WB_DECIMAL: return delta ? "+#,##0.00;-#,##0.00;0.00" : "#,##0.00";
	case WB_PRECISE: return delta ? "+#,##0.0000;-#,##0.0000;0.0000" : "#,##0.0000";
	case WB_COUNT: break;
	}
	return delta ? "+#,##0;-#,##0;0" : "#,##0";
}

enum wb_kind wb_kind_of_unit(const struct wb *b, const char *unit)
{
	const char *currency = b->rep->currency;
	int i;

	if (strcmp(unit, "count") == 0)
		return WB_COUNT;
	if (strcmp(unit, "ratio") == 0)
		return WB_RATIO;
	if (currency[0] && strcmp(unit, currency) == 0)
		return WB_MONEY;
	for (i = 0; i < 3; i++)
		if (unit[i] < 'A' || unit[i] > 'Z')
			return WB_DECIMAL;
	return unit[3] ? WB_DECIMAL : WB_MONEY;
}

enum wb_kind wb_kind_of(enum eg_metric_kind k)
{
	switch (k) {
	case EG_METRIC_MONEY: return WB_MONEY;
	case EG_METRIC_RATIO: return WB_RATIO;
	case EG_METRIC_DECIMAL: return WB_DECIMAL;
	case EG_METRIC_COUNT: break;
	}
	return WB_COUNT;
}

enum wb_kind wb_kind_of_metric(const struct eg_report_metric *m)
{
	return wb_kind_of(m->kind);
}

void wb_check(struct wb_sheet *s, lxw_error rc, lxw_row_t row, lxw_col_t col)
{
	char cell[32];

	if (rc == LXW_NO_ERROR || s->b->status != EG_OK)
		return;
	lxw_rowcol_to_cell(cell, row, col);
	s->b->status =
		eg_error_set(s->b->err, EG_EINTERNAL, NULL, 0, 0, "sheet '%s' refused cell %s: %s",
			     s->name, cell, lxw_strerror(rc));
}

void wb_sheet_start(struct wb *b, struct wb_sheet *s, const char *name)
{
	memset(s, 0, sizeof(*s));
	s->b = b;
	s->name = name;
	s->max_width = 50;
	s->ws = workbook_add_worksheet(b->wb, name);
	b->sheets++;
	if (!s->ws && b->status == EG_OK)
		b->status = eg_error_set(b->err, EG_EINTERNAL, NULL, 0, 0,
					 "unable to add sheet '%s'", name);
}

void wb_sheet_finish(struct wb_sheet *s)
{
	lxw_col_t c;

	for (c = 0; c < WB_MAX_COLS; c++)
		if (s->width[c] > 0)
			worksheet_set_column(s->ws, c, c, s->width[c] < 8 ? 8 : s->width[c], NULL);
	worksheet_set_landscape(s->ws);
	worksheet_set_paper(s->ws, 9); /* A4 */
	worksheet_fit_to_pages(s->ws, 1, 0);
	worksheet_set_margins(s->ws, 0.5, 0.5, 0.6, 0.6);
}

/* Characters of UTF-8 text: its code points. */
static size_t text_chars(const char *text)
{
	size_t n = 0;

	for (; *text; text++)
		n += ((unsigned char)*text & 0xC0) != 0x80;
	return n;
}

static void track(struct wb_sheet *s, lxw_col_t col, double chars)
{
	double w = chars * 1.1 + 2;

	if (col >= WB_MAX_COLS)
		return;
	if (w > s->max_width)
		w = s->max_width;
	if (w > s->width[col])
		s->width[col] = w;
}

/* Writes text as a string cell, cut on a character boundary at Excel's limit. */
static void put_text(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, const char *text,
		     lxw_format *f)
{
	size_t len = strlen(text);
	lxw_error rc;

	if (len > EXCEL_STR_MAX) {
		char *cut = malloc(EXCEL_STR_MAX + 1);

		if (!cut) {
			wb_check(s, LXW_ERROR_MEMORY_MALLOC_FAILED, row, col);
			return;
		}
		len = EXCEL_STR_MAX;
		while (len && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
		memcpy(cut, text, len);
		cut[len] = '\0';
		rc = worksheet_write_string(s->ws, row, col, cut, f);
		free(cut);
	} else {
		rc = worksheet_write_string(s->ws, row, col, text, f);
	}
	wb_check(s, rc, row, col);
}

void wb_text(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, const char *text, lxw_format *f)
{
	/* An empty string writes nothing, as a blank cell without a format would. */
	if (!text[0] && !f)
		return;
	put_text(s, row, col, text, f);
	track(s, col, (double)text_chars(text));
}

void wb_note(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, const char *text, lxw_format *f)
{
	put_text(s, row, col, text, f);
}

void wb_headers(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, const char *const *names,
		size_t n, size_t num_from)
{
	size_t i;

	for (i = 0; i < n; i++) {
		size_t chars = text_chars(names[i]);

		put_text(s, row, (lxw_col_t)(col + i), names[i],
			 wb_format(s->b, NULL, WB_HEADER | (i >= num_from ? WB_RIGHT : 0)));
		track(s, (lxw_col_t)(col + i), (double)(chars > 14 ? 14 : chars));
	}
}

/* About how many characters x takes shown as kind k. */
static double number_chars(double x, enum wb_kind k)
{
	double a = x < 0 ? -x : x;
	int digits = 1;

	while (a >= 10 && digits < 20)
		a /= 10, digits++;
	switch (k) {
	case WB_RATIO: return 7;
	case WB_COUNT: return digits + (digits - 1) / 3 + (x < 0);
	case WB_MONEY: return digits + (digits - 1) / 3 + 4 + (x < 0);
	case WB_DECIMAL: return digits + (digits - 1) / 3 + 3 + (x < 0);
	case WB_PRECISE: break;
	}
	return digits + (digits - 1) / 3 + 5 + (x < 0);
}

void wb_number(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, double x, lxw_format *f)
{
	wb_check(s, worksheet_write_number(s->ws, row, col, x, f), row, col);
	track(s, col, number_chars(x, WB_DECIMAL) + 2);
}

void wb_value(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, enum wb_kind k, int present,
	      double x, unsigned flags)
{
	if (!present) {
		put_text(s, row, col, "n/a", wb_format(s->b, NULL, WB_GREY | WB_RIGHT | flags));
		return;
	}
	wb_number(s, row, col, x, wb_format(s->b, wb_num_format(s->b, k, 0), flags));
	track(s, col, number_chars(x, k));
}

void wb_table_value(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, enum wb_kind k,
		    const struct eg_data_table *t, size_t r, long c, unsigned flags)
{
	double x = 0;
	int present = eg_data_table_number(t, r, c, &x);

	wb_value(s, row, col, k, present, x, flags);
}

void wb_month(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, int64_t m, unsigned flags)
{
	int64_t y = m / 12;
	lxw_datetime date = { (int)y, (int)(m - y * 12 + 1), 1, 0, 0, 0.0 };

	wb_check(s,
		 worksheet_write_datetime(s->ws, row, col, &date,
					  wb_format(s->b, "mmm yyyy", WB_LEFT | flags)),
		 row, col);
	track(s, col, 9);
}

void wb_day(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, int64_t day, unsigned flags)
{
	int64_t y;
	unsigned m, d;
	lxw_datetime date;

	eg_civil_from_days(day, &y, &m, &d);
	date.year = (int)y, date.month = (int)m, date.day = (int)d;
	date.hour = date.min = 0;
	date.sec = 0.0;
	wb_check(s,
		 worksheet_write_datetime(s->ws, row, col, &date,
					  wb_format(s->b, "yyyy-mm-dd", WB_LEFT | flags)),
		 row, col);
	track(s, col, 10);
}

void wb_title(struct wb_sheet *s, lxw_row_t row, const char *title, const char *note)
{
	wb_note(s, row, 0, title, wb_format(s->b, NULL, WB_TITLE));
	worksheet_set_row(s->ws, row, 20, NULL);
	if (note)
		wb_note(s, row + 1, 0, note, wb_format(s->b, NULL, WB_GREY | WB_ITALIC));
}

void wb_absent(struct wb_sheet *s, lxw_row_t row, const char *message)
{
	wb_note(s, row, 0, message, wb_format(s->b, NULL, WB_BOLD | WB_GREY));
}

int wb_no_values(struct wb_sheet *s, lxw_row_t row, const struct eg_data_table *t, long value_col,
		 long note_col, const char *what, const char *file)
{
	char msg[1024];
	size_t r, k, used;

	for (r = 0; r < t->nrows; r++)
		if (eg_data_table_cell(t, r, value_col)[0])
			return 0;
	used = (size_t)snprintf(msg, sizeof(msg), "%s: ", what);
	if (!t->nrows) {
		snprintf(msg + used, sizeof(msg) - used, "%s has no rows.", file);
		wb_absent(s, row, msg);
		return 1;
	}
	/* Each distinct note once, in the order met. */
	for (r = 0; r < t->nrows && used + 4 < sizeof(msg); r++) {
		const char *note = eg_data_table_cell(t, r, note_col);

		for (k = 0; k < r && strcmp(eg_data_table_cell(t, k, note_col), note) != 0; k++)
			;
		if (!note[0] || k < r)
			continue;
		used += (size_t)snprintf(msg + used, sizeof(msg) - used, "%s%s",
					 msg[used - 2] == ':' ? "" : "; ", note);
	}
	if (msg[used - 2] == ':')
		snprintf(msg + used, sizeof(msg) - used, "%s has no values", file);
	used = strlen(msg);
	if (used + 1 < sizeof(msg))
		strcat(msg, ".");
	wb_absent(s, row, msg);
	return 1;
}

char *wb_month_name(int64_t m, char *buf, size_t n)
{
	int64_t y = m / 12;

	snprintf(buf, n, "%s %lld", month_names[m - y * 12], (long long)y);
	return buf;
}

char *wb_humanise(const char *id, char *buf, size_t n)
{
	static const char *const upper[] = { "nps", "csat", "ces", "aov", "clv", "rfm", NULL };
	size_t i, o = 0, start = 0;

	if (!n)
		return buf;
	for (i = 0; id[i] && o + 1 < n; i++)
		buf[o++] = id[i] == '_' ? ' ' : id[i];
	buf[o] = '\0';
	/* Acronyms as whole words in capitals, then a capital first letter. */
	for (i = 0; i <= o; i++) {
		if (buf[i] == ' ' || buf[i] == '\0') {
			size_t k;

			for (k = 0; upper[k]; k++) {
				if (strlen(upper[k]) == i - start &&
				    strncmp(buf + start, upper[k], i - start) == 0) {
					size_t j;

					for (j = start; j < i; j++)
						buf[j] = (char)(buf[j] - 'a' + 'A');
				}
			}
			start = i + 1;
		}
	}
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	return buf;
}

int wb_parse_month(const char *s, int64_t *m)
{
	return eg_data_table_parse_month(s, m);
}

void wb_chart_cell(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, int present, double x)
{
	if (present)
		wb_check(s, worksheet_write_number(s->ws, row, col, x, NULL), row, col);
}

void wb_hide_columns(struct wb_sheet *s, lxw_col_t first, lxw_col_t last)
{
	lxw_row_col_options hidden = { 1, 0, 0 };
	lxw_col_t c;

	for (c = first; c <= last && c < WB_MAX_COLS; c++)
		s->width[c] = 0;
	worksheet_set_column_opt(s->ws, first, last, 12, NULL, &hidden);
}

lxw_chart *wb_chart(struct wb *b, uint8_t type, const char *title)
{
	lxw_chart *c = workbook_add_chart(b->wb, type);

	if (!c)
		return NULL;
	chart_title_set_name(c, title);
	chart_set_style(c, 10);
	chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
	return c;
}

lxw_chart *wb_line_chart(struct wb *b, const char *sheet, const char *title, lxw_row_t first,
			 lxw_row_t last, const lxw_col_t *cols, const char *const *names, int n,
			 const char *num_format)
{
	lxw_chart *chart = wb_chart(b, LXW_CHART_LINE, title);
	int i;

	for (i = 0; chart && i < n; i++) {
		lxw_chart_series *series = chart_add_series(chart, NULL, NULL);

		if (!series)
			break;
		chart_series_set_categories(series, sheet, first, 0, last, 0);
		chart_series_set_values(series, sheet, first, cols[i], last, cols[i]);
		chart_series_set_name(series, names[i]);
		chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
	}
	if (chart) {
		chart_axis_set_num_format(chart->y_axis, num_format);
		chart_axis_set_num_format(chart->x_axis, "mmm yyyy");
		chart_show_hidden_data(chart);
		chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
	}
	return chart;
}

void wb_insert_chart(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, lxw_chart *chart, int width,
		     int height)
{
	lxw_chart_options opt = { 0 };

	if (!chart)
		return;
	opt.x_scale = width / 480.0;
	opt.y_scale = height / 288.0;
	opt.object_position = LXW_OBJECT_MOVE_DONT_SIZE;
	wb_check(s, worksheet_insert_chart_opt(s->ws, row, col, chart, &opt), row, col);
}
