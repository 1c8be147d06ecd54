/*
 * fuzz_pipeline.c - the pipeline file parser (pipeline.h) on arbitrary
 * text: eg_pipeline_parse, a command-line override of the first variable,
 * then eg_pipeline_resolve, which expands every variable and word and
 * checks the stages against the disk (it only looks: stat and access).
 *
 * Properties: parse either succeeds or fails with EG_EUSAGE (EG_EIO only
 * for out of memory) and an empty pipeline; every stage of a parsed file
 * has a name and a run command; a resolved file's argv is NULL-terminated
 * with argc entries, and a failed resolve leaves nothing expanded.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "engage/pipeline.h"

const char *const fuzz_seeds[] = {
	"pipelines/*.pipeline",
	NULL,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct eg_pipeline pl;
	struct eg_error err;
	size_t i;
	int rc;

	eg_pipeline_init(&pl);
	eg_error_clear(&err);
	rc = eg_pipeline_parse(&pl, "fuzz.pipeline", (const char *)data, size, &err);
	if (rc != EG_OK) {
		FUZZ_CHECK(rc == EG_EUSAGE || rc == EG_EIO);
		FUZZ_CHECK(pl.n_stages == 0 && pl.n_vars == 0);
		eg_pipeline_release(&pl);
		return 0;
	}
	for (i = 0; i < pl.n_stages; i++) {
		FUZZ_CHECK(pl.stages[i].name && pl.stages[i].name[0]);
		FUZZ_CHECK(pl.stages[i].n_words > 0);
		FUZZ_CHECK(eg_pipeline_find_stage(&pl, pl.stages[i].name) == (long)i);
	}
	if (pl.n_vars > 0)
		FUZZ_CHECK(eg_pipeline_set_var(&pl, pl.vars[0].name, "/tmp/${x}", &err) == EG_OK);
	FUZZ_CHECK(eg_pipeline_set_var(&pl, "no such variable!", "x", &err) == EG_EUSAGE);
	rc = eg_pipeline_resolve(&pl, "bin", &err);
	if (rc == EG_OK) {
		FUZZ_CHECK(pl.resolved);
		for (i = 0; i < pl.n_stages; i++) {
			FUZZ_CHECK(pl.stages[i].argv[pl.stages[i].argc] == NULL);
			FUZZ_CHECK(pl.stages[i].argc == pl.stages[i].n_words);
		}
		for (i = 0; i < pl.n_vars; i++)
			FUZZ_CHECK(eg_pipeline_var_value(&pl, pl.vars[i].name) != NULL);
	} else {
		FUZZ_CHECK(!pl.resolved);
		for (i = 0; i < pl.n_stages; i++)
			FUZZ_CHECK(pl.stages[i].argv == NULL && pl.stages[i].exe == NULL);
	}
	eg_pipeline_release(&pl);
	return 0;
}
