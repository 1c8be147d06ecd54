/*
 * compute.c - the compute stage: loads the facts once, then hands them to
 * each table's module (kpis, cohorts, rfm and its reports).
 */
#include "engage/compute.h"
#include "engage/bridge.h"
#include "engage/churn_model.h"
#include "engage/cohorts.h"
#include "engage/email_metrics.h"
#include "engage/email_ratings.h"
#include "engage/grid_views.h"
#include "engage/loyalty_metrics.h"
#include "engage/voice_metrics.h"
#include "engage/email_flows.h"
#include "engage/email_periods.h"
#include "engage/platform_check.h"
#include "engage/spend_metrics.h"
#include "engage/web_metrics.h"
#include "engage/datetime.h"
#include "engage/facts.h"
#include "engage/kpis.h"
#include "engage/path.h"
#include "engage/rfm.h"
#include "engage/segment_report.h"
#include "engage/stage.h"
#include "engage/tables.h"
#include "engage/timezone.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The last full month of the data: the month of the last order when that
 * order is on the month's last day, else the month before.
 */
static int64_t last_full_month(const struct eg_facts *f)
{
	int64_t m = eg_month_of_day(f->last_day);

	return f->last_day + 1 == eg_first_day_of_month(m + 1) ? m : m - 1;
}

/* Opens output file of the stage into *out; the stage's status. */
static int open_output(struct eg_stage *st, const char *file, const char *const *columns,
		       struct eg_table_output **out, struct eg_error *err)
{
	*out = eg_stage_output(st, file, columns, err);
	return *out ? EG_OK : (int)err->status;
}

/*
 * Opens each output and writes it; the reports share the scores. The
 * models run before the customers' names are read, and the scores of a
 * month ago are kept as segments only, so that the largest per-customer
 * arrays are not all held at once.
 */
static int write_outputs(struct eg_stage *st, struct eg_facts *f,
			 const struct eg_compute_options *o, const struct eg_rfm_grid *g,
			 int64_t report, struct eg_kpi_grid *grid, struct eg_error *err)
{
	struct eg_rfm_score *now = calloc(f->ncustomers + 1, sizeof(*now));
	int *prev = calloc(f->ncustomers + 1, sizeof(*prev));
	struct eg_churn_score *churn = calloc(f->ncustomers + 1, sizeof(*churn));
	struct eg_table_output *out, *holdout;
	enum eg_rfm_scoring scoring = EG_RFM_QUINTILES;
	struct eg_churn_options co = {
		.as_of = eg_first_day_of_month(report + 1),
		.holdout_days = o->holdout_days > 0 ? o->holdout_days : 90,
		.discount = o->clv_discount >= 0 ? o->clv_discount : 0.01,
		.high_risk = o->high_risk > 0 ? o->high_risk : 0.3,
		.medium_risk = o->medium_risk > 0 ? o->medium_risk : 0.7,
	};
	int rc = now && prev && churn ? EG_OK : eg_stage_oom(err);

	/* email.csv comes with the email metrics, which the other tables then show. */
	if (rc == EG_OK &&
	    (rc = open_output(st, "email.csv", eg_email_columns, &out, err)) == EG_OK)
		rc = eg_email_metrics_fill(o->in_dir, grid, st->m, out, err);
	if (rc == EG_OK && (rc = open_output(st, "email_ratings.csv", eg_email_rating_columns, &out,
					     err)) == EG_OK)
		rc = eg_email_ratings_write(o->in_dir, out, err);
	if (rc == EG_OK && (rc = open_output(st, "kpis.csv", eg_kpi_columns, &out, err)) == EG_OK)
		eg_kpi_grid_write(grid, f->currency, out);
	if (rc == EG_OK &&
	    (rc = open_output(st, "summary.csv", eg_summary_columns, &out, err)) == EG_OK)
		eg_summary_write(grid, report, f->currency, out);
	if (rc == EG_OK &&
	    (rc = open_output(st, "funnel.csv", eg_funnel_columns, &out, err)) == EG_OK)
		eg_funnel_write(grid, out);
	if (rc == EG_OK && (rc = open_output(st, "email_periods.csv", eg_email_period_columns,
					     &out, err)) == EG_OK)
		rc = eg_email_periods_write(o->in_dir, st->m, out, err);
	if (rc == EG_OK && (rc = open_output(st, "flow_figures.csv", eg_flow_figure_columns, &out,
					     err)) == EG_OK)
		rc = eg_email_flows_write(o->in_dir, st->m, out, err);
	if (rc == EG_OK && (rc = open_output(st, "spend_by_campaign.csv",
					     eg_spend_campaign_columns, &out, err)) == EG_OK)
		rc = eg_spend_campaigns_write(o->in_dir, report, st->m, out, err);
	if (rc == EG_OK && (rc = open_output(st, "platform_check.csv", eg_platform_check_columns,
					     &out, err)) == EG_OK)
		rc = eg_platform_check_write(o->in_dir, st->m, out, err);
	if (rc == EG_OK &&
	    (rc = open_output(st, "journey.csv", eg_journey_columns, &out, err)) == EG_OK)
		eg_journey_write(grid, f->currency, out);
	if (rc == EG_OK &&
	    (rc = open_output(st, "voice.csv", eg_voice_columns, &out, err)) == EG_OK)
		eg_voice_write(grid, out);
	if (rc == EG_OK &&
	    (rc = open_output(st, "bridge.csv", eg_bridge_columns, &out, err)) == EG_OK)
		rc = eg_bridge_write(f, grid->first_month, grid->first_month + grid->nmonths - 1,
				     out, err);
	if (rc == EG_OK &&
	    (rc = open_output(st, "cohorts.csv", eg_cohort_columns, &out, err)) == EG_OK)
		rc = eg_cohorts_write(f, report, o->cohort_depth ? o->cohort_depth : 24, out, err);
	if (rc == EG_OK &&
	    (rc = open_output(st, "model.csv", eg_model_columns, &out, err)) == EG_OK &&
	    (rc = open_output(st, "holdout.csv", eg_holdout_columns, &holdout, err)) == EG_OK)
		rc = eg_churn_model_run(f, &co, churn, out, holdout, err);
	/* As of the report month's first day (segments kept), then of the day after it. */
	if (rc == EG_OK)
		rc = eg_rfm_score(f, eg_first_day_of_month(report), g, EG_RFM_AUTO, now, NULL, err);
	for (size_t c = 0; rc == EG_OK && c < f->ncustomers; c++)
		prev[c] = now[c].segment;
	if (rc == EG_OK)
		rc = eg_rfm_score(f, eg_first_day_of_month(report + 1), g, EG_RFM_AUTO, now,
				  &scoring, err);
	eg_facts_drop_days(f);
	if (rc == EG_OK)
		rc = eg_facts_load_names(f, o->in_dir, err);
	if (rc == EG_OK && (rc = open_output(st, "customer_scores.csv", eg_customer_score_columns,
					     &out, err)) == EG_OK)
		eg_customer_scores_write(f, g, now, prev, churn, out);
	if (rc == EG_OK &&
	    (rc = open_output(st, "risk_bands.csv", eg_risk_band_columns, &out, err)) == EG_OK)
		eg_risk_bands_write(f, now, churn, out);
	if (rc == EG_OK &&
	    (rc = open_output(st, "segments.csv", eg_segment_columns, &out, err)) == EG_OK)
		eg_segments_write(f, g, now, scoring, out);
	if (rc == EG_OK && (rc = open_output(st, "segment_moves.csv", eg_segment_move_columns, &out,
					     err)) == EG_OK)
		rc = eg_segment_moves_write(f, g, now, prev, out, err);
	free(now);
	free(prev);
	free(churn);
	return rc;
}

/* The shipped data file name beside the executables, in a new string. */
static char *shipped(const char *name, struct eg_error *err)
{
	char *self = eg_path_self_dir(err), *dir, *path;

	if (!self)
		return NULL;
	dir = eg_path_join(self, "../stages/compute");
	path = dir ? eg_path_join(dir, name) : NULL;
	free(self);
	free(dir);
	if (!path)
		eg_stage_oom(err);
	return path;
}

/*
 * The report zone into zone (EG_TZ_NAME_SIZE bytes): the one given, or with
 * "auto" the one extract found (its manifest's timezone parameter), with how
 * it was found into found (size bytes), else found is "".
 */
static int report_zone(const struct eg_compute_options *o, char *zone, char *found, size_t size,
		       struct eg_error *err)
{
	found[0] = '\0';
	if (!o->timezone || strcmp(o->timezone, "auto") != 0) {
		snprintf(zone, EG_TZ_NAME_SIZE, "%s", o->timezone ? o->timezone : "UTC");
		return eg_tz_select(zone, err);
	}
	if (!o->tz_from)
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "--tz auto needs --tz-from, extract's manifest");
	if (!eg_manifest_read_param(o->tz_from, "timezone", zone, EG_TZ_NAME_SIZE))
		return eg_error_set(err, EG_EUSAGE, o->tz_from, 0, 0,
				    "no time zone found here: run extract with --tz auto");
	if (!eg_manifest_read_param(o->tz_from, "timezone_found", found, size))
		found[0] = '\0';
	return eg_tz_select(zone, err);
}

static int record_params(struct eg_manifest *m, const struct eg_compute_options *o,
			 const struct eg_facts *f, const char *month, int64_t window,
			 const char *grid, const char *actions, const char *zone, const char *found)
{
	char buf[32], *in = eg_path_join(o->in_dir, "orders.csv");
	int rc = in ? EG_OK : EG_EIO;

	snprintf(buf, sizeof(buf), "%" PRId64, window);
	if (rc == EG_OK)
		rc = eg_manifest_param(m, "month", month) ||
		     eg_manifest_param(m, "timezone", zone) ||
		     (found && eg_manifest_param(m, "timezone_found", found)) ||
		     eg_manifest_param(m, "churn_window_days", buf) ||
		     eg_manifest_param(m, "rfm_grid", grid) ||
		     eg_manifest_param(m, "segment_actions", actions);
	snprintf(buf, sizeof(buf), "%lld", (long long)(o->holdout_days > 0 ? o->holdout_days : 90));
	if (rc == EG_OK)
		rc = eg_manifest_param(m, "holdout_days", buf);
	snprintf(buf, sizeof(buf), "%g", o->clv_discount >= 0 ? o->clv_discount : 0.01);
	if (rc == EG_OK)
		rc = eg_manifest_param(m, "clv_discount", buf);
	snprintf(buf, sizeof(buf), "%g", o->high_risk > 0 ? o->high_risk : 0.3);
	if (rc == EG_OK)
		rc = eg_manifest_param(m, "risk_high", buf);
	snprintf(buf, sizeof(buf), "%g", o->medium_risk > 0 ? o->medium_risk : 0.7);
	if (rc == EG_OK)
		rc = eg_manifest_param(m, "risk_medium", buf);
	snprintf(buf, sizeof(buf), "%d", o->cohort_depth ? o->cohort_depth : 24);
	if (rc == EG_OK)
		rc = eg_manifest_param(m, "cohort_depth", buf) ||
		     eg_manifest_param(m, "currency", f->currency) ||
		     eg_manifest_stat(m, in, "counted_orders", (int64_t)f->norders) ||
		     eg_manifest_stat(m, in, "test_orders", f->test_orders) ||
		     eg_manifest_stat(m, in, "cancelled_orders", f->cancelled_orders) ||
		     eg_manifest_stat(m, in, "guest_orders", f->guest_orders);
	free(in);
	return rc ? EG_EIO : EG_OK;
}

int eg_compute_run(const struct eg_compute_options *opts, struct eg_compute_result *res,
		   struct eg_error *err)
{
	struct eg_stage st;
	struct eg_facts f;
	struct eg_rfm_grid g;
	struct eg_kpi_options ko = { 0 };
	struct eg_kpi_grid kg = { 0 };
	char *grid = opts->rfm_grid ? strdup(opts->rfm_grid) : shipped("rfm_grid.csv", err);
	char *actions = opts->segment_actions ? strdup(opts->segment_actions)
					      : shipped("segment_actions.csv", err);
	int64_t report = 0;
	char zone[EG_TZ_NAME_SIZE], found[1024];
	int rc = grid && actions ? EG_OK : EG_EIO;

	memset(&st, 0, sizeof(st));
	memset(&f, 0, sizeof(f));
	memset(&g, 0, sizeof(g));
	memset(res, 0, sizeof(*res));
	ko.churn_window = opts->churn_window ? opts->churn_window : 365;
	if (rc == EG_OK && (ko.churn_window < 1 || opts->cohort_depth < 0))
		rc = eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				  "the churn window and cohort depth must be positive");
	if (rc == EG_OK && (opts->medium_risk > 0 ? opts->medium_risk : 0.7) <=
				   (opts->high_risk > 0 ? opts->high_risk : 0.3))
		rc = eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				  "the medium-risk threshold must be above the high-risk one");
	if (rc == EG_OK)
		rc = report_zone(opts, zone, found, sizeof(found), err);
	if (rc == EG_OK && opts->month)
		rc = eg_month_parse(opts->month, &report, err);
	if (rc == EG_OK)
		rc = eg_rfm_grid_load(&g, grid, actions, err);
	if (rc == EG_OK)
		rc = eg_stage_begin(&st, "compute", opts->out_dir, 0, err);
	if (rc == EG_OK)
		rc = eg_facts_load(&f, opts->in_dir, st.m, err);
	if (rc == EG_OK && !opts->month && f.norders == 0)
		rc = eg_error_set(err, EG_EDATA, opts->in_dir, 0, 0,
				  "no counted orders, so no report month: give --month");
	if (rc == EG_OK) {
		if (!opts->month)
			report = last_full_month(&f);
		eg_month_format(report, res->month);
		rc = eg_kpi_grid_init(&kg, f.first_month < report ? f.first_month : report,
				      f.last_month > report ? f.last_month : report, err);
		res->months = kg.nmonths;
	}
	if (rc == EG_OK)
		rc = eg_kpis_fill_orders(&f, &ko, &kg, err);
	if (rc == EG_OK)
		rc = eg_kpis_note_coverage(&f, &kg, err);
	if (rc == EG_OK)
		rc = eg_loyalty_metrics_fill(opts->in_dir, &kg, st.m, err);
	if (rc == EG_OK)
		rc = eg_web_metrics_fill(opts->in_dir, &kg, st.m, err);
	if (rc == EG_OK)
		rc = eg_spend_metrics_fill(opts->in_dir, &kg, st.m, err);
	if (rc == EG_OK)
		rc = eg_voice_metrics_fill(opts->in_dir, &kg, st.m, err);
	if (rc == EG_OK)
		rc = write_outputs(&st, &f, opts, &g, report, &kg, err);
	/* The shipped files are named as in the repository, so manifests do not vary by checkout. */
	if (rc == EG_OK &&
	    record_params(st.m, opts, &f, res->month, ko.churn_window,
			  opts->rfm_grid ? grid : "stages/compute/rfm_grid.csv",
			  opts->segment_actions ? actions : "stages/compute/segment_actions.csv",
			  zone, found[0] ? found : NULL) != EG_OK)
		rc = eg_stage_oom(err);
	if (rc == EG_OK)
		rc = eg_stage_finish(&st, err);
	eg_stage_end(&st);
	eg_kpi_grid_release(&kg);
	eg_facts_release(&f);
	eg_rfm_grid_release(&g);
	free(grid);
	free(actions);
	return rc;
}
