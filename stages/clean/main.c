/*
 * clean - validate and normalise the canonical tables.
 */
#include "engage/atomic_file.h"
#include "engage/clean.h"
#include "engage/cli.h"
#include "engage/progress.h"

#include <getopt.h>
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
	"clean.manifest.csv accounts for every row.\n"
	"\n"
	"  --in DIR         extract's output folder\n"
	"  --out DIR        output folder, created if needed\n"
	"  --currency CODE  report currency (default, or empty: the orders' one\n"
	"                   currency)\n"
	"  --rates FILE     CSV of currency,month,rate: one unit of currency is\n"
	"                   worth rate units of the report currency that month\n"
	"  --lines          also write the kept line items, order_lines.csv\n"
	"                   (no later stage reads them)\n"
	"  -v, --verbose  a progress line on stderr even when it is not a terminal\n"
	"  -h, --help     this text\n"
	"  --version      the version\n"
	"\n"
	"Exit codes: 0 ok, 1 bad input data, 2 usage error, 3 i/o error.\n";

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "in", required_argument, NULL, 'i' },
		{ "out", required_argument, NULL, 'o' },
		{ "currency", required_argument, NULL, 'c' },
		{ "rates", required_argument, NULL, 'r' },
		{ "lines", no_argument, NULL, 'l' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct eg_clean_options opts = { 0 };
	struct eg_clean_result res;
	struct eg_error err;
	int c, verbose = 0;

	while ((c = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': opts.in_dir = optarg; break;
		case 'o': opts.out_dir = optarg; break;
		/* Empty is none, for pipelines passing a variable. */
		case 'c': opts.currency = *optarg ? optarg : NULL; break;
		case 'r': opts.rates = *optarg ? optarg : NULL; break;
		case 'l': opts.lines = 1; break;
		case 'v': verbose = 1; break;
		case 'h': return eg_cli_help(usage);
		case 'V': return eg_cli_version("clean");
		default: return eg_cli_usage_error("clean", "unknown option");
		}
	}
	if (optind < argc)
		return eg_cli_usage_error("clean", "unexpected argument '%s'", argv[optind]);
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
