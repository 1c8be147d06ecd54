/*
 * test_file_walk.c - the files a pattern or a folder stands for: every
 * regular file at any depth, in byte order; hidden files and folders and
 * ~$ lock files left out; links to folders, FIFOs and dangling links not
 * followed; a pattern matching nothing gives nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"

#include <sys/stat.h>

#include "engage/file_walk.h"
#include "test_scratch.h"

/* Makes folder scratch/name. */
static void folder(const char *name)
{
	char path[600];

	snprintf(path, sizeof(path), "%s/%s", scratch, name);
	assert_int_equal(mkdir(path, 0777), 0);
}

/* Asserts list holds exactly the scratch-relative paths of want, in that order. */
static void assert_paths(const struct eg_file_list *list, const char *const *want, size_t n)
{
	size_t i, base = strlen(scratch) + 1;

	for (i = 0; i < list->n && i < n; i++)
		if (strcmp(list->paths[i] + base, want[i]) != 0)
			print_error("path %zu: %s, expected %s\n", i, list->paths[i] + base,
				    want[i]);
	assert_int_equal(list->n, n);
	for (i = 0; i < n; i++)
		assert_string_equal(list->paths[i] + base, want[i]);
}

/* A month folder with a subfolder, hidden entries and a lock file. */
static void month(void)
{
	folder("m");
	folder("m/b");
	folder("m/b/deeper");
	folder("m/.git");
	put("m/orders.csv", "x");
	put("m/a.csv", "x");
	put("m/b/tickets.csv", "x");
	put("m/b/deeper/nps.csv", "x");
	put("m/b/.hidden.csv", "x");
	put("m/.git/config", "x");
	put("m/~$orders.xlsx", "x");
	put("m/b/~$lock.csv", "x");
}

static void pattern_and_folder_walk_subfolders_in_byte_order(void **state)
{
	static const char *const want[] = { "m/a.csv", "m/b/deeper/nps.csv", "m/b/tickets.csv",
					    "m/orders.csv" };
	struct eg_file_list list = { 0 };
	struct eg_error err;
	char path[600];

	(void)state;
	month();
	snprintf(path, sizeof(path), "%s/m/*", scratch);
	eg_error_clear(&err);
	assert_int_equal(eg_file_walk_pattern(&list, path, &err), EG_OK);
	assert_paths(&list, want, 4);
	eg_file_list_release(&list);
	assert_int_equal(list.n, 0);
	/* the folder itself stands for the same files */
	snprintf(path, sizeof(path), "%s/m", scratch);
	assert_true(eg_file_walk_is_folder(path));
	assert_int_equal(eg_file_walk_folder(&list, path, &err), EG_OK);
	assert_paths(&list, want, 4);
	eg_file_list_release(&list);
}

static void skips_hidden_and_lock_names(void **state)
{
	static const struct yes_no names[] = { { ".DS_Store", 1 },
					       { ".git", 1 },
					       { "~$report.xlsx", 1 },
					       { "~report.csv", 0 },
					       { "orders.csv", 0 } };

	(void)state;
	assert_answers(eg_file_walk_skips, names, COUNT(names));
}

static void links_to_folders_and_special_files_are_not_followed(void **state)
{
	static const char *const want[] = { "m/a.csv", "m/b/deeper/nps.csv", "m/b/tickets.csv",
					    "m/link.csv", "m/orders.csv" };
	struct eg_file_list list = { 0 };
	struct eg_error err;
	char a[600], b[600];

	(void)state;
	month();
	snprintf(a, sizeof(a), "%s/m", scratch);
	snprintf(b, sizeof(b), "%s/m/b/loop", scratch);
	assert_int_equal(symlink(a, b), 0); /* a walk through it would never end */
	snprintf(a, sizeof(a), "%s/m/a.csv", scratch);
	snprintf(b, sizeof(b), "%s/m/link.csv", scratch);
	assert_int_equal(symlink(a, b), 0);
	snprintf(b, sizeof(b), "%s/m/dangling.csv", scratch);
	assert_int_equal(symlink("no-such-file", b), 0);
	snprintf(b, sizeof(b), "%s/m/fifo.csv", scratch);
	assert_int_equal(mkfifo(b, 0600), 0);
	snprintf(a, sizeof(a), "%s/m", scratch);
	assert_int_equal(eg_file_walk_folder(&list, a, &err), EG_OK);
	assert_paths(&list, want, 5);
	eg_file_list_release(&list);
}

static void pattern_matching_nothing_gives_nothing(void **state)
{
	struct eg_file_list list = { 0 };
	struct eg_error err;
	char pattern[600];

	(void)state;
	folder("empty");
	put("empty/.only-hidden", "x");
	snprintf(pattern, sizeof(pattern), "%s/empty/*", scratch);
	assert_int_equal(eg_file_walk_pattern(&list, pattern, &err), EG_OK);
	assert_int_equal(list.n, 0);
	snprintf(pattern, sizeof(pattern), "%s/none-*", scratch);
	assert_int_equal(eg_file_walk_pattern(&list, pattern, &err), EG_OK);
	assert_int_equal(list.n, 0);
	snprintf(pattern, sizeof(pattern), "%s/empty", scratch);
	assert_int_equal(eg_file_walk_folder(&list, pattern, &err), EG_OK);
	assert_int_equal(list.n, 0);
	eg_file_list_release(&list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(pattern_and_folder_walk_subfolders_in_byte_order,
						scratch_setup, scratch_teardown),
		cmocka_unit_test(skips_hidden_and_lock_names),
		cmocka_unit_test_setup_teardown(links_to_folders_and_special_files_are_not_followed,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(pattern_matching_nothing_gives_nothing,
						scratch_setup, scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
