/*
 * test_content_hash.c - XXH3-128 content hashes: the published test values,
 * a file hashed in chunks gives the same hash as its bytes in one piece at
 * every size around the chunk boundary, the text form, and the errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"
#include "test_scratch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/content_hash.h"

#define DATA_FILE scratch_path("data.bin") /* the file of each test */

/* The chunk size of content_hash.c, to test either side of it. */
#define CHUNK (256 * 1024)

static void content_hash_gives_published_values(void **state)
{
	struct eg_content_hash h;

	(void)state;
	eg_content_hash_bytes("", 0, &h);
	assert_string_equal(h.hex, "99aa06d3014798d86001c324468d497f");
	eg_content_hash_bytes("abc", 3, &h);
	assert_string_equal(h.hex, "06b05ab6733a618578af5f94892f3950");
}

static void content_hash_file_equals_bytes_at_every_chunk_edge(void **state)
{
	static const size_t sizes[] = {
		0,   1,	  2,	16,	   17,	  128,	     129,
		240, 241, 4096, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 7
	};
	unsigned char *data = malloc(2 * CHUNK + 7);
	uint32_t x = 12345;

	(void)state;
	assert_non_null(data);
	for (size_t i = 0; i < 2 * CHUNK + 7; i++) {
		x = x * 1103515245u + 12345u;
		data[i] = (unsigned char)(x >> 16);
	}
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		struct eg_content_hash from_file, from_bytes;
		struct eg_error err;
		int64_t size = -1;

		put_bytes("data.bin", (const char *)data, sizes[k]);
		eg_error_clear(&err);
		assert_int_equal(eg_content_hash_file(DATA_FILE, &from_file, &size, &err), EG_OK);
		eg_content_hash_bytes(data, sizes[k], &from_bytes);
		assert_string_equal(from_file.hex, from_bytes.hex);
		assert_int_equal(size, (int64_t)sizes[k]);
		assert_true(eg_content_hash_equal(&from_file, &from_bytes));
	}
	free(data);
}

static void content_hash_differs_for_one_changed_byte(void **state)
{
	struct eg_content_hash a, b;

	(void)state;
	eg_content_hash_bytes("order 1\n", 8, &a);
	eg_content_hash_bytes("order 2\n", 8, &b);
	assert_false(eg_content_hash_equal(&a, &b));
}

static void content_hash_of_missing_file_is_io_error(void **state)
{
	struct eg_content_hash h = { "unchanged" };
	struct eg_error err;

	(void)state;
	eg_error_clear(&err);
	assert_int_equal(eg_content_hash_file("no/such/file.csv", &h, NULL, &err), EG_EIO);
	assert_int_equal(err.status, EG_EIO);
	assert_non_null(strstr(err.message, "unable to open 'no/such/file.csv'"));
	assert_string_equal(h.hex, "unchanged");
	assert_int_equal(eg_content_hash_file("/", &h, NULL, &err), EG_EIO);
	assert_non_null(strstr(err.message, "unable to read '/'"));
}

static void content_hash_parses_text_form(void **state)
{
	struct eg_content_hash h = { "unchanged" };

	(void)state;
	assert_int_equal(eg_content_hash_parse("99AA06D3014798D86001C324468D497F", 32, &h), 1);
	assert_string_equal(h.hex, "99aa06d3014798d86001c324468d497f");
	strcpy(h.hex, "unchanged");
	assert_int_equal(eg_content_hash_parse("99aa06d3014798d86001c324468d497", 31, &h), 0);
	assert_int_equal(eg_content_hash_parse("99aa06d3014798d86001c324468d497f0", 33, &h), 0);
	assert_int_equal(eg_content_hash_parse("99aa06d3014798d86001c324468d497g", 32, &h), 0);
	assert_int_equal(eg_content_hash_parse("99aa06d3014798d8 001c324468d497f", 32, &h), 0);
	assert_string_equal(h.hex, "unchanged");
}

TEST_MAIN_WITH(scratch_setup, scratch_teardown,
	       cmocka_unit_test(content_hash_gives_published_values),
	       cmocka_unit_test(content_hash_file_equals_bytes_at_every_chunk_edge),
	       cmocka_unit_test(content_hash_differs_for_one_changed_byte),
	       cmocka_unit_test(content_hash_of_missing_file_is_io_error),
	       cmocka_unit_test(content_hash_parses_text_form))
