/*
 * stage.c - output folder, outputs, rejects and manifest of a stage run.
 */
#include "engage/stage.h"
#include "engage/path.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int eg_stage_oom(struct eg_error *err)
{
	return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
}

int eg_stage_begin(struct eg_stage *s, const char *name, const char *out_dir, int with_rejects,
		   struct eg_error *err)
{
	int rc;

	memset(s, 0, sizeof(*s));
	s->name = name;
	s->out_dir = out_dir;
	rc = eg_path_prepare_output_dir(out_dir, err);
	if (rc != EG_OK)
		return rc;
	s->m = eg_manifest_new(name);
	if (!s->m)
		return eg_stage_oom(err);
	if (with_rejects) {
		rc = eg_rejects_open(&s->rejects, out_dir, s->m, err);
		if (rc != EG_OK) {
			eg_stage_end(s);
			return rc;
		}
		s->has_rejects = 1;
	}
	return EG_OK;
}

struct eg_table_output *eg_stage_output(struct eg_stage *s, const char *file,
					const char *const *columns, struct eg_error *err)
{
	struct eg_table_output *out;

	if (s->nout == EG_STAGE_MAX_OUTPUTS) {
		eg_error_set(err, EG_EINTERNAL, NULL, 0, 0, "too many outputs");
		return NULL;
	}
	out = &s->out[s->nout];
	if (eg_table_output_open(out, s->out_dir, file, columns, err) != EG_OK)
		return NULL;
	s->nout++;
	return out;
}

int eg_stage_finish(struct eg_stage *s, struct eg_error *err)
{
	struct eg_atomic_file manifest, *files[EG_STAGE_MAX_OUTPUTS + 2];
	char file[256];
	char *path;
	size_t i, n = 0;
	int rc = EG_OK;

	for (i = 0; i < s->nout && rc == EG_OK; i++)
		if (eg_manifest_output(s->m, s->out[i].name, s->out[i].rows) != EG_OK)
			rc = eg_stage_oom(err);
	if (rc == EG_OK && s->has_rejects &&
	    eg_manifest_output(s->m, "rejects.csv", s->rejects.out.rows) != EG_OK)
		rc = eg_stage_oom(err);
	if (rc == EG_OK)
		rc = eg_manifest_check(s->m, err);
	/* Every file is written and synced before any replaces its previous version. */
	for (i = 0; i < s->nout && rc == EG_OK; i++)
		rc = eg_atomic_settle(&s->out[i].af, err);
	if (rc == EG_OK && s->has_rejects)
		rc = eg_atomic_settle(&s->rejects.out.af, err);
	if (rc == EG_OK) {
		snprintf(file, sizeof(file), "%s.manifest.csv", s->name);
		path = eg_path_join(s->out_dir, file);
		rc = path ? eg_manifest_settle(s->m, path, &manifest, err) : eg_stage_oom(err);
		free(path);
	}
	if (rc == EG_OK) {
		for (i = 0; i < s->nout; i++)
			files[n++] = &s->out[i].af;
		if (s->has_rejects)
			files[n++] = &s->rejects.out.af;
		files[n++] = &manifest; /* last: it vouches for the files beside it */
		rc = eg_atomic_publish_all(files, n, err);
	}
	eg_stage_end(s);
	return rc;
}

void eg_stage_end(struct eg_stage *s)
{
	size_t i;

	for (i = 0; i < s->nout; i++)
		eg_table_output_abort(&s->out[i]);
	s->nout = 0;
	if (s->has_rejects)
		eg_rejects_abort(&s->rejects);
	s->has_rejects = 0;
	eg_manifest_free(s->m);
	s->m = NULL;
}
