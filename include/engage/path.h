/*
 * path.h - file-system paths: joining, creating folders, checking access.
 */
#ifndef ENGAGE_PATH_H
#define ENGAGE_PATH_H

#include "engage/error.h"

/* Returns dir + "/" + name in a new string the caller frees; NULL on out of memory. */
char *eg_path_join(const char *dir, const char *name);

/* Creates dir and its missing parents (mode 0777 less umask). EG_EIO on failure. */
int eg_path_mkdirs(const char *dir, struct eg_error *err);

/*
 * Creates dir if needed and checks that files can be made in it, so a stage
 * fails before any work when its output folder is unusable. EG_EIO on failure.
 */
int eg_path_prepare_output_dir(const char *dir, struct eg_error *err);

/*
 * Returns the folder holding the running executable (from /proc/self/exe)
 * in a new string the caller frees; NULL with EG_EIO in err on failure.
 */
char *eg_path_self_dir(struct eg_error *err);

/* 1 when path holds a file-name pattern character (*, ?, [) for glob(3), else 0. */
int eg_path_has_pattern(const char *path);

#endif
