/* cluster (internal): what the experiment module hands the dispatcher on
 * rank 0 so the other ranks run some of its tasks. */
#ifndef PROMOCAP_CLUSTER_INTERNAL_H
#define PROMOCAP_CLUSTER_INTERNAL_H

#include "promocap/cluster.h"
#include "promocap/sim.h"

/* One experiment as rank 0 shares it out.  A unit is point p's
 * replications r .. r + n - 1 (by index into the point's results; the
 * replication run is first[p] + r), run in order on one thread of a rank
 * and reported one replication at a time. */
typedef struct pc_cluster_job {
	/* The experiment's points (experiment.h's pc_experiment, borrowed):
	 * npoints scenarios, each with its seed and replications; first NULL:
	 * point p's replications are 0 .. reps[p] - 1, else first[p] .. */
	int npoints;
	const pc_scenario *const *sc;
	const uint64_t *seed;
	const int *reps;
	const int *first;
	int threads;      /* threads per rank asked for (<= 0: each rank's cores) */
	/* The next unit: returns 1 with *p, *r, *n set, or 0 when none is
	 * left (all handed out, or a stop or failure: it stays 0 then). */
	int (*next)(void *user, int *p, int *r, int *n);
	/* The record replication r of point p is received into, initialised;
	 * NULL when out of memory. */
	pc_rep *(*slot)(void *user, int p, int r);
	/* Replication r of point p arrived in its slot. */
	void (*done)(void *user, int p, int r);
	/* Replication r of point p failed with rc and err (or its slot could
	 * not be made). */
	void (*failed)(void *user, int p, int r, int rc, const pc_error *err);
	/* Start nothing more: the experiment is ending (local threads too). */
	void (*abort)(void *user);
	/* 0 run on; 1 stop (hand out nothing more, let the running finish);
	 * PC_CLUSTER_TORN_DOWN: give up at once. */
	int (*stopping)(void *user);
	void *user;
	/* Set by the dispatcher when it gives up because the job is being
	 * torn down: a rank on this host died, or stopping said so.  err
	 * then names the ranks and their tasks, and the caller leaves at
	 * once, without the collective shutdown. */
	int torn;
} pc_cluster_job;

/* A replication's figures as the bytes a rank sends rank 0: the record,
 * its series and days, runs of zero words left out (most histogram bins
 * are 0).  Returns a malloc'd buffer of *n bytes, or NULL (out of memory). */
void *pc_cluster_rep_pack(const pc_rep *rep, size_t *n);

/* Fills rep (initialised for the same scenario) from n bytes of
 * pc_cluster_rep_pack.  Returns 0, or -1 when they do not fit it. */
int pc_cluster_rep_unpack(const void *buf, size_t n, pc_rep *rep);

/* The most worker threads a rank runs. */
#define PC_CLUSTER_MAX_THREADS 256

/* The number of worker threads for a request of threads (<= 0: one per
 * core) and tasks to share: at least 1, at most PC_CLUSTER_MAX_THREADS
 * and at most tasks. */
int pc_cluster_threads(int threads, long long tasks);

/* Rank 0: shares job's units with the other ranks until every unit handed
 * out has come back.  Returns 0 (task failures go to job->failed), or
 * PC_ERUN / PC_ENOMEM with err filled when the job cannot go on: a rank was
 * stopped by a signal, a rank on this host died or the runtime is tearing
 * the job down (job->torn set), an MPI call failed. */
int pc_cluster_dispatch(pc_cluster *cl, pc_cluster_job *job, pc_error *err);

#endif
