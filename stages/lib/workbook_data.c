/*
 * workbook_data.c - what the workbook shows: counting the customers by
 * churn-risk band and freeing it all.
 */
#include "engage/workbook_data.h"
#include "engage/customer_list.h"

#include <stdlib.h>
#include <string.h>

void eg_workbook_tally_start(struct eg_workbook_tally *t, const struct eg_customer_reader *r)
{
	memset(t, 0, sizeof(*t));
	t->has_churn_risk = eg_customer_reader_has(r, EG_CF_CHURN_RISK);
}

void eg_workbook_tally_add(void *ctx, const struct eg_customer_reader *r)
{
	struct eg_workbook_tally *t = ctx;
	const char *band = eg_customer_reader_get(r, EG_CF_CHURN_RISK);
	struct eg_workbook_band *x = NULL;
	double v;
	int i;

	t->customers++;
	if (!t->has_churn_risk)
		return;
	for (i = 0; i < t->nbands && !x; i++)
		if (strcmp(t->bands[i].name, band) == 0)
			x = &t->bands[i];
	if (!x && t->nbands < EG_WORKBOOK_MAX_BANDS && strlen(band) < sizeof(x->name)) {
		x = &t->bands[t->nbands++];
		strcpy(x->name, band);
	}
	if (!x) {
		t->unbanded++;
		return;
	}
	x->customers++;
	if (eg_customer_reader_number(r, EG_CF_MONETARY, &v))
		x->revenue += v;
	if (eg_customer_reader_number(r, EG_CF_P_ALIVE, &v)) {
		x->p_alive += v;
		x->with_p_alive++;
	}
}

void eg_workbook_data_release(struct eg_workbook_data *d)
{
	size_t i;

	eg_report_release(&d->kpis);
	eg_data_table_release(&d->cohorts);
	eg_data_table_release(&d->segments);
	eg_data_table_release(&d->moves);
	eg_data_table_release(&d->bridge);
	eg_data_table_release(&d->funnel);
	eg_data_table_release(&d->platform);
	eg_data_table_release(&d->journey);
	eg_data_table_release(&d->voice);
	eg_data_table_release(&d->email);
	eg_data_table_release(&d->email_ratings);
	eg_data_table_release(&d->email_periods);
	eg_data_table_release(&d->email_flows);
	eg_data_table_release(&d->spend_campaigns);
	eg_data_table_release(&d->model);
	eg_data_table_release(&d->holdout);
	eg_data_table_release(&d->risk_bands);
	eg_data_table_release(&d->summary);
	free(d->scores);
	free(d->customers);
	free(d->customer_list);
	for (i = 0; i < d->nmanifests; i++) {
		free(d->manifests[i].file);
		eg_data_table_release(&d->manifests[i].rows);
	}
	free(d->manifests);
	for (i = 0; i < d->nfiles; i++) {
		free(d->files[i].stage);
		free(d->files[i].path);
	}
	free(d->files);
	for (i = 0; i < 2 * d->nparams; i++)
		free(d->params[i]);
	free(d->params);
	memset(d, 0, sizeof(*d));
}
