/*
 * file_walk.h - the files a folder or a file-name pattern stands for, such
 * as a month folder of downloads and the pipelines' `in "${raw}/..."` pattern.
 *
 * One walk serves both extract (which reads the files) and the runner
 * (which hashes them to notice a file added, changed or removed), so the
 * two always agree on what "the files of a month folder" are: every
 * regular file a pattern matches, and every regular file under a folder it
 * matches, at any depth. Left out, at any level: hidden files and folders
 * (a name starting with '.') and spreadsheet lock files (a name starting
 * with "~$", which Excel and LibreOffice leave beside an open workbook).
 * Links to files are followed; links to folders are not (a walk never
 * loops), and neither are FIFOs, sockets or devices. Paths come out in byte
 * order, per pattern or folder.
 */
#ifndef ENGAGE_FILE_WALK_H
#define ENGAGE_FILE_WALK_H

#include <stddef.h>

#include "engage/error.h"

/* Paths found by a walk. Zeroed: empty. */
struct eg_file_list {
	char **paths; /* owned, each owned */
	size_t n;     /* entries at paths */
	size_t cap;   /* room at paths */
};

/* 1 when a file or folder of base name name is left out of a walk (hidden or a lock file). */
int eg_file_walk_skips(const char *name);

/*
 * Appends to list the files pattern (glob(3): *, ? and [...]) stands for:
 * each regular file it matches whose name is not skipped, and the files
 * under each folder it matches (eg_file_walk_folder), in byte order.
 * Matching nothing is not an error here (list is unchanged); the caller
 * says what it means. EG_EIO when a folder cannot be read or out of memory.
 */
int eg_file_walk_pattern(struct eg_file_list *list, const char *pattern, struct eg_error *err);

/*
 * Appends to list every regular file under folder dir, at any depth,
 * leaving out skipped names, in byte order of their paths. EG_EIO when a
 * folder cannot be read or out of memory.
 */
int eg_file_walk_folder(struct eg_file_list *list, const char *dir, struct eg_error *err);

/* 1 when path is a folder (following a link), else 0. */
int eg_file_walk_is_folder(const char *path);

/* Frees the paths of list and empties it. */
void eg_file_list_release(struct eg_file_list *list);

#endif
