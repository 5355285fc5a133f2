/* replan: promocap replan, the plan of the remaining days from the refunds
 * so far (the carry-in and the re-forecast are in the library:
 * promocap/replan.h); planned and written as promocap plan does. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "promocap/replan.h"

static int summary(const void *ctx, const struct pc_plan *plan, FILE *out)
{
	return pc_replan_write_summary(ctx, plan, out) ? EXIT_RUN : EXIT_OK;
}

static int w_carry(const void *ctx, FILE *out)
{
	return pc_replan_write_carry(ctx, out);
}

static int w_forecast(const void *ctx, FILE *out)
{
	return pc_replan_write_forecast(ctx, out);
}

typedef struct summary_arg {
	const pc_replan *rp;
	const struct pc_plan *plan;
} summary_arg;

static int w_summary(const void *ctx, FILE *out)
{
	const summary_arg *a = ctx;

	return pc_replan_write_summary(a->rp, a->plan, out);
}

/* replan.txt (the summary), carry_in.csv and reforecast.csv. */
static int tables(const void *ctx, const struct pc_plan *plan, const char *dir)
{
	summary_arg a = { ctx, plan };
	int rc = cli_write_atomic(dir, "replan.txt", w_summary, &a);

	if (!rc)
		rc = cli_write_atomic(dir, "carry_in.csv", w_carry, ctx);
	if (!rc)
		rc = cli_write_atomic(dir, "reforecast.csv", w_forecast, ctx);
	return rc;
}

int cmd_replan(const options *opt)
{
	pc_scenario sc, work;
	pc_replan rp;
	pc_replan_input in;
	pc_fit_map map;
	pc_error err;
	double now;
	int rc;
	char note[600];
	cli_plan_extra extra = { summary, tables, &rp, NULL };

	if (!opt->now)
		return cli_fail(EXIT_USAGE, "%s", "replan needs --now \"YYYY-MM-DD HH:MM\" (and --actuals REFUNDS.csv)");
	if ((rc = cli_load(opt, &sc)))
		return rc;
	pc_error_clear(&err);
	memset(&in, 0, sizeof in);
	in.refunds = opt->fit_file[1];
	in.orders = opt->fit_file[0];
	in.gbk = opt->gbk;
	if (in.orders && !in.refunds) {
		pc_scenario_release(&sc);
		return cli_fail(EXIT_USAGE, "%s", "'--orders' goes with '--actuals REFUNDS.csv'");
	}
	if (opt->fit_file[3]) {
		if (pc_fit_map_read(&map, opt->fit_file[3], &err)) {
			pc_scenario_release(&sc);
			return cli_fail_error(EXIT_USAGE, &err);
		}
		in.map = &map;
	}
	if (pc_replan_now(&sc, opt->now, &now, &err) ||
	    (rc = pc_replan_read(&rp, &sc, now, opt->now, &in, &err))) {
		pc_scenario_release(&sc);
		return cli_fail_error(rc == PC_ENOMEM ? EXIT_RUN : EXIT_USAGE, &err);
	}
	if ((rc = pc_replan_forecast(&rp, &sc, opt->has_seed ? opt->seed : sc.seed,
				     opt->reps ? opt->reps : sc.replications, opt->threads, &err)) ||
	    (rc = pc_replan_scenario(&rp, &sc, &work, &err))) {
		pc_replan_release(&rp);
		pc_scenario_release(&sc);
		return cli_fail_error(EXIT_RUN, &err);
	}
	if (rp.scaled && (rp.scale_hi < 0.5 || rp.scale_lo > 2))
		fprintf(stderr,
			"promocap: warning: %s: %ld requests to %s against %.0f forecast (x%.2f): is the export the "
			"whole shop's since the scenario's start, and the scenario this promotion's?\n",
			in.refunds, rp.requests, rp.now_text, rp.expected, rp.scale);
	/* At the start with nothing open: plan's pack as it is. */
	pc_replan_note(&rp, opt->lang, note, sizeof note);
	extra.note = rp.now > 0 || rp.carry.n ? note : NULL;
	rc = cli_plan_scenario(opt, &work, &extra);
	pc_scenario_release(&work);
	pc_replan_release(&rp);
	pc_scenario_release(&sc);
	return rc;
}
