/* test_resource: FIFO and priority queues, capacity changes, busy-time integrals and their split over intervals. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "promocap/error.h"
#include "resource.h"

/* init accepts 1 .. PC_RESOURCE_MAX_CLASSES classes and a positive interval. */
static void test_init(void)
{
	pc_resource res;

	CHECK(pc_resource_init(&res, 0, 0, 0) == PC_EINPUT, "0 classes is bad input");
	CHECK(pc_resource_init(&res, PC_RESOURCE_MAX_CLASSES + 1, 0, 0) == PC_EINPUT,
	      "%d classes is bad input", PC_RESOURCE_MAX_CLASSES + 1);
	CHECK(pc_resource_init(&res, 1, 0.0, 4) == PC_EINPUT, "intervals of length 0");
	CHECK(pc_resource_init(&res, 1, -1.0, 4) == PC_EINPUT, "intervals of negative length");
	CHECK(pc_resource_init(&res, PC_RESOURCE_MAX_CLASSES, 60.0, 24) == 0, "16 classes");
	CHECK(res.capacity == 0 && res.busy == 0 && res.queued == 0 && res.last_t == 0 &&
	      res.nintervals == 24 && res.busy_int && res.cap_int,
	      "a new pool is empty, with capacity 0");
	pc_resource_release(&res);
	pc_resource_release(&res);
	pc_resource_release(NULL);
	CHECK(1, "release is NULL-safe and may be repeated");
}

/* One class: first in, first out, one job per free server. */
static void test_fifo(void)
{
	pc_resource res;
	uint32_t job = 0, j;
	int ok = 1;

	pc_resource_init(&res, 1, 0, 0);
	CHECK(pc_resource_next(&res, 0, &job) == 0, "nothing to start in an empty pool");
	for (j = 1; j <= 5; j++)
		pc_resource_enqueue(&res, 0, j, 0);
	CHECK(pc_resource_next(&res, 0, &job) == 0 && res.queued == 5,
	      "capacity 0 starts nothing");
	pc_resource_set_capacity(&res, 0, 2);
	CHECK(pc_resource_next(&res, 0, &job) == 1 && job == 1, "first in, first started");
	CHECK(pc_resource_next(&res, 0, &job) == 1 && job == 2, "second server takes job 2");
	CHECK(pc_resource_next(&res, 0, &job) == 0 && res.busy == 2 && res.queued == 3,
	      "no start while busy == capacity");
	pc_resource_done(&res, 1);
	CHECK(pc_resource_next(&res, 1, &job) == 1 && job == 3, "a done frees a server for job 3");
	pc_resource_done(&res, 2);
	pc_resource_done(&res, 2);
	CHECK(pc_resource_next(&res, 2, &job) == 1 && job == 4, "job 4");
	CHECK(pc_resource_next(&res, 2, &job) == 1 && job == 5, "job 5");
	CHECK(pc_resource_next(&res, 2, &job) == 0 && res.queued == 0, "queue empty");
	pc_resource_done(&res, 3);
	pc_resource_done(&res, 3);
	pc_resource_done(&res, 3);
	CHECK(res.busy == 0, "busy never goes below 0");

	/* Wrap the ring and make it grow while wrapped: order survives. */
	pc_resource_reset(&res);
	pc_resource_set_capacity(&res, 0, 1);
	for (j = 0; j < 10; j++)
		pc_resource_enqueue(&res, 0, j, 0);
	for (j = 0; j < 10; j++) {
		pc_resource_next(&res, 0, &job);
		pc_resource_done(&res, 0);
	}
	CHECK(res.queue[0].head == 10 && res.queue[0].cap == 16, "head has moved to 10");
	for (j = 10; j < 1010; j++)
		if (pc_resource_enqueue(&res, 0, j, 0) != 0)
			ok = 0;
	CHECK(ok && res.queue[0].cap == 1024 && res.queued == 1000,
	      "the ring doubled to 1024 for 1000 jobs, cap %zu", res.queue[0].cap);
	for (j = 10; j < 1010; j++) {
		if (!pc_resource_next(&res, 0, &job) || job != j)
			ok = 0;
		pc_resource_done(&res, 0);
	}
	CHECK(ok, "1000 jobs come out in order across the wrap and the growth");
	pc_resource_release(&res);
}

/* Several classes: the lowest class index first, FIFO within a class. */
static void test_priority(void)
{
	static const uint32_t jobs[] = { 10, 11, 12, 13, 14, 15, 16 };
	static const int cls[] = { 2, 1, 0, 1, 0, 2, 1 };
	static const uint32_t order[] = { 12, 14, 11, 13, 16, 10, 15 };
	pc_resource res;
	uint32_t job;
	size_t i;
	int ok = 1;

	pc_resource_init(&res, 3, 0, 0);
	for (i = 0; i < 7; i++)
		pc_resource_enqueue(&res, 0, jobs[i], cls[i]);
	CHECK(res.queued == 7 && res.queue[0].n == 2 && res.queue[1].n == 3 &&
	      res.queue[2].n == 2, "jobs land in their classes");
	CHECK(pc_resource_enqueue(&res, 0, 99, 3) == PC_EINPUT &&
	      pc_resource_enqueue(&res, 0, 99, -1) == PC_EINPUT && res.queued == 7,
	      "a class out of range is refused");
	pc_resource_set_capacity(&res, 0, 100);
	for (i = 0; i < 7; i++)
		if (!pc_resource_next(&res, 0, &job) || job != order[i])
			ok = 0;
	CHECK(ok, "class 0 in order, then class 1, then class 2");
	CHECK(pc_resource_next(&res, 0, &job) == 0 && res.busy == 7, "7 busy, none waiting");

	/* A class-0 job that arrives later still goes before waiting class 1. */
	pc_resource_reset(&res);
	pc_resource_set_capacity(&res, 0, 1);
	pc_resource_enqueue(&res, 0, 1, 1);
	pc_resource_enqueue(&res, 0, 2, 1);
	pc_resource_next(&res, 0, &job);
	pc_resource_enqueue(&res, 1, 3, 0);
	pc_resource_done(&res, 2);
	CHECK(pc_resource_next(&res, 2, &job) == 1 && job == 3,
	      "a later class-0 job overtakes waiting class-1 jobs");
	pc_resource_release(&res);
}

/* A capacity drop never interrupts work in hand; starts wait for
 * busy < capacity. */
static void test_capacity_change(void)
{
	pc_resource res;
	uint32_t job;
	int i;

	pc_resource_init(&res, 1, 0, 0);
	pc_resource_set_capacity(&res, 0, 3);
	for (i = 0; i < 5; i++)
		pc_resource_enqueue(&res, 0, (uint32_t)i, 0);
	while (pc_resource_next(&res, 0, &job))
		;
	CHECK(res.busy == 3 && res.queued == 2, "3 busy, 2 waiting");
	pc_resource_set_capacity(&res, 1, 1);
	CHECK(res.capacity == 1 && res.busy == 3, "the drop keeps the 3 tasks in hand");
	CHECK(pc_resource_next(&res, 1, &job) == 0, "no start while busy 3 > capacity 1");
	pc_resource_done(&res, 2);
	CHECK(pc_resource_next(&res, 2, &job) == 0 && res.busy == 2,
	      "no start while busy 2 > capacity 1");
	pc_resource_done(&res, 3);
	CHECK(pc_resource_next(&res, 3, &job) == 0 && res.busy == 1,
	      "no start while busy 1 == capacity 1");
	pc_resource_done(&res, 4);
	CHECK(pc_resource_next(&res, 4, &job) == 1 && job == 3 && res.busy == 1,
	      "busy 0 < capacity 1: job 3 starts");
	pc_resource_set_capacity(&res, 5, 2);
	CHECK(pc_resource_next(&res, 5, &job) == 1 && job == 4 && res.busy == 2,
	      "a rise starts job 4 at once");
	pc_resource_set_capacity(&res, 6, -4);
	CHECK(res.capacity == 0 && res.busy == 2, "a negative capacity counts as 0");

	/* Utilisation above 1 in the interval where a shift ends: 2 busy
	 * with capacity 0 from 6 to 8. */
	pc_resource_advance(&res, 8);
	CHECK_NEAR(res.busy_area, 3 * 1 + 3 * 1 + 2 * 1 + 1 * 1 + 1 * 1 + 2 * 1 + 2 * 2,
		   1e-12, "busy area through the drop");
	pc_resource_release(&res);
}

/* Areas and their split over intervals, by hand.  Intervals of 10 over
 * [0, 30); the pool:
 *   t = 0   capacity 2, jobs A and B start          busy 2, cap 2
 *   t = 5   A done                                  busy 1
 *   t = 12  capacity 4, job C starts                busy 2, cap 4
 *   t = 25  B and C done                            busy 0
 *   t = 35  capacity 0 (the clock is advanced to 35)
 * busy area = 2*5 + 1*7 + 2*13 + 0*10 = 43
 * cap area  = 2*12 + 4*23             = 116
 * interval 0 [0,10):  busy 2*5 + 1*5 = 15        cap 2*10        = 20
 * interval 1 [10,20): busy 1*2 + 2*8 = 18        cap 2*2 + 4*8   = 36
 * interval 2 [20,30): busy 2*5 + 0*5 = 10        cap 4*10        = 40
 * past 30 (totals only): busy 0                 cap 4*5         = 20
 * The advance from 12 to 25 crosses a boundary, the one from 25 to 35
 * runs past the last interval. */
static void test_areas(void)
{
	pc_resource res;
	uint32_t job;

	pc_resource_init(&res, 1, 10.0, 3);
	pc_resource_set_capacity(&res, 0, 2);
	pc_resource_enqueue(&res, 0, 1, 0);
	pc_resource_enqueue(&res, 0, 2, 0);
	pc_resource_next(&res, 0, &job);
	pc_resource_next(&res, 0, &job);
	pc_resource_done(&res, 5);
	pc_resource_set_capacity(&res, 12, 4);
	pc_resource_enqueue(&res, 12, 3, 0);
	pc_resource_next(&res, 12, &job);
	pc_resource_done(&res, 25);
	pc_resource_done(&res, 25);
	pc_resource_set_capacity(&res, 35, 0);
	CHECK(res.last_t == 35, "the clock is at 35");
	CHECK_NEAR(res.busy_area, 43, 1e-12, "busy area");
	CHECK_NEAR(res.cap_area, 116, 1e-12, "capacity area");
	CHECK_NEAR(res.busy_int[0], 15, 1e-12, "busy in [0,10)");
	CHECK_NEAR(res.busy_int[1], 18, 1e-12, "busy in [10,20)");
	CHECK_NEAR(res.busy_int[2], 10, 1e-12, "busy in [20,30)");
	CHECK_NEAR(res.cap_int[0], 20, 1e-12, "capacity in [0,10)");
	CHECK_NEAR(res.cap_int[1], 36, 1e-12, "capacity in [10,20)");
	CHECK_NEAR(res.cap_int[2], 40, 1e-12, "capacity in [20,30)");
	CHECK_NEAR(res.cap_area - (res.cap_int[0] + res.cap_int[1] + res.cap_int[2]), 20, 1e-12,
		   "capacity past the last interval counts in the total only");

	/* Advancing to the same time again, or backwards, adds nothing. */
	pc_resource_set_capacity(&res, 35, 7);
	pc_resource_advance(&res, 30);
	CHECK(res.last_t == 35 && res.cap_area == 116, "a clock that does not move adds nothing");
	pc_resource_release(&res);

	/* One advance across many intervals, starting mid-interval, with
	 * boundaries that are not exact in binary: intervals of 0.1 over
	 * [0, 1); capacity 3 from 0.05, advanced to 1.25 in one call.
	 * Interval 0 gets 3 * 0.05, intervals 1..9 get 3 * 0.1 each, the
	 * total is 3 * 1.2 = 3.6 of which 3 * 0.25 lies past 1. */
	pc_resource_init(&res, 1, 0.1, 10);
	pc_resource_set_capacity(&res, 0.05, 3);
	pc_resource_advance(&res, 1.25);
	{
		double sum = 0;
		int i, ok = 1;

		for (i = 0; i < 10; i++) {
			sum += res.cap_int[i];
			if (fabs(res.cap_int[i] - (i == 0 ? 0.15 : 0.3)) > 1e-12)
				ok = 0;
		}
		CHECK(ok, "each interval gets its share of one long advance");
		CHECK_NEAR(sum, 3.0 - 0.15, 1e-12, "intervals sum to the time inside them");
		CHECK_NEAR(res.cap_area, 3.6, 1e-12, "the total includes the time past 1");
		CHECK(res.busy_area == 0, "no busy time");
	}

	/* Many short advances that land on and around boundaries sum to
	 * the same as one long one. */
	pc_resource_reset(&res);
	pc_resource_set_capacity(&res, 0, 2);
	{
		double t, sum = 0;
		int i, ok = 1;

		for (t = 0.0; t < 1.3; t += 0.025)
			pc_resource_advance(&res, t);
		pc_resource_advance(&res, 1.3);
		for (i = 0; i < 10; i++) {
			sum += res.cap_int[i];
			if (fabs(res.cap_int[i] - 0.2) > 1e-12)
				ok = 0;
		}
		CHECK(ok, "small steps fill every interval with 2 * 0.1");
		CHECK_NEAR(sum, 2.0, 1e-12, "small steps: intervals sum to 2");
		CHECK_NEAR(res.cap_area, 2.6, 1e-12, "small steps: total 2 * 1.3");
	}
	pc_resource_release(&res);
}

/* reset brings the pool back to its state after init, keeping memory. */
static void test_reset(void)
{
	pc_resource res;
	uint32_t job, *mem;
	int i;

	pc_resource_init(&res, 2, 1.0, 4);
	pc_resource_set_capacity(&res, 0, 2);
	for (i = 0; i < 40; i++)
		pc_resource_enqueue(&res, 0.5, (uint32_t)i, i % 2);
	pc_resource_next(&res, 1, &job);
	pc_resource_advance(&res, 3.5);
	mem = res.queue[1].job;
	pc_resource_reset(&res);
	CHECK(res.capacity == 0 && res.busy == 0 && res.queued == 0 && res.queue[0].n == 0 &&
	      res.queue[1].n == 0, "reset empties the pool and the queues");
	CHECK(res.last_t == 0 && res.busy_area == 0 && res.cap_area == 0 &&
	      res.busy_int[0] == 0 && res.busy_int[3] == 0 && res.cap_int[0] == 0 &&
	      res.cap_int[2] == 0, "reset zeroes the accounting");
	CHECK(res.nclasses == 2 && res.nintervals == 4 && res.interval == 1.0 &&
	      res.queue[1].job == mem && res.queue[1].cap == 32,
	      "reset keeps the classes, intervals and memory");
	pc_resource_set_capacity(&res, 0, 1);
	pc_resource_enqueue(&res, 0, 7, 1);
	CHECK(pc_resource_next(&res, 0, &job) == 1 && job == 7, "a reset pool works again");
	pc_resource_release(&res);
}

/* Keyed order: smallest key first, equal keys first come first served. */
static void test_keyed(void)
{
	pc_resource res;
	uint32_t job, got[6];
	int n = 0;

	CHECK(pc_resource_init(&res, 1, 0, 0) == 0, "keyed: init");
	CHECK(pc_resource_enqueue_keyed(&res, 0, 1, 5.0) == PC_EINPUT, "keyed enqueue needs use_keys");
	pc_resource_use_keys(&res);
	pc_resource_enqueue_keyed(&res, 0, 10, 30.0);
	pc_resource_enqueue_keyed(&res, 0, 11, 10.0);
	pc_resource_enqueue_keyed(&res, 0, 12, 20.0);
	pc_resource_enqueue_keyed(&res, 0, 13, 10.0);
	pc_resource_enqueue_keyed(&res, 0, 14, 5.0);
	pc_resource_enqueue_keyed(&res, 0, 15, 30.0);
	CHECK(pc_resource_next(&res, 0, &job) == 0, "keyed: no start without capacity");
	pc_resource_set_capacity(&res, 1, 6);
	while (n < 6 && pc_resource_next(&res, 1, &job))
		got[n++] = job;
	CHECK(n == 6 && got[0] == 14 && got[1] == 11 && got[2] == 13 && got[3] == 12 && got[4] == 10 &&
		      got[5] == 15,
	      "keyed: by key, ties in arrival order");
	CHECK(res.queued == 0 && res.busy == 6, "keyed: all started");
	pc_resource_reset(&res);
	CHECK(res.queued == 0 && res.keyed, "keyed: reset keeps the order");
	pc_resource_release(&res);
}

/* Skill-based routing: pop takes the next job without a server of this
 * pool, seize marks a server busy whatever the capacity; both integrate
 * busy time as the other calls do. */
static void test_pop_seize(void)
{
	pc_resource res;
	uint32_t job;

	CHECK(pc_resource_init(&res, 2, 10, 4) == 0, "init two classes");
	CHECK(pc_resource_pop(&res, 0, &job) == 0, "pop of an empty queue");
	pc_resource_enqueue(&res, 0, 7, 1);
	pc_resource_enqueue(&res, 0, 8, 0);
	CHECK(pc_resource_pop(&res, 1, &job) == 1 && job == 8 && res.queued == 1,
	      "pop follows the classes, with no server (capacity 0)");
	pc_resource_seize(&res, 2);
	CHECK(res.busy == 1 && res.capacity == 0, "seize works past the capacity");
	pc_resource_done(&res, 6);
	CHECK_NEAR(res.busy_area, 4, 1e-12, "busy from 2 to 6");
	CHECK(pc_resource_pop(&res, 7, &job) == 1 && job == 7 && res.queued == 0, "then the class-1 job");
	pc_resource_release(&res);
}

/* The shortcut of advance (the clock still in the interval of its last
 * call) adds exactly what the full split does: a pool whose interval
 * bounds are forgotten before every call, so that each goes through
 * pc_resource_split, ends with the same bits in every interval, over
 * random steps (many within an interval, some across several) with
 * intervals of 0.1, not exact in binary. */
static void test_interval_shortcut(void)
{
	pc_resource fast, full;
	uint64_t x = 12345;
	double t = 0;
	int steps = 0, shortcut = 0;

	pc_resource_init(&fast, 1, 0.1, 50);
	pc_resource_init(&full, 1, 0.1, 50);
	while (t < 5.5) {
		double lo_before, hi_before;
		int cap, busy;

		x = x * 6364136223846793005u + 1442695040888963407u;
		t += (x >> 40) % 7 == 0 ? (double)((x >> 20) % 1000) / 2000.0 : (double)((x >> 20) % 1000) / 100000.0;
		cap = (int)((x >> 50) % 9);
		busy = (int)((x >> 45) % 5);
		lo_before = fast.int_lo;
		hi_before = fast.int_hi;
		if (fast.last_t >= lo_before && t <= hi_before && t > fast.last_t)
			shortcut++;
		full.int_lo = 1;
		full.int_hi = 0;
		pc_resource_set_capacity(&fast, t, cap);
		pc_resource_set_capacity(&full, t, cap);
		fast.busy = full.busy = busy;
		steps++;
	}
	pc_resource_advance(&fast, 6);
	full.int_lo = 1;
	full.int_hi = 0;
	pc_resource_advance(&full, 6);
	CHECK(shortcut > steps / 2 && shortcut < steps, "the shortcut taken in %d of %d steps", shortcut, steps);
	CHECK(!memcmp(fast.busy_int, full.busy_int, 50 * sizeof *fast.busy_int) &&
	      !memcmp(fast.cap_int, full.cap_int, 50 * sizeof *fast.cap_int),
	      "the shortcut adds the same bits to every interval as the full split");
	CHECK(fast.busy_area == full.busy_area && fast.cap_area == full.cap_area, "and the same totals");
	pc_resource_release(&fast);
	pc_resource_release(&full);
}

int main(void)
{
	test_pop_seize();
	test_keyed();
	test_init();
	test_fifo();
	test_priority();
	test_capacity_change();
	test_areas();
	test_interval_shortcut();
	test_reset();
	return check_done();
}
