/*
 * workbook.c - the report workbook, sheet by sheet, on libxlsxwriter.
 */
#include "engage/workbook.h"
#include "engage/atomic_file.h"
#include "engage/datetime.h"
#include "engage/money.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

static const char *const month_names[] = {"January", "February", "March",     "April",
					  "May",     "June",     "July",      "August",
					  "September", "October", "November", "December"};

/* The formats every sheet shares. */
struct formats {
	lxw_format *title;     /* sheet title */
	lxw_format *note;      /* small grey text under a title */
	lxw_format *header;    /* column headers over text */
	lxw_format *header_num; /* column headers over numbers, right-aligned */
	lxw_format *label;     /* metric names */
	lxw_format *count;     /* whole numbers */
	lxw_format *money;     /* amounts in the report currency */
	lxw_format *count_delta; /* signed change of a count */
	lxw_format *money_delta; /* signed change of an amount */
	lxw_format *percent;   /* change in percent, with an arrow up or down */
	lxw_format *up;        /* green text for a rise (conditional) */
	lxw_format *down;      /* red text for a fall (conditional) */
	lxw_format *absent;    /* "n/a" for values that cannot be given */
	lxw_format *month;     /* a month as a date */
};

static void make_formats(lxw_workbook *wb, const char *currency, struct formats *f)
{
	char money[64], delta[96];

	snprintf(money, sizeof(money), "#,##0.00 \"%s\"", currency);
	snprintf(delta, sizeof(delta), "+#,##0.00 \"%s\";-#,##0.00 \"%s\";0.00", currency, currency);
	f->title = workbook_add_format(wb);
	format_set_bold(f->title);
	format_set_font_size(f->title, 14);
	f->note = workbook_add_format(wb);
	format_set_font_color(f->note, LXW_COLOR_GRAY);
	format_set_italic(f->note);
	f->header = workbook_add_format(wb);
	format_set_bold(f->header);
	format_set_bg_color(f->header, 0xDCE6F1);
	format_set_bottom(f->header, LXW_BORDER_THIN);
	format_set_text_wrap(f->header);
	format_set_align(f->header, LXW_ALIGN_VERTICAL_CENTER);
	f->header_num = workbook_add_format(wb);
	format_set_bold(f->header_num);
	format_set_bg_color(f->header_num, 0xDCE6F1);
	format_set_bottom(f->header_num, LXW_BORDER_THIN);
	format_set_text_wrap(f->header_num);
	format_set_align(f->header_num, LXW_ALIGN_VERTICAL_CENTER);
	format_set_align(f->header_num, LXW_ALIGN_RIGHT);
	f->label = workbook_add_format(wb);
	f->count = workbook_add_format(wb);
	format_set_num_format(f->count, "#,##0");
	f->money = workbook_add_format(wb);
	format_set_num_format(f->money, money);
	f->count_delta = workbook_add_format(wb);
	format_set_num_format(f->count_delta, "+#,##0;-#,##0;0");
	f->money_delta = workbook_add_format(wb);
	format_set_num_format(f->money_delta, delta);
	f->percent = workbook_add_format(wb);
	format_set_num_format(f->percent, "\xE2\x96\xB2 0.0%;\xE2\x96\xBC 0.0%;0.0%");
	f->up = workbook_add_format(wb);
	format_set_font_color(f->up, 0x1E7B34);
	f->down = workbook_add_format(wb);
	format_set_font_color(f->down, 0xC0392B);
	f->absent = workbook_add_format(wb);
	format_set_font_color(f->absent, LXW_COLOR_GRAY);
	format_set_align(f->absent, LXW_ALIGN_RIGHT);
	f->month = workbook_add_format(wb);
	format_set_num_format(f->month, "yyyy-mm");
	format_set_align(f->month, LXW_ALIGN_LEFT);
}

/* A value as the number a cell holds: money in currency units. */
static double cell_number(enum eg_metric_id id, int64_t v)
{
	return eg_metrics[id].kind == EG_METRIC_MONEY ? (double)v / EG_MONEY_SCALE : (double)v;
}

static void write_value(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, enum eg_metric_id id,
			struct eg_report_value v, const struct formats *f)
{
	if (!v.present) {
		worksheet_write_string(ws, row, col, "n/a", f->absent);
		return;
	}
	worksheet_write_number(ws, row, col, cell_number(id, v.v),
			       eg_metrics[id].kind == EG_METRIC_MONEY ? f->money : f->count);
}

/* Writes the change from before to now, and the change in percent, at col and col + 1. */
static void write_change(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, enum eg_metric_id id,
			 struct eg_report_value now, struct eg_report_value before,
			 const struct formats *f)
{
	int money = eg_metrics[id].kind == EG_METRIC_MONEY;

	if (!now.present || !before.present) {
		worksheet_write_string(ws, row, col, "n/a", f->absent);
		worksheet_write_string(ws, row, col + 1, "n/a", f->absent);
		return;
	}
	worksheet_write_number(ws, row, col, cell_number(id, now.v - before.v),
			       money ? f->money_delta : f->count_delta);
	if (before.v == 0)
		worksheet_write_string(ws, row, col + 1, "n/a", f->absent);
	else
		worksheet_write_number(ws, row, col + 1,
				       (double)(now.v - before.v) / (double)llabs(before.v),
				       f->percent);
}

/* Colours the numbers in a column range green when above zero, red when below. */
static void colour_changes(lxw_worksheet *ws, lxw_row_t first, lxw_row_t last, lxw_col_t col,
			   const struct formats *f)
{
	lxw_conditional_format up = {0}, down = {0};

	up.type = LXW_CONDITIONAL_TYPE_CELL;
	up.criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN;
	up.value = 0;
	up.format = f->up;
	down = up;
	down.criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN;
	down.format = f->down;
	worksheet_conditional_format_range(ws, first, col, last, col, &up);
	worksheet_conditional_format_range(ws, first, col, last, col, &down);
}

static void month_label(int64_t m, char *buf, size_t n)
{
	int64_t y = m / 12;

	snprintf(buf, n, "%s %lld", month_names[m - y * 12], (long long)y);
}

static void page_setup(lxw_worksheet *ws)
{
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_paper(ws, 9); /* A4 */
}

static void write_summary(lxw_workbook *wb, const struct eg_report *rep, const struct formats *f)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Summary");
	char title[96], now[32], prev[32], last_year[32];
	int id;

	month_label(rep->month, now, sizeof(now));
	month_label(rep->month - 1, prev, sizeof(prev));
	month_label(rep->month - 12, last_year, sizeof(last_year));
	snprintf(title, sizeof(title), "Monthly report: %s", now);
	worksheet_write_string(ws, 0, 0, title, f->title);
	if (rep->currency[0]) {
		char note[64];

		snprintf(note, sizeof(note), "Amounts in %s.", rep->currency);
		worksheet_write_string(ws, 1, 0, note, f->note);
	}
	worksheet_write_string(ws, 3, 0, "Metric", f->header);
	worksheet_write_string(ws, 3, 1, now, f->header_num);
	worksheet_write_string(ws, 3, 2, prev, f->header_num);
	worksheet_write_string(ws, 3, 3, "Change", f->header_num);
	worksheet_write_string(ws, 3, 4, "Change %", f->header_num);
	worksheet_write_string(ws, 3, 5, last_year, f->header_num);
	worksheet_write_string(ws, 3, 6, "Change", f->header_num);
	worksheet_write_string(ws, 3, 7, "Change %", f->header_num);
	for (id = 0; id < EG_M_COUNT; id++) {
		lxw_row_t row = (lxw_row_t)(4 + id);
		struct eg_report_value v = eg_report_get(rep, rep->month, (enum eg_metric_id)id);
		struct eg_report_value p = eg_report_get(rep, rep->month - 1, (enum eg_metric_id)id);
		struct eg_report_value y = eg_report_get(rep, rep->month - 12, (enum eg_metric_id)id);

		worksheet_write_string(ws, row, 0, eg_metrics[id].name, f->label);
		write_value(ws, row, 1, (enum eg_metric_id)id, v, f);
		write_value(ws, row, 2, (enum eg_metric_id)id, p, f);
		write_change(ws, row, 3, (enum eg_metric_id)id, v, p, f);
		write_value(ws, row, 5, (enum eg_metric_id)id, y, f);
		write_change(ws, row, 6, (enum eg_metric_id)id, v, y, f);
	}
	colour_changes(ws, 4, 3 + EG_M_COUNT, 4, f);
	colour_changes(ws, 4, 3 + EG_M_COUNT, 7, f);
	worksheet_set_column(ws, 0, 0, 24, NULL);
	worksheet_set_column(ws, 1, 7, 16, NULL);
	worksheet_freeze_panes(ws, 4, 1);
	page_setup(ws);
}

static void write_kpis(lxw_workbook *wb, const struct eg_report *rep, const struct formats *f)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "KPIs");
	int64_t i;
	int id;

	worksheet_write_string(ws, 0, 0, "Month", f->header);
	for (id = 0; id < EG_M_COUNT; id++)
		worksheet_write_string(ws, 0, (lxw_col_t)(id + 1), eg_metrics[id].name,
				       f->header_num);
	for (i = 0; i < rep->nmonths; i++) {
		int64_t m = rep->first_month + i, y = m / 12;
		lxw_datetime date = {(int)y, (int)(m - y * 12 + 1), 1, 0, 0, 0.0};
		lxw_row_t row = (lxw_row_t)(i + 1);

		worksheet_write_datetime(ws, row, 0, &date, f->month);
		for (id = 0; id < EG_M_COUNT; id++)
			write_value(ws, row, (lxw_col_t)(id + 1), (enum eg_metric_id)id,
				    eg_report_get(rep, m, (enum eg_metric_id)id), f);
	}
	worksheet_set_row(ws, 0, 30, NULL);
	worksheet_set_column(ws, 0, 0, 10, NULL);
	worksheet_set_column(ws, 1, EG_M_COUNT, 15, NULL);
	worksheet_freeze_panes(ws, 1, 1);
	page_setup(ws);
}

int eg_workbook_write(const struct eg_report *rep, const char *path, struct eg_error *err)
{
	struct eg_atomic_file af;
	lxw_workbook_options options = {0};
	lxw_doc_properties props = {0};
	struct formats f;
	lxw_workbook *wb;
	lxw_error rc;
	char title[64];
	int64_t y = (rep->month + 1) / 12;
	int status;

	status = eg_atomic_reserve(&af, path, err);
	if (status != EG_OK)
		return status;
	wb = workbook_new_opt(af.tmp_path, &options);
	if (!wb) {
		eg_atomic_abort(&af);
		return eg_error_set(err, EG_EIO, path, 0, 0, "unable to create workbook '%s'", path);
	}
	month_label(rep->month, title + snprintf(title, sizeof(title), "engage report: "),
		    sizeof(title) - 15);
	props.title = title;
	props.comments = "Made by engage from compute's kpis.csv.";
	/* The last second of the report month, so the same report gives the same bytes. */
	props.created = (time_t)(eg_days_from_civil(y, (unsigned)(rep->month + 1 - y * 12 + 1), 1) *
				 86400 - 1);
	workbook_set_properties(wb, &props);
	make_formats(wb, rep->currency, &f);
	write_summary(wb, rep, &f);
	write_kpis(wb, rep, &f);
	rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR) {
		eg_atomic_abort(&af);
		return eg_error_set(err, EG_EIO, path, 0, 0, "unable to write workbook '%s': %s", path,
				    lxw_strerror(rc));
	}
	return eg_atomic_commit(&af, err);
}
