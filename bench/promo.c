/* promo: times a promocap scenario replication by replication on one thread
 * and prints the outputs of reference model (b) (shared bench/MODELS.md) in
 * its units, so the figures compare with other simulators'. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "promocap/result.h"
#include "promocap/scenario.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	pc_scenario sc;
	pc_error err;
	char msg[2200];
	int reps = argc > 2 ? atoi(argv[2]) : 3;
	double wall_total = 0, logical_total = 0;
	struct rusage ru;

	gsl_set_error_handler_off();
	if (argc < 2 || reps < 1) {
		fprintf(stderr, "usage: promo SCENARIO.ini [REPLICATIONS]\n");
		return 2;
	}
	pc_error_clear(&err);
	if (pc_scenario_load(&sc, argv[1], &err)) {
		fprintf(stderr, "promo: %s\n", pc_error_format(&err, msg, sizeof msg));
		return 2;
	}
	printf("scenario: %s\n", argv[1]);
	for (int r = 0; r < reps; r++) {
		pc_result res;
		const pc_rep *p;
		double t0 = now_s(), wall, a, direct, ret, open;

		/* One replication per call, replication number r of the seed. */
		if (pc_run(&sc, sc.seed + (uint64_t)r, 1, 1, &res, &err)) {
			fprintf(stderr, "promo: %s\n", pc_error_format(&err, msg, sizeof msg));
			return 1;
		}
		wall = now_s() - t0;
		p = &res.rep[0];
		a = p->arrived[0] + p->arrived[1] + p->arrived[2] + p->arrived[3];
		ret = p->rr_n;
		direct = p->ro_n;
		open = p->open[0] + p->open[1] + p->open[2] + p->open[3];
		printf("replication %d: arrivals %.0f, completed direct %.0f, completed returns %.0f, open %.0f, "
		       "sojourn direct %.3f min, returns %.4f d, first-agent wait %.3f min, "
		       "logical events %.0f, wall %.3f s, %.1f M events/s\n",
		       r, a, direct, ret, open, p->ro_sum / p->ro_n / 60, p->rr_sum / p->rr_n / 86400,
		       p->fr_sum / p->fr_n / 60, p->logical_events, wall, p->logical_events / wall / 1e6);
		wall_total += wall;
		logical_total += p->logical_events;
		pc_result_release(&res);
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("wall_per_replication_s: %.3f\n", wall_total / reps);
	printf("events_per_s: %.0f\n", logical_total / wall_total);
	printf("peak_rss_mib: %.1f\n", ru.ru_maxrss / 1024.0);
	pc_scenario_release(&sc);
	return 0;
}
