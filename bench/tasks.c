/* tasks: the cost of every (point, replication) task of a sweep or of a run,
 * one thread, each timed alone (thread CPU time and wall time), as the
 * ranks of an MPI job run them; the message each task sends rank 0 (its
 * figures, bytes) and rank 0's cost per task (receiving the bytes into the
 * point's results and reducing the point: KPIs with their CIs).  Then the
 * time of a sweep of P points x R replications on K ranks estimated from
 * them.  Usage:
 *   tasks SCENARIO.ini REPS [--vary KEY=VALUES ...] [--estimate P R K LINK_MB_S]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "cluster.h"
#include "promocap/sim.h"
#include "promocap/sweep.h"

static double clock_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The q-quantile of sorted x[0..n). */
static double quantile(const double *x, int n, double q)
{
	int i = (int)(q * (n - 1) + 0.5);

	return x[i < 0 ? 0 : i >= n ? n - 1 : i];
}

int main(int argc, char **argv)
{
	pc_sweep_axis axis[16];
	pc_scenario base;
	pc_sweep sw;
	pc_error err;
	char msg[2200];
	int naxes = 0, reps, npoints = 1, ntasks, k = 0;
	double *cpu, *point_cpu, total = 0, wall0, reduce = 0, bytes = 0, recv = 0;
	double est_points = 0, est_reps = 0, est_ranks = 0, link = 0;

	gsl_set_error_handler_off();
	if (argc < 3) {
		fprintf(stderr, "usage: tasks SCENARIO.ini REPS [--vary KEY=VALUES ...] [--estimate P R K LINK_MB_S]\n");
		return 2;
	}
	pc_error_clear(&err);
	if (pc_scenario_load(&base, argv[1], &err)) {
		fprintf(stderr, "tasks: %s\n", pc_error_format(&err, msg, sizeof msg));
		return 2;
	}
	reps = atoi(argv[2]);
	for (int i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--vary") && i + 1 < argc && naxes < 16) {
			if (pc_sweep_axis_parse(&axis[naxes], argv[++i], &base, &err)) {
				fprintf(stderr, "tasks: %s\n", pc_error_format(&err, msg, sizeof msg));
				return 2;
			}
			naxes++;
		} else if (!strcmp(argv[i], "--estimate") && i + 4 < argc) {
			est_points = atof(argv[i + 1]);
			est_reps = atof(argv[i + 2]);
			est_ranks = atof(argv[i + 3]);
			link = atof(argv[i + 4]);
			i += 4;
		}
	}
	if (naxes && pc_sweep_init(&sw, &base, axis, naxes, &err)) {
		fprintf(stderr, "tasks: %s\n", pc_error_format(&err, msg, sizeof msg));
		return 2;
	}
	if (naxes)
		npoints = sw.npoints;
	ntasks = npoints * reps;
	cpu = calloc((size_t)ntasks, sizeof *cpu);
	point_cpu = calloc((size_t)npoints, sizeof *point_cpu);
	wall0 = clock_s(CLOCK_MONOTONIC);
	for (int p = 0; p < npoints; p++) {
		pc_scenario sc;
		pc_result res = { .sc = NULL, .seed = base.seed, .reps = reps, .first = 0 };
		pc_kpi kpi[PC_MAX_KPIS];
		pc_sim *sim;
		double t0;

		if (pc_scenario_copy(&sc, &base))
			return 1;
		for (int a = 0; a < naxes; a++)
			if (pc_sweep_axis_apply(&axis[a], pc_sweep_at(&sw, p, a), &sc, &err)) {
				fprintf(stderr, "tasks: %s\n", pc_error_format(&err, msg, sizeof msg));
				return 1;
			}
		res.sc = &sc;
		res.rep = calloc((size_t)reps, sizeof *res.rep);
		if (!res.rep || !(sim = pc_sim_new(&sc, &err)))
			return 1;
		for (int r = 0; r < reps; r++) {
			double c0 = clock_s(CLOCK_THREAD_CPUTIME_ID);
			size_t n;
			pc_rep copy;

			if (pc_rep_init(&res.rep[r], &sc) || pc_sim_run(sim, sc.seed, r, &res.rep[r], &err)) {
				fprintf(stderr, "tasks: %s\n", pc_error_format(&err, msg, sizeof msg));
				return 1;
			}
			cpu[k] = clock_s(CLOCK_THREAD_CPUTIME_ID) - c0;
			point_cpu[p] += cpu[k];
			total += cpu[k++];
			/* The message of the task and rank 0's copy of it into the
			 * point's results (cluster.c's own functions). */
			{
				void *m = pc_cluster_rep_pack(&res.rep[r], &n);

				if (!m || pc_rep_init(&copy, &sc))
					return 1;
				bytes += (double)n;
				t0 = clock_s(CLOCK_THREAD_CPUTIME_ID);
				if (pc_cluster_rep_unpack(m, n, &copy))
					return 1;
				recv += clock_s(CLOCK_THREAD_CPUTIME_ID) - t0;
				free(m);
			}
			pc_rep_release(&copy);
		}
		/* Rank 0's reduction of the point. */
		{
			double t1 = clock_s(CLOCK_THREAD_CPUTIME_ID);

			pc_result_kpis(&res, kpi, PC_MAX_KPIS);
			reduce += clock_s(CLOCK_THREAD_CPUTIME_ID) - t1;
		}
		pc_sim_free(sim);
		pc_result_release(&res);
		pc_scenario_release(&sc);
	}
	{
		double wall = clock_s(CLOCK_MONOTONIC) - wall0, mean = total / ntasks, per_rank0;

		qsort(cpu, (size_t)ntasks, sizeof *cpu, cmp_double);
		qsort(point_cpu, (size_t)npoints, sizeof *point_cpu, cmp_double);
		per_rank0 = (reduce + recv) / ntasks;
		printf("tasks: %d (%d points x %d replications) of %s\n", ntasks, npoints, reps, argv[1]);
		printf("task_cpu_s: min %.4f  p10 %.4f  p50 %.4f  p90 %.4f  max %.4f  mean %.4f\n", cpu[0],
		       quantile(cpu, ntasks, 0.1), quantile(cpu, ntasks, 0.5), quantile(cpu, ntasks, 0.9),
		       cpu[ntasks - 1], mean);
		printf("task_cpu_max_over_min: %.1f\n", cpu[0] > 0 ? cpu[ntasks - 1] / cpu[0] : 0);
		if (npoints > 1)
			printf("point_cpu_s: min %.3f  p50 %.3f  max %.3f (max / min %.1f)\n", point_cpu[0],
			       quantile(point_cpu, npoints, 0.5), point_cpu[npoints - 1],
			       point_cpu[0] > 0 ? point_cpu[npoints - 1] / point_cpu[0] : 0);
		printf("total_cpu_s: %.2f  wall_s: %.2f\n", total, wall);
		printf("message_bytes_per_task: %.0f\n", bytes / ntasks);
		printf("rank0_cpu_per_task_s: %.6f (unpacking the message %.6f, reduction %.6f)\n", per_rank0, recv / ntasks,
		       reduce / ntasks);
		if (est_points > 0) {
			/* K ranks of one thread each take whole points (a point
			 * of R replications is one unit when P >= 4 K): the
			 * work divided, plus the last unit started (the longest
			 * point, scaled to R), plus rank 0's serial share
			 * (receiving every task's message over the link and
			 * reducing it), plus the broadcast of the points. */
			double tasks = est_points * est_reps;
			double work = tasks * mean / est_ranks;
			double tail = point_cpu[npoints - 1] / reps * est_reps;
			double rank0 = tasks * (per_rank0 + bytes / ntasks / (link * 1e6));
			double bcast = est_points * 40000.0 / (link * 1e6) * 6; /* ~40 KB a packed point, log2(64) hops */
			double t = work + tail + bcast;

			if (rank0 > work)
				t = rank0 + tail + bcast;
			printf("estimate: %.0f points x %.0f replications on %.0f ranks (1 thread each), link %.0f MB/s\n",
			       est_points, est_reps, est_ranks, link);
			printf("  work / ranks %.1f s + last point %.1f s + broadcast %.2f s = %.1f s (%.1f min); rank 0 "
			       "busy %.1f s of it\n",
			       work, tail, bcast, t, t / 60, rank0);
		}
	}
	free(cpu);
	free(point_cpu);
	if (naxes)
		pc_sweep_release(&sw);
	for (int a = 0; a < naxes; a++)
		pc_sweep_axis_release(&axis[a]);
	pc_scenario_release(&base);
	return 0;
}
