/*
 * extract - turn raw platform exports into canonical tables.
 */
#include "engage/atomic_file.h"
#include "engage/cli.h"
#include "engage/progress.h"
#include "engage/extract.h"
#include "engage/path.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: extract --in FILE [--in FILE ...] --out DIR [--source NAME] [--sources DIR]\n"
	"               [--tz ZONE|auto] [--dates iso|us|eu] [--pseudonymize KEYFILE] [--strict]\n"
	"               [--relay-domains FILE]\n"
	"\n"
	"Reads raw platform exports and writes the canonical tables into DIR, one\n"
	"file per kind the inputs hold: orders.csv and order_lines.csv (order\n"
	"sources), sessions.csv, email_events.csv, email_campaigns.csv,\n"
	"responses.csv, tickets.csv, profiles.csv, loyalty.csv; then rejects.csv\n"
	"(rows that could not be used, with the reason) and extract.manifest.csv\n"
	"(rows read, written and rejected per input file). Each file's source is\n"
	"recognised from its header.\n"
	"\n"
	"  --in FILE      a raw export, a folder or a quoted glob pattern ('raw/*',\n"
	"                 matches read in sorted order; a folder or a folder the\n"
	"                 pattern matches is read with all its subfolders, leaving\n"
	"                 out hidden files and ~$ lock files); repeat for several\n"
	"                 files. A file no source fits, or a known export holding\n"
	"                 nothing engage uses, is not read: it is named on stderr\n"
	"                 and in the manifest, and the run goes on; when no file\n"
	"                 could be read, the run fails naming them all\n"
	"  --out DIR      output folder, created if needed\n"
	"  --source NAME  every input's source, instead of recognising it from\n"
	"                 its header\n"
	"  --sources DIR  a folder of mapping files (NAME.source) to read besides\n"
	"                 the built-in ones in stages/extract/sources; repeatable\n"
	"  --tz ZONE      time zone of time stamps written without a UTC offset,\n"
	"                 for sources whose mapping names none (default UTC).\n"
	"                 'auto': the shop's zone, found from the UTC offsets of\n"
	"                 the order exports' time stamps (UTC when none has one),\n"
	"                 written into the manifest for compute --tz auto\n"
	"  --dates ORDER  read dates like 03/10/2026 as us (month first) or eu (day\n"
	"                 first) in every input, whatever the mappings say\n"
	"  --pseudonymize KEYFILE\n"
	"                 write every email as a keyed pseudonym (HMAC-SHA-256 under\n"
	"                 the key in KEYFILE, 16 to 256 bytes); in rejected rows,\n"
	"                 every cell not of a non-personal column (all of them in\n"
	"                 a ragged row), and emails inside text, too, so no later\n"
	"                 output holds them; the same key gives the same pseudonyms\n"
	"                 every month. Customer ids and phones of orders become\n"
	"                 pseudonyms too.\n"
	"                 An empty KEYFILE ('') means no pseudonyms\n"
	"  --strict       any file not read is an error (exit 1) naming each;\n"
	"                 --strict=1 is the same, --strict=0 and --strict= are off\n"
	"  --relay-domains FILE\n"
	"                 a CSV (column domain) of marketplace relay email domains:\n"
	"                 an order's address at one reads as no email (default\n"
	"                 stages/extract/relay_domains.csv; '' for none)\n"
	"  -v, --verbose  a progress line on stderr even when it is not a terminal\n"
	"  -h, --help     this text\n"
	"  --version      the version\n"
	"\n"
	"Fields and rows are bounded: ENGAGE_MAX_FIELD (64M) and ENGAGE_MAX_ROW\n"
	"(256M) in the environment set the limits; a row over one is rejected.\n"
	"\n"
	"Exit codes: 0 ok, 1 bad input data, 2 usage error, 3 i/o error.\n";

/* Names every file not read on stderr, with why, and every order file that held no orders. */
static void report_files(const struct eg_extract_result *res)
{
	char buf[2048];
	size_t i;

	for (i = 0; i < res->nunread; i++)
		fprintf(stderr, "extract: %s (file not read)\n",
			eg_error_format(&res->unread[i], buf, sizeof(buf)));
	for (i = 0; i < res->nempty; i++)
		fprintf(stderr, "extract: %s\n", eg_error_format(&res->empty[i], buf, sizeof(buf)));
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "in", required_argument, NULL, 'i' },
		{ "out", required_argument, NULL, 'o' },
		{ "source", required_argument, NULL, 's' },
		{ "sources", required_argument, NULL, 'S' },
		{ "tz", required_argument, NULL, 't' },
		{ "dates", required_argument, NULL, 'd' },
		{ "pseudonymize", required_argument, NULL, 'p' },
		{ "strict", optional_argument, NULL, 'x' },
		{ "relay-domains", required_argument, NULL, 'r' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct eg_extract_options opts = { 0 };
	struct eg_pseudonym key;
	const char *keyfile = NULL;
	struct eg_extract_result res;
	struct eg_error err;
	const char **inputs = calloc((size_t)argc, sizeof(char *));
	const char **dirs = calloc((size_t)argc + 1, sizeof(char *));
	char *self = eg_path_self_dir(&err);
	char *builtin = self ? eg_path_join(self, "../stages/extract/sources") : NULL;
	char *relay = self ? eg_path_join(self, "../stages/extract/relay_domains.csv") : NULL;
	int c, rc, verbose = 0;

	if (!inputs || !dirs || !builtin || !relay) {
		rc = EG_EIO;
		goto done;
	}
	opts.inputs = inputs;
	opts.source_dirs = dirs;
	dirs[opts.nsource_dirs++] = builtin;
	opts.relay_domains = relay;
	rc = -1;
	while (rc < 0 && (c = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': inputs[opts.ninputs++] = optarg; break;
		case 'o': opts.out_dir = optarg; break;
		case 's': opts.source = optarg; break;
		case 'S': dirs[opts.nsource_dirs++] = optarg; break;
		case 't': opts.timezone = optarg; break;
		case 'd': opts.dates = optarg; break;
		case 'p': keyfile = optarg; break;
		case 'x':
			if (!optarg || strcmp(optarg, "1") == 0)
				opts.strict = 1;
			else if (optarg[0] && strcmp(optarg, "0") != 0)
				rc = eg_cli_usage_error("extract",
							"--strict takes 1, 0 or nothing");
			break;
		case 'r': opts.relay_domains = *optarg ? optarg : NULL; break;
		case 'v': verbose = 1; break;
		case 'h': rc = eg_cli_help(usage); break;
		case 'V': rc = eg_cli_version("extract"); break;
		default: rc = eg_cli_usage_error("extract", "unknown option"); break;
		}
	}
	if (rc >= 0)
		goto done;
	if (optind < argc) {
		rc = eg_cli_usage_error("extract", "unexpected argument '%s'", argv[optind]);
		goto done;
	}
	if (opts.ninputs == 0 || !opts.out_dir) {
		rc = eg_cli_usage_error("extract", "--in and --out are required");
		goto done;
	}
	eg_atomic_cleanup_on_signal();
	eg_error_clear(&err);
	if (keyfile && *keyfile) {
		if (eg_pseudonym_load(&key, keyfile, &err) != EG_OK) {
			rc = eg_cli_report("extract", &err);
			goto done;
		}
		opts.pseudonym = &key;
	}
	eg_progress_start("extract", verbose);
	rc = eg_extract_run(&opts, &res, &err);
	eg_progress_stop();
	report_files(&res);
	eg_extract_result_release(&res);
	if (rc != EG_OK)
		rc = eg_cli_report("extract", &err);
	else if (res.rows_rejected)
		fprintf(stderr, "extract: %lld of %lld rows rejected, see '%s/rejects.csv'\n",
			(long long)res.rows_rejected, (long long)res.rows_read, opts.out_dir);
done:
	free(inputs);
	free(dirs);
	free(builtin);
	free(relay);
	free(self);
	return rc;
}
