/* calendar: the event list, a 4-ary min-heap of (time, counter) in one array,
 * with optional buckets that keep far-future events out of the heap and
 * come out as runs sorted by time. */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE */
#include "calendar.h"

#include <sys/mman.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/error.h"

/* The heap is 4-ary: the children of slot i are 4i+1 .. 4i+4 and its parent
 * is (i-1)/4.  A wider node halves the depth of a binary heap, and the four
 * children of a node (64 bytes) fill one cache line: heap + 1 is 64-byte
 * aligned.  Push and pop move a hole instead of swapping: each level copies
 * one 16-byte slot, and the moving one is written once, at its final
 * place.  The payloads stay put in pay[], read once, when their event
 * leaves. */

#if defined(__SIZEOF_INT128__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
__extension__ typedef unsigned __int128 u128;

/* A slot as one 128-bit number: (key, seq, slot) from the high bits down,
 * whose order is (time, counter) since no two slots share a counter.  One
 * comparison of it (compare and subtract with borrow) replaces three
 * (8% off large-brand, 7% off bench-promo). */
static inline u128 whole(const pc_hent *x)
{
	u128 u;

	memcpy(&u, x, sizeof u);
	return u;
}

/* Whether slot x comes before slot y: earlier time, or the same time and
 * an earlier insertion counter. */
static inline int earlier(const pc_hent *x, const pc_hent *y)
{
	return whole(x) < whole(y);
}

/* The same, for the 4-way choice of the smallest child. */
static inline int before(const pc_hent *x, const pc_hent *y)
{
	return whole(x) < whole(y);
}
#else
/* Whether slot x comes before slot y: earlier time, or the same time and
 * an earlier insertion counter. */
static inline int earlier(const pc_hent *x, const pc_hent *y)
{
	return x->key < y->key || (x->key == y->key && x->seq < y->seq);
}

/* earlier() without short-circuit branches, for the 4-way choice of the
 * smallest child, where the outcome is a coin toss for the branch
 * predictor: the compiler can select with conditional moves. */
static inline int before(const pc_hent *x, const pc_hent *y)
{
	return (x->key < y->key) | ((x->key == y->key) & (x->seq < y->seq));
}
#endif

/* The heap's block for cap slots (a multiple of 4): 64-byte aligned, the
 * heap starting 3 slots in so that slots 1 .. 4, 5 .. 8, ... share lines. */
static pc_hent *heap_block(size_t cap, void **mem)
{
	pc_hent *h;

	if (cap > SIZE_MAX / sizeof *h - 4)
		return NULL;
	h = aligned_alloc(64, (cap + 4) * sizeof *h);
	*mem = h;
	return h ? h + 3 : NULL;
}

/* Every slot free: the free list in order, slot 0 on top. */
static void free_all(pc_calendar *cal)
{
	for (size_t k = 0; k < cal->cap; k++)
		cal->vacant[k] = (uint32_t)(cal->cap - 1 - k);
}

int pc_calendar_init(pc_calendar *cal, size_t cap_hint)
{
	if (cap_hint < 16)
		cap_hint = 16;
	cap_hint = (cap_hint + 3) & ~(size_t)3;
	memset(cal, 0, sizeof *cal);
	if (cap_hint > UINT32_MAX || cap_hint > SIZE_MAX / sizeof *cal->pay)
		return PC_ENOMEM;
	cal->heap = heap_block(cap_hint, &cal->heap_mem);
	cal->pay = malloc(cap_hint * sizeof *cal->pay);
	cal->vacant = malloc(cap_hint * sizeof *cal->vacant);
	if (!cal->heap || !cal->pay || !cal->vacant) {
		pc_calendar_release(cal);
		return PC_ENOMEM;
	}
	cal->cap = cap_hint;
	free_all(cal);
	return 0;
}

void pc_calendar_release(pc_calendar *cal)
{
	if (!cal)
		return;
	free(cal->heap_mem);
	free(cal->pay);
	free(cal->vacant);
	free(cal->run_mem);
	free(cal->run_tmp);
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
	cal->run_n = cal->run_pos = 0;
	free_all(cal);
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

/* Doubles the slots: the heap into a new aligned block, the payloads and
 * the free list by realloc; the new slots join the free list.  Returns 0,
 * or PC_ENOMEM with the calendar unchanged (an array already enlarged only
 * has room to spare). */
static int grow(pc_calendar *cal)
{
	size_t cap = cal->cap, nc = 2 * cap;
	void *mem;
	pc_hent *heap;
	pc_event *pay;
	uint32_t *fr;

	if (nc > UINT32_MAX || nc > SIZE_MAX / sizeof *pay)
		return PC_ENOMEM;
	if (!(pay = realloc(cal->pay, nc * sizeof *pay)))
		return PC_ENOMEM;
	cal->pay = pay;
	if (!(fr = realloc(cal->vacant, nc * sizeof *fr)))
		return PC_ENOMEM;
	cal->vacant = fr;
	if (!(heap = heap_block(nc, &mem)))
		return PC_ENOMEM;
	memcpy(heap, cal->heap, cal->n * sizeof *heap);
	free(cal->heap_mem);
	cal->heap = heap;
	cal->heap_mem = mem;
	/* The free list held cap - n slots; the new ones go under them. */
	memmove(fr + cap, fr, (cap - cal->n) * sizeof *fr);
	for (size_t k = 0; k < cap; k++)
		fr[k] = (uint32_t)(nc - 1 - k);
	cal->cap = nc;
	return 0;
}

static int cmp_hent(const void *x, const void *y)
{
	return earlier(x, y) ? -1 : earlier(y, x) ? 1 : 0;
}

/* The insertion counter has run out (2^32 events into the heap since the
 * last clear): the heap sorted is still a heap, and numbering it in that
 * order keeps every comparison as it was. */
static void renumber(pc_calendar *cal)
{
	qsort(cal->heap, cal->n, sizeof *cal->heap, cmp_hent);
	for (size_t i = 0; i < cal->n; i++)
		cal->heap[i].seq = (uint32_t)i;
	cal->seq = (uint32_t)cal->n;
}

/* Puts an event into the heap, after every event already there with the
 * same time.  Returns 0 or PC_ENOMEM. */
static int heap_push(pc_calendar *cal, double time, uint32_t a, uint32_t b)
{
	pc_hent *h;
	size_t i = cal->n;
	uint64_t key = pc_time_key(time);
	uint32_t slot;

	if (i == cal->cap && grow(cal) != 0)
		return PC_ENOMEM;
	if (cal->seq == UINT32_MAX)
		renumber(cal);
	h = cal->heap;
	slot = cal->vacant[cal->cap - 1 - i];
	cal->pay[slot].time = time;
	cal->pay[slot].a = a;
	cal->pay[slot].b = b;
	/* The new event has the largest insertion counter so far, so it goes
	 * above a parent only when its time is strictly earlier: the time
	 * alone decides. */
	while (i > 0) {
		size_t p = (i - 1) >> 2;

		if (!(key < h[p].key))
			break;
		h[i] = h[p];
		i = p;
	}
	h[i].key = key;
	h[i].seq = cal->seq++;
	h[i].slot = slot;
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
		return heap_push(cal, time, a, b);
	slot = floor(time / cal->width);
	if (!(slot < (double)MAX_BUCKETS))
		return heap_push(cal, time, a, b);
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
	c->ev[k].a = a;
	c->ev[k].b = b;
	bk->n++;
	cal->far++;
	return 0;
}

/* Insertion sort of n events by time, equal times keeping their order. */
static void insertion_sort(pc_event *a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		pc_event e = a[i];
		uint64_t k = pc_time_key(e.time);
		size_t j = i;

		while (j > 0 && pc_time_key(a[j - 1].time) > k) {
			a[j] = a[j - 1];
			j--;
		}
		a[j] = e;
	}
}

/* A radix sort of the n events of a on the time's bits, which is stable
 * (a byte that every key shares is skipped), using tmp as the second
 * array.  Returns the array that holds the sorted events. */
static pc_event *radix_sort(pc_event *a, pc_event *tmp, size_t n)
{
	size_t count[8][256];

	memset(count, 0, sizeof count);
	for (size_t i = 0; i < n; i++) {
		uint64_t k = pc_time_key(a[i].time);

		for (int d = 0; d < 8; d++)
			count[d][(k >> (8 * d)) & 0xff]++;
	}
	for (int d = 0; d < 8; d++) {
		size_t sum = 0;
		pc_event *t;

		if (count[d][(pc_time_key(a[0].time) >> (8 * d)) & 0xff] == n)
			continue;
		for (int v = 0; v < 256; v++) {
			size_t c = count[d][v];

			count[d][v] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[d][(pc_time_key(a[i].time) >> (8 * d)) & 0xff]++] = a[i];
		t = a;
		a = tmp;
		tmp = t;
	}
	return a;
}

/* Sub-buckets larger than this (times bunched in one slice of the range)
 * are radix-sorted; smaller ones by insertion. */
#define SORT_SMALL 48

/* The sub-buckets go in two passes: the first by their high bits, into at
 * most SORT_WAYS1 groups across the whole array (as many places written
 * at once as the caches and the TLB hold), the second within a group,
 * which the caches hold, into at most SORT_WAYS2. */
#define SORT_WAYS1 256
#define SORT_WAYS2 8192

/* The sub-bucket of time t: (t - lo) scale, truncated, the last for what
 * rounds up to nb. */
static inline size_t sub_bucket(double t, double lo, double scale, size_t nb)
{
	double x = (t - lo) * scale;

	return x < (double)nb ? (size_t)x : nb - 1;
}

/* Sorts the m events of a that a crowded sub-bucket holds, tmp (room for
 * m) as the second array, the result in a. */
static void sort_crowded(pc_event *a, pc_event *tmp, size_t m)
{
	pc_event *r = radix_sort(a, tmp, m);

	if (r != a)
		memcpy(a, r, m * sizeof *r);
}

pc_event *pc_events_sort(pc_event *a, pc_event *tmp, size_t n)
{
	uint32_t c1[SORT_WAYS1 + 1], c2[SORT_WAYS2 + 1];
	double lo, hi, scale;
	size_t nb, ntop;
	int shift = 0;

	if (n <= 24) {
		insertion_sort(a, n);
		return a;
	}
	lo = hi = a[0].time;
	for (size_t i = 1; i < n; i++) {
		double t = a[i].time;

		lo = t < lo ? t : lo;
		hi = t > hi ? t : hi;
	}
	if (!(hi > lo))
		return a; /* one time for all: in order already */
	/* About four events a sub-bucket of the range [lo, hi]; its index is
	 * monotone in the time (a rounded difference, then a rounded product
	 * by a positive scale, truncated), so every event of a sub-bucket
	 * comes after those of the ones before it, and equal times share
	 * one. */
	nb = n / 4;
	scale = (double)nb / (hi - lo);
	if (n > UINT32_MAX || nb > (size_t)SORT_WAYS1 * SORT_WAYS2 || !(scale < 1e300))
		return radix_sort(a, tmp, n); /* past 8 M events, or a range of a few denormals */
	while (((nb - 1) >> shift) >= SORT_WAYS1)
		shift++;
	ntop = ((nb - 1) >> shift) + 1;
	/* First pass: by the sub-bucket's high bits, a into tmp. */
	memset(c1, 0, sizeof c1);
	for (size_t i = 0; i < n; i++)
		c1[(sub_bucket(a[i].time, lo, scale, nb) >> shift) + 1]++;
	for (size_t j = 0; j < ntop; j++)
		c1[j + 1] += c1[j];
	for (size_t i = 0; i < n; i++)
		tmp[c1[sub_bucket(a[i].time, lo, scale, nb) >> shift]++] = a[i];
	/* c1[j] is now the end of group j, which starts at c1[j - 1] (0). */
	for (size_t j = 0; j < ntop; j++) {
		size_t b0 = j ? c1[j - 1] : 0, m = c1[j] - b0, base = j << shift, ways = (size_t)1 << shift;
		size_t start = b0;

		if (m <= SORT_SMALL) {
			memcpy(a + b0, tmp + b0, m * sizeof *a);
			insertion_sort(a + b0, m);
			continue;
		}
		if (shift == 0) {
			memcpy(a + b0, tmp + b0, m * sizeof *a);
			sort_crowded(a + b0, tmp + b0, m);
			continue;
		}
		/* Second pass: the group's sub-buckets, tmp back into a;
		 * then each by insertion (a crowded one by radix, the
		 * group's part of tmp free to serve). */
		memset(c2, 0, (ways + 1) * sizeof *c2);
		for (size_t i = b0; i < b0 + m; i++)
			c2[sub_bucket(tmp[i].time, lo, scale, nb) - base + 1]++;
		for (size_t k = 0; k < ways; k++)
			c2[k + 1] += c2[k];
		for (size_t i = b0; i < b0 + m; i++)
			a[b0 + c2[sub_bucket(tmp[i].time, lo, scale, nb) - base]++] = tmp[i];
		for (size_t k = 0; k < ways; k++) {
			size_t end = b0 + c2[k], mk = end - start;

			if (mk > SORT_SMALL)
				sort_crowded(a + start, tmp + start, mk);
			else if (mk > 1)
				insertion_sort(a + start, mk);
			start = end;
		}
	}
	return a;
}

/* Moves the next bucket into the run once the run is spent and the heap
 * has nothing before the bucket's start (empty buckets are passed over),
 * until one holds events or none is left.  The run holds the bucket's
 * events sorted by time, ties in the order they were pushed, and they
 * come out by an index: no heap work for the events that waited in a
 * bucket.  Every event pushed since the bucket's start became the bound
 * went to the heap and comes after the run's events of the same time
 * (it was pushed later), so a tie between the two goes to the run.
 * Returns 0 or PC_ENOMEM (nothing moved). */
int pc_calendar_settle(pc_calendar *cal)
{
	while (cal->far > 0 && cal->run_pos == cal->run_n &&
	       (cal->n == 0 || cal->pay[cal->heap[0].slot].time >= cal->first * cal->width)) {
		pc_bucket *bk = &cal->bucket[cal->first];

		if (bk->head) {
			/* In insertion order: chunk by chunk, each from its start;
			 * all are full but the last. */
			size_t left = bk->n, k = 0;

			if (cal->run_cap < bk->n) {
				size_t nc = cal->run_cap ? cal->run_cap : 256;
				pc_event *r, *t;

				while (nc < bk->n)
					nc *= 2;
				if (nc > UINT32_MAX)
					return PC_ENOMEM;
				if (!(r = realloc(cal->run_mem, nc * sizeof *r)))
					return PC_ENOMEM;
				cal->run_mem = r;
				if (!(t = realloc(cal->run_tmp, nc * sizeof *t)))
					return PC_ENOMEM;
				cal->run_tmp = t;
				cal->run_cap = nc;
			}
			for (pc_chunk *c = bk->head; c; c = c->next) {
				size_t m = left < PC_CHUNK_EVENTS ? left : PC_CHUNK_EVENTS;

				memcpy(cal->run_mem + k, c->ev, m * sizeof *c->ev);
				k += m;
				left -= m;
			}
			cal->run = pc_events_sort(cal->run_mem, cal->run_tmp, bk->n);
			if (cal->run != cal->run_mem) {
				/* The sorted events ended in tmp: the arrays swap. */
				cal->run_tmp = cal->run_mem;
				cal->run_mem = cal->run;
			}
			cal->run_pos = 0;
			cal->run_n = bk->n;
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

void pc_calendar_heap_pop(pc_calendar *cal, pc_event *ev)
{
	pc_hent *h = cal->heap;
	pc_hent last;
	size_t n, i, c;

	*ev = cal->pay[h[0].slot];
	n = --cal->n;
	cal->vacant[cal->cap - 1 - n] = h[0].slot;
	if (n == 0)
		return;
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
}

int pc_calendar_pop(pc_calendar *cal, pc_event *ev)
{
	const pc_event *next = pc_calendar_peek(cal);

	/* peek gives NULL when empty, or when a bucket could not move into
	 * the run: events are then still held. */
	if (!next)
		return pc_calendar_size(cal) ? PC_ENOMEM : 0;
	pc_calendar_take(cal, next, ev);
	return 1;
}
