/*
 * render - write the report workbook from compute's files.
 */
#include "engage/atomic_file.h"
#include "engage/cli.h"
#include "engage/render.h"

#include <getopt.h>
#include <stdio.h>

static const char usage[] =
	"usage: render --in DIR --out FILE.xlsx [--month YYYY-MM]\n"
	"\n"
	"Reads compute's kpis.csv and writes the report workbook: a Summary sheet\n"
	"for the report month (beside the previous month and the same month a\n"
	"year before) and a KPIs sheet with one row per month. The same inputs\n"
	"give a byte-identical file. render.manifest.csv is written beside it.\n"
	"\n"
	"  --in DIR         compute's output folder\n"
	"  --out FILE       the workbook to write; its folder is created if needed\n"
	"  --month YYYY-MM  report month (default: the last month in kpis.csv)\n"
	"  -h, --help       this text\n"
	"  --version        the version\n"
	"\n"
	"Exit codes: 0 ok, 1 bad input data, 2 usage error, 3 i/o error.\n";

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"in", required_argument, NULL, 'i'},    {"out", required_argument, NULL, 'o'},
		{"month", required_argument, NULL, 'm'}, {"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},     {NULL, 0, NULL, 0},
	};
	struct eg_render_options opts = {0};
	struct eg_error err;
	int c;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': opts.in_dir = optarg; break;
		case 'o': opts.out = optarg; break;
		case 'm': opts.month = optarg; break;
		case 'h': return eg_cli_help(usage);
		case 'V': return eg_cli_version("render");
		default: return eg_cli_usage_error("render", "unknown option");
		}
	}
	if (optind < argc)
		return eg_cli_usage_error("render", "unexpected argument '%s'", argv[optind]);
	if (!opts.in_dir || !opts.out)
		return eg_cli_usage_error("render", "--in and --out are required");
	eg_atomic_cleanup_on_signal();
	eg_error_clear(&err);
	if (eg_render_run(&opts, &err) != EG_OK)
		return eg_cli_report("render", &err);
	return 0;
}
