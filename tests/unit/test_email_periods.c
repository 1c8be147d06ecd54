/*
 * test_email_periods.c - an email platform's period figures: the rows of
 * email_rates.csv passed on with their range and rates as given, a total
 * of placed order value per period and channel after them (SMS apart from
 * email), nothing without the table, and a bad amount named by file and
 * line. Tables are written into a scratch folder and email_periods.csv
 * read back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"
#include "test_scratch.h"
#include "test_stage_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engage/email_periods.h"

#define RATES                                                                                      \
	"date,period,period_end,list_id,list,channel,open_rate,click_rate,order_value,currency,"   \
	"source,source_file,source_line\n"
#define HEAD "period_start,period_end,channel,list,open_rate,click_rate,order_value,source\n"

/* The table the tests write over scratch. */
static const struct dir_table table = { "email_periods.csv", eg_email_period_columns,
					eg_email_periods_write };

static void rows_pass_with_a_total_per_channel(void **state)
{
	(void)state;
	put("email_rates.csv",
	    RATES "2025-01-01,range,2025-12-31,g1,Buyers,email,0.61905,0.08333,412.50,,k,f,2\n"
		  "2025-01-01,range,2025-12-31,g2,SMS list,sms,,0.03125,96.00,,k,f,3\n"
		  "2025-01-01,range,2025-12-31,g3,News,email,0.43812,0.02171,1290.31,,k,f,4\n");
	dir_table_is(&table, HEAD "2025-01-01,2025-12-31,email,Buyers,0.61905,0.08333,412.50,k\n"
				  "2025-01-01,2025-12-31,sms,SMS list,,0.03125,96.00,k\n"
				  "2025-01-01,2025-12-31,email,News,0.43812,0.02171,1290.31,k\n"
				  "2025-01-01,2025-12-31,email,(all),,,1702.81,k\n"
				  "2025-01-01,2025-12-31,sms,(all),,,96.00,k\n");
}

static void no_table_writes_no_rows(void **state)
{
	(void)state;
	dir_table_is(&table, HEAD);
}

static void a_bad_amount_names_its_line(void **state)
{
	(void)state;
	put("email_rates.csv",
	    RATES "2025-01-01,range,2025-12-31,g1,Buyers,email,0.5,0.1,lots,,k,f,2\n");
	dir_table_refused(&table, 2, "'lots' is not an amount");
}

TEST_MAIN(SCRATCH_TEST(rows_pass_with_a_total_per_channel), SCRATCH_TEST(no_table_writes_no_rows),
	  SCRATCH_TEST(a_bad_amount_names_its_line))
