/* demand: when a buyer asks, from the life of the order and the buyers' hours. */
#include "demand.h"

#include <math.h>
#include <stdlib.h>

#include "promocap/error.h"

int pc_demand_init(pc_demand *d, const pc_scenario *sc)
{
	double w[24];
	int h0;

	d->sc = sc;
	d->state = d->hour = d->reopen = NULL;
	d->gated = NULL;
	if (!(d->state = gsl_ran_discrete_preproc(PC_NSTATES_ASKED, sc->state_mix)))
		goto nomem;
	if (sc->request_hours_on && !(d->hour = gsl_ran_discrete_preproc(24, sc->request_hours)))
		goto nomem;
	d->cum[0] = 0;
	for (int h = 0; h < 24; h++)
		d->cum[h + 1] = d->cum[h] + (sc->request_hours_on ? sc->request_hours[h] : 1.0 / 24);
	d->cum[24] = 1.0;
	/* Hour j after the entry opens gets the share of its clock hour. */
	h0 = (int)floor(fmod(sc->entry_opens, PC_DAY) / PC_HOUR);
	for (int j = 0; j < 24; j++)
		w[j] = pc_demand_hour_share(d, (h0 + j) % 24);
	if (!(d->reopen = gsl_ran_discrete_preproc(24, w)))
		goto nomem;
	if (sc->sales_days > 0 && !(d->gated = calloc((size_t)sc->sales_days, 1)))
		goto nomem;
	for (int i = 0; i < sc->sales_days; i++)
		d->gated[i] = (unsigned char)sc->entry_gated_all;
	for (int i = 0; i < sc->nentry_gated; i++)
		if (sc->entry_gated_day[i] < sc->sales_days)
			d->gated[sc->entry_gated_day[i]] = 1;
	return 0;
nomem:
	pc_demand_release(d);
	return PC_ENOMEM;
}

void pc_demand_release(pc_demand *d)
{
	if (!d)
		return;
	if (d->state)
		gsl_ran_discrete_free(d->state);
	if (d->hour)
		gsl_ran_discrete_free(d->hour);
	if (d->reopen)
		gsl_ran_discrete_free(d->reopen);
	free(d->gated);
	d->state = d->hour = d->reopen = NULL;
	d->gated = NULL;
}

double pc_demand_hour_share(const pc_demand *d, int h)
{
	return d->sc->request_hours_on ? d->sc->request_hours[h] : d->sc->hourly_share[h];
}

double pc_demand_hour(const pc_demand *d, double t, double not_before, gsl_rng *g)
{
	double day, x;
	size_t h;

	if (!d->hour)
		return t;
	h = gsl_ran_discrete(g, d->hour);
	x = gsl_rng_uniform(g);
	day = floor(t / PC_DAY) * PC_DAY;
	t = day + ((double)h + x) * PC_HOUR;
	if (t < not_before)
		t += PC_DAY;
	return t;
}

/* The path of a request at time t for goods that leave at dispatch and
 * arrive at delivered; u decides refund-only after delivery. */
static int path_at(double t, double dispatch, double delivered, double u, double no_return)
{
	if (t < dispatch)
		return PC_PATH_UNSHIPPED;
	if (t < delivered)
		return PC_PATH_IN_TRANSIT;
	return u < no_return ? PC_PATH_RECEIVED : PC_PATH_RETURN;
}

void pc_demand_refund(const pc_demand *d, double order, gsl_rng *g, pc_ask *a)
{
	const pc_scenario *sc = d->sc;
	double dispatch = order + pc_dist_draw(&sc->dispatch, g);
	double delivered = dispatch + pc_dist_draw(&sc->delivery, g);
	size_t state = gsl_ran_discrete(g, d->state);
	double t, reopen_u, u;
	size_t j;
	int day = (int)floor(order / PC_DAY);

	switch (state) {
	case PC_ASKED_BEFORE_DISPATCH:
		t = order + pc_dist_sample_below(&sc->delay_before_dispatch, g, dispatch - order);
		break;
	case PC_ASKED_IN_TRANSIT:
		t = dispatch + pc_dist_sample_below(&sc->delay_in_transit, g, delivered - dispatch);
		break;
	default:
		t = delivered + pc_dist_draw(&sc->delay_after_delivery, g);
		break;
	}
	/* The buyer asks at an hour of that day buyers ask at, not before the
	 * order. */
	t = pc_demand_hour(d, t, order, g);
	j = gsl_ran_discrete(g, d->reopen);
	reopen_u = gsl_rng_uniform(g);
	if (day >= 0 && day < sc->sales_days && d->gated[day] && t < sc->entry_opens) {
		/* The entry is closed for this order's day [004]: the buyer asks
		 * on the first day it is open, at an hour buyers ask at. */
		t = sc->entry_opens + ((double)j + reopen_u) * PC_HOUR;
	}
	u = gsl_rng_uniform(g);
	a->t = t;
	a->dispatch = dispatch;
	a->delivered = delivered;
	a->path = path_at(t, dispatch, delivered, u, sc->no_return);
}

void pc_demand_claim(const pc_demand *d, double order, gsl_rng *g, pc_ask *a)
{
	const pc_scenario *sc = d->sc;
	double dispatch = order + pc_dist_draw(&sc->dispatch, g);
	double delivered = dispatch + pc_dist_draw(&sc->delivery, g);
	double closed = fmax(dispatch + sc->confirm_after, delivered);
	double t = closed + pc_dist_draw(&sc->claim_delay, g);

	a->t = pc_demand_hour(d, t, closed, g);
	a->dispatch = dispatch;
	a->delivered = delivered;
	a->path = gsl_rng_uniform(g) < sc->claim_no_return ? PC_PATH_RECEIVED : PC_PATH_RETURN;
}

double pc_demand_hazard_time(const pc_demand *d, double start, double e, double rate)
{
	const double *p = d->sc->request_hours, *cum = d->cum;
	double day, x, target, whole;
	int h, lo, hi;

	if (!d->hour || rate <= 0)
		return rate > 0 ? start + e / rate : INFINITY;
	/* The hazard in hour h is rate * 24 * p[h]: a day holds rate * 1 day of
	 * it, as without hours.  In days of hazard from the start of start's
	 * day: where start stands (cum, the day's share before its hour, and
	 * the part of its hour), plus e / (rate * 1 day); the whole days of it
	 * at once, then the hour whose cumulative share holds the rest. */
	day = floor(start / PC_DAY);
	x = (start - day * PC_DAY) / PC_HOUR;
	h = (int)x;
	if (h > 23)
		h = 23;
	target = cum[h] + p[h] * (x - h) + e / (rate * PC_DAY);
	whole = floor(target);
	target -= whole;
	/* The last hour h with cum[h] <= target and a share above 0. */
	lo = 0;
	hi = 24;
	while (hi - lo > 1) {
		int mid = (lo + hi) / 2;
		if (cum[mid] <= target)
			lo = mid;
		else
			hi = mid;
	}
	while (lo < 23 && p[lo] <= 0)
		lo++;
	x = p[lo] > 0 ? fmin(1.0, fmax(0.0, (target - cum[lo]) / p[lo])) : 0.0;
	return fmax(start, (day + whole) * PC_DAY + (lo + x) * PC_HOUR);
}
