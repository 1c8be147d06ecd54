/*
 * extract_records.h - the records layout: each row of the export becomes
 * one row of the source's table (sessions, email_events, email_campaigns,
 * responses, tickets, profiles, loyalty, spend), every field read as its type
 * (see source_map.h), then source, source_file and source_line.
 *
 * Besides the reasons of eg_extract_row_read (bad_date, bad_amount, bad_number,
 * bad_value), a row is rejected as:
 *   missing_value      its table's key is empty: the date of a sessions or spend row,
 *                      the email or event of an email event, the campaign
 *                      (name or id) of a campaign, the score of a response,
 *                      the ticket id, the email or customer id of a profile
 *                      or loyalty member
 *   score_out_of_range a survey score outside its scale (0-10 for nps,
 *                      1-scale_max otherwise)
 * A currency left empty is the mapping's `currency`; a response's
 * scale_max left empty is 10, 5 or 7 for nps, csat or ces.
 */
#ifndef ENGAGE_EXTRACT_RECORDS_H
#define ENGAGE_EXTRACT_RECORDS_H

#include "engage/extract_row.h"

/*
 * Reads the current row of x->r, which eg_extract_row_check has passed: a row
 * written to x->out, or a reject. Returns EG_OK, or EG_EIO on out of memory.
 */
int eg_extract_records_row(struct eg_extract_input *x);

/* 1 for the tables whose rows cover a period (date first, then period and period_end). */
int eg_extract_records_dated(enum eg_table t);

#endif
