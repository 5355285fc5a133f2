/* plan_analytic: the planner's analytic plans from the pilot: the closed
 * form per day, SIPP and MOL (Erlang C per interval), and the pace each
 * resource's work must keep. */
#include "plan_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/staffing.h"


/* The target that sets the pace of resource r's work in the analytic
 * plans (the first of the list set): its window and share. */
void pc_analytic_pace(const planner *p, int r, double *tau, double *share)
{
	static const char *const order[PC_NRES][3] = {
		{ "first_response_within", "refund_only_within", "all_done_within" },
		{ "supervisor_approval_within", "refund_only_within", "all_done_within" },
		{ "return_paid_within", "all_done_within", NULL },
	};
	const pc_scenario *sc = p->sc;

	*tau = PC_DAY;
	*share = 0.95;
	for (int i = 0; i < 3 && order[r][i]; i++)
		for (int t = 0; t < p->plan->ntargets; t++) {
			const pc_plan_target *tg = &p->plan->target[t];
			const pc_sla_target *s = NULL;

			if (strcmp(tg->key, order[r][i]))
				continue;
			if (!strcmp(tg->key, "first_response_within"))
				s = &sc->sla_first_response;
			else if (!strcmp(tg->key, "refund_only_within"))
				s = &sc->sla_refund_only_done;
			else if (!strcmp(tg->key, "all_done_within"))
				s = &sc->sla_all_done;
			else if (!strcmp(tg->key, "supervisor_approval_within"))
				s = &sc->sla_supervisor_approval;
			else if (!strcmp(tg->key, "return_paid_within"))
				s = &sc->sla_return_paid;
			if (!s)
				continue;
			*tau = s->within;
			*share = fmin(fmax(tg->planned / 100, 0.01), 0.999);
			return;
		}
}

/* Whether any target measures resource r's work. */
int pc_analytic_serves_target(const planner *p, int r)
{
	for (int t = 0; t < p->plan->ntargets; t++)
		if (p->plan->target[t].resources & (1u << r))
			return 1;
	return 0;
}

/* Copies resource r's layout headcounts into the blocks of h. */
void pc_analytic_from_layout(const planner *p, int r, const int *lay, int *h)
{
	for (int b = p->first_block[r]; b < p->first_block[r + 1]; b++) {
		int v = lay[p->blk[b].idx];
		h[b] = v < p->blk[b].lo ? p->blk[b].lo : v > p->blk[b].hi ? p->blk[b].hi : v;
	}
}

int pc_analytic_loads(planner *p, check *pilot)
{
	int want = pc_staffing_load_reps(&pilot->res), rc;

	if (want <= pilot->res.reps)
		return 0;
	p->phase = "offered work";
	rc = pc_check_simulate(p, pilot, pilot->res.reps, want - pilot->res.reps, 0);
	pc_check_progress(p);
	return rc;
}

/* Erlang C per interval on the pilot's offered tasks: SIPP with the load
 * lambda_k E[S], MOL with m(t) at four points of each interval (the most
 * servers of the four).  Writes both rosters. */
int pc_analytic_plans(planner *p, const check *pilot, int *sipp, int *mol)
{
	int n = p->nint, rc = 0;
	double *lambda = malloc(sizeof(double) * (size_t)n);
	double *load = malloc(sizeof(double) * (size_t)n * 4);
	int *need = malloc(sizeof(int) * (size_t)n * 4), *need1 = malloc(sizeof(int) * (size_t)n);
	int *lay = NULL;

	for (int r = 0; r < PC_NRES && !rc; r++) {
		const pc_staff *st = &p->sc->staff[r];
		pc_staffing_mix mix;
		double tau, share, mean;

		free(lay);
		lay = malloc(sizeof(int) * (size_t)st->ndays * (size_t)st->nshifts);
		if (!lambda || !load || !need || !need1 || !lay) {
			rc = PC_ENOMEM;
			break;
		}
		pc_staffing_work_mix(p->sc, &pilot->res, r, &mix);
		mean = pc_staffing_mix_mean(&mix);
		pc_analytic_pace(p, r, &tau, &share);
		if (!pc_analytic_serves_target(p, r) || !(mean > 0)) {
			for (int b = p->first_block[r]; b < p->first_block[r + 1]; b++)
				sipp[b] = mol[b] = p->blk[b].lo;
			continue;
		}
		for (int k = 0; k < n; k++) {
			lambda[k] = pc_check_series_mean(&pilot->res, k, PC_TS_OFFER0 + r) / pc_check_interval_length(p, k);
			load[k] = lambda[k] * mean;
		}
		if ((rc = pc_staffing_erlang(load, n, mean, tau, share, need1)))
			break;
		pc_staffing_cover(st, p->sc->horizon, p->dt, need1, n, lay, NULL);
		pc_analytic_from_layout(p, r, lay, sipp);
		if ((rc = pc_staffing_mol(lambda, n, p->dt, &mix, 4, load)) ||
		    (rc = pc_staffing_erlang(load, n * 4, mean, tau, share, need)))
			break;
		for (int k = 0; k < n; k++) {
			need1[k] = 0;
			for (int j = 0; j < 4; j++)
				if (need[k * 4 + j] > need1[k])
					need1[k] = need[k * 4 + j];
		}
		pc_staffing_cover(st, p->sc->horizon, p->dt, need1, n, lay, NULL);
		pc_analytic_from_layout(p, r, lay, mol);
	}
	if (rc == PC_ENOMEM)
		pc_error_set(p->err, NULL, 0, "out of memory in the analytic plans");
	else if (rc)
		pc_error_set(p->err, p->sc->file, 0, "the offered load is too large for Erlang C staffing");
	free(lambda);
	free(load);
	free(need);
	free(need1);
	free(lay);
	return rc;
}

/* The seed's closed form per day for agents, from the pilot's requests and
 * after-sales cases of each day; supervisors and inspectors as in sipp
 * (the closed form has no rule for them). */
int pc_analytic_closed_form(planner *p, const check *pilot, const int *sipp, int *h)
{
	const pc_staff *st = &p->sc->staff[PC_RES_AGENT];
	const pc_result *res = &pilot->res;
	int ndays = res->rep[0].ndays, rc;
	double *cases = calloc((size_t)ndays, sizeof *cases);
	double *arrivals = calloc((size_t)p->nint, sizeof *arrivals);
	int *lay = malloc(sizeof(int) * (size_t)st->ndays * (size_t)st->nshifts);

	if (!cases || !arrivals || !lay) {
		free(cases);
		free(arrivals);
		free(lay);
		pc_error_set(p->err, NULL, 0, "out of memory in the closed form");
		return PC_ENOMEM;
	}
	for (int i = 0; i < res->reps; i++)
		for (int d = 0; d < ndays; d++) {
			const double *row = res->rep[i].daily + (size_t)d * PC_DAY_NCOLS;
			cases[d] += (row[PC_DAY_ARRIVED] + row[PC_DAY_AS_ARRIVED]) / res->reps;
		}
	for (int k = 0; k < p->nint; k++)
		for (int c = PC_TS_ARRIVE_P1; c <= PC_TS_ARRIVE_AS; c++)
			arrivals[k] += pc_check_series_mean(res, k, c);
	rc = pc_staffing_closed_form(st, p->sc->horizon, cases, ndays, p->sc->baseline_cases_per_day,
				     arrivals, p->nint, p->dt, lay);
	if (!rc) {
		memcpy(h, sipp, sizeof(int) * (size_t)p->nblocks);
		pc_analytic_from_layout(p, PC_RES_AGENT, lay, h);
	}
	free(cases);
	free(arrivals);
	free(lay);
	return rc;
}
