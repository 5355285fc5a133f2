/* experiment: the replications of many scenarios ("points") run on threads as
 * tasks named by (point, replication), with progress reports and a clean stop. */
#ifndef PROMOCAP_EXPERIMENT_H
#define PROMOCAP_EXPERIMENT_H

#include <stdatomic.h>
#include <stdint.h>

#include "promocap/cluster.h"
#include "promocap/result.h"

/* How far an experiment has come. */
typedef struct pc_progress {
	int points;          /* points in the experiment */
	int points_done;     /* points whose replications have all run */
	long long reps;      /* replications over all points */
	long long reps_done; /* replications that have run */
} pc_progress;

/* Receives progress: once before the first replication, then after every
 * replication.  Called from the worker threads, one call at a time (under
 * the experiment's lock), so it needs no locking of its own; it should be
 * quick. */
typedef void (*pc_progress_fn)(void *user, const pc_progress *p);

/* How an experiment runs. */
typedef struct pc_exec {
	int threads;             /* worker threads; <= 0: one per core (at most 256) */
	pc_progress_fn progress; /* NULL: no reports */
	void *user;              /* handed to progress */
	atomic_int *stop;        /* NULL, or a flag another thread (a signal
				  * watcher) sets: no replication starts once it is
				  * non-zero, those running finish;
				  * PC_CLUSTER_TORN_DOWN: the MPI runtime is ending
				  * the job, give up at once */
	pc_cluster *cluster;     /* NULL, or the MPI job: on rank 0 of a job of
				  * several ranks the tasks are shared with the
				  * other ranks (each with threads threads) */
	/* NULL, or called at once, before the experiment winds down, with the
	 * error when the MPI runtime is ending the job (the process has about
	 * a second left): the caller can report it then. */
	void (*torn_down)(void *user, const pc_error *err);
} pc_exec;

/* Called once a point's replications have all run, with them in res
 * (replication r in res->rep[r]).  Runs on a worker thread, once per point,
 * possibly at the same time as for another point.  Returns 0, or an error
 * code with err filled, which ends the experiment. */
typedef int (*pc_point_fn)(void *user, int point, const pc_result *res, pc_error *err);

/* The order tasks are handed out in. */
typedef enum pc_order {
	PC_ORDER_POINTS,      /* point 0's replications, then point 1's, ...: points
			       * finish one after another (sweeps).  With at least
			       * four points a thread each thread takes a whole
			       * point, so one simulator serves a point */
	PC_ORDER_REPLICATIONS /* replication 0 of every point, then 1, ...: a stop
			       * leaves whole sets of paired replications (compare);
			       * every point needs the same count */
} pc_order;

/* An experiment: npoints scenarios, each with its seed and replications. */
typedef struct pc_experiment {
	int npoints;
	const pc_scenario *const *sc; /* [npoints], borrowed */
	const uint64_t *seed;         /* [npoints] */
	const int *reps;              /* [npoints], each >= 1 */
	pc_order order;
	pc_point_fn on_point;         /* NULL: none */
	void *user;                   /* handed to on_point */
	/* NULL: each point's replications are freed once on_point returns.
	 * Otherwise [npoints] results the run fills: keep[p] holds the
	 * replications of point p that ran (keep[p].reps of them, all of them
	 * unless stopped), for the caller to release with pc_result_release. */
	pc_result *keep;
	/* NULL: point p's replications are 0 .. reps[p] - 1.  Otherwise
	 * [npoints]: they are first[p] .. first[p] + reps[p] - 1 (held in
	 * rep[0 ..], as pc_run_from gives them). */
	const int *first;
} pc_experiment;

/* Runs every (point, replication) task of xp: replication r of point p
 * draws from the streams of (seed[p], r) only and each point's replications
 * are handed over in order, so results do not depend on the thread count,
 * nor on the ranks: on rank 0 of an MPI job of several ranks (ex->cluster)
 * the other ranks take tasks from the same queue, their figures come back
 * here and on_point, keep and progress see them as local ones (call it
 * from the thread that joined the job).  A failing task's message names
 * it ("point 3 of 40 (FILE), replication 5: ...").
 * Tasks start in the order of xp->order; once ex->stop is set no
 * replication starts, those running finish.  The replications of a point
 * that ran are always its first ones; in replications order the tasks that
 * ran are the first of that order, while with whole points (above) the
 * points that finished need not be the first ones.  Returns 0 (with *done
 * the replications that ran: all of them unless stopped), or the error of
 * the first failing task in the order among those that ran (PC_ERUN,
 * PC_ENOMEM or on_point's) with err filled; keep then holds nothing to
 * release. */
int pc_experiment_run(const pc_experiment *xp, const pc_exec *ex, long long *done, pc_error *err);

/* As pc_run_from (replications first .. first + reps - 1 of sc into res),
 * with the tasks shared over the ranks of cluster when it has several
 * (NULL or one rank: pc_run_from itself).  The figures are the same. */
int pc_experiment_replications(const pc_scenario *sc, uint64_t seed, int first, int reps, int threads,
			       pc_cluster *cluster, pc_result *res, pc_error *err);

#endif
