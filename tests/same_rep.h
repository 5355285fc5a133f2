/* same_rep: whether two replications' figures are the same, byte for byte
 * (their counts, series and daily rows), for the tests that compare a run
 * with another made another way (unpacked on another rank, requests kept). */
#ifndef TESTS_SAME_REP_H
#define TESTS_SAME_REP_H

#include <string.h>

#include "promocap/sim.h"

static inline int same_rep(const pc_rep *a, const pc_rep *b)
{
	pc_rep x = *a, y = *b;

	x.series = y.series = NULL;
	x.daily = y.daily = NULL;
	return !memcmp(&x, &y, sizeof x) && a->nintervals == b->nintervals && a->ndays == b->ndays &&
	       !memcmp(a->series, b->series, (size_t)a->nintervals * PC_TS_NCOLS * sizeof(double)) &&
	       !memcmp(a->daily, b->daily, (size_t)a->ndays * PC_DAY_NCOLS * sizeof(double));
}

#endif
