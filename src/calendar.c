/* calendar: the event list, a 4-ary min-heap of (time, seq) in one array. */
#include "calendar.h"

#include <stdlib.h>

#include "promocap/error.h"

/* The heap is 4-ary: the children of slot i are 4i+1 .. 4i+4 and its parent
 * is (i-1)/4.  A wider node halves the depth of a binary heap, and the four
 * children of a node (96 bytes) sit in one or two cache lines.  Push and pop
 * move a hole instead of swapping: each level copies one event, and the
 * moving event is written once, at its final slot. */

/* Whether event x comes before event y: earlier time, or the same time and
 * an earlier insertion counter. */
static inline int earlier(const pc_event *x, const pc_event *y)
{
	return x->time < y->time || (x->time == y->time && x->seq < y->seq);
}

int pc_calendar_init(pc_calendar *cal, size_t cap_hint)
{
	if (cap_hint < 16)
		cap_hint = 16;
	cal->n = 0;
	cal->seq = 0;
	cal->cap = 0;
	cal->heap = NULL;
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
	cal->heap = NULL;
	cal->n = 0;
	cal->cap = 0;
	cal->seq = 0;
}

void pc_calendar_clear(pc_calendar *cal)
{
	cal->n = 0;
	cal->seq = 0;
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

int pc_calendar_push(pc_calendar *cal, double time, uint32_t a, uint32_t b)
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

		if (!(time < h[p].time))
			break;
		h[i] = h[p];
		i = p;
	}
	h[i].time = time;
	h[i].seq = cal->seq++;
	h[i].a = a;
	h[i].b = b;
	cal->n++;
	return 0;
}

int pc_calendar_pop(pc_calendar *cal, pc_event *ev)
{
	pc_event *h = cal->heap;
	pc_event last;
	size_t n, i, c;

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
			size_t m01 = earlier(&h[c + 1], &h[c]) ? c + 1 : c;
			size_t m23 = earlier(&h[c + 3], &h[c + 2]) ? c + 3 : c + 2;

			m = earlier(&h[m23], &h[m01]) ? m23 : m01;
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
