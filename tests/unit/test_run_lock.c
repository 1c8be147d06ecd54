/*
 * test_run_lock.c - the output folder's lock: taken when free, refused to a
 * second taker (another open of the file, as another process makes) with a
 * message naming the folder and the holder's process id, free again once
 * released; eg_run_lock_holder names the holder; a symlink planted at the
 * lock file's name is refused, its target untouched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_scratch.h"

#include <sys/stat.h>

#include "engage/run_lock.h"

static void run_lock_refuses_a_second_run_naming_the_first(void **state)
{
	struct eg_run_lock a, b;
	struct eg_error err;
	char want[64];

	(void)state;
	assert_int_equal(eg_run_lock_holder(scratch), 0);
	assert_int_equal(eg_run_lock_take(&a, scratch, &err), EG_OK);
	assert_true(a.fd >= 0);
	assert_int_equal(eg_run_lock_holder(scratch), (long)getpid());
	/* flock locks an open file: a second open conflicts, as another process would. */
	eg_error_clear(&err);
	assert_int_equal(eg_run_lock_take(&b, scratch, &err), EG_EIO);
	assert_int_equal(b.fd, -1);
	assert_non_null(strstr(err.message, scratch));
	snprintf(want, sizeof(want), "another run of engage (process %ld)", (long)getpid());
	assert_non_null(strstr(err.message, want));
	eg_run_lock_release(&a);
	assert_int_equal(a.fd, -1);
	eg_run_lock_release(&a); /* twice is a no-op */
	assert_int_equal(eg_run_lock_holder(scratch), 0);
	assert_int_equal(eg_run_lock_take(&b, scratch, &err), EG_OK);
	eg_run_lock_release(&b);
}

static void run_lock_does_not_follow_a_symlink(void **state)
{
	struct eg_run_lock l;
	struct eg_error err;
	char link[1200], target[1200];
	struct stat sb;

	(void)state;
	put("victim.txt", "precious\n");
	snprintf(target, sizeof(target), "%s/victim.txt", scratch);
	snprintf(link, sizeof(link), "%s/%s", scratch, EG_RUN_LOCK_FILE);
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(eg_run_lock_take(&l, scratch, &err), EG_EIO);
	assert_non_null(strstr(err.message, EG_RUN_LOCK_FILE));
	assert_int_equal(stat(target, &sb), 0);
	assert_int_equal(sb.st_size, 9);
}

static void run_lock_in_a_missing_folder_is_io_error(void **state)
{
	struct eg_run_lock l;
	struct eg_error err;
	const char *dir = scratch_path("none");

	(void)state;
	assert_int_equal(eg_run_lock_take(&l, dir, &err), EG_EIO);
	assert_int_equal(l.fd, -1);
	assert_int_equal(eg_run_lock_holder(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(run_lock_refuses_a_second_run_naming_the_first,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(run_lock_does_not_follow_a_symlink, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(run_lock_in_a_missing_folder_is_io_error, scratch_setup,
						scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
