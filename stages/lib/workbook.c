/*
 * workbook.c - the report workbook's entry point: the sheets in workbook
 * order (one table), the document properties, and the file written
 * atomically. The sheets are in workbook_*.c, their cells in workbook_cells.c.
 */
#include "engage/workbook.h"
#include "engage/customer_list.h"
#include "engage/datetime.h"
#include "engage/version.h"
#include "engage/workbook_sheets.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* The sheets, in workbook order: each adds its sheet(s) and draws them. */
static void (*const sheets[])(struct wb *b) = {
	wb_write_summary,  /* Summary */
	wb_write_trends,   /* KPI trends */
	wb_write_journey,  /* Journey */
	wb_write_funnel,   /* Funnel */
	wb_write_cohorts,  /* Cohorts */
	wb_write_segments, /* Segments */
	wb_write_moves,	   /* Segment moves */
	wb_write_bridge,   /* Revenue bridge */
	wb_write_customers, /* Customers */
	wb_write_voice,	   /* Voice of customer */
	wb_write_email,	   /* Email */
	wb_write_model,	   /* Model */
	wb_write_quality,  /* Data quality */
	wb_write_definitions, /* Definitions */
};

/* Counts the customers and sums them by churn-risk band, in one pass, unless render did. */
static int count_customers(struct wb *b, struct eg_error *err)
{
	struct eg_customer_reader *r = NULL;
	int more, rc;

	if (b->d->tally.done) {
		b->tally = b->d->tally;
		return EG_OK;
	}
	if (!b->d->scores)
		return EG_OK;
	rc = eg_customer_reader_open(&r, b->d->scores, NULL, err);
	if (rc != EG_OK)
		return rc;
	eg_workbook_tally_start(&b->tally, r);
	while ((more = eg_customer_reader_next(r, err)) > 0)
		eg_workbook_tally_add(&b->tally, r);
	eg_customer_reader_free(r);
	return more < 0 ? err->status : EG_OK;
}

int eg_workbook_settle(const struct eg_workbook_data *d, const char *path,
		       struct eg_atomic_file *af, struct eg_workbook_result *res,
		       struct eg_error *err)
{
	lxw_workbook_options options = { 0 };
	lxw_doc_properties props = { 0 };
	struct wb *b = calloc(1, sizeof(*b));
	lxw_error lrc;
	char title[96], month[48], comments[160];
	int64_t m = d->kpis.month, y = (m + 1) / 12;
	int status, e;
	size_t i;

	if (!b)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	b->d = d;
	b->rep = &d->kpis;
	b->err = err;
	wb_set_currency(b, d->kpis.currency);
	status = count_customers(b, err);
	if (status != EG_OK) {
		free(b);
		return status;
	}
	b->constant_memory = wb_customer_rows(b) > EG_WORKBOOK_CONSTANT_MEMORY_ROWS;
	options.constant_memory = (uint8_t)b->constant_memory;
	status = eg_atomic_reserve(af, path, err);
	if (status != EG_OK) {
		free(b);
		return status;
	}
	b->wb = workbook_new_opt(af->tmp_path, &options);
	if (!b->wb) {
		eg_atomic_abort(af);
		free(b);
		return eg_error_set(err, EG_EIO, path, 0, 0, "unable to create workbook '%s'",
				    path);
	}
	snprintf(title, sizeof(title), "engage report: %s", wb_month_name(m, month, sizeof(month)));
	snprintf(comments, sizeof(comments), "Made by engage %s from compute's files.",
		 ENGAGE_VERSION);
	props.title = title;
	props.subject = "Monthly KPIs, cohorts and customer segments";
	props.author = "engage";
	props.comments = comments;
	/* The last second of the report month, so the same report gives the same bytes. */
	props.created =
		(time_t)(eg_days_from_civil(y, (unsigned)(m + 1 - y * 12 + 1), 1) * 86400 - 1);
	workbook_set_properties(b->wb, &props);
	for (i = 0; i < sizeof(sheets) / sizeof(sheets[0]); i++)
		sheets[i](b);
	errno = 0;
	lrc = workbook_close(b->wb);
	e = lrc == LXW_ERROR_ZIP_FILE_OPERATION || lrc == LXW_ERROR_CREATING_XLSX_FILE ||
			    lrc == LXW_ERROR_CREATING_TMPFILE
		    ? errno
		    : 0;
	status = b->status;
	/* The system's reason (a full disk, a file size limit) says more than the zip error. */
	if (status == EG_OK && lrc != LXW_NO_ERROR)
		status = eg_error_set(err, EG_EIO, path, 0, 0, "unable to write workbook '%s': %s",
				      path, e ? strerror(e) : lxw_strerror(lrc));
	if (status != EG_OK) {
		eg_atomic_abort(af);
		free(b);
		return status;
	}
	if (res) {
		res->customers = b->tally.customers;
		res->sheet_rows = wb_customer_rows(b);
		res->constant_memory = b->constant_memory;
		res->sheets = b->sheets;
	}
	free(b);
	return eg_atomic_settle(af, err);
}

int eg_workbook_write(const struct eg_workbook_data *d, const char *path,
		      struct eg_workbook_result *res, struct eg_error *err)
{
	struct eg_atomic_file af;
	int rc = eg_workbook_settle(d, path, &af, res, err);

	return rc == EG_OK ? eg_atomic_publish(&af, err) : rc;
}
