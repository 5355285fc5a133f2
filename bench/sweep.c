/* sweep: times a what-if sweep (50 points x 10 replications of a scenario by
 * default) on 1 and on N threads, alternating, and reports the median wall
 * time, the CPU time, the speed-up and whether the tables are identical. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "promocap/sweep.h"

#define ROUNDS 5

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* User and system CPU seconds of the process so far. */
static double cpu_s(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 + ru.ru_stime.tv_sec +
	       ru.ru_stime.tv_usec * 1e-6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One sweep on threads threads: wall and CPU seconds, sweep.csv as text. */
static int one(const pc_scenario *base, const pc_sweep_axis *axes, int naxes, int threads,
	       double *wall, double *cpu, char **csv)
{
	pc_exec ex = { threads, NULL, NULL, NULL, NULL, NULL };
	pc_sweep sw;
	pc_error err;
	char msg[2200];
	size_t size = 0;
	double t0, c0;
	FILE *out;

	pc_error_clear(&err);
	t0 = now_s();
	c0 = cpu_s();
	if (pc_sweep_init(&sw, base, axes, naxes, &err) || pc_sweep_run(&sw, &ex, &err)) {
		fprintf(stderr, "sweep: %s\n", pc_error_format(&err, msg, sizeof msg));
		return 1;
	}
	*wall = now_s() - t0;
	*cpu = cpu_s() - c0;
	*csv = NULL;
	if ((out = open_memstream(csv, &size)) != NULL) {
		pc_sweep_write_csv(&sw, out);
		fclose(out);
	}
	pc_sweep_release(&sw);
	return 0;
}

int main(int argc, char **argv)
{
	const char *file = argc > 1 ? argv[1] : "scenarios/double11.ini";
	const char *spec[2] = { "agents=4:13:1", "refund_rate=3%:7%:1%" };
	int threads = argc > 2 ? atoi(argv[2]) : 2;
	pc_sweep_axis axes[2];
	pc_scenario base;
	pc_error err;
	char msg[2200], *first = NULL;
	double wall[2][ROUNDS], cpu[2][ROUNDS], med[2], cpu_med[2];
	int same = 1, npoints;

	gsl_set_error_handler_off();
	pc_error_clear(&err);
	if (threads < 2 || pc_scenario_load(&base, file, &err) ||
	    pc_scenario_set(&base, "simulation", "replications", "10", &err) ||
	    pc_sweep_axis_parse(&axes[0], spec[0], &base, &err) ||
	    pc_sweep_axis_parse(&axes[1], spec[1], &base, &err)) {
		fprintf(stderr, "usage: sweep [SCENARIO.ini] [THREADS >= 2]\nsweep: %s\n",
			pc_error_format(&err, msg, sizeof msg));
		return 2;
	}
	npoints = axes[0].nvalues * axes[1].nvalues;
	printf("scenario: %s, --vary %s --vary %s: %d points x 10 replications, %d rounds\n", file,
	       spec[0], spec[1], npoints, ROUNDS);
	for (int round = 0; round < ROUNDS; round++)
		for (int k = 0; k < 2; k++) {
			char *csv;

			if (one(&base, axes, 2, k ? threads : 1, &wall[k][round], &cpu[k][round], &csv))
				return 1;
			if (!first)
				first = csv;
			else {
				same &= csv && strcmp(csv, first) == 0;
				free(csv);
			}
		}
	for (int k = 0; k < 2; k++) {
		qsort(wall[k], ROUNDS, sizeof wall[k][0], cmp_double);
		qsort(cpu[k], ROUNDS, sizeof cpu[k][0], cmp_double);
		med[k] = wall[k][ROUNDS / 2];
		cpu_med[k] = cpu[k][ROUNDS / 2];
		/* CPU / wall: the cores the process had; below the threads asked
		 * for when other work shares the machine. */
		printf("%d thread%s: wall median %.3f s (min %.3f, max %.3f), CPU %.3f s, %.2f ms per replication, "
		       "cores used %.2f\n",
		       k ? threads : 1, k ? "s" : "", med[k], wall[k][0], wall[k][ROUNDS - 1], cpu_med[k],
		       1e3 * med[k] / (npoints * 10), cpu_med[k] / med[k]);
	}
	printf("speed-up %d threads vs 1: %.2fx (wall medians); sweep.csv identical: %s\n", threads,
	       med[0] / med[1], same ? "yes" : "NO");
	free(first);
	pc_sweep_axis_release(&axes[0]);
	pc_sweep_axis_release(&axes[1]);
	pc_scenario_release(&base);
	return same ? 0 : 1;
}
