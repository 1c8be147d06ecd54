/*
 * run_plan.h - decides, before anything runs, which stages of a pipeline
 * run and why: from the stage selection on the command line, the state file
 * (runstate.h) and how stages feed each other.
 *
 * Each stage, in file order, gets one action and one reason:
 *
 *   not selected  --only NAME selects NAME alone; --from NAME selects NAME
 *                 and every stage after it in the file; --until NAME every
 *                 stage up to and including NAME; --from and --until may be
 *                 combined. A stage that is not selected does not run, even
 *                 when it is out of date ("not selected by --only compute",
 *                 "before --from clean", "after --until join").
 *   forced        --force, --only and --from run their selected stages
 *                 whatever the state file says: naming a stage is asking
 *                 for it ("forced by --force", "forced by --only compute").
 *   upstream      a stage that reads an output of a stage that runs runs
 *                 too ("upstream stage 'join' will run"), so a change
 *                 flows down the pipeline.
 *   out of date   otherwise the state file decides (eg_runstate_check):
 *                 "never ran", "input out/demo/join/orders.csv changed",
 *                 "command changed: --month 2026-02 -> 2026-03",
 *                 "output out/demo/compute/kpis.csv missing", ...
 *   up to date    none of the above: the stage is skipped.
 *
 * The same plan drives `engage run`, `engage run -n` and `engage status`,
 * so what -n and status say is what a run does.
 */
#ifndef ENGAGE_RUN_PLAN_H
#define ENGAGE_RUN_PLAN_H

#include <stddef.h>

#include "engage/error.h"
#include "engage/pipeline.h"
#include "engage/runstate.h"

/* What a run does with a stage. */
enum eg_run_plan_action {
	EG_RUN_PLAN_RUN = 0,  /* it runs */
	EG_RUN_PLAN_SKIP,     /* it is up to date and does not run */
	EG_RUN_PLAN_EXCLUDED, /* it is not selected and does not run */
};

/* The stage selection of the command line. Zeroed: every stage, no force. */
struct eg_run_plan_options {
	int force;	   /* 1: every selected stage runs */
	const char *only;  /* run this stage alone, forced; NULL for none */
	const char *from;  /* run this stage and all after it, forced; NULL for none */
	const char *until; /* run no stage after this one; NULL for none */
};

/* The plan for one stage. */
struct eg_run_plan_stage {
	enum eg_run_plan_action action;	     /* what the run does */
	long upstream;			     /* index of the earlier stage whose run
					       * makes this one run, else -1 */
	enum eg_runstate_why stale;	     /* what the state file said, when it
					       * was asked; else EG_RUNSTATE_UP_TO_DATE */
	char reason[EG_RUNSTATE_REASON_MAX]; /* why, for people (see above) */
};

/* The plan for a whole pipeline. */
struct eg_run_plan {
	const struct eg_pipeline *pl;	  /* the pipeline, borrowed, resolved */
	struct eg_run_plan_stage *stages; /* one per pipeline stage, same order, owned */
	size_t n_stages;		  /* entries in stages */
	size_t n_run;			  /* stages whose action is EG_RUN_PLAN_RUN */
};

/* Makes p an empty plan; eg_run_plan_release is then a no-op. */
void eg_run_plan_init(struct eg_run_plan *p);

/* Frees what p owns and leaves it empty. p may be NULL. */
void eg_run_plan_release(struct eg_run_plan *p);

/*
 * Plans a run of pl (resolved, borrowed for p's lifetime) against state
 * (checking may refresh the times of touched files in it; see
 * eg_runstate_check) with opts (NULL for none). EG_EUSAGE when a stage
 * named in opts does not exist (the message lists the stages), when --only
 * is combined with --from or --until, or when --from names a stage after
 * --until's. EG_EIO when a file cannot be read or out of memory. p is empty
 * after a failure.
 */
int eg_run_plan_make(struct eg_run_plan *p, const struct eg_pipeline *pl, struct eg_runstate *state,
		     const struct eg_run_plan_options *opts, struct eg_error *err);

/*
 * Checks that every input of every stage that runs will be there: made by a
 * stage that runs before it, or already on disk. EG_EUSAGE naming the first
 * stage and input that would be missing (and the stage that makes it, when
 * it is not selected), with the pipeline file's line of the input.
 */
int eg_run_plan_check_inputs(const struct eg_run_plan *p, struct eg_error *err);

/* Returns a static, lowercase word for action ("run", "skip", "not selected"). */
const char *eg_run_plan_action_name(enum eg_run_plan_action action);

#endif
