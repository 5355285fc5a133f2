/* erlang: benchmark of promocap erlang's answer, 10,000 calls per 30 min at AHT 300 s (about 1,700 agents). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "promocap/erlang_a.h"

/* The case: 10,000 calls per 1,800 s, AHT 300 s, 80 % within 20 s;
 * Erlang A with a mean patience of 300 s. */
#define CALLS 10000.0
#define PERIOD 1800.0
#define AHT 300.0
#define PATIENCE 300.0
#define BATCHES 21
#define PER_BATCH 50

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median over BATCHES of the mean time of one answer in a batch of
 * PER_BATCH, in milliseconds; the answer in *c. */
static double time_staff(double theta, int *c, pc_erlang_a_kpi *k)
{
	const pc_erlang_a_goal g = { 20, 0.80, 1, 1 };
	double ms[BATCHES];

	for (int b = 0; b < BATCHES; b++) {
		double t0 = now();
		for (int i = 0; i < PER_BATCH; i++)
			if (pc_erlang_a_staff(CALLS / PERIOD, 1 / AHT, theta, &g, 100000, c, k) != 0) {
				fprintf(stderr, "erlang: no answer\n");
				exit(1);
			}
		ms[b] = (now() - t0) * 1000 / PER_BATCH;
	}
	qsort(ms, BATCHES, sizeof ms[0], cmp);
	return ms[BATCHES / 2];
}

int main(void)
{
	pc_erlang_a_kpi k;
	int c;
	double ms;

	gsl_set_error_handler_off();
	ms = time_staff(0, &c, &k);
	printf("Erlang C: %d agents (service level %.4f, occupancy %.4f): %.3f ms per answer (median of %d x %d)\n", c,
	       k.service_level, k.occupancy, ms, BATCHES, PER_BATCH);
	ms = time_staff(1 / PATIENCE, &c, &k);
	printf("Erlang A, patience 300 s: %d agents (service level %.4f, abandonment %.4f): %.3f ms per answer\n", c,
	       k.service_level, k.abandon, ms);
	return 0;
}
