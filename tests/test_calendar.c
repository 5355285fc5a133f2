/* test_calendar: the event calendar orders by (time, insertion counter), grows, and clears. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "calendar.h"
#include "check.h"
#include "promocap/error.h"

/* A reference event list: an array kept sorted by (time, seq) with
 * insertion sort, slow but obviously right. */
typedef struct ref_event {
	pc_event e;
	uint64_t seq;
} ref_event;

typedef struct ref_list {
	ref_event *ev;
	size_t n;
	uint64_t seq;
} ref_list;

static void ref_push(ref_list *r, double time, uint32_t a, uint32_t b)
{
	size_t i = r->n;

	/* Equal times go after the events already there (larger seq). */
	while (i > 0 && r->ev[i - 1].e.time > time) {
		r->ev[i] = r->ev[i - 1];
		i--;
	}
	r->ev[i].e.time = time;
	r->ev[i].seq = r->seq++;
	r->ev[i].e.a = a;
	r->ev[i].e.b = b;
	r->n++;
}

static pc_event ref_pop(ref_list *r)
{
	pc_event e = r->ev[0].e;

	memmove(r->ev, r->ev + 1, (r->n - 1) * sizeof *r->ev);
	r->n--;
	return e;
}

static int same_event(const pc_event *x, const pc_event *y)
{
	return x->time == y->time && x->a == y->a && x->b == y->b;
}

/* Events pushed in scrambled time order come out in time order. */
static void test_time_order(void)
{
	static const double times[] = { 5, 3, 9, 1, 7, 2, 8, 0.5, 6, 4, 10, 0, 1e300, 4.9e-324 };
	static const double sorted[] = { 0, 4.9e-324, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1e300 };
	const size_t n = sizeof times / sizeof times[0];
	pc_calendar cal;
	pc_event ev;
	size_t i;
	int ok = 1;

	CHECK(pc_calendar_init(&cal, 0) == 0, "init");
	CHECK(cal.cap >= 16, "a small hint still gives 16 slots, got %zu", cal.cap);
	CHECK(pc_calendar_peek(&cal) == NULL, "peek of an empty calendar is NULL");
	CHECK(pc_calendar_pop(&cal, &ev) == 0, "pop of an empty calendar returns 0");
	for (i = 0; i < n; i++)
		CHECK(pc_calendar_push(&cal, times[i], (uint32_t)i, 0) == 0, "push %zu", i);
	CHECK(cal.n == n, "holds %zu events", n);
	CHECK(pc_calendar_push(&cal, -1, 99, 0) == PC_EINPUT && pc_calendar_push(&cal, NAN, 99, 0) == PC_EINPUT &&
		      cal.n == n,
	      "a negative or NaN time is refused, the calendar unchanged");
	CHECK(pc_calendar_peek(&cal) && pc_calendar_peek(&cal)->time == 0,
	      "peek shows the earliest event");
	for (i = 0; i < n; i++) {
		if (!pc_calendar_pop(&cal, &ev) || ev.time != sorted[i] ||
		    times[ev.a] != ev.time)
			ok = 0;
	}
	CHECK(ok, "events come out in time order with their payload");
	CHECK(pc_calendar_pop(&cal, &ev) == 0 && cal.n == 0, "empty after popping all");
	pc_calendar_release(&cal);
	CHECK(cal.heap == NULL && cal.n == 0, "release empties the struct");
	pc_calendar_release(&cal);
	pc_calendar_release(NULL);
	CHECK(1, "release is NULL-safe and may be repeated");
}

/* Ties come out first in, first out, whatever else is interleaved. */
static void test_fifo_ties(void)
{
	pc_calendar cal;
	pc_event ev;
	uint32_t i, last_b[3] = { 0, 0, 0 };
	int ok = 1, count = 0;
	double last_t = -1;

	pc_calendar_init(&cal, 16);
	/* 300 events over three times, pushed round-robin so every time's
	 * events are interleaved with the others'; b counts per time. */
	for (i = 0; i < 300; i++)
		pc_calendar_push(&cal, (double)(2 - i % 3), i % 3, i / 3 + 1);
	while (pc_calendar_pop(&cal, &ev)) {
		if (ev.time < last_t)
			ok = 0;
		if (ev.time != last_t)
			last_t = ev.time;
		/* Within one time, b must count up by one. */
		if (ev.b != last_b[ev.a] + 1)
			ok = 0;
		last_b[ev.a] = ev.b;
		count++;
	}
	CHECK(ok && count == 300, "equal times come out in insertion order (%d events)", count);

	/* Equal times pushed after a pop still queue behind the older ones. */
	pc_calendar_clear(&cal);
	pc_calendar_push(&cal, 1.0, 0, 1);
	pc_calendar_push(&cal, 1.0, 0, 2);
	pc_calendar_push(&cal, 0.5, 0, 0);
	pc_calendar_pop(&cal, &ev);
	pc_calendar_push(&cal, 1.0, 0, 3);
	pc_calendar_push(&cal, 1.0, 0, 4);
	ok = 1;
	for (i = 1; i <= 4; i++)
		if (!pc_calendar_pop(&cal, &ev) || ev.b != i)
			ok = 0;
	CHECK(ok, "ties pushed later come out later");
	pc_calendar_release(&cal);
}

/* The array doubles as it fills, and order survives the moves. */
static void test_growth(void)
{
	const size_t n = 100000;
	pc_calendar cal;
	pc_event ev;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	size_t i, caps = 0, last_cap;
	int ok = 1, seq_ok = 1;
	double last = -1;
	uint32_t last_a = 0;

	gsl_rng_set(r, 42);
	pc_calendar_init(&cal, 16);
	last_cap = cal.cap;
	for (i = 0; i < n; i++) {
		if (pc_calendar_push(&cal, gsl_rng_uniform(r), (uint32_t)i, 0) != 0)
			ok = 0;
		if (cal.cap != last_cap) {
			if (cal.cap != 2 * last_cap)
				ok = 0;
			last_cap = cal.cap;
			caps++;
		}
	}
	CHECK(ok, "every push succeeds and each growth doubles");
	CHECK(cal.cap == 131072 && caps == 13, "16 doubled 13 times holds 100000, got %zu",
	      cal.cap);
	ok = 1;
	for (i = 0; i < n; i++) {
		if (!pc_calendar_pop(&cal, &ev) || ev.time < last)
			ok = 0;
		if (i > 0 && ev.time == last && ev.a < last_a)
			seq_ok = 0;
		last = ev.time;
		last_a = ev.a;
	}
	CHECK(ok && seq_ok && cal.n == 0, "100000 random events come out sorted");
	CHECK(cal.cap == 131072, "popping keeps the memory");
	pc_calendar_release(&cal);
	gsl_rng_free(r);
}

/* Random interleaved pushes and pops agree event for event with a sorted
 * reference, with many ties (times on a coarse grid) and without, on the
 * heap alone (width 0) and with buckets narrower than the pushes' reach,
 * where ties meet between a bucket's sorted run and the heap. */
static void test_against_reference(double width)
{
	const size_t steps = 200000, max_n = 3000;
	pc_calendar cal;
	ref_list ref = { NULL, 0, 0 };
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	int grid, ok = 1, peek_ok = 1, take_ok = 1;
	size_t i, pops = 0;

	ref.ev = malloc(max_n * sizeof *ref.ev);
	pc_calendar_init(&cal, 16);
	pc_calendar_use_buckets(&cal, width);
	for (grid = 0; grid < 2; grid++) {
		double now = 0;

		gsl_rng_set(r, 7 + (unsigned long)grid);
		pc_calendar_clear(&cal);
		ref.n = 0;
		ref.seq = 0;
		for (i = 0; i < steps; i++) {
			/* Push with probability 0.5 plus a drift that keeps the
			 * size wandering between empty and a few thousand. */
			double p_push = ref.n == 0 ? 1.0 : ref.n >= max_n ? 0.0
				: 0.5 + 0.3 * sin((double)i / 20000.0);

			if (gsl_rng_uniform(r) < p_push) {
				double dt = grid ? (double)gsl_rng_uniform_int(r, 20)
						 : 10 * gsl_rng_uniform(r);
				uint32_t a = (uint32_t)gsl_rng_get(r), b = (uint32_t)i;

				/* Events are scheduled no earlier than now, as
				 * in a simulation. */
				pc_calendar_push(&cal, now + dt, a, b);
				ref_push(&ref, now + dt, a, b);
			} else {
				pc_event got, want = ref_pop(&ref);

				/* Every other removal as the engine makes it:
				 * a peek, then a take of what it showed. */
				if (pops % 2) {
					const pc_event *p = pc_calendar_peek(&cal);

					if (!p)
						ok = take_ok = 0;
					else
						pc_calendar_take(&cal, p, &got);
				} else if (!pc_calendar_pop(&cal, &got)) {
					ok = 0;
				}
				if (!same_event(&got, &want))
					ok = take_ok = 0;
				now = got.time;
				pops++;
			}
			if (ref.n != pc_calendar_size(&cal) ||
			    (ref.n && !same_event(pc_calendar_peek(&cal), &ref.ev[0].e)))
				peek_ok = 0;
		}
		CHECK(ok, "%s times, buckets of %g: every pop matches the reference (%zu pops)",
		      grid ? "grid" : "continuous", width, pops);
		CHECK(peek_ok, "%s times, buckets of %g: size and peek match the reference throughout",
		      grid ? "grid" : "continuous", width);
		CHECK(take_ok, "%s times, buckets of %g: peek then take removes the reference's next event",
		      grid ? "grid" : "continuous", width);
	}
	pc_calendar_release(&cal);
	free(ref.ev);
	gsl_rng_free(r);
}

/* Clear empties the calendar, restarts the counter, and keeps the memory. */
static void test_clear(void)
{
	pc_calendar cal;
	pc_event ev;
	pc_hent *mem;
	size_t cap;
	int i;

	pc_calendar_init(&cal, 16);
	for (i = 0; i < 40; i++)
		pc_calendar_push(&cal, (double)(i % 7), 0, (uint32_t)i);
	mem = cal.heap;
	cap = cal.cap;
	pc_calendar_clear(&cal);
	CHECK(cal.n == 0 && cal.seq == 0, "clear empties and resets the counter");
	CHECK(cal.heap == mem && cal.cap == cap && cap == 64, "clear keeps the memory");
	CHECK(pc_calendar_peek(&cal) == NULL && pc_calendar_pop(&cal, &ev) == 0,
	      "a cleared calendar is empty");
	pc_calendar_push(&cal, 3.0, 1, 2);
	pc_calendar_push(&cal, 3.0, 1, 3);
	CHECK(cal.heap[0].seq == 0 && cal.seq == 2, "the counter starts again at 0 after clear");
	CHECK(pc_calendar_pop(&cal, &ev) == 1 && ev.b == 2 && pc_calendar_pop(&cal, &ev) == 1 && ev.b == 3,
	      "and orders the ties");
	pc_calendar_release(&cal);

	/* A released calendar can be initialised again. */
	CHECK(pc_calendar_init(&cal, 1000) == 0 && cal.cap == 1000 && cal.n == 0,
	      "init after release, with the hint honoured");
	pc_calendar_release(&cal);
}

/* A calendar with buckets gives the same events in the same order as the
 * heap alone, through pushes near and far, ties, and interleaved pops. */
static void test_buckets(void)
{
	pc_calendar plain, bk;
	pc_event x, y;
	uint64_t state = 12345;
	double now = 0;
	int same = 1, pops = 0;
	size_t slabs = 0;

	pc_calendar_init(&plain, 16);
	pc_calendar_init(&bk, 16);
	CHECK(pc_calendar_use_buckets(&bk, 600.0) == 0, "bucket width accepted");
	CHECK(pc_calendar_use_buckets(&plain, -1) != 0, "negative width refused");
	for (int round = 0; round < 2; round++) {
		state = 12345; /* the same events each round */
		for (int i = 0; i < 200000; i++) {
			double u, t;

			state = state * 6364136223846793005ULL + 1442695040888963407ULL;
			u = (double)(state >> 11) / 9007199254740992.0;
			/* near (minutes), far (days), exact ties on a 5-minute grid */
			t = i % 3 == 0 ? now + u * 600 : i % 3 == 1 ? now + u * 4 * 86400 : now + floor(u * 100) * 300;
			pc_calendar_push(&plain, t, (uint32_t)i, 0);
			pc_calendar_push(&bk, t, (uint32_t)i, 0);
			if (i % 2) {
				int r1 = pc_calendar_pop(&plain, &x), r2 = pc_calendar_pop(&bk, &y);
				if (r1 != r2 || x.time != y.time || x.a != y.a)
					same = 0;
				now = x.time;
				pops++;
			}
		}
		while (pc_calendar_pop(&plain, &x) == 1) {
			if (pc_calendar_pop(&bk, &y) != 1 || x.time != y.time || x.a != y.a)
				same = 0;
			pops++;
		}
		CHECK(pc_calendar_size(&bk) == 0 && pc_calendar_peek(&bk) == NULL, "bucketed calendar drained");
		pc_calendar_clear(&plain);
		pc_calendar_clear(&bk);
		now = 0;
		if (round == 0)
			slabs = bk.nslabs;
	}
	CHECK(same, "buckets keep the (time, first in first out) order of the heap over %d pops", pops);
	CHECK(slabs > 0 && bk.nslabs == slabs,
	      "the second round reuses the first's chunks (%zu blocks, then %zu)", slabs, bk.nslabs);
	/* Cleared while buckets still hold events: their chunks go back to
	 * the spare list, and the calendar starts empty. */
	for (int i = 0; i < 50000; i++)
		pc_calendar_push(&bk, 1000.0 + i * 7.0, (uint32_t)i, 0);
	CHECK(bk.far > 0, "far events held in buckets (%zu)", bk.far);
	pc_calendar_clear(&bk);
	CHECK(pc_calendar_size(&bk) == 0 && pc_calendar_peek(&bk) == NULL, "cleared with full buckets: empty");
	for (int i = 0; i < 50000; i++)
		pc_calendar_push(&bk, 1000.0 + i * 7.0, (uint32_t)i, 0);
	CHECK(bk.nslabs == slabs, "refilled from the spare chunks (%zu blocks)", bk.nslabs);
	same = 1;
	for (int i = 0; i < 50000; i++)
		if (pc_calendar_pop(&bk, &y) != 1 || y.time != 1000.0 + i * 7.0 || y.a != (uint32_t)i)
			same = 0;
	CHECK(same && pc_calendar_size(&bk) == 0, "and come out in order");
	pc_calendar_release(&plain);
	pc_calendar_release(&bk);
}

/* The heap's 32-bit insertion counter running out renumbers the heap and
 * keeps the order: ties on a coarse grid against the reference, across
 * several wraps. */
static void test_counter_wrap(void)
{
	pc_calendar cal;
	ref_list ref = { NULL, 0, 0 };
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	int ok = 1, wraps = 0;
	double now = 0;

	ref.ev = malloc(4000 * sizeof *ref.ev);
	pc_calendar_init(&cal, 16);
	gsl_rng_set(r, 3);
	for (int i = 0; i < 60000; i++) {
		/* Push to the counter's end every 5000 steps. */
		if (i % 5000 == 0 && cal.seq < UINT32_MAX - 100) {
			cal.seq = UINT32_MAX - 100 + (uint32_t)gsl_rng_uniform_int(r, 50);
			wraps++;
		}
		if (ref.n == 0 || (ref.n < 3000 && gsl_rng_uniform(r) < 0.55)) {
			double t = now + (double)gsl_rng_uniform_int(r, 8);

			pc_calendar_push(&cal, t, (uint32_t)i, 7);
			ref_push(&ref, t, (uint32_t)i, 7);
		} else {
			pc_event got, want = ref_pop(&ref);

			if (pc_calendar_pop(&cal, &got) != 1 || !same_event(&got, &want))
				ok = 0;
			now = got.time;
		}
	}
	while (ref.n > 0) {
		pc_event got, want = ref_pop(&ref);

		if (pc_calendar_pop(&cal, &got) != 1 || !same_event(&got, &want))
			ok = 0;
	}
	CHECK(ok && cal.n == 0 && wraps == 12, "the counter wraps %d times, the order of ties kept", wraps);
	pc_calendar_release(&cal);
	free(ref.ev);
	gsl_rng_free(r);
}

/* pc_events_sort against a stable reference (qsort by time, then index):
 * times of several shapes (spread, crowded into one sub-bucket so that
 * the radix sort takes it, many ties, all equal, tiny times, a range of
 * one denormal), each event's index in b, so a tie out of order shows. */
static int cmp_time_index(const void *x, const void *y)
{
	const pc_event *p = x, *q = y;

	if (p->time != q->time)
		return p->time < q->time ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

static void test_events_sort(void)
{
	static const size_t sizes[] = { 0, 1, 2, 24, 25, 100, 1000, 100000 };
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);

	gsl_rng_set(r, 11);
	for (int shape = 0; shape < 6; shape++) {
		for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
			size_t n = sizes[k];
			pc_event *a = malloc((n + 1) * sizeof *a), *tmp = malloc((n + 1) * sizeof *tmp);
			pc_event *ref = malloc((n + 1) * sizeof *ref), *out;
			size_t bad = 0;

			for (size_t i = 0; i < n; i++) {
				double u = gsl_rng_uniform(r), t;

				switch (shape) {
				case 0: t = 3e6 * u; break;                       /* spread */
				case 1: t = u < 0.9 ? 5000 + 1e-3 * u : 3e6 * u; break; /* crowded */
				case 2: t = floor(20 * u) * 60; break;           /* ties */
				case 3: t = 42; break;                           /* all equal */
				case 4: t = u < 0.5 ? 0 : 1e-300 * u; break;     /* tiny and 0 */
				default: t = u < 0.5 ? 0 : 5e-324; break;        /* denormal */
				}
				a[i].time = t;
				a[i].a = (uint32_t)shape;
				a[i].b = (uint32_t)i;
			}
			if (n)
				memcpy(ref, a, n * sizeof *a);
			qsort(ref, n, sizeof *ref, cmp_time_index);
			out = pc_events_sort(a, tmp, n);
			CHECK(out == a || out == tmp, "events_sort returns one of its arrays (shape %d, n %zu)", shape, n);
			for (size_t i = 0; i < n; i++)
				bad += !same_event(&out[i], &ref[i]);
			CHECK(bad == 0, "events_sort is a stable sort by time (shape %d, n %zu): %zu out of place",
			      shape, n, bad);
			free(a);
			free(tmp);
			free(ref);
		}
	}
	gsl_rng_free(r);
}

int main(void)
{
	test_events_sort();
	test_buckets();
	test_time_order();
	test_fifo_ties();
	test_growth();
	test_against_reference(0);
	test_against_reference(3.0);
	test_against_reference(7.5);
	test_counter_wrap();
	test_clear();
	return check_done();
}
