/*
 * extract - turn raw platform exports into canonical tables.
 */
#include "engage/atomic_file.h"
#include "engage/cli.h"
#include "engage/extract.h"
#include "engage/path.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
	"usage: extract --in FILE [--in FILE ...] --out DIR [--source NAME] [--sources DIR]\n"
	"\n"
	"Reads raw platform exports and writes the canonical tables into DIR:\n"
	"orders.csv, order_lines.csv, rejects.csv (rows that could not be used,\n"
	"with the reason) and extract.manifest.csv (rows read, written and\n"
	"rejected per input file).\n"
	"\n"
	"  --in FILE      a raw export; repeat for several files of one shop\n"
	"  --out DIR      output folder, created if needed\n"
	"  --source NAME  the export's source, instead of recognising it from\n"
	"                 the header\n"
	"  --sources DIR  a folder of mapping files (NAME.source) to read besides\n"
	"                 the built-in ones in stages/extract/sources; repeatable\n"
	"  -h, --help     this text\n"
	"  --version      the version\n"
	"\n"
	"Exit codes: 0 ok, 1 bad input data, 2 usage error, 3 i/o error.\n";

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"in", required_argument, NULL, 'i'},     {"out", required_argument, NULL, 'o'},
		{"source", required_argument, NULL, 's'}, {"sources", required_argument, NULL, 'S'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},      {NULL, 0, NULL, 0},
	};
	struct eg_extract_options opts = {0};
	struct eg_extract_result res;
	struct eg_error err;
	const char **inputs = calloc((size_t)argc, sizeof(char *));
	const char **dirs = calloc((size_t)argc + 1, sizeof(char *));
	char *self = eg_path_self_dir(&err);
	char *builtin = self ? eg_path_join(self, "../stages/extract/sources") : NULL;
	int c, rc;

	if (!inputs || !dirs || !builtin)
		return EG_EIO;
	opts.inputs = inputs;
	opts.source_dirs = dirs;
	dirs[opts.nsource_dirs++] = builtin;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': inputs[opts.ninputs++] = optarg; break;
		case 'o': opts.out_dir = optarg; break;
		case 's': opts.source = optarg; break;
		case 'S': dirs[opts.nsource_dirs++] = optarg; break;
		case 'h': return eg_cli_help(usage);
		case 'V': return eg_cli_version("extract");
		default: return eg_cli_usage_error("extract", "unknown option");
		}
	}
	if (optind < argc)
		return eg_cli_usage_error("extract", "unexpected argument '%s'", argv[optind]);
	if (opts.ninputs == 0 || !opts.out_dir)
		return eg_cli_usage_error("extract", "--in and --out are required");
	eg_atomic_cleanup_on_signal();
	eg_error_clear(&err);
	rc = eg_extract_run(&opts, &res, &err);
	if (rc != EG_OK)
		return eg_cli_report("extract", &err);
	if (res.rows_rejected)
		fprintf(stderr, "extract: %lld of %lld rows rejected, see '%s/rejects.csv'\n",
			(long long)res.rows_rejected, (long long)res.rows_read, opts.out_dir);
	free(inputs);
	free(dirs);
	free(builtin);
	free(self);
	return 0;
}
