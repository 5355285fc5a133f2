/* calendar: the event list, a 4-ary min-heap of (time, counter) in one array,
 * with optional buckets that hold far-future events out of the heap and
 * come out, each in turn, as a run sorted by time. */
#ifndef PC_CALENDAR_H
#define PC_CALENDAR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* One scheduled event: its time and the caller's payload a and b (an
 * event kind and an entity index, say), which the calendar never looks
 * at.  Events come out by time, and events at the same time first in,
 * first out, so a run reproduces exactly. */
typedef struct pc_event {
	double time;
	uint32_t a;
	uint32_t b;
} pc_event;

/* A slot of the heap, 16 bytes, so that the four children of a node fill
 * one 64-byte cache line: the time's bits as an integer key (for times
 * >= 0 the bits of an IEEE 754 double order as the doubles do), the
 * heap's insertion counter, and the slot of the event's payload in
 * pay[].  Only events pushed directly enter the heap, in the order they
 * were pushed, so the heap's own counter orders ties as the order of
 * pushing does.  Read as one little-endian 128-bit integer the
 * fields are (key, seq, slot) from the high bits down, whose order is the
 * events' order (no two slots share a counter): one 128-bit comparison
 * instead of three. */
typedef struct pc_hent {
	uint32_t slot;
	uint32_t seq;
	uint64_t key;
} pc_hent;

/* Far-future events wait, unsorted, in the bucket of their time slice: a
 * list of fixed-size chunks in insertion order (which is their order for
 * equal times: a bucket needs no counter).  A chunk that a bucket hands
 * to the run goes back to the calendar's spare list and serves a later
 * bucket, so the buckets hold about the events waiting at one time, not
 * every event of the horizon, and a replication after the first
 * allocates nothing. */
#define PC_CHUNK_EVENTS 63 /* a chunk is 1,016 bytes */

typedef struct pc_chunk {
	struct pc_chunk *next;
	pc_event ev[PC_CHUNK_EVENTS];
} pc_chunk;

/* A bucket's chunks are all full but the tail, which holds n modulo
 * PC_CHUNK_EVENTS events (all of them when that is 0 and n > 0). */
typedef struct pc_bucket {
	pc_chunk *head, *tail;
	size_t n; /* events held */
} pc_bucket;

typedef struct pc_calendar {
	pc_hent *heap;    /* heap[0] is the earliest event; heap + 1 is
			   * 64-byte aligned, so are the children of a node */
	void *heap_mem;   /* the block heap points into */
	pc_event *pay;    /* the payload of each slot (cap of them) */
	uint32_t *vacant; /* slots not in use: cap - n of them, the next on top */
	size_t n;         /* events in the heap */
	size_t cap;       /* slots allocated */
	uint32_t seq;     /* the heap's next insertion counter */
	/* Buckets (width > 0): bucket i holds the events of
	 * [i * width, (i + 1) * width) pushed while its start was at or past
	 * bound = first * width; events earlier than the bound go to the
	 * heap.  A bucket moves, sorted by time with its ties in the order
	 * pushed, into the run once the run is spent and the heap has nothing
	 * before the bucket's start; pop takes the run's next event or the
	 * heap's first, whichever is earlier, the run's on a tie (the heap's
	 * event of that time was pushed after the bucket moved).  The heap
	 * then holds only what is pushed for the current slice, however many
	 * refunds wait days for a buyer or a courier. */
	double width;
	size_t first;
	pc_bucket *bucket;
	size_t nbuckets;
	size_t far;       /* events in buckets */
	pc_chunk *spare;  /* chunks free for any bucket */
	/* The run: the last bucket moved out, sorted by time (ties in the
	 * order pushed), taken by an index; run is run_mem (run_tmp is the
	 * sort's second array). */
	pc_event *run, *run_mem, *run_tmp;
	size_t run_n, run_pos, run_cap;
	void **slab;      /* the blocks the chunks were cut from: 64 KiB,
			   * 128 KiB, ... up to 2 MiB each */
	size_t nslabs, slab_cap;
} pc_calendar;

/* Prepares an empty calendar with room for cap_hint events (at least 16,
 * rounded up to a multiple of 4).
 * Returns 0, or PC_ENOMEM. */
int pc_calendar_init(pc_calendar *cal, size_t cap_hint);

/* Keeps events at or after the current bucket's start in buckets of width
 * seconds until the heap reaches them (0: the heap alone).  Call it on an
 * empty calendar.  The order of events is unchanged: by time, then first
 * in, first out.
 * Returns 0 or PC_EINPUT for a negative or non-finite width. */
int pc_calendar_use_buckets(pc_calendar *cal, double width);

/* Frees the heap, the buckets and their chunks; the calendar may be
 * initialised again.  NULL-safe. */
void pc_calendar_release(pc_calendar *cal);

/* Empties the calendar (heap and buckets) and resets the insertion counter,
 * keeping its memory (the buckets' chunks go to the spare list) and bucket
 * width. */
void pc_calendar_clear(pc_calendar *cal);

/* Schedules an event at time >= 0 (a simulation clock starts at 0).  The
 * heap grows by doubling when full and buckets take chunks from the spare
 * list (cut from a new block of chunks when it is
 * empty), so there is no allocation per event once the calendar has
 * reached its working size.
 * Returns 0, PC_EINPUT for a negative or NaN time, or PC_ENOMEM (the
 * calendar is then unchanged in both cases). */
int pc_calendar_push(pc_calendar *cal, double time, uint32_t a, uint32_t b);

/* Removes the earliest event into *ev.  Returns 1, 0 when empty, or
 * PC_ENOMEM when a bucket could not move into the run (nothing lost). */
int pc_calendar_pop(pc_calendar *cal, pc_event *ev);

/* The order of two times as integers: for times >= 0 (pc_calendar_push
 * refuses others and turns -0 into +0), the bits of an IEEE 754 double
 * order as the doubles do, and two integer comparisons cost less than two
 * floating-point ones with their unordered cases. */
static inline uint64_t pc_time_key(double t)
{
	uint64_t u;

	memcpy(&u, &t, sizeof u);
	return u;
}

/* Peek and take run at every event of a simulation, so they are inline
 * here; what they rarely need is in calendar.c: pc_calendar_settle moves
 * the next bucket into the run once the run is spent and the heap has
 * nothing before the bucket's start (0, or PC_ENOMEM with nothing moved),
 * pc_calendar_heap_pop removes the heap's first event (the heap holds
 * one). */
int pc_calendar_settle(pc_calendar *cal);
void pc_calendar_heap_pop(pc_calendar *cal, pc_event *ev);

/* Whether settle may have a bucket to move: only once the run is spent. */
static inline int pc_calendar_settle_due(const pc_calendar *cal)
{
	return cal->far && cal->run_pos == cal->run_n;
}

/* Whether the run's next event comes before the heap's first (the run
 * wins a tie: see pc_calendar_settle). */
static inline int pc_calendar_run_first(const pc_calendar *cal)
{
	return cal->run_pos < cal->run_n &&
	       (cal->n == 0 || pc_time_key(cal->run[cal->run_pos].time) <= cal->heap[0].key);
}

/* The earliest event without removing it, or NULL when empty (or when a
 * bucket could not move into the run: pc_calendar_size is then not 0).
 * (It may move a bucket into the run, hence the non-const calendar.)  The
 * pointer is good until the next push or pop. */
static inline const pc_event *pc_calendar_peek(pc_calendar *cal)
{
	if (pc_calendar_settle_due(cal) && pc_calendar_settle(cal))
		return NULL;
	if (pc_calendar_run_first(cal))
		return &cal->run[cal->run_pos];
	return cal->n ? &cal->pay[cal->heap[0].slot] : NULL;
}

/* Removes into *ev the event that pc_calendar_peek just returned (peeked,
 * not NULL), with no push or pop since: pop without the checks peek has
 * made. */
static inline void pc_calendar_take(pc_calendar *cal, const pc_event *peeked, pc_event *ev)
{
	if (cal->run_pos < cal->run_n && peeked == cal->run + cal->run_pos) {
		*ev = cal->run[cal->run_pos++];
		return;
	}
	pc_calendar_heap_pop(cal, ev);
}

/* The earliest event of the heap alone, without moving a bucket in, or
 * NULL when the heap is empty: a hint (for a prefetch, say) of what pop
 * will likely return. */
static inline const pc_event *pc_calendar_heap_top(const pc_calendar *cal)
{
	return cal->n ? &cal->pay[cal->heap[0].slot] : NULL;
}

/* Sorts the n events of a by time, equal times keeping their order, with
 * tmp (room for n events) as the second array: counted into about n / 4
 * sub-buckets of the range of their times, in two passes (256 groups,
 * then up to 8192 sub-buckets within each), then each sorted by insertion
 * (a radix sort on the time's bits for a crowded one, and for all past
 * 8 M events).  Times must be finite.  Returns the array that holds the
 * sorted events, a or tmp. */
pc_event *pc_events_sort(pc_event *a, pc_event *tmp, size_t n);

/* Events held, heap and buckets. */
static inline size_t pc_calendar_size(const pc_calendar *cal)
{
	return cal->n + cal->far + (cal->run_n - cal->run_pos);
}

#endif
