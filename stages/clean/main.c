/*
 * clean - validate and normalise the canonical tables.
 */
#include "engage/atomic_file.h"
#include "engage/clean.h"
#include "engage/cli.h"
#include "engage/option_table.h"
#include "engage/progress.h"

#include <stdio.h>

static const char usage[] =
	"usage: clean --in DIR --out DIR [--currency CODE [--rates FILE]] [--lines]\n"
	"\n"
	"Reads orders.csv and order_lines.csv from extract's folder and writes\n"
	"orders.csv and refunds.csv into the output folder:\n"
	"emails trimmed, lowercased and checked, each order once (an order read\n"
	"twice is merged, a copy with other values rejected), amounts in one\n"
	"currency. Generic line-item files: invoices starting with C are returns\n"
	"(refunds.csv), A adjustments (rejected), lines with a quantity or price\n"
	"of zero or less rejected. rejects.csv says why for every row left out;\n"
	"clean.manifest.csv accounts for every row.\n";

static const char exit_codes[] = "Exit codes: 0 ok, 1 bad input data, 2 usage error, 3 i/o error.\n";

int main(int argc, char **argv)
{
	struct eg_clean_options opts = { 0 };
	int verbose = 0;
	/* Empty --currency or --rates is none, for pipelines passing a variable. */
	const struct eg_option options[] = {
		EG_OPT_TEXT(0, "in", &opts.in_dir, "DIR", "extract's output folder"),
		EG_OPT_TEXT(0, "out", &opts.out_dir, "DIR", "output folder, created if needed"),
		EG_OPT_TEXT_OR_NONE(0, "currency", &opts.currency, "CODE", "",
				    "report currency (default, or empty: the orders' one currency)"),
		EG_OPT_TEXT_OR_NONE(0, "rates", &opts.rates, "FILE", "",
				    "CSV of currency,month,rate: one unit of currency is worth rate "
				    "units of the report currency that month"),
		EG_OPT_FLAG(0, "lines", &opts.lines, "also write the kept line items, order_lines.csv "
			    "(no later stage reads them)"),
		EG_OPT_STAGE_COMMON(&verbose),
		EG_OPT_END,
	};
	const struct eg_command cmd = { "clean", usage, options, exit_codes, 0, NULL };
	struct eg_clean_result res;
	struct eg_error err;
	int c = eg_option_parse(&cmd, argc, argv);

	if (c != EG_OPTIONS_READ)
		return c;
	if (!opts.in_dir || !opts.out_dir)
		return eg_cli_usage_error("clean", "--in and --out are required");
	if (opts.rates && !opts.currency)
		return eg_cli_usage_error("clean", "--rates needs --currency");
	eg_atomic_cleanup_on_signal();
	eg_error_clear(&err);
	eg_progress_start("clean", verbose);
	c = eg_clean_run(&opts, &res, &err);
	eg_progress_stop();
	if (c != EG_OK)
		return eg_cli_report("clean", &err);
	if (res.rows_rejected)
		fprintf(stderr, "clean: %lld of %lld rows rejected, see '%s/rejects.csv'\n",
			(long long)res.rows_rejected, (long long)res.rows_read, opts.out_dir);
	return 0;
}
