/* scenario_schedule: a staff's capacity over time, the steps of its rosters' shifts (pc_staff_schedule). */
#include "scenario_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- capacity schedule ------------------------------------------------- */

/* A capacity step: delta servers from time t. */
typedef struct scenario_step {
	double t;
	int delta;
} scenario_step;

static int scenario_step_cmp(const void *pa, const void *pb)
{
	const scenario_step *x = pa, *y = pb;

	return (x->t > y->t) - (x->t < y->t);
}

int pc_staff_any(const pc_staff *st)
{
	if (st->roster_kind == PC_ROSTER_CHANGES) {
		for (int i = 0; i < st->nchanges; i++)
			if (st->change_cap[i] > 0)
				return 1;
		return 0;
	}
	if (!st->headcount)
		return 0;
	for (size_t i = 0; i < (size_t)st->ndays * (size_t)st->nshifts; i++)
		if (st->headcount[i] > 0)
			return 1;
	return 0;
}

int pc_staff_schedule(const pc_staff *st, double horizon, int *n, double **t, int **cap)
{
	scenario_step *steps = NULL;
	size_t nsteps = 0, i, m = 0;
	double *ot;
	int *oc;
	int level = 0;

	*n = 0;
	*t = NULL;
	*cap = NULL;
	if (st->roster_kind == PC_ROSTER_CHANGES && st->nchanges > 0) {
		ot = malloc((size_t)st->nchanges * sizeof *ot);
		oc = malloc((size_t)st->nchanges * sizeof *oc);
		if (!ot || !oc) {
			free(ot);
			free(oc);
			return PC_ENOMEM;
		}
		memcpy(ot, st->change_t, (size_t)st->nchanges * sizeof *ot);
		memcpy(oc, st->change_cap, (size_t)st->nchanges * sizeof *oc);
		*n = st->nchanges;
		*t = ot;
		*cap = oc;
		return 0;
	}
	/* Shift s of day d adds its headcount on [d*86400 + start,
	 * d*86400 + end); a shift past midnight spills into day d+1, and
	 * overlapping shifts add up. */
	if (st->roster_kind != PC_ROSTER_CHANGES && st->headcount && st->nshifts > 0) {
		size_t total = 2 * (size_t)st->ndays * (size_t)st->nshifts;
		int d, s;

		steps = malloc(total * sizeof *steps);
		if (!steps)
			return PC_ENOMEM;
		for (d = 0; d < st->ndays; d++) {
			for (s = 0; s < st->nshifts; s++) {
				int h = st->headcount[(size_t)d * (size_t)st->nshifts + (size_t)s];
				double base = d * PC_DAY;

				if (h == 0 || base + st->shift[s].start >= horizon)
					continue;
				steps[nsteps].t = base + st->shift[s].start;
				steps[nsteps++].delta = h;
				steps[nsteps].t = base + st->shift[s].end;
				steps[nsteps++].delta = -h;
			}
		}
		qsort(steps, nsteps, sizeof *steps, scenario_step_cmp);
	}
	ot = malloc((nsteps + 1) * sizeof *ot);
	oc = malloc((nsteps + 1) * sizeof *oc);
	if (!ot || !oc) {
		free(ot);
		free(oc);
		free(steps);
		return PC_ENOMEM;
	}
	for (i = 0; i < nsteps && steps[i].t <= 0.0; i++)
		level += steps[i].delta;
	ot[0] = 0.0;
	oc[0] = level;
	m = 1;
	while (i < nsteps && steps[i].t < horizon) {
		double now = steps[i].t;

		while (i < nsteps && steps[i].t == now)
			level += steps[i++].delta;
		if (level != oc[m - 1]) {
			ot[m] = now;
			oc[m++] = level;
		}
	}
	free(steps);
	*n = (int)m;
	*t = ot;
	*cap = oc;
	return 0;
}
