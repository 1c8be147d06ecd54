/*
 * render.c - loading compute's figures and handing them to the workbook.
 */
#include "engage/render.h"
#include "engage/datetime.h"
#include "engage/manifest.h"
#include "engage/path.h"
#include "engage/report.h"
#include "engage/workbook.h"

#include <stdlib.h>
#include <string.h>

/* The folder part of path, in a new string; "." when path has none. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	dir = malloc((size_t)(slash - path) + 1);
	if (dir) {
		memcpy(dir, path, (size_t)(slash - path));
		dir[slash - path] = '\0';
	}
	return dir;
}

int eg_render_run(const struct eg_render_options *opts, struct eg_error *err)
{
	struct eg_report rep = {0};
	struct eg_manifest *m = eg_manifest_new("render");
	struct eg_manifest_counts *c = NULL;
	char *kpis = eg_path_join(opts->in_dir, "kpis.csv");
	char *dir = folder_of(opts->out);
	char *manifest = dir ? eg_path_join(dir, "render.manifest.csv") : NULL;
	char month[EG_TIME_BUFSZ];
	int rc;

	if (!m || !kpis || !dir || !manifest || !(c = eg_manifest_input(m, kpis))) {
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		goto done;
	}
	rc = eg_path_prepare_output_dir(dir, err);
	if (rc == EG_OK)
		rc = eg_report_load(&rep, kpis, opts->month, err);
	if (rc != EG_OK)
		goto done;
	/* Every metric row of kpis.csv lands in the workbook. */
	c->read = c->written = rep.rows;
	rc = eg_workbook_write(&rep, opts->out, err);
	if (rc == EG_OK &&
	    (eg_manifest_param(m, "month", eg_month_format(rep.month, month)) != EG_OK ||
	     eg_manifest_output(m, opts->out, rep.nmonths) != EG_OK))
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	if (rc == EG_OK)
		rc = eg_manifest_write(m, manifest, err);
done:
	eg_report_release(&rep);
	eg_manifest_free(m);
	free(kpis);
	free(dir);
	free(manifest);
	return rc;
}
