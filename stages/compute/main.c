/*
 * compute - the monthly KPIs the workbook shows.
 */
#include "engage/atomic_file.h"
#include "engage/cli.h"
#include "engage/compute.h"

#include <getopt.h>
#include <stdio.h>

static const char usage[] =
	"usage: compute --in DIR --out DIR [--month YYYY-MM] [--tz ZONE]\n"
	"\n"
	"Reads join's orders.csv and writes kpis.csv (month, metric, value,\n"
	"unit) for every month from the first order to the report month, and\n"
	"compute.manifest.csv with the parameters used.\n"
	"\n"
	"  --in DIR         join's output folder\n"
	"  --out DIR        output folder, created if needed\n"
	"  --month YYYY-MM  report month (default: the last month with orders)\n"
	"  --tz ZONE        report timezone, a tz database name such as\n"
	"                   Europe/Berlin (default: UTC); months are its\n"
	"                   calendar months\n"
	"  -h, --help       this text\n"
	"  --version        the version\n"
	"\n"
	"Exit codes: 0 ok, 1 bad input data, 2 usage error, 3 i/o error.\n";

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"in", required_argument, NULL, 'i'},    {"out", required_argument, NULL, 'o'},
		{"month", required_argument, NULL, 'm'}, {"tz", required_argument, NULL, 'z'},
		{"help", no_argument, NULL, 'h'},        {"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct eg_compute_options opts = {0};
	struct eg_compute_result res;
	struct eg_error err;
	int c;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': opts.in_dir = optarg; break;
		case 'o': opts.out_dir = optarg; break;
		case 'm': opts.month = optarg; break;
		case 'z': opts.timezone = optarg; break;
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
	if (eg_compute_run(&opts, &res, &err) != EG_OK)
		return eg_cli_report("compute", &err);
	return 0;
}
