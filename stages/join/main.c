/*
 * join - resolve customers and key the facts by customer_id.
 */
#include "engage/atomic_file.h"
#include "engage/join.h"
#include "engage/cli.h"
#include "engage/option_table.h"
#include "engage/progress.h"

static const char usage[] =
	"usage: join --in DIR --out DIR\n"
	"\n"
	"Reads clean's orders.csv and writes customers.csv (one row per customer:\n"
	"first and last order, orders, revenue, refunds, marketing consent) and\n"
	"orders.csv keyed by customer_id. A customer is an email, or the\n"
	"platform's customer id when there is no email; orders with neither are\n"
	"anonymous: in revenue, not in customer metrics.\n";

static const char exit_codes[] = "Exit codes: 0 ok, 1 bad input data, 2 usage error, 3 i/o error.\n";

int main(int argc, char **argv)
{
	struct eg_join_options opts = { 0 };
	int verbose = 0;
	const struct eg_option options[] = {
		EG_OPT_TEXT(0, "in", &opts.in_dir, "DIR", "clean's output folder"),
		EG_OPT_TEXT(0, "out", &opts.out_dir, "DIR", "output folder, created if needed"),
		EG_OPT_STAGE_COMMON(&verbose),
		EG_OPT_END,
	};
	const struct eg_command cmd = { "join", usage, options, exit_codes, 0, NULL };
	struct eg_join_result res;
	struct eg_error err;
	int c = eg_option_parse(&cmd, argc, argv);

	if (c != EG_OPTIONS_READ)
		return c;
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
