/*
 * run_plan.c - which stages run, and why, decided once before a run.
 *
 * Stages are planned in file order, which is also dependency order (the
 * pipeline checks that every input comes from an earlier stage), so when a
 * stage is planned the plans of all its producers are known. A stage whose
 * producer runs is not checked against the state file at all: it runs, and
 * its own files are hashed only when it is recorded after the run.
 */
#include "engage/run_plan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void eg_run_plan_init(struct eg_run_plan *p)
{
	memset(p, 0, sizeof(*p));
}

void eg_run_plan_release(struct eg_run_plan *p)
{
	if (!p)
		return;
	free(p->stages);
	eg_run_plan_init(p);
}

static void set_reason(struct eg_run_plan_stage *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void set_reason(struct eg_run_plan_stage *ps, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(ps->reason, sizeof(ps->reason), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(ps->reason))
		memcpy(ps->reason + sizeof(ps->reason) - 4, "...", 4);
}

/* Finds the stage named by option opt (OUT: *index); EG_EUSAGE listing the stages. */
static int find_named(const struct eg_pipeline *pl, const char *opt, const char *name, long *index,
		      struct eg_error *err)
{
	char list[768];
	size_t used = 0;

	*index = -1;
	if (!name)
		return EG_OK;
	*index = eg_pipeline_find_stage(pl, name);
	if (*index >= 0)
		return EG_OK;
	list[0] = '\0';
	for (size_t i = 0; i < pl->n_stages && used < sizeof(list); i++) {
		int n = snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "",
				 pl->stages[i].name);

		if (n < 0 || (size_t)n >= sizeof(list) - used) {
			memcpy(list + sizeof(list) - 4, "...", 4);
			break;
		}
		used += (size_t)n;
	}
	return eg_error_set(err, EG_EUSAGE, pl->file, 0, 0, "%s: no stage '%s'; the stages are %s",
			    opt, name, pl->n_stages ? list : "none");
}

int eg_run_plan_make(struct eg_run_plan *p, const struct eg_pipeline *pl, struct eg_runstate *state,
		     const struct eg_run_plan_options *opts, struct eg_error *err)
{
	static const struct eg_run_plan_options none = { 0 };
	long only, from, until;
	int rc;

	eg_run_plan_init(p);
	if (!opts)
		opts = &none;
	if (!pl->resolved)
		return eg_error_set(err, EG_EINTERNAL, pl->file, 0, 0,
				    "pipeline planned before it was resolved");
	if (opts->only && (opts->from || opts->until))
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "--only runs one stage; it cannot be combined with "
				    "--from or --until");
	rc = find_named(pl, "--only", opts->only, &only, err);
	if (rc == EG_OK)
		rc = find_named(pl, "--from", opts->from, &from, err);
	if (rc == EG_OK)
		rc = find_named(pl, "--until", opts->until, &until, err);
	if (rc != EG_OK)
		return rc;
	if (from >= 0 && until >= 0 && from > until)
		return eg_error_set(err, EG_EUSAGE, pl->file, 0, 0,
				    "--from stage '%s' comes after --until stage '%s' in the file",
				    opts->from, opts->until);
	if (pl->n_stages) {
		p->stages = calloc(pl->n_stages, sizeof(*p->stages));
		if (!p->stages)
			return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	p->pl = pl;
	p->n_stages = pl->n_stages;

	for (size_t i = 0; i < pl->n_stages; i++) {
		const struct eg_pipeline_stage *st = &pl->stages[i];
		struct eg_run_plan_stage *ps = &p->stages[i];
		struct eg_runstate_verdict v;
		long li = (long)i;

		ps->upstream = -1;
		ps->stale = EG_RUNSTATE_UP_TO_DATE;
		if (only >= 0 && li != only) {
			ps->action = EG_RUN_PLAN_EXCLUDED;
			set_reason(ps, "not selected by --only %s", opts->only);
			continue;
		}
		if (from >= 0 && li < from) {
			ps->action = EG_RUN_PLAN_EXCLUDED;
			set_reason(ps, "not selected: before --from %s", opts->from);
			continue;
		}
		if (until >= 0 && li > until) {
			ps->action = EG_RUN_PLAN_EXCLUDED;
			set_reason(ps, "not selected: after --until %s", opts->until);
			continue;
		}
		ps->action = EG_RUN_PLAN_RUN;
		if (only >= 0 || from >= 0 || opts->force) {
			if (only >= 0)
				set_reason(ps, "forced by --only %s", opts->only);
			else if (from >= 0)
				set_reason(ps, "forced by --from %s", opts->from);
			else
				set_reason(ps, "forced by --force");
			p->n_run++;
			continue;
		}
		for (size_t k = 0; k < st->n_inputs && ps->upstream < 0; k++) {
			long j = st->inputs[k].producer;

			if (j >= 0 && p->stages[j].action == EG_RUN_PLAN_RUN)
				ps->upstream = j;
		}
		if (ps->upstream >= 0) {
			set_reason(ps, "upstream stage '%s' will run",
				   pl->stages[ps->upstream].name);
			p->n_run++;
			continue;
		}
		rc = eg_runstate_check(state, st, &v, err);
		if (rc != EG_OK) {
			eg_run_plan_release(p);
			return rc;
		}
		ps->stale = v.why;
		if (v.why == EG_RUNSTATE_UP_TO_DATE) {
			ps->action = EG_RUN_PLAN_SKIP;
			set_reason(ps, "up to date");
		} else {
			set_reason(ps, "%s", v.reason);
			p->n_run++;
		}
	}
	return EG_OK;
}

int eg_run_plan_check_inputs(const struct eg_run_plan *p, struct eg_error *err)
{
	const struct eg_pipeline *pl = p->pl;

	for (size_t i = 0; i < p->n_stages; i++) {
		const struct eg_pipeline_stage *st = &pl->stages[i];

		if (p->stages[i].action != EG_RUN_PLAN_RUN)
			continue;
		for (size_t k = 0; k < st->n_inputs; k++) {
			const struct eg_pipeline_path *in = &st->inputs[k];
			long j = in->producer;
			struct stat sb;

			if (j >= 0 && p->stages[j].action == EG_RUN_PLAN_RUN)
				continue;
			if (stat(in->path, &sb) == 0)
				continue;
			if (j >= 0 && p->stages[j].action == EG_RUN_PLAN_EXCLUDED)
				return eg_error_set(err, EG_EUSAGE, pl->file, in->line, 0,
						    "stage '%s' needs '%s', which does not exist; "
						    "stage '%s' makes it but is %s",
						    st->name, in->path, pl->stages[j].name,
						    p->stages[j].reason);
			return eg_error_set(err, EG_EUSAGE, pl->file, in->line, 0,
					    "stage '%s' needs '%s', which does not exist", st->name,
					    in->path);
		}
	}
	return EG_OK;
}

const char *eg_run_plan_action_name(enum eg_run_plan_action action)
{
	switch (action) {
	case EG_RUN_PLAN_RUN: return "run";
	case EG_RUN_PLAN_SKIP: return "skip";
	case EG_RUN_PLAN_EXCLUDED: return "not selected";
	}
	return "unknown";
}
