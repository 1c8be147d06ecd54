/*
 * file_walk.c - expanding a pattern or a folder into the files it stands
 * for: glob(3) for the pattern, readdir(3) for the folders, depth first,
 * then each call's paths sorted by their bytes (strcmp), so the order does
 * not depend on the file system or the locale.
 */
#include "engage/file_walk.h"
#include "engage/array.h"
#include "engage/path.h"

#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int eg_file_walk_skips(const char *name)
{
	return name[0] == '.' || (name[0] == '~' && name[1] == '$');
}

int eg_file_walk_is_folder(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

void eg_file_list_release(struct eg_file_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free(list->paths[i]);
	free(list->paths);
	memset(list, 0, sizeof(*list));
}

static int oom(struct eg_error *err)
{
	return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
}

/* Appends path (taken over) to list. */
static int add(struct eg_file_list *list, char *path, struct eg_error *err)
{
	if (!path || eg_array_reserve((void **)&list->paths, &list->cap, list->n + 1,
				      sizeof(*list->paths), 16) != 0) {
		free(path);
		return oom(err);
	}
	list->paths[list->n++] = path;
	return EG_OK;
}

static int by_bytes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the paths list gained since it held from. */
static void sort_from(struct eg_file_list *list, size_t from)
{
	if (list->n > from)
		qsort(list->paths + from, list->n - from, sizeof(*list->paths), by_bytes);
}

static int walk(struct eg_file_list *list, const char *dir, struct eg_error *err);

/* Adds path (taken over) when it is a regular file, walks it when it is a real folder. */
static int visit(struct eg_file_list *list, char *path, struct eg_error *err)
{
	struct stat sb;
	int rc = EG_OK;

	if (!path)
		return oom(err);
	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) && stat(path, &sb) == 0 &&
	    S_ISDIR(sb.st_mode)) {
		free(path); /* a link to a folder: not followed */
		return EG_OK;
	}
	if (stat(path, &sb) != 0) {
		free(path); /* a dangling link, or gone since it was listed */
		return EG_OK;
	}
	if (S_ISREG(sb.st_mode))
		return add(list, path, err);
	if (S_ISDIR(sb.st_mode))
		rc = walk(list, path, err);
	free(path);
	return rc;
}

/* Appends the files under dir, depth first. */
static int walk(struct eg_file_list *list, const char *dir, struct eg_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = EG_OK;

	if (!d)
		return eg_error_set(err, EG_EIO, dir, 0, 0, "unable to read folder '%s': %s", dir,
				    strerror(errno));
	while (rc == EG_OK && (e = readdir(d)) != NULL)
		if (!eg_file_walk_skips(e->d_name))
			rc = visit(list, eg_path_join(dir, e->d_name), err);
	closedir(d);
	return rc;
}

int eg_file_walk_folder(struct eg_file_list *list, const char *dir, struct eg_error *err)
{
	size_t from = list->n;
	int rc = walk(list, dir, err);

	sort_from(list, from);
	return rc;
}

int eg_file_walk_pattern(struct eg_file_list *list, const char *pattern, struct eg_error *err)
{
	size_t from = list->n, k;
	glob_t g;
	int grc = glob(pattern, 0, NULL, &g), rc = EG_OK;

	if (grc == GLOB_NOMATCH)
		return EG_OK;
	if (grc == GLOB_NOSPACE)
		return oom(err);
	if (grc != 0)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "unable to expand '%s'", pattern);
	for (k = 0; k < g.gl_pathc && rc == EG_OK; k++) {
		const char *slash = strrchr(g.gl_pathv[k], '/');

		if (!eg_file_walk_skips(slash ? slash + 1 : g.gl_pathv[k]))
			rc = visit(list, strdup(g.gl_pathv[k]), err);
	}
	globfree(&g);
	sort_from(list, from);
	return rc;
}
