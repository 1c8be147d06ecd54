/*
 * workbook_quality.c - the Data quality sheet: what the data cover (per
 * source, its files and the first and last date of their rows), every
 * stage's row accounting (read = kept + rejected + merged per input file),
 * the files not read (why, and the sources that came closest), rejects by
 * reason, other counts, outputs, the raw input files with their sizes and
 * SHA-256, every parameter and the tool's version, from the stages'
 * manifests.
 */
#include "engage/quality_table.h"
#include "engage/version.h"
#include "engage/workbook_sheets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes a manifest value: a number when it is one, else text. */
static void write_count(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, const char *v)
{
	double x;

	if (eg_data_table_parse_number(v, &x))
		wb_number(s, row, col, x, wb_format(s->b, "#,##0", 0));
	else
		wb_text(s, row, col, v, wb_format(s->b, NULL, WB_RIGHT));
}

/* The balance of one input file of a manifest. */
static void balance_row(struct wb_sheet *s, lxw_row_t row, const struct eg_input_balance *x)
{
	char msg[96];
	int k;

	wb_text(s, row, 0, eg_manifest_stage(x->manifest), wb_format(s->b, NULL, WB_BOLD));
	wb_text(s, row, 1, x->input, NULL);
	for (k = 0; k < EG_ROWS_KINDS; k++)
		wb_value(s, row, (lxw_col_t)(k + 2), WB_COUNT, x->have[k], x->rows[k], 0);
	if (x->balanced) {
		wb_text(s, row, 6, "yes", wb_format(s->b, NULL, WB_FILL_GREEN));
	} else {
		snprintf(msg, sizeof(msg), "no: %.0f rows unaccounted", x->unaccounted);
		wb_text(s, row, 6, msg, wb_format(s->b, NULL, WB_FILL_RED));
	}
}

/* A row of a manifest. */
struct mrow {
	const struct eg_manifest_file *mf; /* the manifest */
	const char *name;		   /* its cells */
	const char *key;
	const char *value;
};

/*
 * Reads the next row of section sec, over every manifest in turn, into *m;
 * 0 when none is left. *i and *r (manifest and row) start at 0.
 */
static int next_row(const struct eg_workbook_data *d, const char *sec, size_t *i, size_t *r,
		    struct mrow *m)
{
	for (; *i < d->nmanifests; (*i)++, *r = 0) {
		const struct eg_data_table *t = &d->manifests[*i].rows;
		struct eg_manifest_columns c = eg_manifest_columns_of(t);

		while (*r < t->nrows) {
			size_t k = (*r)++;

			if (strcmp(eg_data_table_cell(t, k, c.section), sec) != 0)
				continue;
			m->mf = &d->manifests[*i];
			m->name = eg_data_table_cell(t, k, c.name);
			m->key = eg_data_table_cell(t, k, c.key);
			m->value = eg_data_table_cell(t, k, c.value);
			return 1;
		}
	}
	return 0;
}

/* Writes every row of section sec of every manifest: stage, name, key, value; returns how many. */
static int section_rows(struct wb_sheet *s, lxw_row_t *row, const char *sec, int name_col)
{
	size_t i = 0, r = 0;
	struct mrow m;
	int n = 0;

	while (next_row(s->b->d, sec, &i, &r, &m)) {
		lxw_col_t col = 0;

		wb_text(s, *row, col++, eg_manifest_stage(m.mf), wb_format(s->b, NULL, WB_BOLD));
		if (name_col)
			wb_text(s, *row, col++, m.name, NULL);
		wb_text(s, *row, col++, m.key, NULL);
		if (strcmp(sec, "param") == 0 || strcmp(sec, "unread") == 0)
			wb_text(s, *row, col, m.value, NULL);
		else
			write_count(s, *row, col, m.value);
		(*row)++, n++;
	}
	return n;
}

/*
 * When the order files' UTC offsets fit no single zone (files of stores in
 * different zones), extract names each file's zone ("timezone FILE"
 * parameters): lists them under a warning.
 */
static void mixed_zones(struct wb_sheet *s, lxw_row_t *row)
{
	size_t i = 0, r = 0;
	struct mrow m;
	int n = 0;

	while (next_row(s->b->d, "param", &i, &r, &m)) {
		if (strcmp(eg_manifest_stage(m.mf), "extract") != 0 || strncmp(m.key, "timezone ", 9) != 0)
			continue;
		if (!n++) {
			wb_note(s, (*row)++, 0, "Time zones of the order files",
				wb_format(s->b, NULL, WB_SECTION));
			wb_note(s, (*row)++, 0,
				"No single time zone explains the UTC offsets of the order files "
				"(stores in different zones?): the months are cut in the zone of "
				"the files with most orders. Give tz=ZONE to choose.",
				wb_format(s->b, NULL, WB_FILL_RED));
			wb_headers(s, (*row)++, 0,
				   (const char *const[]){ "Stage", "File", "Zone found" }, 3, 2);
		}
		wb_text(s, *row, 0, "extract", wb_format(s->b, NULL, WB_BOLD));
		wb_text(s, *row, 1, m.key + 9, NULL);
		wb_text(s, (*row)++, 2, m.value, NULL);
	}
	if (n)
		(*row)++;
}

/* Writes what the data cover: per source, its files and the first and last date of their rows. */
static void coverage_row(struct wb_sheet *s, lxw_row_t row, const struct eg_source_coverage *x)
{
	wb_text(s, row, 0, x->source, wb_format(s->b, NULL, WB_BOLD));
	wb_number(s, row, 1, x->files, wb_format(s->b, "#,##0", 0));
	if (x->has_first)
		wb_day(s, row, 2, x->first, 0);
	else
		wb_text(s, row, 2, "no dated rows", wb_format(s->b, NULL, WB_GREY | WB_ITALIC));
	if (x->has_last)
		wb_day(s, row, 3, x->last, 0);
}

void wb_write_quality(struct wb *b)
{
	const struct eg_workbook_data *d = b->d;
	struct wb_sheet s;
	lxw_row_t row = 3;
	struct eg_quality_table q;
	char note[512], month[32];
	size_t i, r;
	int have_extract = 0;

	wb_sheet_start(b, &s, "Data quality");
	if (!s.ws)
		return;
	if (eg_quality_table_collect(&q, d) != EG_OK) {
		wb_check(&s, LXW_ERROR_MEMORY_MALLOC_FAILED, 0, 0);
		return;
	}
	s.max_width = 60;
	snprintf(
		note, sizeof(note),
		"Made by engage %s for %s. Every stage accounts for each row it read: read = kept "
		"+ "
		"rejected + merged, per input file; rejected rows are in that stage's rejects.csv.",
		ENGAGE_VERSION, wb_month_name(b->rep->month, month, sizeof(month)));
	wb_title(&s, 0, "Data quality", note);
	for (i = 0; i < d->nmanifests; i++)
		have_extract |= strcmp(eg_manifest_stage(&d->manifests[i]), "extract") == 0;
	if (d->nmanifests < 4)
		wb_note(&s, row++, 0,
			"Some stages' manifests are not here: give render --manifests DIR for each "
			"folder holding a *.manifest.csv (extract, clean, join).",
			wb_format(b, NULL, WB_BOLD | WB_GREY));
	mixed_zones(&s, &row);
	wb_note(&s, row++, 0, "What the data cover", wb_format(b, NULL, WB_SECTION));
	wb_headers(
		&s, row++, 0,
		(const char *const[]){ "Source", "Files", "First date (UTC)", "Last date (UTC)" },
		4, 2);
	for (i = 0; i < q.nsources; i++)
		coverage_row(&s, row++, &q.sources[i]);
	if (!q.nsources)
		wb_note(&s, row++, 0,
			"No extract manifest names a source: give render --manifests with "
			"extract's folder.",
			wb_format(b, NULL, WB_GREY | WB_ITALIC));
	row++;
	/* Rows by stage and input file. */
	wb_note(&s, row++, 0, "Rows by stage and input file", wb_format(b, NULL, WB_SECTION));
	wb_headers(&s, row++, 0,
		   (const char *const[]){ "Stage", "File", "Read", "Kept", "Rejected", "Merged",
					  "Balanced" },
		   7, 2);
	for (i = 0; i < q.nbalances; i++)
		balance_row(&s, row++, &q.balances[i]);
	if (!q.nbalances)
		wb_absent(&s, row++, "No manifest names an input file.");
	row++;
	wb_note(&s, row++, 0, "Files not read", wb_format(b, NULL, WB_SECTION));
	wb_headers(&s, row++, 0, (const char *const[]){ "Stage", "File", "What", "Why" }, 4, 4);
	if (!section_rows(&s, &row, "unread", 1))
		wb_note(&s, row++, 0,
			have_extract ? "Every input file was read." : "No extract manifest.",
			wb_format(b, NULL, WB_GREY | WB_ITALIC));
	row++;
	wb_note(&s, row++, 0, "Rejected rows by reason", wb_format(b, NULL, WB_SECTION));
	wb_headers(&s, row++, 0, (const char *const[]){ "Stage", "File", "Reason", "Rows" }, 4, 3);
	if (!section_rows(&s, &row, "reject", 1))
		wb_note(&s, row++, 0, "No row was rejected.",
			wb_format(b, NULL, WB_GREY | WB_ITALIC));
	row++;
	wb_note(&s, row++, 0, "Other counts", wb_format(b, NULL, WB_SECTION));
	wb_headers(&s, row++, 0, (const char *const[]){ "Stage", "File", "What", "Count" }, 4, 3);
	if (!section_rows(&s, &row, "stat", 1))
		wb_note(&s, row++, 0, "None.", wb_format(b, NULL, WB_GREY | WB_ITALIC));
	row++;
	wb_note(&s, row++, 0, "Outputs", wb_format(b, NULL, WB_SECTION));
	wb_headers(&s, row++, 0, (const char *const[]){ "Stage", "File", "Rows" }, 3, 2);
	for (i = 0; i < d->nmanifests; i++) {
		const struct eg_data_table *t = &d->manifests[i].rows;
		struct eg_manifest_columns c = eg_manifest_columns_of(t);

		for (r = 0; r < t->nrows; r++) {
			if (strcmp(eg_data_table_cell(t, r, c.section), "output") != 0)
				continue;
			wb_text(&s, row, 0, eg_manifest_stage(&d->manifests[i]),
				wb_format(b, NULL, WB_BOLD));
			wb_text(&s, row, 1, eg_data_table_cell(t, r, c.name), NULL);
			write_count(&s, row++, 2, eg_data_table_cell(t, r, c.value));
		}
	}
	row++;
	wb_note(&s, row++, 0, "Raw input files", wb_format(b, NULL, WB_SECTION));
	wb_headers(&s, row++, 0,
		   (const char *const[]){ "Stage", "File", "Size (bytes)", "SHA-256" }, 4, 2);
	for (i = 0; i < d->nfiles; i++, row++) {
		wb_text(&s, row, 0, d->files[i].stage, wb_format(b, NULL, WB_BOLD));
		wb_text(&s, row, 1, d->files[i].path, NULL);
		if (d->files[i].found) {
			wb_number(&s, row, 2, (double)d->files[i].size, wb_format(b, "#,##0", 0));
			wb_text(&s, row, 3, d->files[i].sha256, wb_format(b, NULL, WB_LEFT));
		} else {
			wb_value(&s, row, 2, WB_COUNT, 0, 0, 0);
			wb_text(&s, row, 3, "not found where render ran: no size or hash",
				wb_format(b, NULL, WB_FILL_RED));
		}
	}
	if (!d->nfiles)
		wb_note(&s, row++, 0,
			have_extract
				? "extract's manifest names no input file."
				: "No extract manifest: give render --manifests with extract's "
				  "folder to list the raw files and their SHA-256.",
			wb_format(b, NULL, WB_GREY | WB_ITALIC));
	row++;
	wb_note(&s, row++, 0, "Parameters", wb_format(b, NULL, WB_SECTION));
	wb_headers(&s, row++, 0, (const char *const[]){ "Stage", "Parameter", "Value" }, 3, 3);
	section_rows(&s, &row, "param", 0);
	for (i = 0; i < d->nparams; i++, row++) {
		wb_text(&s, row, 0, "render", wb_format(b, NULL, WB_BOLD));
		wb_text(&s, row, 1, d->params[2 * i], NULL);
		wb_text(&s, row, 2, d->params[2 * i + 1], NULL);
	}
	row++;
	wb_write_platform_check(b, &s, &row);
	row++;
	wb_note(&s, row++, 0, "Versions", wb_format(b, NULL, WB_SECTION));
	wb_headers(&s, row++, 0, (const char *const[]){ "Stage", "Program", "Version" }, 3, 3);
	section_rows(&s, &row, "version", 0);
	wb_text(&s, row, 0, "render", wb_format(b, NULL, WB_BOLD));
	wb_text(&s, row, 1, "engage", NULL);
	wb_text(&s, row++, 2, ENGAGE_VERSION, NULL);
	if (s.width[0] < 12)
		s.width[0] = 12;
	if (s.width[3] < 20)
		s.width[3] = 20;
	wb_sheet_finish(&s);
	eg_quality_table_release(&q);
}
