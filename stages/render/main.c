/*
 * render - write the report workbook and the segment lists from compute's
 * files.
 */
#include "engage/atomic_file.h"
#include "engage/cli.h"
#include "engage/option_table.h"
#include "engage/progress.h"
#include "engage/render.h"

#define MAX_MANIFEST_DIRS 32 /* --manifests given at most this often */

static const char usage[] =
	"usage: render --in DIR --out FILE.xlsx [--month YYYY-MM] [--lists DIR]\n"
	"              [--manifests DIR ...] [--customers FILE] [--customer-rows N]\n"
	"\n"
	"Reads compute's files and writes the report workbook: Summary, KPI trends,\n"
	"Journey, Funnel, Cohorts, Segments, Segment moves, Revenue bridge,\n"
	"Customers, Voice of customer, Email, Model, Data quality and Definitions.\n"
	"A sheet whose input is absent says so. Writes one CSV per customer segment\n"
	"for an email tool, customer_list.csv (every customer, the Customers sheet's\n"
	"columns) and render.manifest.csv beside the workbook. The same inputs give\n"
	"a byte-identical workbook.\n";

static const char exit_codes[] =
	"Exit codes: 0 ok, 1 bad input data, 2 usage error, 3 i/o error, 4 internal error.\n";

int main(int argc, char **argv)
{
	const char *manifest_dirs[MAX_MANIFEST_DIRS];
	struct eg_render_options opts = { 0 };
	int verbose = 0;
	const struct eg_option options[] = {
		EG_OPT_TEXT(0, "in", &opts.in_dir, "DIR",
			    "compute's output folder (kpis.csv is required; cohorts, segments, "
			    "customer_scores, bridge, funnel, journey, voice, email, model and "
			    "holdout CSVs are used when present)"),
		EG_OPT_TEXT(0, "out", &opts.out, "FILE",
			    "the workbook to write; its folder is created if needed"),
		EG_OPT_TEXT_OR_NONE(0, "month", &opts.month, "YYYY-MM", "auto",
				    "report month; 'auto' or none: compute's report month (from "
				    "compute.manifest.csv), else the last month in kpis.csv"),
		EG_OPT_TEXT(0, "lists", &opts.lists_dir, "DIR",
			    "folder of the segment lists (default: segments/ beside the workbook)"),
		EG_OPT_LIST(0, "manifests", manifest_dirs, &opts.nmanifest_dirs, MAX_MANIFEST_DIRS,
			    "DIR",
			    "a folder whose *.manifest.csv go to the Data quality sheet (repeatable: "
			    "extract's, clean's, join's folders); the raw files extract read are "
			    "listed with size and SHA-256"),
		EG_OPT_TEXT(0, "customers", &opts.customers, "FILE",
			    "join's customers.csv: last order date, email consent and names when "
			    "customer_scores.csv lacks them"),
		EG_OPT_NUMBER_OR_ALL(0, "customer-rows", &opts.customer_rows, "N", "all",
				     "customers the Customers sheet shows, the first N of "
				     "customer_scores.csv (default 10000; 'all': up to Excel's "
				     "1,048,572); every customer is in customer_list.csv"),
		EG_OPT_STAGE_COMMON(&verbose),
		EG_OPT_END,
	};
	const struct eg_command cmd = { "render", usage, options, exit_codes, 0, NULL };
	struct eg_error err;
	int c = eg_option_parse(&cmd, argc, argv);

	if (c != EG_OPTIONS_READ)
		return c;
	if (!opts.in_dir || !opts.out)
		return eg_cli_usage_error("render", "--in and --out are required");
	opts.manifest_dirs = manifest_dirs;
	eg_atomic_cleanup_on_signal();
	eg_error_clear(&err);
	eg_progress_start("render", verbose);
	c = eg_render_run(&opts, &err);
	eg_progress_stop();
	if (c != EG_OK)
		return eg_cli_report("render", &err);
	return 0;
}
