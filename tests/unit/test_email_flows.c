/*
 * test_email_flows.c - an email platform's flow figures: the rows of
 * email_flows.csv passed on with their range, delivered, the open rate with
 * and without Apple privacy opens and the click rate, a total per period
 * and channel after them (SMS apart from email, and without open rates),
 * nothing without the table, and a bad count named by file and line.
 * Tables are written into a scratch folder and flow_figures.csv read back.
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

#include "engage/email_flows.h"

#define FLOWS                                                                                      \
	"date,period,period_end,flow_id,flow,message_id,message,channel,status,recipients,"        \
	"unique_opens,opens,apple_opens,unique_apple_opens,unique_clicks,clicks,unsubscribes,"     \
	"bounces,spam_complaints,orders,source,source_file,source_line\n"
#define HEAD                                                                                       \
	"period_start,period_end,channel,flow,message,recipients,delivered,unique_opens,"          \
	"unique_apple_opens,unique_clicks,orders,open_rate,open_rate_without_apple,click_rate,"    \
	"source\n"

/* The table the tests write over scratch. */
static const struct dir_table table = { "flow_figures.csv", eg_flow_figure_columns,
					eg_email_flows_write };

static void rows_pass_with_a_total_per_channel(void **state)
{
	(void)state;
	/* Welcome: 100 - 4 = 96 delivered, 60 / 96 = 0.625 opened, (60 - 24) / 96 = 0.375
	 * without Apple's, 12 / 96 = 0.125 clicked. Cart: 50 delivered, 20 / 50, 10 / 50,
	 * 5 / 50. Email total: 146 delivered, 80 / 146 = 0.547945, 46 / 146 = 0.315068,
	 * 17 / 146 = 0.116438. SMS: no open rate; 3 / 20 = 0.15 clicked. */
	put("email_flows.csv", FLOWS
	    "2026-01-01,range,2026-03-31,F1,Welcome,M1,Hello,email,live,100,60,80,30,24,12,15,"
	    "1,4,0,3,k,f,2\n"
	    "2026-01-01,range,2026-03-31,F2,Cart,M2,Reminder,sms,live,20,0,0,0,0,3,3,0,0,0,1,"
	    "k,f,3\n"
	    "2026-01-01,range,2026-03-31,F2,Cart,M3,Reminder,email,live,50,20,25,12,10,5,6,0,"
	    "0,0,2,k,f,4\n");
	dir_table_is(&table,
		     HEAD "2026-01-01,2026-03-31,email,Welcome,Hello,100,96,60,24,12,3,0.625000,"
			  "0.375000,0.125000,k\n"
			  "2026-01-01,2026-03-31,sms,Cart,Reminder,20,20,0,0,3,1,,,0.150000,k\n"
			  "2026-01-01,2026-03-31,email,Cart,Reminder,50,50,20,10,5,2,0.400000,"
			  "0.200000,0.100000,k\n"
			  "2026-01-01,2026-03-31,email,(all),,150,146,80,34,17,5,0.547945,"
			  "0.315068,0.116438,k\n"
			  "2026-01-01,2026-03-31,sms,(all),,20,20,0,0,3,1,,,0.150000,k\n");
}

static void without_apple_opens_the_rate_without_them_is_empty(void **state)
{
	(void)state;
	put("email_flows.csv",
	    FLOWS "2025-01-01,range,2025-12-31,F1,Welcome,M1,Hello,email,,10,5,,,,,,,,,,k,f,2\n");
	dir_table_is(&table,
		     HEAD "2025-01-01,2025-12-31,email,Welcome,Hello,10,10,5,,,,0.500000,,,k\n"
			  "2025-01-01,2025-12-31,email,(all),,10,10,5,,,,0.500000,,,k\n");
}

static void no_table_writes_no_rows(void **state)
{
	(void)state;
	dir_table_is(&table, HEAD);
}

static void a_bad_count_names_its_line(void **state)
{
	(void)state;
	put("email_flows.csv",
	    FLOWS "2026-01-01,range,2026-03-31,F1,Welcome,M1,Hello,email,live,many,1,1,0,0,0,0,0,0,"
		  "0,0,k,f,2\n");
	dir_table_refused(&table, 2, "'many' is not a whole number");
}

TEST_MAIN(SCRATCH_TEST(rows_pass_with_a_total_per_channel),
	  SCRATCH_TEST(without_apple_opens_the_rate_without_them_is_empty),
	  SCRATCH_TEST(no_table_writes_no_rows), SCRATCH_TEST(a_bad_count_names_its_line))
