/*
 * render - write the report workbook and the segment lists from compute's
 * files.
 */
#include "engage/atomic_file.h"
#include "engage/cli.h"
#include "engage/progress.h"
#include "engage/render.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	"a byte-identical workbook.\n"
	"\n"
	"  --in DIR          compute's output folder (kpis.csv is required; cohorts,\n"
	"                    segments, customer_scores, bridge, funnel, journey, voice,\n"
	"                    email, model and holdout CSVs are used when present)\n"
	"  --out FILE        the workbook to write; its folder is created if needed\n"
	"  --month YYYY-MM   report month; 'auto' or none: compute's report month\n"
	"                    (from compute.manifest.csv), else the last month in\n"
	"                    kpis.csv\n"
	"  --lists DIR       folder of the segment lists (default: segments/ beside\n"
	"                    the workbook)\n"
	"  --manifests DIR   a folder whose *.manifest.csv go to the Data quality\n"
	"                    sheet (repeatable: extract's, clean's, join's folders);\n"
	"                    the raw files extract read are listed with size and\n"
	"                    SHA-256\n"
	"  --customers FILE  join's customers.csv: last order date, email consent and\n"
	"                    names when customer_scores.csv lacks them\n"
	"  --customer-rows N customers the Customers sheet shows, the first N of\n"
	"                    customer_scores.csv (default 10000; 'all': up to Excel's\n"
	"                    1,048,572); every customer is in customer_list.csv\n"
	"  -v, --verbose     a progress line on stderr even when it is not a terminal\n"
	"  -h, --help        this text\n"
	"  --version         the version\n"
	"\n"
	"Exit codes: 0 ok, 1 bad input data, 2 usage error, 3 i/o error, 4 internal error.\n";

/* --customer-rows: a whole number from 1 into *n, or "all" (no limit but Excel's); 0 if neither. */
static int customer_rows(const char *s, long long *n)
{
	char *end;

	if (strcmp(s, "all") == 0) {
		*n = INT64_MAX;
		return 1;
	}
	errno = 0;
	*n = strtoll(s, &end, 10);
	return s[0] >= '0' && s[0] <= '9' && !*end && errno == 0 && *n >= 1;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "in", required_argument, NULL, 'i' },
		{ "out", required_argument, NULL, 'o' },
		{ "month", required_argument, NULL, 'm' },
		{ "lists", required_argument, NULL, 'l' },
		{ "manifests", required_argument, NULL, 'M' },
		{ "customers", required_argument, NULL, 'c' },
		{ "customer-rows", required_argument, NULL, 'r' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *manifest_dirs[MAX_MANIFEST_DIRS];
	struct eg_render_options opts = { 0 };
	struct eg_error err;
	int c, verbose = 0;

	while ((c = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': opts.in_dir = optarg; break;
		case 'o': opts.out = optarg; break;
		case 'm': opts.month = strcmp(optarg, "auto") == 0 ? NULL : optarg; break;
		case 'l': opts.lists_dir = optarg; break;
		case 'c': opts.customers = optarg; break;
		case 'r':
			if (!customer_rows(optarg, &opts.customer_rows))
				return eg_cli_usage_error("render",
							  "--customer-rows wants a number from 1, or "
							  "'all', not '%s'",
							  optarg);
			break;
		case 'M':
			if (opts.nmanifest_dirs == MAX_MANIFEST_DIRS)
				return eg_cli_usage_error("render",
							  "--manifests given more than %d times",
							  MAX_MANIFEST_DIRS);
			manifest_dirs[opts.nmanifest_dirs++] = optarg;
			break;
		case 'v': verbose = 1; break;
		case 'h': return eg_cli_help(usage);
		case 'V': return eg_cli_version("render");
		default: return eg_cli_usage_error("render", "unknown option");
		}
	}
	if (optind < argc)
		return eg_cli_usage_error("render", "unexpected argument '%s'", argv[optind]);
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
