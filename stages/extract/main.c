/*
 * extract - turn raw platform exports into canonical tables.
 */
#include "engage/atomic_file.h"
#include "engage/cli.h"
#include "engage/option_table.h"
#include "engage/progress.h"
#include "engage/extract.h"
#include "engage/path.h"

#include <stdio.h>
#include <stdlib.h>

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
	"recognised from its header.\n";

static const char epilog[] =
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
	int rc, verbose = 0;
	const struct eg_option options[] = {
		EG_OPT_LIST(0, "in", inputs, &opts.ninputs, (size_t)argc, "FILE",
			    "a raw export, a folder or a quoted glob pattern ('raw/*', matches read "
			    "in sorted order; a folder or a folder the pattern matches is read "
			    "with all its subfolders, leaving out hidden files and ~$ lock files); "
			    "repeat for several files. A file no source fits, or a known export "
			    "holding nothing engage uses, is not read: it is named on stderr and "
			    "in the manifest, and the run goes on; when no file could be read, "
			    "the run fails naming them all"),
		EG_OPT_TEXT(0, "out", &opts.out_dir, "DIR", "output folder, created if needed"),
		EG_OPT_TEXT(0, "source", &opts.source, "NAME",
			    "every input's source, instead of recognising it from its header"),
		EG_OPT_LIST(0, "sources", dirs, &opts.nsource_dirs, (size_t)argc + 1, "DIR",
			    "a folder of mapping files (NAME.source) to read besides the built-in "
			    "ones in stages/extract/sources; repeatable"),
		EG_OPT_TEXT(0, "tz", &opts.timezone, "ZONE",
			    "time zone of time stamps written without a UTC offset, for sources "
			    "whose mapping names none (default UTC). 'auto': the shop's zone, "
			    "found from the UTC offsets of the order exports' time stamps (UTC "
			    "when none has one), written into the manifest for compute --tz auto"),
		EG_OPT_TEXT(0, "dates", &opts.dates, "ORDER",
			    "read dates like 03/10/2026 as us (month first) or eu (day first) in "
			    "every input, whatever the mappings say"),
		EG_OPT_TEXT_OR_NONE(0, "pseudonymize", &keyfile, "KEYFILE", "",
				    "write every email as a keyed pseudonym (HMAC-SHA-256 under the "
				    "key in KEYFILE, 16 to 256 bytes); in rejected rows, every cell "
				    "not of a non-personal column (all of them in a ragged row), and "
				    "emails inside text, too, so no later output holds them; the same "
				    "key gives the same pseudonyms every month. Customer ids and "
				    "phones of orders become pseudonyms too.\n"
				    "An empty KEYFILE ('') means no pseudonyms"),
		EG_OPT_SWITCH(0, "strict", &opts.strict,
			      "any file not read is an error (exit 1) naming each; --strict=1 is "
			      "the same, --strict=0 and --strict= are off"),
		EG_OPT_TEXT_OR_NONE(0, "relay-domains", &opts.relay_domains, "FILE", "",
				    "a CSV (column domain) of marketplace relay email domains: an "
				    "order's address at one reads as no email (default "
				    "stages/extract/relay_domains.csv; '' for none)"),
		EG_OPT_STAGE_COMMON(&verbose),
		EG_OPT_END,
	};
	const struct eg_command cmd = { "extract", usage, options, epilog, 0, NULL };

	if (!inputs || !dirs || !builtin || !relay) {
		rc = EG_EIO;
		goto done;
	}
	opts.inputs = inputs;
	opts.source_dirs = dirs;
	dirs[opts.nsource_dirs++] = builtin;
	opts.relay_domains = relay;
	rc = eg_option_parse(&cmd, argc, argv);
	if (rc != EG_OPTIONS_READ)
		goto done;
	if (opts.ninputs == 0 || !opts.out_dir) {
		rc = eg_cli_usage_error("extract", "--in and --out are required");
		goto done;
	}
	eg_atomic_cleanup_on_signal();
	eg_error_clear(&err);
	if (keyfile) {
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
