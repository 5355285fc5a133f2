/* calendar: the event list, a 4-ary min-heap of (time, seq) in one array,
 * with optional buckets that keep far-future events out of the heap. */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE */
#include "calendar.h"

#include <sys/mman.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/error.h"

/* The heap is 4-ary: the children of slot i are 4i+1 .. 4i+4 and its parent
 * is (i-1)/4.  A wider node halves the depth of a binary heap, and the four
 * children of a node (96 bytes) sit in one or two cache lines.  Push and pop
 * move a hole instead of swapping: each level copies one event, and the
 * moving event is written once, at its final slot. */

/* The order of two times as integers: for times >= 0 (pc_calendar_push
 * refuses others and turns -0 into +0), the bits of an IEEE 754 double
 * order as the doubles do, and two integer comparisons cost less than two
 * floating-point ones with their unordered cases. */
static inline uint64_t time_key(double t)
{
	uint64_t u;

	memcpy(&u, &t, sizeof u);
	return u;
}

/* Whether event x comes before event y: earlier time, or the same time and
 * an earlier insertion counter. */
static inline int earlier(const pc_event *x, const pc_event *y)
{
	uint64_t tx = time_key(x->time), ty = time_key(y->time);

	return tx < ty || (tx == ty && x->seq < y->seq);
}

/* earlier() without short-circuit branches, for the 4-way choice of the
 * smallest child, where the outcome is a coin toss for the branch
 * predictor: the compiler can select with conditional moves (7% off the
 * large-brand scenario, neutral on the small heap of M/M/c). */
static inline int before(const pc_event *x, const pc_event *y)
{
	uint64_t tx = time_key(x->time), ty = time_key(y->time);

	return (tx < ty) | ((tx == ty) & (x->seq < y->seq));
}

int pc_calendar_init(pc_calendar *cal, size_t cap_hint)
{
	if (cap_hint < 16)
		cap_hint = 16;
	memset(cal, 0, sizeof *cal);
	if (cap_hint > SIZE_MAX / sizeof *cal->heap)
		return PC_ENOMEM;
	cal->heap = malloc(cap_hint * sizeof *cal->heap);
	if (!cal->heap)
		return PC_ENOMEM;
	cal->cap = cap_hint;
	return 0;
}

void pc_calendar_release(pc_calendar *cal)
{
	if (!cal)
		return;
	free(cal->heap);
	for (size_t i = 0; i < cal->nslabs; i++)
		free(cal->slab[i]);
	free(cal->slab);
	free(cal->bucket);
	memset(cal, 0, sizeof *cal);
}

void pc_calendar_clear(pc_calendar *cal)
{
	cal->n = 0;
	cal->seq = 0;
	for (size_t i = cal->first; i < cal->nbuckets && cal->far > 0; i++) {
		pc_bucket *bk = &cal->bucket[i];

		if (bk->head) {
			bk->tail->next = cal->spare;
			cal->spare = bk->head;
			cal->far -= bk->n;
		}
		bk->head = bk->tail = NULL;
		bk->n = 0;
	}
	cal->first = 0;
	cal->far = 0;
}

int pc_calendar_use_buckets(pc_calendar *cal, double width)
{
	if (!(width >= 0) || isinf(width))
		return PC_EINPUT;
	cal->width = width;
	return 0;
}

/* Doubles the array.  Returns 0, or PC_ENOMEM with the calendar unchanged. */
static int grow(pc_calendar *cal)
{
	size_t cap = cal->cap ? cal->cap : 8;
	pc_event *heap;

	if (cap > SIZE_MAX / 2 / sizeof *heap)
		return PC_ENOMEM;
	heap = realloc(cal->heap, 2 * cap * sizeof *heap);
	if (!heap)
		return PC_ENOMEM;
	cal->heap = heap;
	cal->cap = 2 * cap;
	return 0;
}

/* Puts an event with insertion counter seq into the heap.  Every event
 * already there with the same time has a smaller counter (events come into
 * the heap in counter order, a bucket's after everything earlier), so the
 * time alone decides how far the event rises. */
static int heap_push(pc_calendar *cal, double time, uint64_t seq, uint32_t a, uint32_t b)
{
	pc_event *h;
	size_t i = cal->n;

	if (i == cal->cap && grow(cal) != 0)
		return PC_ENOMEM;
	h = cal->heap;
	/* The new event has the largest insertion counter so far, so it goes
	 * above a parent only when its time is strictly earlier: the time
	 * alone decides. */
	while (i > 0) {
		size_t p = (i - 1) >> 2;

		if (!(time_key(time) < time_key(h[p].time)))
			break;
		h[i] = h[p];
		i = p;
	}
	h[i].time = time;
	h[i].seq = seq;
	h[i].a = a;
	h[i].b = b;
	cal->n++;
	return 0;
}

/* Cuts a new block into chunks for the spare list.  Blocks start at 64 KiB
 * and double up to 2 MiB, which are aligned and offered to the kernel for
 * a huge page: a calendar holding a million far events (large-brand) then
 * takes a page fault per 2 MiB of chunks rather than per 4 KiB.  Returns 0
 * or PC_ENOMEM (the calendar unchanged). */
static int more_chunks(pc_calendar *cal)
{
	const size_t huge = (size_t)2 << 20;
	size_t bytes = cal->nslabs < 5 ? ((size_t)64 << 10) << cal->nslabs : huge, n;
	pc_chunk *blk;

	if (cal->nslabs == cal->slab_cap) {
		size_t nc = cal->slab_cap ? 2 * cal->slab_cap : 16;
		void **s = realloc(cal->slab, nc * sizeof *s);

		if (!s)
			return PC_ENOMEM;
		cal->slab = s;
		cal->slab_cap = nc;
	}
	blk = bytes == huge ? aligned_alloc(huge, huge) : malloc(bytes);
	if (!blk)
		return PC_ENOMEM;
#ifdef MADV_HUGEPAGE
	if (bytes == huge)
		(void)madvise(blk, huge, MADV_HUGEPAGE);
#endif
	cal->slab[cal->nslabs++] = blk;
	n = bytes / sizeof *blk;
	for (size_t k = 0; k < n; k++) {
		blk[k].next = cal->spare;
		cal->spare = &blk[k];
	}
	return 0;
}

/* Buckets past this many are not made: a later event goes to the heap. */
#define MAX_BUCKETS ((size_t)1 << 20)

int pc_calendar_push(pc_calendar *cal, double time, uint32_t a, uint32_t b)
{
	double slot;
	size_t i;
	pc_bucket *bk;
	pc_chunk *c;
	size_t k;

	if (!(time >= 0))
		return PC_EINPUT; /* before the start, or not a number */
	time += 0.0;              /* -0 is +0 */
	if (cal->width <= 0 || !(time >= cal->first * cal->width))
		return heap_push(cal, time, cal->seq++, a, b);
	slot = floor(time / cal->width);
	if (!(slot < (double)MAX_BUCKETS))
		return heap_push(cal, time, cal->seq++, a, b);
	i = (size_t)slot;
	if (i < cal->first)
		i = cal->first; /* rounding at the bound */
	if (i >= cal->nbuckets) {
		size_t nb = cal->nbuckets ? cal->nbuckets : 64;
		pc_bucket *b2;

		while (nb <= i)
			nb *= 2;
		b2 = realloc(cal->bucket, nb * sizeof *b2);
		if (!b2)
			return PC_ENOMEM;
		memset(b2 + cal->nbuckets, 0, (nb - cal->nbuckets) * sizeof *b2);
		cal->bucket = b2;
		cal->nbuckets = nb;
	}
	bk = &cal->bucket[i];
	/* Every chunk of a bucket but its tail is full, so the bucket's count
	 * says where the event goes without reading the (cold) chunk. */
	k = bk->n % PC_CHUNK_EVENTS;
	if (k == 0) {
		if (!cal->spare && more_chunks(cal))
			return PC_ENOMEM;
		c = cal->spare;
		cal->spare = c->next;
		c->next = NULL;
		if (bk->tail)
			bk->tail->next = c;
		else
			bk->head = c;
		bk->tail = c;
	} else {
		c = bk->tail;
	}
	c->ev[k].time = time;
	c->ev[k].seq = cal->seq++;
	c->ev[k].a = a;
	c->ev[k].b = b;
	bk->n++;
	cal->far++;
	return 0;
}

/* Moves buckets into the heap until the heap's earliest event comes before
 * the next bucket's start, or no bucket holds anything.  Returns 0 or
 * PC_ENOMEM. */
static int settle(pc_calendar *cal)
{
	while (cal->far > 0 && (cal->n == 0 || cal->heap[0].time >= cal->first * cal->width)) {
		pc_bucket *bk = &cal->bucket[cal->first];

		while (cal->cap < cal->n + bk->n)
			if (grow(cal))
				return PC_ENOMEM; /* nothing moved yet: still consistent */
		if (bk->head) {
			/* In insertion order: chunk by chunk, each from its start;
			 * all are full but the last. */
			size_t left = bk->n;

			for (pc_chunk *c = bk->head; c; c = c->next) {
				size_t m = left < PC_CHUNK_EVENTS ? left : PC_CHUNK_EVENTS;

				for (size_t k = 0; k < m; k++)
					heap_push(cal, c->ev[k].time, c->ev[k].seq, c->ev[k].a, c->ev[k].b);
				left -= m;
			}
			bk->tail->next = cal->spare;
			cal->spare = bk->head;
			bk->head = bk->tail = NULL;
		}
		cal->far -= bk->n;
		bk->n = 0;
		cal->first++;
	}
	return 0;
}

const pc_event *pc_calendar_peek(pc_calendar *cal)
{
	if (cal->far && settle(cal))
		return NULL;
	return cal->n ? &cal->heap[0] : NULL;
}

int pc_calendar_pop(pc_calendar *cal, pc_event *ev)
{
	pc_event *h;
	pc_event last;
	size_t n, i, c;

	if (cal->far && settle(cal))
		return PC_ENOMEM;
	h = cal->heap;
	if (cal->n == 0)
		return 0;
	*ev = h[0];
	n = --cal->n;
	if (n == 0)
		return 1;
	last = h[n];

	/* Bottom-up (Floyd): walk the hole down the path of smallest children
	 * to a leaf without comparing with the moving event, then sift that
	 * event up from there.  The last event of the array usually belongs
	 * near the bottom, so this saves one comparison per level. */
	i = 0;
	for (;;) {
		size_t m;

		c = 4 * i + 1;
		if (c + 3 < n) {
			size_t m01 = c + (size_t)before(&h[c + 1], &h[c]);
			size_t m23 = c + 2 + (size_t)before(&h[c + 3], &h[c + 2]);

			m = before(&h[m23], &h[m01]) ? m23 : m01;
		} else if (c < n) {
			size_t k;

			m = c;
			for (k = c + 1; k < n; k++)
				if (earlier(&h[k], &h[m]))
					m = k;
		} else {
			break;
		}
		h[i] = h[m];
		i = m;
	}
	while (i > 0) {
		size_t p = (i - 1) >> 2;

		if (!earlier(&last, &h[p]))
			break;
		h[i] = h[p];
		i = p;
	}
	h[i] = last;
	return 1;
}
