/*
 * workbook_data.h - what the report workbook shows: compute's tables, the
 * stages' manifests, the raw input files and the customers counted by
 * churn-risk band. render fills it, the sheets read it. No <xlsxwriter.h>
 * here: what is gathered can be tested without a workbook.
 */
#ifndef ENGAGE_WORKBOOK_DATA_H
#define ENGAGE_WORKBOOK_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "engage/data_table.h"
#include "engage/report.h"
#include "engage/sha256.h"

/* A raw input file named in extract's manifest, for the Data quality sheet. */
struct eg_input_file {
	char *stage;			 /* the stage that read it, owned */
	char *path;			 /* its path as the manifest names it, owned */
	int found;			 /* 1 when render could read it */
	int64_t size;			 /* its size in bytes, when found */
	char sha256[EG_SHA256_HEX_SIZE]; /* its SHA-256, when found */
};

/* A stage manifest, for the Data quality sheet. */
struct eg_manifest_file {
	char *file;		   /* its file name (no folder), owned */
	struct eg_data_table rows; /* stage,section,name,key,value */
};

/* A churn-risk band, summed over the customers, for the Segments sheet. */
struct eg_workbook_band {
	char name[64];	      /* the band as customer_scores.csv names it */
	int64_t customers;    /* customers in it */
	double revenue;	      /* their revenue (monetary) */
	double p_alive;	      /* sum of their P(alive) */
	int64_t with_p_alive; /* customers with a P(alive) */
};

#define EG_WORKBOOK_MAX_BANDS 16 /* churn-risk bands shown */

/* The customers of customer_scores.csv counted, and summed by churn-risk band. */
struct eg_workbook_tally {
	int done;		/* 1 once every customer was added */
	int64_t customers;	/* rows of customer_scores.csv */
	int has_churn_risk;	/* 1 when the customers carry a churn_risk column */
	struct eg_workbook_band bands[EG_WORKBOOK_MAX_BANDS]; /* in the order first met */
	int nbands;					       /* how many */
	int64_t unbanded; /* customers of a band past EG_WORKBOOK_MAX_BANDS */
};

struct eg_customer_reader;

/* Empties t for the customers r will read (r only tells its columns). */
void eg_workbook_tally_start(struct eg_workbook_tally *t, const struct eg_customer_reader *r);

/* Adds r's current customer to t; ctx is the tally (a segment-lists hook). */
void eg_workbook_tally_add(void *ctx, const struct eg_customer_reader *r);

/* Customers the Customers sheet shows when eg_workbook_data.customer_rows is 0. */
#define EG_WORKBOOK_CUSTOMER_ROWS 10000

/* Everything the workbook shows. render fills it; eg_workbook_data_release frees it. */
struct eg_workbook_data {
	struct eg_report kpis;		 /* kpis.csv */
	struct eg_data_table cohorts;	 /* cohorts.csv */
	struct eg_data_table segments;	 /* segments.csv */
	struct eg_data_table moves;	 /* segment_moves.csv */
	struct eg_data_table bridge;	 /* bridge.csv */
	struct eg_data_table funnel;	 /* funnel.csv */
	struct eg_data_table journey;	 /* journey.csv */
	struct eg_data_table voice;	 /* voice.csv */
	struct eg_data_table email;	 /* email.csv */
	struct eg_data_table email_ratings; /* email_ratings.csv */
	struct eg_data_table model;	 /* model.csv */
	struct eg_data_table holdout;	 /* holdout.csv */
	struct eg_data_table risk_bands; /* risk_bands.csv */
	struct eg_data_table summary;	 /* summary.csv: compute's changes for its report month */
	struct eg_data_table platform;	 /* platform_check.csv */
	struct eg_data_table email_periods; /* email_periods.csv */
	struct eg_data_table email_flows;   /* flow_figures.csv */
	struct eg_data_table spend_campaigns; /* spend_by_campaign.csv */
	int summary_current;		 /* 1 when summary.csv is for the report month shown */
	char *scores;			 /* customer_scores.csv, NULL when absent; owned */
	char *customers;		 /* join's customers.csv (--customers), or NULL; owned */
	const struct eg_customer_reader *joined; /* a reader of scores with customers joined
						    whose customers.csv the Customers sheet
						    borrows (see eg_customer_reader_open_like);
						    NULL: the sheet loads customers itself */
	int64_t customer_rows;		 /* most customers the Customers sheet shows, in
					    customer_scores.csv's order; 0: EG_WORKBOOK_CUSTOMER_ROWS */
	char *customer_list; /* the full customer list's file name beside the workbook, for the
				Customers sheet's note; NULL: customer_scores.csv; owned */
	struct eg_manifest_file *manifests; /* the stages' manifests, in stage order; owned */
	size_t nmanifests;		    /* how many */
	struct eg_input_file *files;	    /* raw input files; owned */
	size_t nfiles;			    /* how many */
	char **params;	   /* render's parameters: key, value, key, value, ...; owned */
	size_t nparams;	   /* pairs */
	char timezone[64]; /* the report timezone (compute's), "UTC" by default */
	char timezone_found[1024]; /* how compute's zone was found (tz=auto), "" when given */
	struct eg_workbook_tally tally; /* the customers, when render already counted them
					   (tally.done); else the workbook counts them */
};


/* Frees what d holds and zeroes it. A zeroed d is a no-op. */
void eg_workbook_data_release(struct eg_workbook_data *d);

#endif
