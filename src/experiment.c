/* experiment: (point, replication) tasks on a pool of pthreads, handed out in a
 * fixed order; each point's replications are reduced, in order, by the thread
 * that finishes its last one.  On rank 0 of an MPI job the other ranks take
 * tasks from the same queue (cluster.c). */
#include "promocap/experiment.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "promocap/sim.h"

/* Largest pool of threads. */
#define XP_MAX_THREADS PC_CLUSTER_MAX_THREADS

/* One point while the experiment runs. */
typedef struct xp_point {
	pc_rep *rep;     /* [reps], allocated when its first task starts */
	int released;    /* its replications were handed over and freed */
	atomic_int left; /* replications still to run */
	atomic_int ran;  /* replications that ran: always its first ones */
	long long first; /* its first task (PC_ORDER_POINTS) */
} xp_point;

/* The shared state of one run. */
typedef struct xp_run {
	const pc_experiment *xp;
	const pc_exec *ex;
	xp_point *pt;
	long long ntasks;
	int whole_points;   /* hand out whole points, not replications */
	atomic_llong next;  /* the next task (or point) to hand out */
	atomic_int abort;   /* a task failed: start nothing more */
	pthread_mutex_t lock;
	pc_progress prog;   /* under lock */
	long long fail_task; /* first failing task (under lock), ntasks if none */
	int fail_rc;
	pc_error fail_err;
} xp_run;

/* The point and replication of task t. */
static void task_of(const xp_run *run, long long t, int *p, int *r)
{
	const pc_experiment *xp = run->xp;
	int lo = 0, hi = xp->npoints - 1;

	if (xp->order == PC_ORDER_REPLICATIONS) {
		*p = (int)(t % xp->npoints);
		*r = (int)(t / xp->npoints);
		return;
	}
	/* The last point whose first task is at or before t. */
	while (lo < hi) {
		int mid = lo + (hi - lo + 1) / 2;

		if (run->pt[mid].first <= t)
			lo = mid;
		else
			hi = mid - 1;
	}
	*p = lo;
	*r = (int)(t - run->pt[lo].first);
}

/* The replication number of task (p, r): first[p] + r. */
static int rep_number(const xp_run *run, int p, int r)
{
	return (run->xp->first ? run->xp->first[p] : 0) + r;
}

/* The index of task (p, r) in the order tasks are handed out. */
static long long task_index(const xp_run *run, int p, int r)
{
	if (run->xp->order == PC_ORDER_REPLICATIONS)
		return (long long)r * run->xp->npoints + p;
	return run->pt[p].first + r;
}

/* Records the failure of task t; the first task's failure in task order is
 * the one reported, so the error does not depend on the threads (or ranks)
 * either.  The message names the task. */
static void fail(xp_run *run, long long t, int rc, const pc_error *err)
{
	pthread_mutex_lock(&run->lock);
	if (t < run->fail_task) {
		int p = 0, r = 0;

		run->fail_task = t;
		run->fail_rc = rc;
		run->fail_err = *err;
		if (!run->fail_err.msg[0])
			pc_error_set(&run->fail_err, NULL, 0, "out of memory for the replications");
		if (t < run->ntasks) {
			char msg[sizeof run->fail_err.msg + sizeof run->fail_err.file + 64];
			size_t len;

			task_of(run, t, &p, &r);
			if (run->xp->npoints > 1)
				snprintf(msg, sizeof msg, "point %d of %d (%s), replication %d: %s", p + 1,
					 run->xp->npoints, run->xp->sc[p]->file, rep_number(run, p, r) + 1,
					 run->fail_err.msg);
			else
				snprintf(msg, sizeof msg, "replication %d: %s", rep_number(run, p, r) + 1,
					 run->fail_err.msg);
			len = strlen(msg);
			if (len >= sizeof run->fail_err.msg)
				len = sizeof run->fail_err.msg - 1;
			memcpy(run->fail_err.msg, msg, len);
			run->fail_err.msg[len] = '\0';
		}
	}
	atomic_store(&run->abort, 1);
	pthread_mutex_unlock(&run->lock);
}

static void free_reps(pc_rep *rep, int n)
{
	if (!rep)
		return;
	for (int r = 0; r < n; r++)
		pc_rep_release(&rep[r]);
	free(rep);
}

/* Allocates point p's replications if no task of it has yet. */
static int point_ready(xp_run *run, int p)
{
	xp_point *pt = &run->pt[p];
	int rc = 0;

	pthread_mutex_lock(&run->lock);
	if (!pt->rep) {
		int n = run->xp->reps[p], r = 0;
		pc_rep *rep = calloc((size_t)n, sizeof *rep);

		for (; rep && r < n; r++)
			if (pc_rep_init(&rep[r], run->xp->sc[p]))
				break;
		if (!rep || r < n) {
			free_reps(rep, r);
			rc = PC_ENOMEM;
		} else {
			pt->rep = rep;
		}
	}
	pthread_mutex_unlock(&run->lock);
	return rc;
}

static int task_done(xp_run *run, int p, long long t);

static int stop_asked(const xp_run *run)
{
	return atomic_load(&run->abort) || (run->ex->stop && atomic_load(run->ex->stop));
}

/* Runs replication r of point p (task t of the order) on this thread's
 * simulators; hands the point over when it was its last.  Returns 0, or -1
 * after recording a failure. */
static int run_task(xp_run *run, pc_sim **sim, int *last, int p, int r, long long t)
{
	const pc_experiment *xp = run->xp;
	pc_error err;
	int rc;

	pc_error_clear(&err);
	if (point_ready(run, p)) {
		fail(run, t, PC_ENOMEM, &err);
		return -1;
	}
	if (!sim[p]) {
		/* In point order this thread never comes back to an earlier
		 * point. */
		if (xp->order == PC_ORDER_POINTS && *last >= 0 && *last != p) {
			pc_sim_free(sim[*last]);
			sim[*last] = NULL;
		}
		if (!(sim[p] = pc_sim_new(xp->sc[p], &err))) {
			fail(run, t, PC_ENOMEM, &err);
			return -1;
		}
		pc_sim_set_stop(sim[p], run->ex->stop);
	}
	*last = p;
	if ((rc = pc_sim_run(sim[p], xp->seed[p], rep_number(run, p, r), &run->pt[p].rep[r], &err))) {
		/* Cut short by a stop: not done, and not a failure. */
		if (rc != PC_ESTOP)
			fail(run, t, rc, &err);
		return -1;
	}
	return task_done(run, p, t);
}

/* Task t, replication of point p, has its figures in place: counts it and
 * hands the point over when it was its last.  Returns 0, or -1 after
 * recording a failure. */
static int task_done(xp_run *run, int p, long long t)
{
	const pc_experiment *xp = run->xp;
	pc_error err;
	int left, rc;

	pc_error_clear(&err);
	atomic_fetch_add(&run->pt[p].ran, 1);
	left = atomic_fetch_sub(&run->pt[p].left, 1) - 1;
	if (left == 0) {
		/* Every task of p has run: no other thread touches it. */
		pc_result res = { .sc = xp->sc[p], .seed = xp->seed[p], .reps = xp->reps[p],
				  .rep = run->pt[p].rep, .first = rep_number(run, p, 0) };

		if (xp->on_point && (rc = xp->on_point(xp->user, p, &res, &err))) {
			fail(run, t, rc, &err);
			return -1;
		}
		if (!xp->keep) {
			free_reps(run->pt[p].rep, xp->reps[p]);
			run->pt[p].rep = NULL;
			run->pt[p].released = 1;
		}
	}
	pthread_mutex_lock(&run->lock);
	run->prog.reps_done++;
	if (left == 0)
		run->prog.points_done++;
	if (run->ex->progress)
		run->ex->progress(run->ex->user, &run->prog);
	pthread_mutex_unlock(&run->lock);
	return 0;
}

static void *xp_worker(void *arg)
{
	xp_run *run = arg;
	const pc_experiment *xp = run->xp;
	/* This thread's simulator of each point, made when first needed. */
	pc_sim **sim = calloc((size_t)xp->npoints, sizeof *sim);
	int last = -1;

	if (!sim) {
		pc_error err;

		pc_error_clear(&err);
		fail(run, atomic_load(&run->next), PC_ENOMEM, &err);
		return NULL;
	}
	if (run->whole_points) {
		/* A point at a time: one simulator per point, whatever the
		 * threads; a stop cuts the point short. */
		while (!stop_asked(run)) {
			long long p = atomic_fetch_add(&run->next, 1);

			if (p >= xp->npoints)
				break;
			for (int r = 0; r < xp->reps[p] && !stop_asked(run); r++)
				if (run_task(run, sim, &last, (int)p, r, run->pt[p].first + r))
					goto out;
		}
	} else {
		while (!stop_asked(run)) {
			long long t = atomic_fetch_add(&run->next, 1);
			int p, r;

			if (t >= run->ntasks)
				break;
			task_of(run, t, &p, &r);
			if (run_task(run, sim, &last, p, r, t))
				break;
		}
	}
out:
	for (int p = 0; p < xp->npoints; p++)
		pc_sim_free(sim[p]);
	free(sim);
	return NULL;
}

/* ---- tasks shared with the other ranks of an MPI job (cluster.c) ------- */

static int remote_next(void *user, int *p, int *r, int *n)
{
	xp_run *run = user;

	if (stop_asked(run))
		return 0;
	if (run->whole_points) {
		long long q = atomic_fetch_add(&run->next, 1);

		if (q >= run->xp->npoints)
			return 0;
		*p = (int)q;
		*r = 0;
		*n = run->xp->reps[q];
	} else {
		long long t = atomic_fetch_add(&run->next, 1);

		if (t >= run->ntasks)
			return 0;
		task_of(run, t, p, r);
		*n = 1;
	}
	return 1;
}

static pc_rep *remote_slot(void *user, int p, int r)
{
	xp_run *run = user;

	return point_ready(run, p) ? NULL : &run->pt[p].rep[r];
}

static void remote_done(void *user, int p, int r)
{
	xp_run *run = user;

	task_done(run, p, task_index(run, p, r));
}

static void remote_failed(void *user, int p, int r, int rc, const pc_error *err)
{
	xp_run *run = user;

	fail(run, task_index(run, p, r), rc, err);
}

static void remote_abort(void *user)
{
	xp_run *run = user;

	atomic_store(&run->abort, 1);
}

static int remote_stopping(void *user)
{
	xp_run *run = user;
	int stop = run->ex->stop ? atomic_load(run->ex->stop) : 0;

	if (stop == PC_CLUSTER_TORN_DOWN)
		return PC_CLUSTER_TORN_DOWN;
	return stop || atomic_load(&run->abort);
}

/* The calling thread shares the tasks with the other ranks while threads
 * local workers take theirs from the same queue.  Returns 0 or the
 * dispatcher's error (err filled). */
static int run_shared(xp_run *run, int threads, pc_error *err)
{
	pthread_t tid[XP_MAX_THREADS];
	pc_cluster_job job;
	int started = 0, rc;

	memset(&job, 0, sizeof job);
	job.npoints = run->xp->npoints;
	job.sc = run->xp->sc;
	job.seed = run->xp->seed;
	job.reps = run->xp->reps;
	job.first = run->xp->first;
	job.threads = run->ex->threads;
	job.next = remote_next;
	job.slot = remote_slot;
	job.done = remote_done;
	job.failed = remote_failed;
	job.abort = remote_abort;
	job.stopping = remote_stopping;
	job.user = run;
	for (int t = 0; t < threads; t++) {
		if (pthread_create(&tid[t], NULL, xp_worker, run))
			break;
		started = t + 1;
	}
	pc_error_clear(err);
	rc = pc_cluster_dispatch(run->ex->cluster, &job, err);
	if (rc && run->ex->torn_down && job.torn)
		run->ex->torn_down(run->ex->user, err);
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	return rc;
}

int pc_experiment_run(const pc_experiment *xp, const pc_exec *ex, long long *done, pc_error *err)
{
	static const pc_exec serial;
	pthread_t tid[XP_MAX_THREADS];
	xp_run run;
	int threads, started = 0, rc = 0, ranks, shared_rc = 0;
	pc_error shared_err;
	long long finished;

	*done = 0;
	if (!ex)
		ex = &serial;
	memset(&run, 0, sizeof run);
	run.xp = xp;
	run.ex = ex;
	if (xp->npoints < 1) {
		pc_error_set(err, NULL, 0, "an experiment needs at least one point");
		return PC_EINPUT;
	}
	run.pt = calloc((size_t)xp->npoints, sizeof *run.pt);
	if (!run.pt) {
		pc_error_set(err, NULL, 0, "out of memory for %d points", xp->npoints);
		return PC_ENOMEM;
	}
	for (int p = 0; p < xp->npoints; p++) {
		if (xp->reps[p] < 1 ||
		    (xp->order == PC_ORDER_REPLICATIONS && xp->reps[p] != xp->reps[0])) {
			free(run.pt);
			pc_error_set(err, NULL, 0, "point %d has %d replications, expected %s", p + 1,
				     xp->reps[p], xp->reps[p] < 1 ? "at least 1" : "as many as point 1");
			return PC_EINPUT;
		}
		run.pt[p].first = run.ntasks;
		atomic_init(&run.pt[p].left, xp->reps[p]);
		atomic_init(&run.pt[p].ran, 0);
		run.ntasks += xp->reps[p];
	}
	atomic_init(&run.next, 0);
	atomic_init(&run.abort, 0);
	pthread_mutex_init(&run.lock, NULL);
	run.fail_task = run.ntasks;
	run.prog.points = xp->npoints;
	run.prog.reps = run.ntasks;
	if (ex->progress)
		ex->progress(ex->user, &run.prog);

	threads = pc_cluster_threads(ex->threads, run.ntasks);
	ranks = pc_cluster_size(ex->cluster);
	/* Whole points save a simulator per point and thread; with few
	 * points they would leave threads idle at the end. */
	run.whole_points = xp->order == PC_ORDER_POINTS && xp->npoints >= 4 * (long long)threads * ranks;
	if (ranks > 1 && pc_cluster_rank(ex->cluster) == 0) {
		pc_error derr;

		if ((shared_rc = run_shared(&run, threads, &derr)))
			shared_err = derr;
	} else {
		for (int t = 1; t < threads; t++) {
			if (pthread_create(&tid[t], NULL, xp_worker, &run))
				break;
			started = t;
		}
		xp_worker(&run);
		for (int t = 1; t <= started; t++)
			pthread_join(tid[t], NULL);
	}
	pthread_mutex_destroy(&run.lock);

	finished = 0;
	for (int p = 0; p < xp->npoints; p++)
		finished += atomic_load(&run.pt[p].ran);
	if (shared_rc) {
		/* The job cannot go on (a rank was stopped, MPI failed): that
		 * comes before any task's failure. */
		rc = shared_rc;
		*err = shared_err;
	} else if (run.fail_task < run.ntasks) {
		rc = run.fail_rc;
		*err = run.fail_err;
	}
	for (int p = 0; p < xp->npoints; p++) {
		xp_point *pt = &run.pt[p];
		int ran = rc ? 0 : atomic_load(&pt->ran);

		if (xp->keep && !rc) {
			/* The replications that did not run are dropped. */
			for (int r = ran; pt->rep && r < xp->reps[p]; r++)
				pc_rep_release(&pt->rep[r]);
			xp->keep[p].sc = xp->sc[p];
			xp->keep[p].seed = xp->seed[p];
			xp->keep[p].reps = pt->rep ? ran : 0;
			xp->keep[p].rep = pt->rep;
			xp->keep[p].first = xp->first ? xp->first[p] : 0;
			if (!pt->rep || ran == 0) {
				free(pt->rep);
				xp->keep[p].rep = NULL;
				xp->keep[p].reps = 0;
			}
		} else if (!pt->released) {
			free_reps(pt->rep, xp->reps[p]);
		}
	}
	free(run.pt);
	*done = rc ? 0 : finished;
	return rc;
}

int pc_experiment_replications(const pc_scenario *sc, uint64_t seed, int first, int reps, int threads,
			       pc_cluster *cluster, pc_result *res, pc_error *err)
{
	pc_exec ex;
	pc_experiment xp;
	long long done;
	int rc;

	if (pc_cluster_size(cluster) < 2 || pc_cluster_rank(cluster) != 0)
		return pc_run_from(sc, seed, first, reps, threads, res, err);
	memset(&ex, 0, sizeof ex);
	ex.threads = threads;
	ex.cluster = cluster;
	memset(&xp, 0, sizeof xp);
	xp.npoints = 1;
	xp.sc = &sc;
	xp.seed = &seed;
	xp.reps = &reps;
	xp.first = &first;
	xp.order = PC_ORDER_POINTS;
	xp.keep = res;
	memset(res, 0, sizeof *res);
	if ((rc = pc_experiment_run(&xp, &ex, &done, err)))
		return rc;
	res->first = first;
	return 0;
}
