/*
 * join - resolve customers and key the facts by customer_id.
 */
#include "engage/atomic_file.h"
#include "engage/join.h"
#include "engage/cli.h"
#include "engage/progress.h"

#include <getopt.h>
#include <stdio.h>

static const char usage[] =
	"usage: join --in DIR --out DIR\n"
	"\n"
	"Reads clean's orders.csv and writes customers.csv (one row per customer:\n"
	"first and last order, orders, revenue, refunds, marketing consent) and\n"
	"orders.csv keyed by customer_id. A customer is an email, or the\n"
	"platform's customer id when there is no email; orders with neither are\n"
	"anonymous: in revenue, not in customer metrics.\n"
	"\n"
	"  --in DIR    clean's output folder\n"
	"  --out DIR   output folder, created if needed\n"
	"  -v, --verbose  a progress line on stderr even when it is not a terminal\n"
	"  -h, --help     this text\n"
	"  --version      the version\n"
	"\n"
	"Exit codes: 0 ok, 1 bad input data, 2 usage error, 3 i/o error.\n";

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "in", required_argument, NULL, 'i' }, { "out", required_argument, NULL, 'o' },
		{ "verbose", no_argument, NULL, 'v' },	{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },	{ NULL, 0, NULL, 0 },
	};
	struct eg_join_options opts = { 0 };
	struct eg_join_result res;
	struct eg_error err;
	int c, verbose = 0;

	while ((c = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': opts.in_dir = optarg; break;
		case 'o': opts.out_dir = optarg; break;
		case 'v': verbose = 1; break;
		case 'h': return eg_cli_help(usage);
		case 'V': return eg_cli_version("join");
		default: return eg_cli_usage_error("join", "unknown option");
		}
	}
	if (optind < argc)
		return eg_cli_usage_error("join", "unexpected argument '%s'", argv[optind]);
	if (!opts.in_dir || !opts.out_dir)
		return eg_cli_usage_error("join", "--in and --out are required");
	eg_atomic_cleanup_on_signal();
	eg_error_clear(&err);
	eg_progress_start("join", verbose);
	c = eg_join_run(&opts, &res, &err);
	eg_progress_stop();
	if (c != EG_OK)
		return eg_cli_report("join", &err);
	return 0;
}
