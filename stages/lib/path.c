/*
 * path.c - joining paths, creating output folders and checking them early.
 */
#include "engage/path.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *eg_path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);

	if (!p)
		return NULL;
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	if (a > 0 && dir[a - 1] == '/')
		memmove(p + a, p + a + 1, b + 1);
	return p;
}

int eg_path_mkdirs(const char *dir, struct eg_error *err)
{
	char *p = strdup(dir), *s;
	struct stat st;
	int rc = EG_OK;

	if (!p)
		return eg_error_set(err, EG_EIO, dir, 0, 0, "out of memory");
	for (s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			rc = eg_error_set(err, EG_EIO, dir, 0, 0,
					  "unable to create folder '%s': %s", p, strerror(errno));
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	if (rc == EG_OK && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)))
		rc = eg_error_set(err, EG_EIO, dir, 0, 0, "'%s' is not a folder", dir);
	free(p);
	return rc;
}

int eg_path_prepare_output_dir(const char *dir, struct eg_error *err)
{
	int rc = eg_path_mkdirs(dir, err);

	if (rc != EG_OK)
		return rc;
	if (access(dir, W_OK | X_OK) != 0)
		return eg_error_set(err, EG_EIO, dir, 0, 0, "unable to write in '%s': %s", dir,
				    strerror(errno));
	return EG_OK;
}

char *eg_path_self_dir(struct eg_error *err)
{
	char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *slash;

	if (n <= 0 || (size_t)n >= sizeof(buf) - 1) {
		eg_error_set(err, EG_EIO, NULL, 0, 0, "unable to find the running executable");
		return NULL;
	}
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (slash)
		*slash = '\0';
	return strdup(slash == buf ? "/" : buf);
}

int eg_path_has_pattern(const char *path)
{
	return strpbrk(path, "*?[") != NULL;
}
