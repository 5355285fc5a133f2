/* resource: a server pool with a roster, FIFO rings per priority class, busy-time integrals. */
#include "resource.h"

#include <stdlib.h>
#include <string.h>

#include "promocap/error.h"

/* Slots a ring starts with; a power of two. */
#define RING_START 16

/* Prepares an empty ring of RING_START slots.  Returns 0 or PC_ENOMEM. */
static int ring_init(pc_ring *r)
{
	r->head = 0;
	r->n = 0;
	r->job = malloc(RING_START * sizeof *r->job);
	r->cap = r->job ? RING_START : 0;
	return r->job ? 0 : PC_ENOMEM;
}

/* Doubles the ring, unwrapping its jobs to the front of the new array.
 * Returns 0, or PC_ENOMEM with the ring unchanged. */
int pc_ring_grow(pc_ring *r)
{
	size_t cap = r->cap ? 2 * r->cap : RING_START;
	size_t first;
	uint32_t *job;

	if (cap > SIZE_MAX / sizeof *job)
		return PC_ENOMEM;
	job = malloc(cap * sizeof *job);
	if (!job)
		return PC_ENOMEM;
	/* The jobs run from head to the end of the array, then wrap to the
	 * front: first is how many lie before the wrap. */
	first = r->cap - r->head < r->n ? r->cap - r->head : r->n;
	if (r->n) {
		memcpy(job, r->job + r->head, first * sizeof *job);
		memcpy(job + first, r->job, (r->n - first) * sizeof *job);
	}
	free(r->job);
	r->job = job;
	r->cap = cap;
	r->head = 0;
	return 0;
}

int pc_resource_init(pc_resource *res, int nclasses, double interval, size_t nintervals)
{
	int k;

	memset(res, 0, sizeof *res);
	if (nclasses < 1 || nclasses > PC_RESOURCE_MAX_CLASSES)
		return PC_EINPUT;
	if (nintervals > 0 && !(interval > 0 && interval * (double)nintervals < 1e300))
		return PC_EINPUT;
	res->nclasses = nclasses;
	for (k = 0; k < nclasses; k++) {
		if (ring_init(&res->queue[k]) != 0) {
			pc_resource_release(res);
			return PC_ENOMEM;
		}
	}
	res->interval = interval;
	res->int_lo = 1;
	res->int_hi = 0;
	if (nintervals > 0) {
		res->busy_int = calloc(nintervals, sizeof *res->busy_int);
		res->cap_int = calloc(nintervals, sizeof *res->cap_int);
		if (!res->busy_int || !res->cap_int) {
			pc_resource_release(res);
			return PC_ENOMEM;
		}
		res->nintervals = nintervals;
	}
	return 0;
}

void pc_resource_release(pc_resource *res)
{
	int k;

	if (!res)
		return;
	for (k = 0; k < PC_RESOURCE_MAX_CLASSES; k++)
		free(res->queue[k].job);
	free(res->kheap);
	free(res->busy_int);
	free(res->cap_int);
	memset(res, 0, sizeof *res);
}

void pc_resource_reset(pc_resource *res)
{
	int k;

	res->capacity = 0;
	res->busy = 0;
	for (k = 0; k < res->nclasses; k++) {
		res->queue[k].head = 0;
		res->queue[k].n = 0;
	}
	res->queued = 0;
	res->kseq = 0;
	res->last_t = 0;
	res->int_hint = 0;
	res->int_lo = 1;
	res->int_hi = 0;
	res->busy_area = 0;
	res->cap_area = 0;
	if (res->nintervals) {
		memset(res->busy_int, 0, res->nintervals * sizeof *res->busy_int);
		memset(res->cap_int, 0, res->nintervals * sizeof *res->cap_int);
	}
}

void pc_resource_split(pc_resource *res, double t0, double t1)
{
	const double w = res->interval;
	const size_t nint = res->nintervals;
	const double busy = res->busy, cap = res->capacity;
	size_t i;

	if (t1 <= 0 || t0 >= w * (double)nint)
		return;
	if (t0 < 0)
		t0 = 0;
	i = res->int_hint;
	/* The clock moves on from where it last stopped, usually within the
	 * same interval: check the hint with the products used below before
	 * dividing. */
	if (!(i < nint && (double)i * w <= t0 && (i + 1 == nint || t0 < (double)(i + 1) * w))) {
		i = (size_t)(t0 / w);
		if (i >= nint)
			i = nint - 1;
		/* t0 / w may round across a boundary: settle i so that
		 * i w <= t0 < (i+1) w with the same products used below. */
		while (i > 0 && (double)i * w > t0)
			i--;
		while (i + 1 < nint && (double)(i + 1) * w <= t0)
			i++;
	}
	for (; i < nint; i++) {
		double hi = (double)(i + 1) * w;
		double d = (t1 < hi ? t1 : hi) - t0;

		res->busy_int[i] += busy * d;
		res->cap_int[i] += cap * d;
		if (t1 <= hi)
			break;
		t0 = hi;
	}
	res->int_hint = i < nint ? i : nint - 1;
	res->int_lo = (double)res->int_hint * w;
	res->int_hi = (double)(res->int_hint + 1) * w;
}

void pc_resource_use_keys(pc_resource *res)
{
	res->keyed = 1;
}

static int keyed_before(const pc_keyed *x, const pc_keyed *y)
{
	return x->key < y->key || (x->key == y->key && x->seq < y->seq);
}

int pc_resource_enqueue_keyed(pc_resource *res, double now, uint32_t job, double key)
{
	pc_keyed *h, e;
	size_t i;

	pc_resource_advance(res, now);
	if (!res->keyed)
		return PC_EINPUT;
	if (res->queued == res->kcap) {
		size_t cap = res->kcap ? 2 * res->kcap : 64;
		pc_keyed *nh = realloc(res->kheap, cap * sizeof *nh);
		if (!nh)
			return PC_ENOMEM;
		res->kheap = nh;
		res->kcap = cap;
	}
	h = res->kheap;
	e.key = key;
	e.seq = res->kseq++;
	e.job = job;
	for (i = res->queued; i > 0 && keyed_before(&e, &h[(i - 1) / 2]); i = (i - 1) / 2)
		h[i] = h[(i - 1) / 2];
	h[i] = e;
	res->queued++;
	return 0;
}

uint32_t pc_resource_keyed_pop(pc_resource *res)
{
	pc_keyed *h = res->kheap, last;
	uint32_t job = h[0].job;
	size_t n = --res->queued, i = 0;

	if (n == 0)
		return job;
	last = h[n];
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && keyed_before(&h[c + 1], &h[c]))
			c++;
		if (!keyed_before(&h[c], &last))
			break;
		h[i] = h[c];
		i = c;
	}
	h[i] = last;
	return job;
}

void pc_resource_set_capacity(pc_resource *res, double now, int cap)
{
	pc_resource_advance(res, now);
	res->capacity = cap > 0 ? cap : 0;
}
