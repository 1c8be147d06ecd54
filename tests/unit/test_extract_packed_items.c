/*
 * test_extract_packed_items.c - reading one line item packed in a cell as
 * WebToffee writes it: the fields by key in any order, names holding ':'
 * or '|', attributes ignored, sub_total defaulting to total, and each bad
 * item's reject reason.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "engage/extract_packed_items.h"
#include "test_cases.h"

/* Parses cell into *it with a decimal point; the reject reason or NULL. */
static const char *parse(const char *cell, struct eg_packed_item *it, char *why, size_t whysz)
{
	struct eg_extract_value_style style;

	memset(&style, 0, sizeof(style));
	style.decimal = '.';
	return eg_packed_item_parse(cell, strlen(cell), &style, it, why, whysz);
}

/* Asserts that the len bytes at s are text. */
static void same(const char *s, size_t len, const char *text)
{
	assert_int_equal(len, strlen(text));
	assert_memory_equal(s, text, len);
}

static void fields_are_read_by_key(void **state)
{
	struct eg_packed_item it;
	char why[256];

	(void)state;
	assert_null(parse("name:Winter Blend 340g|product_id:200|sku:WB-340|quantity:2|"
			  "total:37.00|sub_total:40.00|tax:0.00",
			  &it, why, sizeof(why)));
	same(it.name, it.name_len, "Winter Blend 340g");
	same(it.sku, it.sku_len, "WB-340");
	assert_int_equal(it.quantity, 2);
	assert_int_equal(it.total, 370000);
	assert_int_equal(it.subtotal, 400000);
}

static void names_keep_their_colons_and_bars(void **state)
{
	struct eg_packed_item it;
	char why[256];

	(void)state;
	assert_null(parse("sku:TEA-G|name:Tea | Green: 100g|quantity:3|total:27.00|pa_size:100g",
			  &it, why, sizeof(why)));
	same(it.name, it.name_len, "Tea | Green: 100g");
	same(it.sku, it.sku_len, "TEA-G");
	assert_int_equal(it.quantity, 3);
	/* Without sub_total, the line's total before discounts is its total. */
	assert_int_equal(it.subtotal, 270000);
	assert_null(parse("name:Mug|quantity:1|total:5.00|", &it, why, sizeof(why)));
	assert_int_equal(it.total, 50000);
}

static void bad_items_name_their_reason(void **state)
{
	struct eg_packed_item it;
	char why[256];

	(void)state;
	assert_string_equal(parse("name:Mug|quantity:two|total:5.00", &it, why, sizeof(why)),
			    "bad_quantity");
	assert_non_null(strstr(why, "Mug"));
	assert_string_equal(parse("name:Mug|quantity:1|total:five", &it, why, sizeof(why)),
			    "bad_amount");
	assert_string_equal(parse("product_id:200|quantity:1|total:5.00", &it, why, sizeof(why)),
			    "missing_value");
	assert_string_equal(parse("name:Mug|total:5.00", &it, why, sizeof(why)), "missing_value");
	assert_non_null(strstr(why, "quantity"));
}

TEST_MAIN(cmocka_unit_test(fields_are_read_by_key),
	  cmocka_unit_test(names_keep_their_colons_and_bars),
	  cmocka_unit_test(bad_items_name_their_reason))
