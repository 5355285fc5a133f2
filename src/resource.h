/* resource: a pool of identical servers with a capacity that changes over
 * time (a roster), priority classes of FIFO queues, and busy-time accounting
 * for utilisation, per run and per interval. */
#ifndef PC_RESOURCE_H
#define PC_RESOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "promocap/error.h"

#define PC_RESOURCE_MAX_CLASSES 16

/* A FIFO ring of waiting jobs. */
typedef struct pc_ring {
	uint32_t *job;
	size_t head, n, cap; /* cap is a power of two */
} pc_ring;

/* A waiting job of a keyed queue: smallest key first, then first come. */
typedef struct pc_keyed {
	double key;
	uint64_t seq;
	uint32_t job;
} pc_keyed;

/* A pool of servers.  The pool knows jobs only as integers: what a job is, how
 * long it takes and what happens when it ends belongs to the caller.
 *
 * Capacity semantics (the documented policy): when capacity drops below the
 * number busy (a shift ends with work in hand), the servers finish the tasks
 * they hold; no task is interrupted, and a waiting job starts only while
 * busy < capacity.  Utilisation can therefore exceed 1 in an interval where a
 * shift ends. */
typedef struct pc_resource {
	int capacity;   /* servers on duty now */
	int busy;       /* servers holding a task */
	int nclasses;   /* queue classes; class 0 is served first */
	pc_ring queue[PC_RESOURCE_MAX_CLASSES];
	size_t queued;  /* jobs waiting, all classes */

	/* Keyed order (pc_resource_use_keys): one heap by (key, arrival). */
	int keyed;
	pc_keyed *kheap;
	size_t kcap;
	uint64_t kseq;

	/* Accounting: integrals over time of busy and capacity, in
	 * server-seconds, up to last_t. */
	double last_t;
	double busy_area;
	double cap_area;

	/* Per-interval accounting: interval i is [i*interval, (i+1)*interval);
	 * time past the last interval is counted in the totals only. */
	double interval;
	size_t nintervals;
	double *busy_int;
	double *cap_int;
	size_t int_hint; /* the interval last_t fell in, to skip a division */
	double int_lo, int_hi; /* its bounds, int_hint * interval and the
				* next multiple (lo > hi before the first) */
} pc_resource;

/* Prepares an empty pool with capacity 0, nclasses queue classes
 * (1 .. PC_RESOURCE_MAX_CLASSES), and nintervals intervals of length interval
 * seconds for the per-interval accounting (nintervals may be 0).
 * Returns 0, or PC_ENOMEM or PC_EINPUT. */
int pc_resource_init(pc_resource *res, int nclasses, double interval, size_t nintervals);

/* Serves jobs by the key given with pc_resource_enqueue_keyed, smallest
 * first (the age of a refund: its request time), ties first come first
 * served; the classes are then unused.  Call it right after init. */
void pc_resource_use_keys(pc_resource *res);

/* Puts job in the keyed queue with key.  Returns 0, PC_ENOMEM, or
 * PC_EINPUT when the pool does not use keys. */
int pc_resource_enqueue_keyed(pc_resource *res, double now, uint32_t job, double key);

/* Frees the queues and interval arrays.  NULL-safe. */
void pc_resource_release(pc_resource *res);

/* Back to the state just after init (capacity 0, empty queues, zero
 * accounting), keeping its memory: for the next replication. */
void pc_resource_reset(pc_resource *res);

/* The engine's hot calls (every task starts and ends through them) are
 * inline below; what they rarely need (a ring to grow, the keyed heap,
 * time that crosses an interval) is in resource.c. */

/* Adds busy * dt and capacity * dt to the intervals that [t0, t1) overlaps,
 * interval i being [i w, (i+1) w), and moves the hint to t1's interval.
 * Time before 0 or past the last interval is not counted here (it is in
 * the totals).  For pc_resource_advance. */
void pc_resource_split(pc_resource *res, double t0, double t1);

/* Doubles a full ring.  Returns 0, or PC_ENOMEM with the ring unchanged. */
int pc_ring_grow(pc_ring *r);

/* Removes the first job of the keyed heap (one waits). */
uint32_t pc_resource_keyed_pop(pc_resource *res);

/* Integrates busy and capacity up to time now (now >= last_t).  Every call
 * below that takes now does this first. */
static inline void pc_resource_advance(pc_resource *res, double now)
{
	double t0 = res->last_t;
	double dt = now - t0;

	/* A clock that stands still (or, against the contract, runs
	 * backwards) adds nothing. */
	if (!(dt > 0))
		return;
	res->busy_area += res->busy * dt;
	res->cap_area += res->capacity * dt;
	if (res->nintervals) {
		if (t0 >= res->int_lo && now <= res->int_hi) {
			/* Within the interval of the last call, as most are:
			 * what pc_resource_split would add, without its search. */
			res->busy_int[res->int_hint] += res->busy * dt;
			res->cap_int[res->int_hint] += res->capacity * dt;
		} else {
			pc_resource_split(res, t0, now);
		}
	}
	res->last_t = now;
}

/* Puts job at the back of queue class cls.  Returns 0, PC_ENOMEM, or
 * PC_EINPUT for a class the pool does not have. */
static inline int pc_resource_enqueue(pc_resource *res, double now, uint32_t job, int cls)
{
	pc_ring *r;

	pc_resource_advance(res, now);
	if (cls < 0 || cls >= res->nclasses)
		return PC_EINPUT;
	r = &res->queue[cls];
	if (r->n == r->cap && pc_ring_grow(r) != 0)
		return PC_ENOMEM;
	r->job[(r->head + r->n) & (r->cap - 1)] = job;
	r->n++;
	res->queued++;
	return 0;
}

/* Removes the first waiting job (one waits): the keyed heap's, or the
 * first of the highest-priority non-empty class. */
static inline uint32_t pc_resource_take(pc_resource *res)
{
	pc_ring *r;
	uint32_t job;

	if (res->keyed)
		return pc_resource_keyed_pop(res);
	r = res->queue;
	while (r->n == 0)
		r++;
	job = r->job[r->head];
	r->head = (r->head + 1) & (r->cap - 1);
	r->n--;
	res->queued--;
	return job;
}

/* If a server is free (busy < capacity) and a job waits, takes the first job
 * of the highest-priority non-empty class into *job, marks a server busy, and
 * returns 1; otherwise returns 0.  Call it in a loop after every enqueue,
 * done and capacity change, starting each job it gives. */
static inline int pc_resource_next(pc_resource *res, double now, uint32_t *job)
{
	pc_resource_advance(res, now);
	if (res->busy >= res->capacity || res->queued == 0)
		return 0;
	*job = pc_resource_take(res);
	res->busy++;
	return 1;
}

/* Skill-based routing, where the caller decides which server takes which
 * job (dual-skill agents serve two pools' queues):
 * pc_resource_pop takes the next waiting job (the order of
 * pc_resource_next) into *job without marking a server busy, and returns
 * 1, or 0 when none waits; pc_resource_seize marks one more server busy,
 * whatever the capacity (the caller has checked it). */
static inline int pc_resource_pop(pc_resource *res, double now, uint32_t *job)
{
	pc_resource_advance(res, now);
	if (res->queued == 0)
		return 0;
	*job = pc_resource_take(res);
	return 1;
}

/* The job that would be taken next, into *job, without taking it: 1, or 0
 * when none waits (to prefetch its item while the current one is served). */
static inline int pc_resource_peek(const pc_resource *res, uint32_t *job)
{
	const pc_ring *r = res->queue;

	if (res->queued == 0)
		return 0;
	if (res->keyed) {
		*job = res->kheap[0].job;
		return 1;
	}
	while (r->n == 0)
		r++;
	*job = r->job[r->head];
	return 1;
}
static inline void pc_resource_seize(pc_resource *res, double now)
{
	pc_resource_advance(res, now);
	res->busy++;
}

/* A server finishes its task (busy goes down by one). */
static inline void pc_resource_done(pc_resource *res, double now)
{
	pc_resource_advance(res, now);
	if (res->busy > 0)
		res->busy--;
}

/* The capacity becomes cap from now on (a roster change point). */
void pc_resource_set_capacity(pc_resource *res, double now, int cap);

#endif
