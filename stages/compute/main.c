/*
 * compute - every number the workbook shows: KPIs, cohorts, RFM segments.
 */
#include "engage/atomic_file.h"
#include "engage/cli.h"
#include "engage/progress.h"
#include "engage/compute.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: compute --in DIR --out DIR [--month YYYY-MM] [--tz ZONE|auto] [options]\n"
	"\n"
	"Reads join's customers.csv, orders.csv and refunds.csv and writes\n"
	"kpis.csv (month, metric, value, unit, note), cohorts.csv,\n"
	"customer_scores.csv, segments.csv, segment_moves.csv and\n"
	"compute.manifest.csv with every parameter used.\n"
	"\n"
	"  --in DIR               join's output folder\n"
	"  --out DIR              output folder, created if needed\n"
	"  --month YYYY-MM        report month; 'auto' or none: the last full month\n"
	"                         of the data (the last order's month when that\n"
	"                         order is on the month's last day, else the one\n"
	"                         before)\n"
	"  --tz ZONE              report timezone, a tz database name such as\n"
	"                         Europe/Berlin (default: UTC); months and days are\n"
	"                         its calendar's. 'auto': the zone extract --tz auto\n"
	"                         found from the exports, read from --tz-from\n"
	"  --tz-from FILE         extract's manifest, for --tz auto\n"
	"  --churn-window DAYS    churn window (default: 365)\n"
	"  --cohort-depth MONTHS  months followed per cohort (default: 24)\n"
	"  --rfm-grid FILE        RFM segment grid, a CSV r,fm,segment (default:\n"
	"                         stages/compute/rfm_grid.csv)\n"
	"  --segment-actions FILE engagement model and action per segment, a CSV\n"
	"                         segment,engagement_model,action (default:\n"
	"                         stages/compute/segment_actions.csv)\n"
	"  --holdout-days DAYS    holdout period of the churn model's check: it is\n"
	"                         fitted again without these last days and compared\n"
	"                         with them (default: 90)\n"
	"  --clv-discount RATE    monthly discount rate of the 12-month CLV\n"
	"                         (default: 0.01)\n"
	"  --risk-high P          P(alive) below P is high churn risk (default: 0.3)\n"
	"  --risk-medium P        below P, and not high, is medium risk (default: 0.7)\n"
	"  -v, --verbose          a progress line on stderr even when it is not a terminal\n"
	"  -h, --help             this text\n"
	"  --version              the version\n"
	"\n"
	"Exit codes: 0 ok, 1 bad input data, 2 usage error, 3 i/o error.\n";

/* Parses a share from 0 to 1 (exclusive of 1 for risks), or returns -1. */
static double share(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	return *s && !*end && v >= 0 && v < 1 ? v : -1;
}

/* Parses a positive whole number option, or returns -1. */
static long positive(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s && !*end && v > 0 && v < 100000 ? v : -1;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "in", required_argument, NULL, 'i' },
		{ "out", required_argument, NULL, 'o' },
		{ "month", required_argument, NULL, 'm' },
		{ "tz", required_argument, NULL, 'z' },
		{ "tz-from", required_argument, NULL, 'Z' },
		{ "churn-window", required_argument, NULL, 'w' },
		{ "cohort-depth", required_argument, NULL, 'd' },
		{ "rfm-grid", required_argument, NULL, 'g' },
		{ "segment-actions", required_argument, NULL, 'a' },
		{ "holdout-days", required_argument, NULL, 'H' },
		{ "clv-discount", required_argument, NULL, 'D' },
		{ "risk-high", required_argument, NULL, 'R' },
		{ "risk-medium", required_argument, NULL, 'M' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct eg_compute_options opts = { .clv_discount = -1 };
	double d;
	struct eg_compute_result res;
	struct eg_error err;
	long v;
	int c, verbose = 0;

	while ((c = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': opts.in_dir = optarg; break;
		case 'o': opts.out_dir = optarg; break;
		case 'm': opts.month = strcmp(optarg, "auto") == 0 ? NULL : optarg; break;
		case 'z': opts.timezone = optarg; break;
		case 'Z': opts.tz_from = optarg; break;
		case 'g': opts.rfm_grid = optarg; break;
		case 'a': opts.segment_actions = optarg; break;
		case 'D':
		case 'R':
		case 'M':
			if ((d = share(optarg)) < 0 || (c != 'D' && d == 0))
				return eg_cli_usage_error(
					"compute", "'%s' is not a share between 0 and 1", optarg);
			if (c == 'D')
				opts.clv_discount = d;
			else if (c == 'R')
				opts.high_risk = d;
			else
				opts.medium_risk = d;
			break;
		case 'H':
		case 'w':
		case 'd':
			if ((v = positive(optarg)) < 0)
				return eg_cli_usage_error("compute",
							  "'%s' is not a positive number", optarg);
			if (c == 'w')
				opts.churn_window = v;
			else if (c == 'H')
				opts.holdout_days = v;
			else
				opts.cohort_depth = (int)v;
			break;
		case 'v': verbose = 1; break;
		case 'h': return eg_cli_help(usage);
		case 'V': return eg_cli_version("compute");
		default: return eg_cli_usage_error("compute", "unknown option");
		}
	}
	if (optind < argc)
		return eg_cli_usage_error("compute", "unexpected argument '%s'", argv[optind]);
	if (!opts.in_dir || !opts.out_dir)
		return eg_cli_usage_error("compute", "--in and --out are required");
	eg_atomic_cleanup_on_signal();
	eg_error_clear(&err);
	eg_progress_start("compute", verbose);
	c = eg_compute_run(&opts, &res, &err);
	eg_progress_stop();
	if (c != EG_OK)
		return eg_cli_report("compute", &err);
	return 0;
}
