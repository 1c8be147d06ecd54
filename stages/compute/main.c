/*
 * compute - every number the workbook shows: KPIs, cohorts, RFM segments.
 */
#include "engage/atomic_file.h"
#include "engage/cli.h"
#include "engage/option_table.h"
#include "engage/progress.h"
#include "engage/compute.h"

#include <stdint.h>

static const char usage[] =
	"usage: compute --in DIR --out DIR [--month YYYY-MM] [--tz ZONE|auto] [options]\n"
	"\n"
	"Reads join's customers.csv, orders.csv and refunds.csv and writes\n"
	"kpis.csv (month, metric, value, unit, note), cohorts.csv,\n"
	"customer_scores.csv, segments.csv, segment_moves.csv and\n"
	"compute.manifest.csv with every parameter used.\n";

static const char exit_codes[] = "Exit codes: 0 ok, 1 bad input data, 2 usage error, 3 i/o error.\n";

int main(int argc, char **argv)
{
	struct eg_compute_options opts = { .clv_discount = -1 };
	int64_t cohort_depth = 0;
	int verbose = 0;
	const struct eg_option options[] = {
		EG_OPT_TEXT(0, "in", &opts.in_dir, "DIR", "join's output folder"),
		EG_OPT_TEXT(0, "out", &opts.out_dir, "DIR", "output folder, created if needed"),
		EG_OPT_TEXT_OR_NONE(0, "month", &opts.month, "YYYY-MM", "auto",
				    "report month; 'auto' or none: the last full month of the data "
				    "(the last order's month when that order is on the month's last "
				    "day, else the one before)"),
		EG_OPT_TEXT(0, "tz", &opts.timezone, "ZONE",
			    "report timezone, a tz database name such as Europe/Berlin (default: "
			    "UTC); months and days are its calendar's. 'auto': the zone extract "
			    "--tz auto found from the exports, read from --tz-from"),
		EG_OPT_TEXT(0, "tz-from", &opts.tz_from, "FILE", "extract's manifest, for --tz auto"),
		EG_OPT_NUMBER(0, "churn-window", &opts.churn_window, "DAYS",
			      "churn window (default: 365)"),
		EG_OPT_NUMBER(0, "cohort-depth", &cohort_depth, "MONTHS",
			      "months followed per cohort (default: 24)"),
		EG_OPT_TEXT(0, "rfm-grid", &opts.rfm_grid, "FILE",
			    "RFM segment grid, a CSV r,fm,segment (default: "
			    "stages/compute/rfm_grid.csv)"),
		EG_OPT_TEXT(0, "segment-actions", &opts.segment_actions, "FILE",
			    "engagement model and action per segment, a CSV "
			    "segment,engagement_model,action (default: "
			    "stages/compute/segment_actions.csv)"),
		EG_OPT_NUMBER(0, "holdout-days", &opts.holdout_days, "DAYS",
			      "holdout period of the churn model's check: it is fitted again "
			      "without these last days and compared with them (default: 90)"),
		EG_OPT_SHARE(0, "clv-discount", &opts.clv_discount, "RATE",
			     "monthly discount rate of the 12-month CLV (default: 0.01)"),
		EG_OPT_SHARE_ABOVE_ZERO(0, "risk-high", &opts.high_risk, "P",
					"P(alive) below P is high churn risk (default: 0.3)"),
		EG_OPT_SHARE_ABOVE_ZERO(0, "risk-medium", &opts.medium_risk, "P",
					"below P, and not high, is medium risk (default: 0.7)"),
		EG_OPT_STAGE_COMMON(&verbose),
		EG_OPT_END,
	};
	const struct eg_command cmd = { "compute", usage, options, exit_codes, 0, NULL };
	struct eg_compute_result res;
	struct eg_error err;
	int c = eg_option_parse(&cmd, argc, argv);

	if (c != EG_OPTIONS_READ)
		return c;
	if (!opts.in_dir || !opts.out_dir)
		return eg_cli_usage_error("compute", "--in and --out are required");
	opts.cohort_depth = (int)cohort_depth;
	eg_atomic_cleanup_on_signal();
	eg_error_clear(&err);
	eg_progress_start("compute", verbose);
	c = eg_compute_run(&opts, &res, &err);
	eg_progress_stop();
	if (c != EG_OK)
		return eg_cli_report("compute", &err);
	return 0;
}
