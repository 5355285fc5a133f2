/* memory: estimates a run's peak memory from the scenario before it starts (requests, pools, calendar, series, replications held), and reads and writes sizes. */
#define _GNU_SOURCE /* madvise, MADV_HUGEPAGE, mremap */
#include "promocap/memory.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "promocap/carry.h"
#include "promocap/sim.h"

#include "calendar.h"
#include "resource.h"
#include "sim_layout.h"

/* The program itself, its libraries, the scenario and the summary, with
 * room to spare: `promocap check` peaks at 3 MiB, a run of one refund at
 * 4.5 MiB. */
#define MEMORY_BASE (6.0 * 1048576.0)

/* A worker thread's own stack and malloc arena, beyond its simulator. */
#define MEMORY_THREAD (1.0 * 1048576.0)

/* A replication's figures cost more than their arrays: the allocator's
 * rounding, and the reductions over replications at the end; measured
 * 0.37 to 0.75 MiB for 0.4 MiB of arrays. */
#define MEMORY_REP_FACTOR 1.5

/* Reading a CSV table costs up to this many bytes per byte of the file:
 * every row and every field is an allocation of its own, then the curve
 * or roster parsed from it sits beside the rows.  Measured 9.9 (rows of
 * 22 bytes, a 2,000,000-row arrival curve) to 19.6 (rows of 9 bytes);
 * 24 holds for rows of 8 bytes and more (a roster's
 * "2026-11-01,day,3" is 17). */
#define MEMORY_TABLE_FACTOR 24.0

/* The smallest power of two times start that is >= n: what an array grown
 * by doubling from start holds. */
static double memory_doubled(double n, double start)
{
	double cap = start;

	while (cap < n && isfinite(cap))
		cap *= 2;
	return cap;
}

/* n plus 5 standard deviations of a Poisson count of mean n. */
static double memory_margin(double n)
{
	return n + 5.0 * sqrt(n) + 10.0;
}

/* Expected requests of the arrival curve before the horizon: the integral
 * of its rate. */
static double memory_curve_requests(const pc_scenario *sc)
{
	const pc_curve *cv = &sc->arrival_curve;
	double sum = 0.0;
	int i;

	for (i = 0; i < cv->n; i++) {
		double a = cv->t[i];
		double b = i + 1 < cv->n ? cv->t[i + 1] : cv->end;

		if (b > sc->horizon)
			b = sc->horizon;
		if (b > a)
			sum += cv->rate[i] * (b - a);
	}
	return sum;
}

void pc_memory_estimate(const pc_scenario *sc, int reps, int threads, pc_memory *m)
{
	double n, events, buckets, items, calendar, deadlines, queues, series, rep, staff;
	int r;

	if (threads <= 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cores > 0 ? (int)cores : 1;
	}
	if (threads > 256)
		threads = 256;
	if (reps < 1)
		reps = 1;
	if (threads > reps)
		threads = reps;
	m->threads = threads;
	m->reps = reps;
	m->nintervals = (int)ceil(sc->horizon / sc->interval - 1e-9);

	/* Demand: R = G * r / A refunds and R * ratio after-sales cases, or
	 * the arrival curve's integral for both. */
	if (sc->has_arrival_curve) {
		m->refunds = memory_curve_requests(sc);
		m->after_sales = m->refunds * sc->after_sales_ratio;
	} else {
		m->refunds = sc->gmv * sc->refund_rate / sc->aov;
		m->after_sales = m->refunds * sc->after_sales_ratio;
	}
	/* Where-is-my-refund enquiries: at most one every chase_after of a
	 * refund's life, which ends by the horizon. */
	if (sc->chase_after > 0)
		m->after_sales += (m->refunds + m->after_sales) * ceil(sc->horizon / sc->chase_after);
	m->requests = memory_margin(m->refunds) + memory_margin(m->after_sales);
	/* A run that starts part way: its carry-in is open at once too. */
	if (sc->carry)
		m->requests += (double)sc->carry->n;
	n = m->requests;

	/* One simulator.  Items: every request may be open at once; the pool
	 * doubles from 4096 and is zeroed when it grows, so all of it is
	 * touched; the free list beside it only as items are freed. */
	items = memory_doubled(n, 4096) * PC_SIM_ITEM_BYTES + n * sizeof(uint32_t);
	/* Calendar: with orders, every request waits in it from the start
	 * (one event each) until it arrives; an open item has about one event
	 * (a task in service, a delay), a quarter more for escalations; so at
	 * most 1.25 events per request, with an arrival curve too.  Plus the
	 * interval samples.  The events wait in buckets of ten minutes, in
	 * chunks of PC_CHUNK_EVENTS that go back to a spare list when their
	 * bucket moves into the heap: at worst every event in a full chunk and
	 * one chunk part full per bucket, cut from blocks of at most 2 MiB
	 * (the last one part used); the heap holds the near future (counted
	 * as half the events, generously: a slot, a payload and a free-list
	 * entry each), one bucket header per ten minutes
	 * of the horizon. */
	events = 1.25 * n + m->nintervals;
	buckets = ceil(sc->horizon / PC_SIM_BUCKET_SECONDS) + 1;
	calendar = (ceil(events / PC_CHUNK_EVENTS) + fmin(buckets, events)) * sizeof(pc_chunk) + 2.0 * 1024 * 1024 +
		   0.5 * events * (sizeof(pc_hent) + sizeof(pc_event) + sizeof(uint32_t)) +
		   memory_doubled(buckets, 64) * sizeof(pc_bucket);
	/* Deadline queues (seller-response timeout, protection period,
	 * receipt timeout, each when in use): one entry per refund still
	 * inside its window, at worst all; a queue doubles by moving its
	 * pages (mremap), so the old array is not held beside the new. */
	deadlines = ((sc->response_timeout > 0) + (sc->escalation_rate > 0) + (sc->receipt_timeout > 0)) *
		    memory_doubled(memory_margin(m->refunds), 1024) * PC_SIM_DEADLINE_BYTES;
	/* Resource queues: every request may wait, at one resource at a time;
	 * a ring doubles into a new array (both held a moment), a keyed heap
	 * (discipline age) by realloc. */
	queues = 0.0;
	staff = 0.0;
	for (r = 0; r < PC_NRES; r++) {
		const pc_staff *st = &sc->staff[r];
		double q = st->discipline == PC_DISC_AGE ? memory_doubled(n, 64) * sizeof(pc_keyed)
							 : 1.5 * memory_doubled(n, 16) * sizeof(uint32_t);

		queues = fmax(queues, q);
		/* busy and capacity per interval; the capacity schedule. */
		staff += 2.0 * m->nintervals * sizeof(double) +
			 (2.0 * st->ndays * st->nshifts + st->nchanges + 1) *
				 (sizeof(double) + sizeof(int));
	}
	m->per_thread = MEMORY_THREAD + items + calendar + deadlines + queues + staff +
			/* the order curve: rate and start of every sales hour */
			24.0 * sc->sales_days * 2 * sizeof(double) +
			/* orders-based demand: every request drawn at the start,
			 * sorted by time in a second array of the same size, which
			 * grow by doubling */
			(sc->has_arrival_curve ? 0.0 : 2.0 * memory_doubled(n, 4096) * sizeof(pc_event));

	/* One replication's figures, all held until the tables are written. */
	series = (double)m->nintervals * PC_TS_NCOLS * sizeof(double);
	rep = sizeof(pc_rep) + series + ceil(sc->horizon / PC_DAY) * PC_DAY_NCOLS * sizeof(double);
	m->per_rep = MEMORY_REP_FACTOR * rep;

	/* The tables, counted from their sizes: reading them is the peak of
	 * a scenario with a long curve or roster. */
	m->base = MEMORY_BASE + sizeof *sc + MEMORY_TABLE_FACTOR * sc->table_bytes;
	m->kept = 0;
	m->total = m->base + threads * m->per_thread + reps * m->per_rep;
	if (isnan(m->total))
		m->total = INFINITY;
}

void pc_memory_add_kept(const pc_scenario *sc, int reps, pc_memory *m)
{
	double k = sc->has_arrival_curve || reps < 1 ? 0.0 : reps * m->requests * sizeof(pc_event);

	m->kept += k;
	m->total += k;
	if (isnan(m->total))
		m->total = INFINITY;
}

int pc_memory_parse_size(const char *text, double *bytes)
{
	static const struct {
		const char *unit;
		double mult;
	} units[] = {
		{ "", 1.0 }, { "b", 1.0 },
		{ "k", 1024.0 }, { "kb", 1024.0 }, { "kib", 1024.0 },
		{ "m", 1048576.0 }, { "mb", 1048576.0 }, { "mib", 1048576.0 },
		{ "g", 1073741824.0 }, { "gb", 1073741824.0 }, { "gib", 1073741824.0 },
		{ "t", 1099511627776.0 }, { "tb", 1099511627776.0 }, { "tib", 1099511627776.0 },
	};
	const char *p;
	char *end;
	double x;
	size_t i;

	if (!text)
		return PC_EINPUT;
	for (p = text; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != '.')
			break;
	if (p == text)
		return PC_EINPUT;
	x = strtod(text, &end);
	if (end != p || !isfinite(x))
		return PC_EINPUT;
	while (*p == ' ')
		p++;
	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (strcasecmp(p, units[i].unit) == 0) {
			x *= units[i].mult;
			if (!(x >= 1.0) || x > 1125899906842624.0) /* 1 PiB */
				return PC_EINPUT;
			*bytes = floor(x);
			return 0;
		}
	}
	return PC_EINPUT;
}

void pc_memory_format_size(double bytes, char *buf, size_t n)
{
	static const char *const units[] = { "bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	size_t u = 0;

	if (!buf || n == 0)
		return;
	if (!isfinite(bytes)) {
		snprintf(buf, n, "an unbounded amount");
		return;
	}
	while (bytes >= 1024.0 && u + 1 < sizeof units / sizeof units[0]) {
		bytes /= 1024.0;
		u++;
	}
	if (u == 0)
		snprintf(buf, n, "%.0f bytes", bytes);
	else
		snprintf(buf, n, "%.3g %s", bytes, units[u]);
}

/* The size of a huge page, below which no advice is given. */
#define HUGE_PAGE ((size_t)2 << 20)

void pc_memory_huge_pages(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = HUGE_PAGE;
	uintptr_t lo = ((uintptr_t)p + huge - 1) & ~(huge - 1), hi = ((uintptr_t)p + n) & ~(huge - 1);

	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

#ifdef MREMAP_MAYMOVE
/* Huge pages over the whole mapping p of n bytes: advice over only its
 * aligned middle (pc_memory_huge_pages) would split it into three
 * mappings, which mremap cannot move as one. */
static void map_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	if (n >= HUGE_PAGE)
		(void)madvise(p, n, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}
#endif

void *pc_memory_map(size_t n)
{
#ifdef MREMAP_MAYMOVE
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	map_huge(p, n);
	return p;
#else
	return calloc(1, n);
#endif
}

void *pc_memory_remap(void *p, size_t old, size_t n)
{
#ifdef MREMAP_MAYMOVE
	void *q = mremap(p, old, n, MREMAP_MAYMOVE);

	if (q == MAP_FAILED) {
		/* Not one mapping any more (should not happen): a copy. */
		if (!(q = pc_memory_map(n)))
			return NULL;
		memcpy(q, p, old < n ? old : n);
		(void)munmap(p, old);
		return q;
	}
	map_huge(q, n);
	return q;
#else
	(void)old;
	return realloc(p, n);
#endif
}

void pc_memory_unmap(void *p, size_t n)
{
#ifdef MREMAP_MAYMOVE
	if (p)
		(void)munmap(p, n);
#else
	(void)n;
	free(p);
#endif
}
